package io.milepost.stream.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.milepost.schemas.Rules;
import io.milepost.schemas.Topics;
import io.milepost.stream.ingest.DeadLetter;
import io.milepost.stream.ingest.RawEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ValidateRulesTest {
  private static final String VALID =
      """
      {"tenantId": "acme-motors", "revision": 4, "silenceLimit": "PT3H"}""";

  private OneInputStreamOperatorTestHarness<RawEvent, Rules> harness;

  @BeforeEach
  void open() throws Exception {
    harness = ProcessFunctionTestHarnesses.forProcessFunction(new ValidateRules());
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  @Test
  void validRulesOfTheKeyedTenantPass() throws Exception {
    harness.processElement(raw("acme-motors", VALID, 3), 0);

    assertThat(harness.extractOutputValues())
        .singleElement()
        .satisfies(rules -> assertThat(rules.revisionOrZero()).isEqualTo(4));
    assertThat(deadLetters()).isEmpty();
  }

  @Test
  void aBadRulesRecordIsDeadLetteredWithItsReasonAndNotApplied() throws Exception {
    String zeroSilence = VALID.replace("PT3H", "PT0S");
    harness.processElement(raw("acme-motors", zeroSilence, 5), 0);
    harness.processElement(raw("acme-motors", "{\"tenantId\":", 6), 0);

    assertThat(harness.extractOutputValues()).as("nothing reaches the jobs").isEmpty();
    List<DeadLetter> letters = deadLetters();
    assertThat(letters).hasSize(2);
    assertThat(letters.get(0).field()).isEqualTo("/silenceLimit");
    assertThat(letters.get(0).sourceTopic()).isEqualTo(Topics.RULES);
    assertThat(letters.get(0).sourceOffset()).isEqualTo(5);
    assertThat(letters.get(0).value()).isEqualTo(zeroSilence.getBytes(StandardCharsets.UTF_8));
    assertThat(letters.get(1).reason()).startsWith("the payload is not JSON");
  }

  @Test
  void rulesUnderAnotherTenantsKeyAreDeadLettered() throws Exception {
    harness.processElement(raw("swift-parcels", VALID, 7), 0);

    assertThat(harness.extractOutputValues()).isEmpty();
    assertThat(deadLetters())
        .singleElement()
        .satisfies(
            letter -> {
              assertThat(letter.field()).isEqualTo("/tenantId");
              assertThat(letter.reason()).contains("is not the record's key 'swift-parcels'");
            });
  }

  @Test
  void aTombstoneIsDeadLetteredNotTakenAsNoRules() throws Exception {
    harness.processElement(new RawEvent(Topics.RULES, 0, 8, bytes("acme-motors"), null), 0);

    assertThat(harness.extractOutputValues()).isEmpty();
    assertThat(deadLetters()).singleElement().satisfies(l -> assertThat(l.value()).isNull());
  }

  private static RawEvent raw(String key, String json, long offset) {
    return new RawEvent(Topics.RULES, 0, offset, bytes(key), bytes(json));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private List<DeadLetter> deadLetters() {
    var letters = harness.getSideOutput(ValidateRules.DEAD_LETTERS);
    return letters == null ? List.of() : letters.stream().map(StreamRecord::getValue).toList();
  }
}
