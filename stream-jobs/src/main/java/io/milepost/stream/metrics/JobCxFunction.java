package io.milepost.stream.metrics;

import io.milepost.schemas.IntentKind;
import io.milepost.schemas.Rules;
import io.milepost.stream.rules.TenantRules;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The CX facts of one job, keyed by {@code tenantId/jobId}: its first customer update and how long
 * it took, each customer update, the updates of a closed instance, the silences between its
 * reports, its promise kept or broken (once per instance), and a JOB_SILENT fact when an open job
 * in a stage that waits on the business has had no report (an accepted event or a heartbeat) for
 * the tenant's {@code cxAlerts.silentJobLongerThan}. Reads the job operator's intents, board
 * updates and heartbeats ({@link JobSignal}); keeps one small {@link JobCx} per job and one timer.
 *
 * <p>State goes with the job: the grace after the terminal stage, else the inactivity timeout after
 * its latest signal (the job operator's own durations, so both forget a job at about the same
 * time). A new instance of the job id replaces it at once.
 */
public class JobCxFunction extends KeyedBroadcastProcessFunction<String, JobSignal, Rules, CxFact> {
  private final Duration terminalGrace;
  private final Duration inactivityTimeout;

  private transient ValueState<JobCx> job;

  public JobCxFunction(Duration terminalGrace, Duration inactivityTimeout) {
    this.terminalGrace = terminalGrace;
    this.inactivityTimeout = inactivityTimeout;
  }

  @Override
  public void open(OpenContext openContext) {
    job =
        getRuntimeContext()
            .getState(new ValueStateDescriptor<>("cx-job", TypeInformation.of(JobCx.class)));
  }

  @Override
  public void processElement(JobSignal signal, ReadOnlyContext ctx, Collector<CxFact> out)
      throws Exception {
    JobCx cx = job.value();
    if (cx != null && signal.instance() < cx.instance) {
      return; // a late signal of an instance already replaced
    }
    if (cx == null || signal.instance() > cx.instance) {
      if (cx != null) {
        deleteTimer(ctx.timerService(), cx);
      }
      cx = new JobCx();
      cx.tenantId = signal.tenantId();
      cx.jobId = signal.jobId();
      cx.instance = signal.instance();
    }
    cx.locationId = signal.locationId();
    Instant at = signal.at();
    cx.firstEventAt = earliest(earliest(cx.firstEventAt, signal.firstEventAt()), at);
    cx.lastSignalAt = cx.lastSignalAt == null || at.isAfter(cx.lastSignalAt) ? at : cx.lastSignalAt;

    if (signal.isCustomerUpdate()) {
      cx.updates++;
      out.collect(fact(cx, CxFact.Kind.CUSTOMER_UPDATE, at, 0));
      if (!cx.told) {
        // The first update's time: from the instance's first event to the first customer intent.
        cx.told = true;
        out.collect(fact(cx, CxFact.Kind.FIRST_UPDATE, at, seconds(cx.firstEventAt, at)));
      }
      if (signal.intent() == IntentKind.STAGE_OVERRUN) {
        out.collect(fact(cx, CxFact.Kind.OVERRUN, at, 0));
      } else if (signal.intent() == IntentKind.SILENCE) {
        out.collect(fact(cx, CxFact.Kind.SILENCE, at, 0));
      }
    } else if (!signal.isIntent()) {
      boardUpdate(cx, signal, out);
    }
    setTimer(
        ctx.timerService(), cx, wakeAt(cx, rulesOf(ctx.getBroadcastState(CxPipeline.RULES), cx)));
    job.update(cx);
  }

  private void boardUpdate(JobCx cx, JobSignal signal, Collector<CxFact> out) {
    cx.stage = signal.stage();
    Instant event = signal.occurredAt();
    if (cx.lastEventAt == null || event.isAfter(cx.lastEventAt)) {
      if (cx.lastEventAt != null && !cx.closed) {
        out.collect(fact(cx, CxFact.Kind.SILENCE_ENDED, event, seconds(cx.lastEventAt, event)));
      }
      cx.lastEventAt = event;
      cx.silentAlerted = false; // a report: a later silence is a new one
    }
    if (signal.promiseKept() != null && !cx.promiseCounted) {
      cx.promiseCounted = true;
      out.collect(
          fact(
              cx,
              signal.promiseKept() ? CxFact.Kind.PROMISE_KEPT : CxFact.Kind.PROMISE_BROKEN,
              signal.at(),
              0));
    }
    if (signal.stage().terminal() && !cx.closed) {
      cx.closed = true;
      out.collect(fact(cx, CxFact.Kind.JOB_CLOSED, signal.at(), cx.updates));
    }
  }

