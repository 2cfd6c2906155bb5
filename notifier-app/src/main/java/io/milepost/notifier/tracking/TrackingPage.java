package io.milepost.notifier.tracking;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.milepost.notifier.job.Locations;
import io.milepost.notifier.words.Words;
import io.milepost.schemas.Alert;
import io.milepost.schemas.Journey;
import io.milepost.schemas.Stage;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * What the tracking page and its live fragment show, with every time already in the customer's zone
 * and language: the server formats them, the browser does not guess.
 *
 * @param finished the job reached its last stage: no ETA or promise to show any more
 * @param alerts what each open alert means for the customer, in words
 * @param eta when the job is expected (ready, or delivered); null when not known
 * @param etaReason why the ETA is what it is, as a sentence; null when not known
 * @param promised the time the business promised; null when it promised none
 */
public record TrackingPage(
    String token,
    String company,
    String jobRef,
    boolean parcel,
    long version,
    String stage,
    String stageLabel,
    boolean finished,
    List<Notice> alerts,
    Moment eta,
    String etaReason,
    Moment promised,
    boolean promiseAtRisk,
    String note,
    List<Step> steps,
    Place place) {

  /** An open alert: its kind (AlertKind) and what it means for the customer. */
  public record Notice(String kind, String text) {}

  /** A time: {@code iso} for {@code <time datetime>}, {@code text} as the customer reads it. */
  public record Moment(String iso, String text) {}

  /**
   * One stage on the timeline.
   *
   * @param state {@link TrackingView#DONE}, {@link TrackingView#CURRENT} or {@link
   *     TrackingView#UPCOMING}
   * @param entered when the job entered it; null if it has not
   */
  public record Step(String stage, String label, String state, Moment entered) {
    public boolean current() {
      return TrackingView.CURRENT.equals(state);
    }
  }

  /**
   * Whom to call.
   *
   * @param phone as people read it; null when the place takes no calls
   * @param dial the {@code tel:} link
   */
  public record Place(String name, String phone, String dial, String address) {}

  static TrackingPage of(
      String token,
      TrackingView view,
      ZoneId zone,
      Locations.Location place,
      Instant now,
      Locale locale,
      Words words) {
    return new TrackingPage(
        token,
        view.company(),
        view.jobRef(),
        Journey.DELIVERY.wireName().equals(view.journey()),
        view.version(),
        view.stage(),
        view.stageLabel(),
        Stage.valueOf(view.stage()).terminal(),
        view.alerts().stream()
            .map(
                (Alert alert) ->
                    new Notice(
                        alert.kind().name(), words.alert(alert.kind(), alert.stage(), locale)))
            .toList(),
        moment(view.etaAt(), zone, now, locale, words),
        view.etaReason() == null ? null : words.reasonSentence(view.etaReason(), locale),
        moment(view.promisedAt(), zone, now, locale, words),
        view.promiseAtRisk(),
        view.note() == null || view.note().isBlank() ? null : view.note(),
        view.stages().stream()
            .map(
                step ->
                    new Step(
                        step.stage(),
                        step.label(),
                        step.state(),
                        moment(step.enteredAt(), zone, now, locale, words)))
            .toList(),
        place(place));
  }

  private static Moment moment(Instant at, ZoneId zone, Instant now, Locale locale, Words words) {
    if (at == null) {
      return null;
    }
    return new Moment(
        DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at.atZone(zone)),
        words.time(at, zone, now, locale));
  }

  /** The place with its phone as people write it (+1 312-555-0100) and as a phone dials it. */
  static Place place(Locations.Location place) {
    if (place == null) {
      return null;
    }
    String phone = place.phone();
    String shown = phone;
    if (phone != null) {
      try {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        shown =
            util.format(util.parse(phone, null), PhoneNumberUtil.PhoneNumberFormat.INTERNATIONAL);
      } catch (NumberParseException e) {
        // Shown as stored: still a number to call.
      }
    }
    return new Place(
        place.name(),
        shown,
        phone == null ? null : "tel:" + phone.replaceAll("[^+0-9]", ""),
        place.address());
  }
}
