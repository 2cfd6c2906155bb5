package io.milepost.notifier.sms;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.net.URI;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;

/**
 * twilio-java's HTTP client, sending every request to {@code milepost.twilio.api-base-url}.
 *
 * <p>It also makes exactly one attempt per call. Left alone, two layers retry silently: the SDK
 * repeats any 5xx up to three times, 100 ms apart, and Apache HttpClient 5 underneath repeats a 429
 * or 503 once more after a second, even for a POST. Retries belong to {@link SmsDispatcher}, which
 * persists them and backs off with jitter.
 */
final class RebasingHttpClient extends NetworkHttpClient {
  private final URI base;

  RebasingHttpClient(URI base) {
    super(
        HttpClientBuilder.create()
            .useSystemProperties()
            .disableAutomaticRetries()
            .setDefaultRequestConfig(DEFAULT_REQUEST_CONFIG)
            .setConnectionManager(
                PoolingHttpClientConnectionManagerBuilder.create()
                    .setDefaultSocketConfig(DEFAULT_SOCKET_CONFIG)
                    .setMaxConnPerRoute(20)
                    .setMaxConnTotal(100)
                    .build()));
    this.base = base;
  }

  @Override
  public Response makeRequest(Request request) {
    return super.makeRequest(new RebasedRequest(request, base));
  }

  @Override
  public Response reliableRequest(Request request, int[] retryCodes, int retries, long delay) {
    return makeRequest(request);
  }
}
