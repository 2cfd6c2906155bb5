package io.milepost.notifier.tracking;

import io.milepost.notifier.words.Words;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The customer's page at the link in their first SMS. The token is the only credential. */
@RestController
class TrackingPageController {
  private final TrackingViews views;
  private final Words words;

  TrackingPageController(TrackingViews views, Words words) {
    this.views = views;
    this.words = words;
  }

  @GetMapping(path = "/track/{token}", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> page(@PathVariable String token) {
    return views
        .forToken(token)
        .map(view -> html(HttpStatus.OK, TrackingHtml.page(token, view, words)))
        .orElseGet(() -> html(HttpStatus.NOT_FOUND, TrackingHtml.notFound()));
  }

  @GetMapping(path = "/track/{token}/progress", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> progress(@PathVariable String token) {
    return views
        .forToken(token)
        .map(view -> html(HttpStatus.OK, TrackingHtml.progress(view, words)))
        .orElseGet(() -> html(HttpStatus.NOT_FOUND, TrackingHtml.notFound()));
  }

  private static ResponseEntity<String> html(HttpStatus status, String body) {
    return ResponseEntity.status(status)
        .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
        // A token in a URL must not linger in shared caches.
        .header("Cache-Control", "no-store")
        .header("Referrer-Policy", "no-referrer")
        // Only our own script, style and WebSocket: nothing on the page can leak the token.
        .header("Content-Security-Policy", "default-src 'self'; connect-src 'self'")
        .body(body);
  }
}
