package io.milepost.notifier.sms;

import com.twilio.http.Request;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;

/** A copy of a Twilio SDK request that goes to another host: the SDK cannot be told a base URL. */
final class RebasedRequest extends Request {
  private final Request original;
  private final String base;

  RebasedRequest(Request original, URI base) {
    super(original.getMethod(), original.getUrl());
    this.original = original;
    String text = base.toString();
    this.base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    postParams.putAll(original.getPostParams());
    headerParams.putAll(original.getHeaderParams());
    setContentType(original.getContentType());
    setBody(original.getBody());
    setFormParameters(original.getFormParameters());
    setUserAgentExtensions(original.getUserAgentExtensions());
  }

  /** Twilio's URL (path and query as the SDK built them) on our base. */
  @Override
  public URL constructURL() {
    try {
      return URI.create(base + original.constructURL().getFile()).toURL();
    } catch (MalformedURLException e) {
      throw new IllegalStateException("bad Twilio base URL " + base, e);
    }
  }

  @Override
  public boolean requiresAuthentication() {
    return original.requiresAuthentication();
  }

  @Override
  public String getAuthString() {
    return original.getAuthString();
  }
}
