package io.milepost.stream.progress;

import io.milepost.schemas.BoardUpdate;
import io.milepost.schemas.Intent;
import io.milepost.schemas.IntentKind;
import io.milepost.schemas.Journey;
import io.milepost.schemas.OpsEvent;
import io.milepost.schemas.Reason;
import io.milepost.schemas.Stage;
import io.milepost.schemas.TimelineEntry;
import io.milepost.stream.eta.Eta;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the engine knows about one job: the state it keeps per key. Deliberately holds no personal
 * data — a customer's name and phone are forwarded in the intent of the event that carried them and
 * live only in PostgreSQL.
 *
 * @param version strictly increasing per job, and never below the accepted event's time in epoch
 *     milliseconds (see {@link #nextVersion}); intents and board updates carry it so readers can
 *     drop what they already have
 * @param instance which use of the job id this is: the version at which it began. A job id reused
 *     after its terminal stage starts a new instance ({@link #reuse}); versions keep rising across
 *     instances, so a later instance always has a higher value. Intents and board updates carry it
 * @param occurredAt when the latest accepted event happened
 * @param note customer-visible text about the current stage
 * @param timeline every stage entered, in the order entered
 */
public record JobProgress(
    String tenantId,
    String locationId,
    String jobId,
    Journey journey,
    Stage stage,
    long version,
    long instance,
    Instant occurredAt,
    Instant promisedAt,
    Instant etaAt,
    String note,
    List<TimelineEntry> timeline) {

  public JobProgress {
    timeline = timeline == null ? List.of() : List.copyOf(timeline);
    if (instance <= 0 && !timeline.isEmpty()) {
      // State written before instances existed restores with 0 here (Flink's record serializer
      // fills a field it did not write with its default). Such a job began at its first
      // timeline entry, and its version then was that entry's time: see begin and nextVersion.
      instance = Math.max(1, timeline.get(0).enteredAt().toEpochMilli());
    }
  }

  /** A job's first accepted event. */
  public static JobProgress begin(OpsEvent event) {
    return startInstance(0, event);
  }

  /**
   * The job id is used again after this instance closed (a recycled repair order, a re-shipped
   * parcel): a new instance begins, with nothing of the old one but its version, which the new
   * instance's versions stay above.
   */
  public JobProgress reuse(OpsEvent event) {
    return startInstance(version, event);
  }

  private static JobProgress startInstance(long previousVersion, OpsEvent event) {
    long version = nextVersion(previousVersion, event);
    return new JobProgress(
        event.tenantId(),
        event.locationId(),
        event.jobId(),
        event.journey(),
        event.stage(),
        version,
        version,
        event.occurredAt(),
        event.promisedAt(),
        event.etaAt(),
        event.note(),
        List.of(new TimelineEntry(event.stage(), event.occurredAt())));
  }

  /**
   * The job moved to the event's stage. A promise or ETA not restated stays as known (it is about
   * the whole job), except an ETA after a setback ({@link Eta#producerEtaOnEntering}: the failed
   * attempt's); the note does not, because it describes the stage being left ("brake pads ordered")
   * and would mislead under the next one.
   */
  public JobProgress enter(OpsEvent event) {
    List<TimelineEntry> entered = new ArrayList<>(timeline);
    entered.add(new TimelineEntry(event.stage(), event.occurredAt()));
    return new JobProgress(
        tenantId,
        event.locationId(),
        jobId,
        journey,
        event.stage(),
        nextVersion(version, event),
        instance,
        event.occurredAt(),
        latest(event.promisedAt(), promisedAt),
        Eta.producerEtaOnEntering(event.stage(), event.etaAt(), etaAt),
        event.note(),
        entered);
  }

  /** The event restates the current stage; what it says anew replaces what was known. */
  public JobProgress amend(OpsEvent event) {
    return new JobProgress(
        tenantId,
        event.locationId(),
        jobId,
        journey,
        stage,
        nextVersion(version, event),
        instance,
        event.occurredAt(),
        latest(event.promisedAt(), promisedAt),
        latest(event.etaAt(), etaAt),
        latest(event.note(), note),
        timeline);
  }

  /** Whether a customer or a board would see a difference between the two. */
  public boolean saysMoreThan(JobProgress other) {
    return !Objects.equals(promisedAt, other.promisedAt)
        || !Objects.equals(etaAt, other.etaAt)
        || !Objects.equals(note, other.note)
        || !Objects.equals(locationId, other.locationId);
  }

  public BoardUpdate toBoardUpdate() {
    return new BoardUpdate(
        tenantId,
        locationId,
        jobId,
        journey,
        stage,
        version,
        instance,
        occurredAt,
        etaAt,
        promisedAt,
        note,
        timeline);
  }

  /**
   * The same job, changed by the engine itself (an alert, a new ETA) at {@code at}: a new version.
   */
  public JobProgress touched(Instant at) {
    return new JobProgress(
        tenantId,
        locationId,
        jobId,
        journey,
        stage,
        Math.max(version + 1, at.toEpochMilli()),
        instance,
        occurredAt,
        promisedAt,
        etaAt,
        note,
        timeline);
  }

  /** When the job last entered its current stage (a retried stage is entered more than once). */
  public Instant enteredCurrentStageAt() {
    return timeline.get(timeline.size() - 1).enteredAt();
  }

  /**
   * The board's view: the predicted ETA with its reason, the open alerts, and whether the promise
   * was kept once the job reached its goal.
   */
  public BoardUpdate toBoardUpdate(JobOutlook outlook) {
    return new BoardUpdate(
        tenantId,
        locationId,
        jobId,
        journey,
        stage,
        version,
        instance,
        occurredAt,
        outlook.etaAt,
        promisedAt,
        note,
        timeline,
        outlook.etaReason,
        outlook.alerts(stage),
        outlook.promiseKept);
  }

  /**
   * The intent that tells the customer of the stage, at once or at the end of a digest window.
   *
   * @param source the event that moved the job, whose customer is forwarded here; null when a
   *     digest window ends
   * @param passed the stages entered since the customer was last told, before this one
   */
  public Intent stageChanged(
      Stage previousStage, OpsEvent source, Instant eta, Reason reason, List<Stage> passed) {
    return stageChanged(stage, previousStage, source, eta, reason, passed);
  }

  /**
   * The intent that tells the customer of {@code told}: the job's stage, or, when the job has since
   * entered a stage that is no news for the customer, the latest stage that is.
   */
  public Intent stageChanged(
      Stage told,
      Stage previousStage,
      OpsEvent source,
      Instant eta,
      Reason reason,
      List<Stage> passed) {
    return new Intent(
        Intent.idFor(tenantId, jobId, IntentKind.STAGE_CHANGED, version),
        IntentKind.STAGE_CHANGED,
        tenantId,
        locationId,
        jobId,
        journey,
        told,
        previousStage,
        version,
        instance,
        null,
        occurredAt,
        eta,
        promisedAt,
        note,
        source == null ? null : source.customer(),
        source == null ? null : source.eventId(),
        reason,
        passed);
  }

  /**
   * An intent of a kind that recurs without a stage change (ETA_CHANGED, DELAY_RISK, STAGE_OVERRUN,
   * SILENCE): its id names the instance and occurrence, the same on every replay.
   */
  public Intent recurring(IntentKind kind, int occurrence, Instant at, Instant eta, Reason reason) {
    return recurring(kind, stage, occurrence, at, eta, reason);
  }

  /**
   * {@link #recurring}, naming {@code named} rather than the job's stage: the stage the customer
   * knows the job to be in, when its own is no news for them.
   */
  public Intent recurring(
      IntentKind kind, Stage named, int occurrence, Instant at, Instant eta, Reason reason) {
    return new Intent(
        Intent.idForOccurrence(tenantId, jobId, kind, instance, occurrence),
        kind,
        tenantId,
        locationId,
        jobId,
        journey,
        named,
        null,
        version,
        instance,
        occurrence,
        at,
        eta,
        promisedAt,
        null,
        null,
        null,
        reason,
        null);
  }

  /**
   * The intent to tell the customer about the stage this progress is in.
   *
   * @param source the event that moved the job; its customer, if it carries one, is forwarded here
   *     and nowhere else
   */
  public Intent stageChanged(Stage previousStage, OpsEvent source) {
    return new Intent(
        Intent.idFor(tenantId, jobId, IntentKind.STAGE_CHANGED, version),
        IntentKind.STAGE_CHANGED,
        tenantId,
        locationId,
        jobId,
        journey,
        stage,
        previousStage,
        version,
        instance,
        null,
        occurredAt,
        etaAt,
        promisedAt,
        note,
        source.customer(),
        source.eventId());
  }

  /**
   * The intent that hands customer details to the notifier when the event that carried them changed
   * no stage (a second check-in with the phone, a corrected number): personal data reaches the one
   * place that keeps it, and the customer is told nothing because of it. Its id names the event, so
   * a replay yields the same id and two such events two intents; the job's stage, version and
   * instance say which job the details belong to.
   */
  public Intent contactChanged(OpsEvent source) {
    return new Intent(
        Intent.idForEvent(tenantId, jobId, IntentKind.CONTACT_CHANGED, source.eventId()),
        IntentKind.CONTACT_CHANGED,
        tenantId,
        locationId,
        jobId,
        journey,
        stage,
        null,
        version,
        instance,
        null,
        source.occurredAt(),
        null,
        null,
        null,
        source.customer(),
        source.eventId());
  }

  /**
   * The version after {@code current} for a change made by {@code event}. A plain counter would
   * restart at 1 whenever a job's state starts over — a restart without a savepoint, a job id used
   * again — and readers holding higher versions would ignore the job from then on, and drop its
   * intents as already seen. Tying versions to event time keeps them above anything readers saw
   * before, while a replay of the same events still yields the same versions and intent ids.
   */
  static long nextVersion(long current, OpsEvent event) {
    return Math.max(current + 1, event.occurredAt().toEpochMilli());
  }

  private static <T> T latest(T stated, T known) {
    return stated != null ? stated : known;
  }
}
