package io.milepost.stream.learning;

import io.milepost.schemas.OpsEvent;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by {@code tenantId/jobId}, upstream of the job operator: the stage each job is in and since
 * when ({@link Passages.Position}, a few fields), and a {@link StagePassage} for each stage a job
 * leaves or skips. Its own state, because the job operator cannot feed what it decides back to
 * itself (Flink has no iterations; see stream-jobs/DESIGN.md, "Learned durations").
 *
 * <p>One event-time timer per job, at {@link Passages#forgottenAt}: the terminal grace after the
 * close, else the inactivity timeout after the latest event; re-checked when it fires, so a job
 * that moved on meanwhile keeps its state.
 */
public class StagePassagesFunction extends KeyedProcessFunction<String, OpsEvent, StagePassage> {
  private final Duration terminalGrace;
  private final Duration inactivityTimeout;

  private transient ValueState<Passages.Position> position;
  private transient ValueState<Long> wakeAt;

  public StagePassagesFunction(Duration terminalGrace, Duration inactivityTimeout) {
    this.terminalGrace = terminalGrace;
    this.inactivityTimeout = inactivityTimeout;
  }

  @Override
  public void open(OpenContext openContext) {
    position =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>(
                    "position", TypeInformation.of(Passages.Position.class)));
    wakeAt = getRuntimeContext().getState(new ValueStateDescriptor<>("wake-at", Long.class));
  }

  @Override
  public void processElement(OpsEvent event, Context ctx, Collector<StagePassage> out)
      throws Exception {
    Passages.Position current = position.value();
    Passages.Step step = Passages.next(current, event);
    step.passages().forEach(out::collect);
    if (step.next() != current) {
      position.update(step.next());
      // One timer per job. It moves only earlier (a job that closed); a job that moved on finds
      // the timer early when it fires, and sets it again then.
      long at = forgottenAt(step.next());
      Long set = wakeAt.value();
      if (set == null || at < set) {
        if (set != null) {
          ctx.timerService().deleteEventTimeTimer(set);
        }
        ctx.timerService().registerEventTimeTimer(at);
        wakeAt.update(at);
      }
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<StagePassage> out)
      throws Exception {
    Passages.Position current = position.value();
    if (current == null) {
      wakeAt.clear();
      return;
    }
    long at = forgottenAt(current);
    if (timestamp >= at) {
      position.clear();
      wakeAt.clear();
      return;
    }
    ctx.timerService().registerEventTimeTimer(at);
    wakeAt.update(at);
  }

  private long forgottenAt(Passages.Position current) {
    Instant at = Passages.forgottenAt(current, terminalGrace, inactivityTimeout);
    return at.toEpochMilli();
  }
}
