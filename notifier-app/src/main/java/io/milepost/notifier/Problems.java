package io.milepost.notifier;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/** RFC 9457 bodies written outside Spring MVC, where no message converter runs (filters). */
public final class Problems {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  /** Problem types are identifiers under one base, documented in the notifier's README. */
  static final String TYPE_BASE = "https://milepost.io/problems/";

  private Problems() {}

  public static URI type(String slug) {
    return URI.create(TYPE_BASE + slug);
  }

  public static void write(
      HttpServletResponse response, HttpStatus status, String type, String detail, String path)
      throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", type(type).toString());
    body.put("title", status.getReasonPhrase());
    body.put("status", status.value());
    body.put("detail", detail);
    body.put("instance", path);
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    if (status == HttpStatus.UNAUTHORIZED) {
      response.setHeader("WWW-Authenticate", "Bearer");
    }
    response.getOutputStream().write(MAPPER.writeValueAsBytes(body));
  }
}
