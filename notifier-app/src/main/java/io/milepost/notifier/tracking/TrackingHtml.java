package io.milepost.notifier.tracking;

import io.milepost.notifier.words.Words;
import io.milepost.schemas.Alert;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.web.util.HtmlUtils;

/**
 * The tracking page's HTML. The progress section is rendered only here: the page's script fetches
 * it again ({@code /track/{token}/progress}) whenever a push says the job changed.
 */
final class TrackingHtml {
  private static final DateTimeFormatter FALLBACK_TIME =
      DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);

  /**
   * The page's language until the pages' own issue reads the reader's (its words already come from
   * the bundles).
   */
  static final Locale LOCALE = Locale.ENGLISH;

  private TrackingHtml() {}

  static String page(String token, TrackingView view, Words words) {
    return shell(
        view.company() + " · " + view.jobRef(),
        """
        <main data-token="%s" data-version="%d">
          <header>
            <p class="company">%s</p>
            <h1>Your %s <span class="job-ref">%s</span></h1>
          </header>
          <section id="progress" aria-live="polite">%s</section>
          <p id="live" class="live" data-state="connecting">Connecting for live updates…</p>
        </main>
        <script src="/js/stomp-lite.js"></script>
        <script src="/js/tracking.js"></script>
        """
            .formatted(
                escape(token),
                view.version(),
                escape(view.company()),
                view.journey().equals("delivery") ? "parcel" : "vehicle",
                escape(view.jobRef()),
                progress(view, words)));
  }

  /** The part that changes: current stage, open alerts, ETA and why, promise, note, stages. */
  static String progress(TrackingView view, Words words) {
    StringBuilder html = new StringBuilder();
    html.append("<div class=\"now\" id=\"current-stage\" data-stage=\"")
        .append(view.stage())
        .append("\" data-version=\"")
        .append(view.version())
        .append("\"><span class=\"label\">Now</span> <strong>")
        .append(escape(view.stageLabel()))
        .append("</strong></div>");
    for (Alert alert : view.alerts()) {
      html.append("<p class=\"alert\" data-alert=\"")
          .append(alert.kind())
          .append("\">")
          .append(escape(words.alert(alert.kind(), alert.stage(), LOCALE)));
      if (alert.since() != null) {
        html.append(" <span class=\"since\">Since ").append(time(alert.since())).append("</span>");
      }
      html.append("</p>");
    }
    if (view.etaAt() != null) {
      html.append("<p id=\"eta\">Expected: ").append(time(view.etaAt()));
      if (view.etaReason() != null) {
        html.append(" <span id=\"eta-reason\" class=\"reason\" data-reason=\"")
            .append(view.etaReason().code())
            .append("\">(")
            .append(escape(words.reason(view.etaReason(), LOCALE)))
            .append(")</span>");
      }
      html.append("</p>");
    }
    if (view.promisedAt() != null) {
      html.append("<p id=\"promised\">Promised: ").append(time(view.promisedAt())).append("</p>");
    }
    if (view.note() != null && !view.note().isBlank()) {
      html.append("<p id=\"note\" class=\"note\">").append(escape(view.note())).append("</p>");
    }
    html.append("<ol class=\"stages\">");
    for (TrackingView.StageView stage : view.stages()) {
      html.append("<li data-stage=\"")
          .append(stage.stage())
          .append("\" data-state=\"")
          .append(stage.state())
          .append("\"><span class=\"dot\"></span><span class=\"name\">")
          .append(escape(stage.label()))
          .append("</span>");
      if (stage.enteredAt() != null) {
        html.append(" ").append(time(stage.enteredAt()));
      }
      html.append("</li>");
    }
    return html.append("</ol>").toString();
  }

  static String notFound() {
    return shell(
        "Tracking link not found",
        """
        <main class="not-found" id="not-found">
          <h1>We could not find this tracking link</h1>
          <p>The link may be mistyped or too old. Please use the latest link from your text
          message, or contact the business that sent it.</p>
        </main>
        """);
  }

  private static String time(Instant instant) {
    // Shown in UTC without script; the page's script rewrites it in the reader's own time zone.
    return "<time datetime=\"" + instant + "\">" + FALLBACK_TIME.format(instant) + "</time>";
  }

  private static String escape(String text) {
    return HtmlUtils.htmlEscape(text == null ? "" : text);
  }

  private static String shell(String title, String body) {
    return """
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>%s</title>
          <link rel="stylesheet" href="/css/tracking.css">
        </head>
        <body>
        %s
        </body>
        </html>
        """
        .formatted(escape(title), body);
  }
}
