package io.milepost.notifier.sms;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.net.URI;
import java.time.Duration;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.util.Timeout;

/**
 * twilio-java's HTTP client, sending every request to {@code milepost.twilio.api-base-url}.
 *
 * <p>It also makes exactly one attempt per call. Left alone, two layers retry silently: the SDK
 * repeats any 5xx up to three times, 100 ms apart, and Apache HttpClient 5 underneath repeats a 429
 * or 503 once more after a second, even for a POST. Retries belong to {@link SmsDispatcher}, which
 * persists them and backs off with jitter.
 *
 * <p>And it bounds every call by our timeouts. The SDK sets its own request config on each request
 * (30.5 s to connect, a 30 s socket timeout), which would win over the builder's defaults; the
 * first request interceptor puts ours back in place before a connection is leased or opened.
 */
final class RebasingHttpClient extends NetworkHttpClient {
  private final URI base;

  RebasingHttpClient(URI base, Duration connectTimeout, Duration readTimeout) {
    super(builder(connectTimeout, readTimeout));
    this.base = base;
  }

  @SuppressWarnings(
      "deprecation") // RequestConfig's connect timeout: the SDK sets it, we override it
  private static HttpClientBuilder builder(Duration connectTimeout, Duration readTimeout) {
    Timeout connect = Timeout.of(connectTimeout);
    Timeout read = Timeout.of(readTimeout);
    RequestConfig bounded =
        RequestConfig.copy(DEFAULT_REQUEST_CONFIG)
            .setConnectionRequestTimeout(connect)
            .setConnectTimeout(connect)
            .setResponseTimeout(read)
            .build();
    return HttpClientBuilder.create()
        .useSystemProperties()
        .disableAutomaticRetries()
        .setDefaultRequestConfig(bounded)
        .addRequestInterceptorFirst(
            (request, entity, context) ->
                HttpClientContext.castOrCreate(context).setRequestConfig(bounded))
        .setConnectionManager(
            PoolingHttpClientConnectionManagerBuilder.create()
                .setDefaultSocketConfig(
                    SocketConfig.copy(DEFAULT_SOCKET_CONFIG).setSoTimeout(read).build())
                .setDefaultConnectionConfig(
                    ConnectionConfig.custom()
                        .setConnectTimeout(connect)
                        .setSocketTimeout(read)
                        .build())
                .setMaxConnPerRoute(20)
                .setMaxConnTotal(100)
                .build());
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
