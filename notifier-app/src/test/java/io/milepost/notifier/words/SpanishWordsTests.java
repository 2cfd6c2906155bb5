package io.milepost.notifier.words;

import static org.assertj.core.api.Assertions.assertThat;

import io.milepost.schemas.AlertKind;
import io.milepost.schemas.Journey;
import io.milepost.schemas.Reason;
import io.milepost.schemas.ReasonCode;
import io.milepost.schemas.Stage;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * What a Spanish reader gets, kind by kind, in words a Spanish speaker would check: not only "not
 * English". Two UCS-2 segments hold 134 characters: a longer Spanish text is written without the
 * accents GSM-7 lacks (á í ó ú; é ñ ¿ stay), which gives it 306, before anything is left out.
 */
class SpanishWordsTests {
  private static final Words WORDS = Words.shipped();
  private static final SmsWriter WRITER = new SmsWriter(WORDS);
  private static final Locale ES = Locale.forLanguageTag("es");
  private static final Locale ES_US = Locale.forLanguageTag("es-US");
  private static final String LINK = "https://notify.example.test/track/AbCdEfGhIjKlMnOpQrStUvWx";
  private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");
  private static final Instant NOW = Instant.parse("2026-11-25T09:00:00Z"); // 10:00 in Madrid
  private static final Instant ETA = Instant.parse("2026-11-25T16:30:00Z"); // 17:30
  private static final Instant PROMISE = Instant.parse("2026-11-25T15:00:00Z"); // 16:00
  private static final Reason PARTS =
      new Reason(ReasonCode.TYPICAL_DURATION, Stage.WAITING_FOR_PARTS, 1500, 12);

  private static String write(TemplateKind kind, Locale locale, SmsFacts facts) {
    return WRITER.write(kind, WORDS.messages().pattern(kind.key(), locale), locale, facts).text();
  }

  private static SmsFacts facts(Stage stage, List<Stage> passed, Reason reason, String link) {
    return new SmsFacts(
        "Talleres Sol",
        "Lucía",
        "Le esperamos.",
        link,
        stage.journey(),
        stage,
        passed,
        ETA,
        PROMISE,
        reason,
        MADRID,
        NOW);
  }

  @Test
  void aStageChange() {
    assertThat(
            write(
                TemplateKind.STAGE_CHANGED,
                ES,
                facts(Stage.READY_FOR_PICKUP, List.of(), null, LINK)))
        .isEqualTo(
            "Talleres Sol: Hola Lucia, su vehiculo esta listo para recoger. Le esperamos. Siga el"
                + " avance: "
                + LINK);
  }

  @Test
  void aDigestOfSeveralStages() {
    assertThat(
            write(
                TemplateKind.STAGE_DIGEST,
                ES,
                facts(
                    Stage.IN_REPAIR,
                    List.of(Stage.DIAGNOSING, Stage.WAITING_FOR_PARTS),
                    null,
                    null)))
        .isEqualTo(
            "Talleres Sol: Hola Lucia, su vehiculo ya esta en reparacion. Desde nuestro ultimo"
                + " mensaje: en diagnostico, esperando piezas. Le esperamos.");
  }

  @Test
  void anEtaChangeWithItsReasonAndTheTimeInTheCustomersZone() {
    assertThat(
            write(
                TemplateKind.ETA_CHANGED,
                ES,
                facts(Stage.WAITING_FOR_PARTS, List.of(), PARTS, null)))
        .isEqualTo(
            "Talleres Sol: Hola Lucía, su vehículo estará listo hacia las 17:30, porque la espera"
                + " de piezas suele durar unas 25 horas.");
  }

  @Test
  void aDelayRiskForAParcelOnAnotherDay() {
    SmsFacts facts =
        new SmsFacts(
            "Envíos Rápidos",
            null,
            null,
            null,
            Journey.DELIVERY,
            Stage.IN_TRANSIT,
            List.of(),
            ETA.plusSeconds(86400),
            PROMISE,
            new Reason(ReasonCode.PROMISE_AT_RISK, null, 150, null),
            MADRID,
            NOW);
    assertThat(write(TemplateKind.DELAY_RISK, ES, facts))
        .isEqualTo(
            "Envios Rapidos: vamos con retraso: ahora lo esperamos hacia las 17:30 del jue, 26 nov"
                + " en lugar de las 16:00, porque vamos 2 horas 30 minutos mas tarde de lo"
                + " prometido. Disculpe la espera.");
  }