  /**
   * Raises a silence that is due under the rules as they are now (a timer set under other rules is
   * checked, not trusted), and drops the job when its time is up. The final watermark of a bounded
   * run raises nothing: the input ended, time did not pass.
   */
  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<CxFact> out) throws Exception {
    JobCx cx = job.value();
    if (cx == null) {
      return;
    }
    if (cx.wakeAt == timestamp) {
      cx.wakeAt = 0;
    }
    boolean endOfInput = ctx.timerService().currentWatermark() == Long.MAX_VALUE;
    Rules rules = rulesOf(ctx.getBroadcastState(CxPipeline.RULES), cx);
    Instant now = Instant.ofEpochMilli(timestamp);
    Instant silentAt = silentAt(cx, rules);
    if (!endOfInput && silentAt != null && !now.isBefore(silentAt)) {
      cx.silentAlerted = true;
      out.collect(fact(cx, CxFact.Kind.JOB_SILENT, now, seconds(cx.lastEventAt, now)));
    }
    if (endOfInput || timestamp >= cleanupAt(cx)) {
      deleteTimer(ctx.timerService(), cx);
      job.clear();
      return;
    }
    setTimer(ctx.timerService(), cx, wakeAt(cx, rules));
    job.update(cx);
  }

  @Override
  public void processBroadcastElement(Rules rules, Context ctx, Collector<CxFact> out)
      throws Exception {
    BroadcastState<String, Rules> held = ctx.getBroadcastState(CxPipeline.RULES);
    if (rules.supersedes(held.get(rules.tenantId()))) {
      held.put(rules.tenantId(), rules);
    }
  }

  /** When an open job in a stage that waits on the business counts as silent; null: never. */
  static Instant silentAt(JobCx cx, Rules rules) {
    if (cx.closed
        || cx.silentAlerted
        || cx.lastEventAt == null
        || cx.stage == null
        || !rules.waitsOnBusiness(cx.stage)) {
      return null;
    }
    return cx.lastEventAt.plus(rules.cxSilentJobLongerThan());
  }

  private long cleanupAt(JobCx cx) {
    return cx.lastSignalAt.plus(cx.closed ? terminalGrace : inactivityTimeout).toEpochMilli();
  }

  private long wakeAt(JobCx cx, Rules rules) {
    Instant silentAt = silentAt(cx, rules);
    long cleanup = cleanupAt(cx);
    return silentAt == null ? cleanup : Math.min(cleanup, silentAt.toEpochMilli());
  }

  private static void setTimer(TimerService timers, JobCx cx, long at) {
    if (cx.wakeAt == at) {
      return;
    }
    deleteTimer(timers, cx);
    timers.registerEventTimeTimer(at);
    cx.wakeAt = at;
  }

  private static void deleteTimer(TimerService timers, JobCx cx) {
    if (cx.wakeAt != 0) {
      timers.deleteEventTimeTimer(cx.wakeAt);
      cx.wakeAt = 0;
    }
  }

  private static CxFact fact(JobCx cx, CxFact.Kind kind, Instant at, long value) {
    return new CxFact(cx.tenantId, cx.locationId, kind, at, value, cx.jobId);
  }

  private static long seconds(Instant from, Instant to) {
    return from == null ? 0 : Math.max(0, Duration.between(from, to).toSeconds());
  }

  private static Instant earliest(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    return b == null || a.isBefore(b) ? a : b;
  }

  private static Rules rulesOf(ReadOnlyBroadcastState<String, Rules> held, JobCx cx)
      throws Exception {
    return TenantRules.of(held, cx.tenantId);
  }
}
