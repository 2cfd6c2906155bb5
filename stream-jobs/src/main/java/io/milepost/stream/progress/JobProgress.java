package io.milepost.stream.progress;

import io.milepost.schemas.BoardUpdate;
import io.milepost.schemas.Intent;
import io.milepost.schemas.IntentKind;
import io.milepost.schemas.Journey;
import io.milepost.schemas.OpsEvent;
import io.milepost.schemas.Stage;
import io.milepost.schemas.TimelineEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the engine knows about one job: the state it keeps per key. Deliberately holds no personal
 * data — a customer's name and phone are forwarded once in an intent and live only in PostgreSQL.
 *
 * @param version strictly increasing per job, and never below the accepted event's time in epoch
 *     milliseconds (see {@link #nextVersion}); intents and board updates carry it so readers can
 *     drop what they already have
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
    Instant occurredAt,
    Instant promisedAt,
    Instant etaAt,
    String note,
    List<TimelineEntry> timeline) {

  public JobProgress {
    timeline = timeline == null ? List.of() : List.copyOf(timeline);
  }

  /** A job's first accepted event. */
  public static JobProgress begin(OpsEvent event) {
    return new JobProgress(
        event.tenantId(),
        event.locationId(),
        event.jobId(),
        event.journey(),
        event.stage(),
        nextVersion(0, event),
        event.occurredAt(),
        event.promisedAt(),
        event.etaAt(),
        event.note(),
        List.of(new TimelineEntry(event.stage(), event.occurredAt())));
  }

  /**
   * The job moved to the event's stage. A promise or ETA not restated stays as known (it is about
   * the whole job); the note does not, because it describes the stage being left ("brake pads
   * ordered") and would mislead under the next one.
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
        event.occurredAt(),
        latest(event.promisedAt(), promisedAt),
        latest(event.etaAt(), etaAt),
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
        null,
        occurredAt,
        etaAt,
        promisedAt,
        note,
        timeline);
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
        null,
        null,
        occurredAt,
        etaAt,
        promisedAt,
        note,
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
