package io.milepost.notifier.words;

import io.milepost.schemas.Alert;
import io.milepost.schemas.AlertKind;
import io.milepost.schemas.Reason;
import io.milepost.schemas.Stage;

/**
 * Reason codes and alerts in plain English: the one place they become words. Each reason renders as
 * a clause that reads after "because" and, capitalised, as a sentence of its own. Pure functions.
 */
public final class Reasons {
  private Reasons() {}

  /**
   * Why an ETA is what it is, or why a customer hears of a delay, e.g. "waiting for parts usually
   * takes about 25 hours". Lower case, no full stop.
   */
  public static String clause(Reason reason) {
    String step = reason.stage() == null ? "this step" : step(reason.stage());
    String length = reason.minutes() == null ? null : duration(reason.minutes());
    return switch (reason.code()) {
      case PRODUCER_ETA -> "that is the time our team has given";
      case TYPICAL_DURATION ->
          length == null ? step + " usually takes this long" : step + " usually takes " + length;
      case SLA_DURATION ->
          length == null ? step + " is planned to take this long" : step + " takes " + length;
      case STAGE_OVERRUN ->
          length == null
              ? step + " is taking longer than expected"
              : step + " is taking " + length + " longer than expected";
      case PROMISE_AT_RISK ->
          length == null
              ? "we are running later than we promised"
              : "we are running about " + length + " later than we promised";
      case SILENCE ->
          length == null
              ? "we have had no news on " + step + " for a while"
              : "we have had no news on " + step + " for " + length;
    };
  }

  /** {@link #clause} as a sentence: capitalised, with a full stop. */
  public static String sentence(Reason reason) {
    return capitalise(clause(reason)) + ".";
  }

  /** What an open alert means for the customer, as a sentence without its time. */
  public static String alert(Alert alert) {
    return alert(alert.kind(), alert.stage());
  }

  /** What an alert of this kind, raised in {@code stage}, means for the customer. */
  public static String alert(AlertKind kind, Stage stage) {
    String step = stage == null ? "this step" : step(stage);
    return switch (kind) {
      case STAGE_OVERRUN -> capitalise(step) + " is taking longer than expected.";
      case SILENCE -> "We are still working on it, but we have had no news on " + step + " lately.";
      case DELAY_RISK -> "We expect to be later than promised.";
    };
  }

  /** A stage as a step of the work, to say how long it takes: "waiting for parts", "the repair". */
  public static String step(Stage stage) {
    return switch (stage) {
      case CHECKED_IN -> "check-in";
      case DIAGNOSING -> "the diagnosis";
      case AWAITING_APPROVAL -> "waiting for approval";
      case WAITING_FOR_PARTS -> "waiting for parts";
      case IN_REPAIR -> "the repair";
      case QUALITY_CHECK -> "the quality check";
      case READY_FOR_PICKUP -> "waiting for pickup";
      case COLLECTED -> "collection";
      case CREATED -> "preparing the parcel";
      case PICKED_UP -> "the pickup";
      case IN_TRANSIT -> "the trip";
      case OUT_FOR_DELIVERY -> "the delivery round";
      case DELIVERED -> "the delivery";
      case DELIVERY_FAILED -> "the next delivery attempt";
      case RETURNED -> "the return";
    };
  }

  /**
   * A length of time as people say it: exact below ten hours ("1 hour 30 minutes"), in whole hours
   * below two days ("25 hours"), then in days ("3 days").
   */
  public static String duration(int minutes) {
    if (minutes < 60) {
      return plural(minutes, "minute");
    }
    if (minutes < 600) {
      int rest = minutes % 60;
      return plural(minutes / 60, "hour") + (rest == 0 ? "" : " " + plural(rest, "minute"));
    }
    if (minutes < 48 * 60) {
      return "about " + plural(Math.round(minutes / 60f), "hour");
    }
    return "about " + plural(Math.round(minutes / (24 * 60f)), "day");
  }

  private static String plural(int count, String unit) {
    return count + " " + unit + (count == 1 ? "" : "s");
  }

  private static String capitalise(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
