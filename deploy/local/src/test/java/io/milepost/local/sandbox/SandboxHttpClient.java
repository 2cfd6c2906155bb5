package io.milepost.local.sandbox;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.util.List;
import java.util.Map;

/**
 * twilio-java's own HTTP client, pointed at the sandbox: the request the SDK built (path, query,
 * form, auth) goes to the sandbox's host instead of api.twilio.com.
 */
final class SandboxHttpClient extends NetworkHttpClient {
  private final String baseUrl;

  SandboxHttpClient(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  @Override
  public Response makeRequest(Request request) {
    Request rebased = new Request(request.getMethod(), baseUrl + request.constructURL().getFile());
    for (Map.Entry<String, List<String>> param : request.getPostParams().entrySet()) {
      param.getValue().forEach(value -> rebased.addPostParam(param.getKey(), value));
    }
    rebased.setAuth(request.getUsername(), request.getPassword());
    return super.makeRequest(rebased);
  }
}