  @Test
  void aStageOverrunApology() {
    assertThat(
            write(
                TemplateKind.STAGE_OVERRUN,
                ES,
                facts(
                    Stage.IN_REPAIR,
                    List.of(),
                    new Reason(ReasonCode.STAGE_OVERRUN, Stage.IN_REPAIR, 60, null),
                    null)))
        .isEqualTo(
            "Talleres Sol: Hola Lucia, la reparacion esta tardando 1 hora mas de lo previsto. Ahora"
                + " lo esperamos hacia las 17:30. Le escribiremos cuando avance.");
  }

  @Test
  void aSilenceApology() {
    assertThat(write(TemplateKind.SILENCE, ES, facts(Stage.DIAGNOSING, List.of(), null, null)))
        .isEqualTo(
            "Talleres Sol: Hola Lucia, seguimos trabajando: estamos diagnosticando su vehiculo. Aun"
                + " no hay novedades; le escribiremos en cuanto las haya.");
  }

  @Test
  void theSatisfactionSurvey() {
    assertThat(write(TemplateKind.CSAT_SURVEY, ES, facts(Stage.COLLECTED, List.of(), null, null)))
        .isEqualTo(
            "Talleres Sol: Hola Lucía, gracias por confiar en nosotros. ¿Qué tal lo hicimos?"
                + " Responda con un número del 1 (mal) al 5 (excelente).");
  }

  @Test
  void usSpanishReadsTheClockAsAmericansDo() {
    assertThat(WORDS.time(ETA, ZoneId.of("America/Chicago"), NOW, ES_US).replace('\u202F', ' '))
        .isEqualTo("10:30 a.m.");
    assertThat(WORDS.time(ETA, MADRID, NOW, ES)).isEqualTo("17:30");
  }

  @Test
  void pluralsLengthsReasonsLabelsAndAlerts() {
    assertThat(WORDS.duration(1, ES)).isEqualTo("1 minuto");
    assertThat(WORDS.duration(61, ES)).isEqualTo("1 hora 1 minuto");
    assertThat(WORDS.duration(120, ES)).isEqualTo("2 horas");
    assertThat(WORDS.duration(1500, ES)).isEqualTo("unas 25 horas");
    assertThat(WORDS.duration(3 * 24 * 60, ES)).isEqualTo("unos 3 días");
    assertThat(WORDS.reason(Reason.of(ReasonCode.PRODUCER_ETA), ES))
        .isEqualTo("es la hora que nos ha dado nuestro equipo");
    assertThat(WORDS.reason(new Reason(ReasonCode.SILENCE, Stage.DIAGNOSING, null, null), ES))
        .isEqualTo("no tenemos noticias sobre el diagnóstico desde hace un rato");
    assertThat(WORDS.stageLabel(Stage.WAITING_FOR_PARTS, ES)).isEqualTo("Esperando piezas");
    assertThat(WORDS.alert(AlertKind.STAGE_OVERRUN, Stage.IN_TRANSIT, ES))
        .isEqualTo("El trayecto está tardando más de lo previsto.");
  }

  @Test
  void everyStageAndReasonHasSpanishWords() {
    for (Stage stage : Stage.values()) {
      assertThat(WORDS.stageSentence(stage, ES))
          .as(stage.name())
          .isNotEqualTo(WORDS.stageSentence(stage, Locale.ENGLISH));
      assertThat(WORDS.stageLabel(stage, ES)).isNotEqualTo(WORDS.stageLabel(stage, Locale.ENGLISH));
    }
    for (ReasonCode code : ReasonCode.values()) {
      Reason reason = new Reason(code, Stage.IN_REPAIR, 30, 4);
      assertThat(WORDS.reason(reason, ES)).isNotEqualTo(WORDS.reason(reason, Locale.ENGLISH));
    }
  }
}
