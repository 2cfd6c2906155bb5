package io.milepost.notifier.sms;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.net.URI;

/**
 * twilio-java's HTTP client, sending every request to {@code milepost.twilio.api-base-url}.
 *
 * <p>It also makes exactly one attempt per call: the SDK would silently retry any 5xx three times,
 * 100 ms apart and without jitter, and never a 429. Retries belong to {@link SmsDispatcher}, which
 * persists them and backs off with jitter.
 */
final class RebasingHttpClient extends NetworkHttpClient {
  private final URI base;

  RebasingHttpClient(URI base) {
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
