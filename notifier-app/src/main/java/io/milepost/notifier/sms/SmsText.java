package io.milepost.notifier.sms;

import io.milepost.schemas.SmsSegments;

import io.milepost.notifier.words.Reasons;
import io.milepost.schemas.Journey;
import io.milepost.schemas.Reason;
import io.milepost.schemas.ReasonCode;
import io.milepost.schemas.Stage;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The customer-facing text of each SMS, in English for now. Pure functions. Every text is kept
 * within {@link #MAX_SEGMENTS} segments: first by leaving out what is nice to know (a reason, the
 * stages a digest passed, an apology), then by shortening the note, then the business's name; never
 * by cutting the tracking link or the news itself.
 */
public final class SmsText {
  public static final int MAX_SEGMENTS = 2;

  /** A business name longer than this is shortened before anything else is left out. */
  static final int MAX_NAME = 40;

  private static final String ELLIPSIS = "...";
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("h:mm a", Locale.US);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.US);

  private SmsText() {}

  /**
   * @param trackingUrl the tracking link, only on a job's first SMS; null otherwise
   */
  public static String stageChanged(
      String tenantName, Stage stage, String note, String trackingUrl) {
    return stageChanged(tenantName, stage, List.of(), note, trackingUrl);
  }

  /**
   * A stage change, or a digest of several: the latest stage, then briefly the stages passed since
   * the last text (left out first when space is short).
   *
   * @param stagesPassed the stages a digest collapsed, oldest first, before {@code stage}
   * @param trackingUrl the tracking link, only on a job's first SMS; null otherwise
   */
  public static String stageChanged(
      String tenantName, Stage stage, List<Stage> stagesPassed, String note, String trackingUrl) {
    List<Piece> pieces = new ArrayList<>();
    pieces.add(Piece.kept(sentence(stage) + "."));
    if (stagesPassed != null && !stagesPassed.isEmpty()) {
      pieces.add(
          Piece.optional(
              1,
              " Since our last text: "
                  + stagesPassed.stream()
                      .map(passed -> passed.label().toLowerCase(Locale.ROOT))
                      .collect(Collectors.joining(", "))
                  + "."));
    }
    return fit(tenantName, pieces, note, trackingUrl);
  }

  /**
   * The ETA moved: when the job should now be done (ready, or delivered), and why.
   *
   * @param zone the customer's time zone if known, else the location's, else UTC (then said)
   * @param now when this is said (the intent's time): the day is named only if the ETA is on
   *     another day there
   */
  public static String etaChanged(
      String tenantName,
      Journey journey,
      Instant etaAt,
      Reason reason,
      ZoneId zone,
      Instant now,
      String trackingUrl) {
    List<Piece> pieces = new ArrayList<>();
    pieces.add(Piece.kept(expected(journey) + " " + time(etaAt, zone, now)));
    if (reason != null) {
      pieces.add(Piece.optional(1, ", because " + Reasons.clause(reason)));
    }
    pieces.add(Piece.kept("."));
    return fit(tenantName, pieces, null, trackingUrl);
  }

  /**
   * Said before the promise breaks: "we expect to be later than promised: now around 5:30 PM
   * instead of 4:00 PM, because waiting for parts usually takes about 25 hours".
   *
   * @param promisedAt the promise about to break; may be null (then not repeated)
   * @param zone see {@link #etaChanged}
   */
  public static String delayRisk(
      String tenantName,
      Instant etaAt,
      Instant promisedAt,
      Reason reason,
      ZoneId zone,
      Instant now,
      String trackingUrl) {
    List<Piece> pieces = new ArrayList<>();
    String around = etaAt == null ? "" : ": now around " + time(etaAt, zone, now);
    pieces.add(Piece.kept("we expect to be later than promised" + around));
    // Times are shown to the minute: a promise missed by seconds would read "12:24 PM instead of
    // 12:24 PM", so the promise is repeated only when it reads differently.
    if (promisedAt != null
        && etaAt != null
        && !time(promisedAt, zone, now).equals(time(etaAt, zone, now))) {
      pieces.add(Piece.optional(2, " instead of " + time(promisedAt, zone, now)));
    }
    if (reason != null) {
      pieces.add(Piece.optional(3, ", because " + Reasons.clause(reason)));
    }
    pieces.add(Piece.kept("."));
    pieces.add(Piece.optional(4, " We are sorry for the wait."));
    return fit(tenantName, pieces, null, trackingUrl);
  }

  /**
   * A stage ran well past its expected time: which, by how much when known, and the ETA now if
   * known.
   *
   * @param reason the overrun's reason (its {@code minutes} say by how much); may be null
   * @param etaAt the ETA now; may be null
   */
  public static String stageOverrun(
      String tenantName,
      Stage stage,
      Reason reason,
      Instant etaAt,
      ZoneId zone,
      Instant now,
      String trackingUrl) {
    List<Piece> pieces = new ArrayList<>();
    Integer over =
        reason != null && reason.code() == ReasonCode.STAGE_OVERRUN ? reason.minutes() : null;
    pieces.add(
        Piece.kept(Reasons.clause(new Reason(ReasonCode.STAGE_OVERRUN, stage, over, null)) + "."));
    if (etaAt != null) {
      pieces.add(Piece.optional(2, " We now expect around " + time(etaAt, zone, now) + "."));
    }
    pieces.add(Piece.optional(3, " We will text you when it moves on."));
    return fit(tenantName, pieces, null, trackingUrl);
  }

  /**
   * Nobody reported for a while in a stage that waits on the business: an honest "still working on
   * it", with where the job stands.
   */
  public static String silence(String tenantName, Stage stage, String trackingUrl) {
    List<Piece> pieces = new ArrayList<>();
    pieces.add(Piece.kept("still working on it: " + sentence(stage) + "."));
    pieces.add(Piece.optional(1, " No news to share yet; we will text you as soon as there is."));
    return fit(tenantName, pieces, null, trackingUrl);
  }

  /** One short sentence per stage; the compiler insists every stage has one. */
  static String sentence(Stage stage) {
    return switch (stage) {
      case CHECKED_IN -> "your vehicle is checked in";
      case DIAGNOSING -> "we are diagnosing your vehicle";
      case AWAITING_APPROVAL -> "we need your approval before we continue work on your vehicle";
      case WAITING_FOR_PARTS -> "your vehicle is waiting for parts";
      case IN_REPAIR -> "your vehicle is now in repair";
      case QUALITY_CHECK -> "your vehicle is in its final quality check";
      case READY_FOR_PICKUP -> "your vehicle is ready for pickup";
      case COLLECTED -> "thank you for collecting your vehicle";
      case CREATED -> "we have your parcel order";
      case PICKED_UP -> "your parcel has been picked up";
      case IN_TRANSIT -> "your parcel is on its way";
      case OUT_FOR_DELIVERY -> "your parcel is out for delivery";
      case DELIVERED -> "your parcel has been delivered";
      case DELIVERY_FAILED -> "we could not deliver your parcel this time";
      case RETURNED -> "your parcel is being returned to the sender";
    };
  }

  private static String expected(Journey journey) {
    return switch (journey) {
      case VEHICLE_SERVICE -> "your vehicle should now be ready around";
      case DELIVERY -> "your parcel should now arrive around";
    };
  }

  /**
   * "5:30 PM" in {@code zone}; "5:30 PM on Wed 25 Nov" when that is another day there than {@code
   * now}; with " UTC" when no better zone was known.
   */
  static String time(Instant at, ZoneId zone, Instant now) {
    ZoneId where = zone == null ? ZoneOffset.UTC : zone;
    ZonedDateTime local = at.atZone(where);
    String text = CLOCK.format(local);
    if (now == null || !local.toLocalDate().equals(now.atZone(where).toLocalDate())) {
      text += " on " + DAY.format(local);
    }
    return where.normalized().equals(ZoneOffset.UTC) ? text + " UTC" : text;
  }

  /**
   * A piece of a text: kept always (drop order 0) or left out when space is short, the highest drop
   * order first.
   */
  private record Piece(String text, int dropOrder) {
    static Piece kept(String text) {
      return new Piece(text, 0);
    }

    static Piece optional(int dropOrder, String text) {
      return new Piece(text, dropOrder);
    }
  }

  /**
   * "{tenant}: {pieces} {note} Track it: {link}" within {@link #MAX_SEGMENTS}: a name longer than
   * {@link #MAX_NAME} is shortened to it first; then, while the text is too long, leaves out
   * optional pieces (highest drop order first), then shortens the note, then the name further.
   */
  private static String fit(
      String tenantName, List<Piece> pieces, String note, String trackingUrl) {
    List<Piece> kept = new ArrayList<>(pieces);
    String name = tenantName == null ? "" : tenantName.strip();
    while (name.length() > MAX_NAME) {
      name = shorten(name);
    }
    String cleanNote = note == null ? "" : note.strip();
    String tail = trackingUrl == null ? "" : " Track it: " + trackingUrl;
    while (true) {
      String text = compose(name, kept, cleanNote, tail);
      if (SmsSegments.count(text) <= MAX_SEGMENTS) {
        return text;
      }
      Piece droppable =
          kept.stream()
              .filter(piece -> piece.dropOrder() > 0)
              .max(java.util.Comparator.comparingInt(Piece::dropOrder))
              .orElse(null);
      if (droppable != null) {
        kept.remove(droppable);
      } else if (!cleanNote.isEmpty()) {
        cleanNote = shorten(cleanNote);
      } else if (!name.isEmpty()) {
        name = shorten(name);
      } else {
        // The news and the link alone: nothing left to cut without losing them.
        return text;
      }
    }
  }

  private static String compose(String name, List<Piece> pieces, String note, String tail) {
    StringBuilder body = new StringBuilder();
    pieces.forEach(piece -> body.append(piece.text()));
    String news = body.toString();
    StringBuilder text = new StringBuilder();
    if (name.isEmpty()) {
      text.append(Character.toUpperCase(news.charAt(0))).append(news.substring(1));
    } else {
      text.append(name).append(": ").append(news);
    }
    if (!note.isEmpty()) {
      text.append(' ').append(withFullStop(note));
    }
    return text.append(tail).toString();
  }

  private static String withFullStop(String note) {
    return note.endsWith(".") || note.endsWith("!") || note.endsWith("?") || note.endsWith(ELLIPSIS)
        ? note
        : note + ".";
  }

  /** Drops the last word (or ten characters of a very long one) and marks the cut. */
  private static String shorten(String text) {
    String body = text.endsWith(ELLIPSIS) ? text.substring(0, text.length() - 3) : text;
    int space = body.lastIndexOf(' ');
    int cut = space > 0 && body.length() - space <= 20 ? space : Math.max(0, body.length() - 10);
    String shorter = body.substring(0, cut).strip();
    return shorter.isEmpty() ? "" : shorter + ELLIPSIS;
  }
}
