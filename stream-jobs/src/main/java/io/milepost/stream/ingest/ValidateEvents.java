package io.milepost.stream.ingest;

import io.milepost.schemas.EventClock;
import io.milepost.schemas.InvalidPayloadException;
import io.milepost.schemas.OpsEvent;
import io.milepost.schemas.Violation;
import io.milepost.schemas.WireCodec;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Where an event enters: decodes and validates each raw record against {@code ops-event.v1.json},
 * then refuses one stamped too far in the future ({@link EventClock}). Valid events go on; invalid
 * ones leave through {@link #DEAD_LETTERS} with the reason, so bad input never stops the pipeline
 * and nothing is lost.
 *
 * <p>The future check is the one place the job reads the wall clock. Event time is {@code
 * occurredAt}, so without it one scanner whose clock says 2036 would drag the watermark of its
 * subtask years ahead and fire every timer there at once (closing every job it holds).
 */
public class ValidateEvents extends ProcessFunction<RawEvent, OpsEvent> {
  public static final OutputTag<DeadLetter> DEAD_LETTERS =
      new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));

  private final Duration maxSkew;
  private final Clock clock;

  /**
   * @param maxSkew how far ahead of {@code clock} an event may be stamped ({@link
   *     EventClock#DEFAULT_MAX_SKEW} by default)
   * @param clock the receiver's clock: the system clock in a job, a fixed one in tests
   */
  public ValidateEvents(Duration maxSkew, Clock clock) {
    this.maxSkew = maxSkew;
    this.clock = clock;
  }

  @Override
  public void processElement(RawEvent raw, Context ctx, Collector<OpsEvent> out) {
    try {
      OpsEvent event = WireCodec.OPS_EVENT.decode(raw.value());
      Optional<Violation> ahead = EventClock.checkNotAhead(event, clock.instant(), maxSkew);
      if (ahead.isPresent()) {
        throw new InvalidPayloadException(List.of(ahead.get()));
      }
      out.collect(event);
    } catch (InvalidPayloadException e) {
      ctx.output(DEAD_LETTERS, DeadLetter.of(raw, e));
    }
  }
}
