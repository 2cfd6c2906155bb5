package io.milepost.stream.ingest;

import io.milepost.schemas.InvalidPayloadException;
import io.milepost.schemas.OpsEvent;
import io.milepost.schemas.WireCodec;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Where an event enters: decodes and validates each raw record against {@code ops-event.v1.json}.
 * Valid events go on; invalid ones leave through {@link #DEAD_LETTERS} with the reason, so bad
 * input never stops the pipeline and nothing is lost.
 */
public class ValidateEvents extends ProcessFunction<RawEvent, OpsEvent> {
  public static final OutputTag<DeadLetter> DEAD_LETTERS =
      new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));

  @Override
  public void processElement(RawEvent raw, Context ctx, Collector<OpsEvent> out) {
    try {
      out.collect(WireCodec.OPS_EVENT.decode(raw.value()));
    } catch (InvalidPayloadException e) {
      ctx.output(DEAD_LETTERS, DeadLetter.of(raw, e));
    }
  }
}
