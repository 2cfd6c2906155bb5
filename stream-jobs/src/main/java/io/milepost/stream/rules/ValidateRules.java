package io.milepost.stream.rules;

import io.milepost.schemas.InvalidPayloadException;
import io.milepost.schemas.Rules;
import io.milepost.schemas.Violation;
import io.milepost.schemas.WireCodec;
import io.milepost.stream.ingest.DeadLetter;
import io.milepost.stream.ingest.RawEvent;
import io.milepost.stream.ingest.ValidateEvents;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Where rules enter: decodes and validates each record of {@code milepost.rules} against {@code
 * rules.v1.json}, and checks that its key is its tenant (the topic is compacted by key, so a record
 * under another key would survive beside the tenant's real rules). A bad record leaves through
 * {@link #DEAD_LETTERS} to the job's one dead-letter topic, {@code milepost.ops-events.dlq}, its
 * source topic in the headers; it is never applied, and the tenant keeps the rules it had. A
 * tombstone (no value) is refused the same way: the notifier never deletes a tenant's rules, it
 * publishes new ones.
 */
public class ValidateRules extends ProcessFunction<RawEvent, Rules> {
  public static final OutputTag<DeadLetter> DEAD_LETTERS = ValidateEvents.DEAD_LETTERS;

  @Override
  public void processElement(RawEvent raw, Context ctx, Collector<Rules> out) {
    try {
      Rules rules = WireCodec.RULES.decode(raw.value());
      String key = raw.key() == null ? null : new String(raw.key(), StandardCharsets.UTF_8);
      if (key != null && !key.equals(rules.tenantId())) {
        throw new InvalidPayloadException(
            List.of(
                new Violation(
                    "/tenantId",
                    "tenantId: '"
                        + rules.tenantId()
                        + "' is not the record's key '"
                        + key
                        + "'; rules are keyed by their tenant")));
      }
      out.collect(rules);
    } catch (InvalidPayloadException e) {
      ctx.output(DEAD_LETTERS, DeadLetter.of(raw, e));
    }
  }
}
