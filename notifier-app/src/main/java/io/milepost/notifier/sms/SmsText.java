package io.milepost.notifier.sms;

import io.milepost.schemas.Stage;

/**
 * The customer-facing text of a stage-change SMS, in English for now. Kept within {@link
 * #MAX_SEGMENTS} segments by shortening the note, never the tracking link.
 */
public final class SmsText {
  public static final int MAX_SEGMENTS = 2;
  private static final String ELLIPSIS = "...";

  private SmsText() {}

  /**
   * @param trackingUrl the tracking link, only on a job's first SMS; null otherwise
   */
  public static String stageChanged(
      String tenantName, Stage stage, String note, String trackingUrl) {
    String head = tenantName + ": " + sentence(stage) + ".";
    String tail = trackingUrl == null ? "" : " Track it: " + trackingUrl;
    String cleanNote = note == null ? "" : note.strip();
    while (true) {
      String text = head + (cleanNote.isEmpty() ? "" : " " + withFullStop(cleanNote)) + tail;
      if (SmsSegments.count(text) <= MAX_SEGMENTS || cleanNote.isEmpty()) {
        return text;
      }
      cleanNote = shorten(cleanNote);
    }
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

  private static String withFullStop(String note) {
    return note.endsWith(".") || note.endsWith("!") || note.endsWith("?") || note.endsWith(ELLIPSIS)
        ? note
        : note + ".";
  }

  /** Drops the last word (or ten characters of a very long one) and marks the cut. */
  private static String shorten(String note) {
    String body = note.endsWith(ELLIPSIS) ? note.substring(0, note.length() - 3) : note;
    int space = body.lastIndexOf(' ');
    int cut = space > 0 && body.length() - space <= 20 ? space : Math.max(0, body.length() - 10);
    String shorter = body.substring(0, cut).strip();
    return shorter.isEmpty() ? "" : shorter + ELLIPSIS;
  }
}
