package io.milepost.notifier;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the outside world reaches this app: tracking links, Twilio's status callback, and the URL
 * Twilio signed (behind a proxy the request's own URL would be wrong, so signatures use this).
 *
 * @param publicBaseUrl e.g. {@code https://notify.example.com}, no trailing slash needed
 */
@ConfigurationProperties("milepost")
public record PublicUrls(@DefaultValue("http://localhost:8080") URI publicBaseUrl) {

  /** An absolute URL for a path of this app, e.g. {@code /track/abc}. */
  public String of(String path) {
    String base = publicBaseUrl.toString();
    return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
  }

  /** Scheme, host and port: what a browser sends as {@code Origin} from our pages. */
  public String origin() {
    return publicBaseUrl.getScheme()
        + "://"
        + publicBaseUrl.getHost()
        + (publicBaseUrl.getPort() < 0 ? "" : ":" + publicBaseUrl.getPort());
  }

  public String trackingPage(String token) {
    return of("/track/" + token);
  }
}
