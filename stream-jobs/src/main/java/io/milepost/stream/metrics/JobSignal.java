package io.milepost.stream.metrics;

import io.milepost.schemas.BoardUpdate;
import io.milepost.schemas.Intent;
import io.milepost.schemas.IntentKind;
import io.milepost.schemas.JobKey;
import io.milepost.schemas.Stage;
import io.milepost.stream.progress.Heartbeat;
import java.time.Instant;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * What the CX metrics need of one intent or board update of a job: the two outputs of the job
 * operator in one type, so they can be unioned and keyed by job. No personal data.
 *
 * @param intent the intent's kind; null for a board update
 * @param stage the job's stage
 * @param occurredAt the job's latest report: its latest accepted event (board updates) or a
 *     heartbeat's time ({@link Heartbeat}); the intent's time otherwise
 * @param firstEventAt board updates: when the instance entered its first stage; null for intents
 * @param promiseKept board updates: whether the promise was kept, once known
 * @param at the event time the job operator decided it at (the record's timestamp)
 */
public record JobSignal(
    String tenantId,
    String locationId,
    String jobId,
    long instance,
    IntentKind intent,
    Stage stage,
    Instant occurredAt,
    Instant firstEventAt,
    Boolean promiseKept,
    Instant at) {

  public String key() {
    return JobKey.of(tenantId, jobId);
  }

  public static JobSignal of(Intent intent, Long timestamp) {
    return new JobSignal(
        intent.tenantId(),
        intent.locationId(),
        intent.jobId(),
        intent.instance() == null ? 0 : intent.instance(),
        intent.kind(),
        intent.stage(),
        intent.occurredAt(),
        null,
        null,
        time(timestamp, intent.occurredAt()));
  }

  public static JobSignal of(BoardUpdate update, Long timestamp) {
    return new JobSignal(
        update.tenantId(),
        update.locationId(),
        update.jobId(),
        update.instance() == null ? 0 : update.instance(),
        null,
        update.stage(),
        update.occurredAt(),
        update.timeline().isEmpty() ? null : update.timeline().get(0).enteredAt(),
        update.promiseKept(),
        time(timestamp, update.occurredAt()));
  }

  /**
   * A heartbeat: a report of the job's current stage that changed nothing, heard at {@code
   * heartbeat.at()}. Counts as a report for silences, as a board update's {@code occurredAt} does.
   */
  public static JobSignal of(Heartbeat heartbeat, Long timestamp) {
    return new JobSignal(
        heartbeat.tenantId(),
        heartbeat.locationId(),
        heartbeat.jobId(),
        heartbeat.instance(),
        null,
        heartbeat.stage(),
        heartbeat.at(),
        null,
        null,
        time(timestamp, heartbeat.at()));
  }

  /**
   * The record's timestamp: the event or timer time it was decided at. A board update sent from the
   * broadcast side (a rules change) has no event time of its own; the job's latest event stands in.
   */
  private static Instant time(Long timestamp, Instant fallback) {
    return timestamp == null || timestamp == Long.MIN_VALUE
        ? fallback
        : Instant.ofEpochMilli(timestamp);
  }

  public boolean isIntent() {
    return intent != null;
  }

  /** The intents the customer hears: every kind but CONTACT_CHANGED, which tells nothing new. */
  public boolean isCustomerUpdate() {
    return intent != null && intent != IntentKind.CONTACT_CHANGED;
  }

  /** Intents as signals, each with its record's timestamp. */
  public static final class FromIntents extends ProcessFunction<Intent, JobSignal> {
    @Override
    public void processElement(Intent intent, Context ctx, Collector<JobSignal> out) {
      out.collect(of(intent, ctx.timestamp()));
    }
  }

  /** Heartbeats as signals, each with its record's timestamp. */
  public static final class FromHeartbeats extends ProcessFunction<Heartbeat, JobSignal> {
    @Override
    public void processElement(Heartbeat heartbeat, Context ctx, Collector<JobSignal> out) {
      out.collect(of(heartbeat, ctx.timestamp()));
    }
  }

  /** Board updates as signals, each with its record's timestamp. */
  public static final class FromBoardUpdates extends ProcessFunction<BoardUpdate, JobSignal> {
    @Override
    public void processElement(BoardUpdate update, Context ctx, Collector<JobSignal> out) {
      out.collect(of(update, ctx.timestamp()));
    }
  }
}
