package io.milepost.notifier.words;

import static org.assertj.core.api.Assertions.assertThat;

import io.milepost.schemas.Alert;
import io.milepost.schemas.AlertKind;
import io.milepost.schemas.Reason;
import io.milepost.schemas.ReasonCode;
import io.milepost.schemas.Stage;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ReasonsTests {

  @Test
  void eachReasonCodeReadsAsPlainEnglish() {
    assertThat(Reasons.clause(Reason.of(ReasonCode.PRODUCER_ETA)))
        .isEqualTo("that is the time our team has given");
    assertThat(
            Reasons.clause(
                new Reason(ReasonCode.TYPICAL_DURATION, Stage.WAITING_FOR_PARTS, 1500, 61)))
        .isEqualTo("waiting for parts usually takes about 25 hours");
    assertThat(Reasons.clause(new Reason(ReasonCode.SLA_DURATION, Stage.QUALITY_CHECK, 30, null)))
        .isEqualTo("the quality check takes 30 minutes");
    assertThat(Reasons.clause(new Reason(ReasonCode.STAGE_OVERRUN, Stage.IN_REPAIR, 90, null)))
        .isEqualTo("the repair is taking 1 hour 30 minutes longer than expected");
    assertThat(Reasons.clause(new Reason(ReasonCode.PROMISE_AT_RISK, null, 150, null)))
        .isEqualTo("we are running about 2 hours 30 minutes later than we promised");
    assertThat(Reasons.clause(new Reason(ReasonCode.SILENCE, Stage.DIAGNOSING, 120, null)))
        .isEqualTo("we have had no news on the diagnosis for 2 hours");
  }

  @ParameterizedTest
  @EnumSource(ReasonCode.class)
  void everyCodeReadsWithoutParametersToo(ReasonCode code) {
    String sentence = Reasons.sentence(Reason.of(code));

    assertThat(sentence).matches("[A-Z][a-z ,'-]+\\.").doesNotContain("null");
  }

  @ParameterizedTest
  @EnumSource(Stage.class)
  void everyStageIsAStepWithEveryCodeThatNamesOne(Stage stage) {
    for (ReasonCode code : ReasonCode.values()) {
      String clause = Reasons.clause(new Reason(code, stage, 45, 12));
      assertThat(clause).doesNotContain("null").doesNotContain("_");
    }
  }

  @ParameterizedTest
  @EnumSource(AlertKind.class)
  void everyAlertKindIsASentence(AlertKind kind) {
    String text =
        Reasons.alert(new Alert(kind, Stage.IN_TRANSIT, Instant.parse("2026-11-24T10:00:00Z"), 1));

    assertThat(text).matches("[A-Z].*\\.").doesNotContain("null").doesNotContain("_");
  }

  @Test
  void durationsAreSaidAsPeopleSayThem() {
    assertThat(Reasons.duration(0)).isEqualTo("0 minutes");
    assertThat(Reasons.duration(1)).isEqualTo("1 minute");
    assertThat(Reasons.duration(60)).isEqualTo("1 hour");
    assertThat(Reasons.duration(61)).isEqualTo("1 hour 1 minute");
    assertThat(Reasons.duration(599)).isEqualTo("9 hours 59 minutes");
    assertThat(Reasons.duration(1500)).isEqualTo("about 25 hours");
    assertThat(Reasons.duration(3 * 24 * 60 + 100)).isEqualTo("about 3 days");
  }
}
