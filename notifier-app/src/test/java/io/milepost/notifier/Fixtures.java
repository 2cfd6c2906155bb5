package io.milepost.notifier;

import io.milepost.schemas.Alert;
import io.milepost.schemas.AlertKind;
import io.milepost.schemas.BoardUpdate;
import io.milepost.schemas.Customer;
import io.milepost.schemas.Intent;
import io.milepost.schemas.IntentKind;
import io.milepost.schemas.Journey;
import io.milepost.schemas.Reason;
import io.milepost.schemas.ReasonCode;
import io.milepost.schemas.Stage;
import io.milepost.schemas.TimelineEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Wire-contract payloads for tests, with fixed instants. */
final class Fixtures {
  static final String ACME = "acme-motors";
  static final String SPRINGFIELD = "springfield";
  static final Instant MORNING = Instant.parse("2026-11-24T08:00:00Z");
  static final Instant PROMISE = Instant.parse("2026-11-24T16:00:00Z");

  private Fixtures() {}

  /** A vehicle's STAGE_CHANGED intent, entered {@code version} ten-minute steps after MORNING. */
  static Intent stageChanged(String jobId, Stage stage, long version, String phone, String note) {
    return stageChanged(
        jobId,
        Journey.VEHICLE_SERVICE,
        stage,
        version,
        null,
        MORNING.plusSeconds(600 * version),
        phone,
        note);
  }

  /**
   * A STAGE_CHANGED intent as the engine writes it, of any journey, job instance and time; with a
   * phone, it carries the customer (in en-US).
   */
  static Intent stageChanged(
      String jobId,
      Journey journey,
      Stage stage,
      long version,
      Long instance,
      Instant occurredAt,
      String phone,
      String note) {
    return stageChanged(ACME, jobId, journey, stage, version, instance, occurredAt, phone, note);
  }

  /** The same, at another tenant. */
  static Intent stageChanged(
      String tenantId,
      String jobId,
      Journey journey,
      Stage stage,
      long version,
      Long instance,
      Instant occurredAt,
      String phone,
      String note) {
    return new Intent(
        Intent.idFor(tenantId, jobId, IntentKind.STAGE_CHANGED, version),
        IntentKind.STAGE_CHANGED,
        tenantId,
        SPRINGFIELD,
        jobId,
        journey,
        stage,
        null,
        version,
        instance,
        null,
        occurredAt,
        null,
        PROMISE,
        note,
        phone == null ? null : customer(phone, "en-US"),
        "event-" + jobId + "-" + version);
  }

  /**
   * A CONTACT_CHANGED intent as the engine writes it: new details for the customer of the job in
   * {@code stage}, carried by event {@code eventId}, versioned by when it occurred.
   */
  static Intent contactChanged(
      String jobId,
      Journey journey,
      Stage stage,
      String eventId,
      Long instance,
      Instant occurredAt,
      String phone,
      String locale) {
    return new Intent(
        Intent.idForEvent(ACME, jobId, IntentKind.CONTACT_CHANGED, eventId),
        IntentKind.CONTACT_CHANGED,
        ACME,
        SPRINGFIELD,
        jobId,
        journey,
        stage,
        null,
        occurredAt.toEpochMilli(),
        instance,
        null,
        occurredAt,
        null,
        null,
        null,
        customer(phone, locale),
        eventId);
  }

  /** The customer every test job has, reached at {@code phone}. */
  static Customer customer(String phone, String locale) {
    return new Customer("Dana Whitfield", phone, locale, "America/Chicago");
  }

  /** The board state after a vehicle went through every stage up to {@code stage}. */
  static BoardUpdate vehicleAt(String jobId, Stage stage, long version, String note) {
    List<TimelineEntry> timeline = new ArrayList<>();
    for (Stage each : Journey.VEHICLE_SERVICE.stages()) {
      if (each.position() > stage.position()) {
        break;
      }
      timeline.add(new TimelineEntry(each, MORNING.plusSeconds(900L * each.position())));
    }
    return new BoardUpdate(
        ACME,
        SPRINGFIELD,
        jobId,
        Journey.VEHICLE_SERVICE,
        stage,
        version,
        null,
        MORNING.plusSeconds(900L * stage.position()),
        PROMISE.minusSeconds(900),
        PROMISE,
        note,
        timeline);
  }

  /** Why the ETA of a job waiting for parts is late: parts usually take 25 hours (61 samples). */
  static final Reason PARTS_TYPICAL =
      new Reason(ReasonCode.TYPICAL_DURATION, Stage.WAITING_FOR_PARTS, 1500, 61);

  /**
   * The same board state with an ETA reason and the alerts the engine has open on it: an overrun of
   * its current stage (occurrence 1) and a delay risk (occurrence {@code delayOccurrence}).
   */
  static BoardUpdate withAlerts(BoardUpdate update, int delayOccurrence) {
    Instant since = update.occurredAt();
    return new BoardUpdate(
        update.tenantId(),
        update.locationId(),
        update.jobId(),
        update.journey(),
        update.stage(),
        update.version(),
        update.instance(),
        update.occurredAt(),
        update.etaAt(),
        update.promisedAt(),
        update.note(),
        update.timeline(),
        PARTS_TYPICAL,
        List.of(
            new Alert(AlertKind.STAGE_OVERRUN, update.stage(), since, 1),
            new Alert(AlertKind.DELAY_RISK, update.stage(), since, delayOccurrence)));
  }

  /**
   * An intent of a kind that recurs without a stage change (ETA_CHANGED, DELAY_RISK, STAGE_OVERRUN,
   * SILENCE) as the engine writes it, with its id for (instance, occurrence), an ETA at 5:30 PM UTC
   * and the promise.
   */
  static Intent recurring(
      String jobId,
      IntentKind kind,
      Stage stage,
      long instance,
      int occurrence,
      long version,
      Instant occurredAt,
      Reason reason) {
    return new Intent(
        Intent.idForOccurrence(ACME, jobId, kind, instance, occurrence),
        kind,
        ACME,
        SPRINGFIELD,
        jobId,
        Journey.VEHICLE_SERVICE,
        stage,
        null,
        version,
        instance,
        occurrence,
        occurredAt,
        PROMISE.plusSeconds(5400),
        PROMISE,
        null,
        null,
        null,
        reason,
        null);
  }
}
