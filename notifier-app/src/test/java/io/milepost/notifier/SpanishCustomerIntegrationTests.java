package io.milepost.notifier;

import static io.milepost.notifier.Fixtures.ACME;
import static io.milepost.notifier.Fixtures.MORNING;
import static io.milepost.notifier.Fixtures.PROMISE;
import static io.milepost.notifier.Fixtures.SPRINGFIELD;
import static io.milepost.notifier.IntentToSmsIntegrationTests.smsTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.milepost.schemas.Customer;
import io.milepost.schemas.Intent;
import io.milepost.schemas.IntentKind;
import io.milepost.schemas.Journey;
import io.milepost.schemas.Reason;
import io.milepost.schemas.ReasonCode;
import io.milepost.schemas.Stage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Six Spanish-speaking customers got English texts: a customer whose events say es-US gets every
 * kind of text in Spanish, through the real pipeline (Kafka, PostgreSQL, twilio-java). Times are in
 * Chicago (the customer's zone): 5:30 PM UTC is 11:30 a.m. there. A text over 134 characters is
 * written without the accents GSM-7 lacks rather than cut (see words/SmsWriter).
 */
class SpanishCustomerIntegrationTests extends NotifierIntegrationTest {
  private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(45);
  private static final Reason PARTS =
      new Reason(ReasonCode.TYPICAL_DURATION, Stage.WAITING_FOR_PARTS, 1500, 61);

  @Test
  void aSpanishCustomerGetsEveryKindOfTextInSpanish() {
    String jobId = newJobId("RO-ES");
    String phone = newPhone();
    Customer maria = new Customer("María", phone, "es-US", "America/Chicago");

    publish(
        intent(jobId, IntentKind.STAGE_CHANGED, Stage.CHECKED_IN, 1, null, null, maria, List.of()));
    publish(
        intent(
            jobId,
            IntentKind.STAGE_CHANGED,
            Stage.IN_REPAIR,
            2,
            null,
            null,
            null,
            List.of(Stage.DIAGNOSING, Stage.WAITING_FOR_PARTS)));
    publish(intent(jobId, IntentKind.ETA_CHANGED, Stage.IN_REPAIR, 3, 1, PARTS, null, List.of()));
    publish(intent(jobId, IntentKind.DELAY_RISK, Stage.IN_REPAIR, 4, 1, PARTS, null, List.of()));
    publish(
        intent(
            jobId,
            IntentKind.STAGE_OVERRUN,
            Stage.IN_REPAIR,
            5,
            1,
            new Reason(ReasonCode.STAGE_OVERRUN, Stage.IN_REPAIR, 90, null),
            null,
            List.of()));
    publish(intent(jobId, IntentKind.SILENCE, Stage.IN_REPAIR, 6, 1, null, null, List.of()));

    List<String> bodies = awaitBodies(phone, 6);
    assertThat(bodies)
        .satisfiesExactlyInAnyOrder(
            body ->
                assertThat(body)
                    .startsWith("Acme Motors: Hola María, hemos recibido su vehículo.")
                    .contains("Siga el avance: " + PUBLIC_BASE_URL + "/track/"),
            body ->
                assertThat(body)
                    .isEqualTo(
                        "Acme Motors: Hola María, su vehículo ya está en reparación. Desde nuestro"
                            + " último mensaje: en diagnóstico, esperando piezas."),
            body ->
                assertThat(body)
                    .isEqualTo(
                        "Acme Motors: Hola María, su vehículo estará listo hacia las 11:30 a.m.,"
                            + " porque la espera de piezas suele durar unas 25 horas."),
            body ->
                assertThat(body)
                    .contains("vamos con retraso", "11:30 a.m. en lugar de las 10:00 a.m.")
                    .contains("Disculpe la espera."),
            body ->
                assertThat(body)
                    .contains(
                        "la reparacion esta tardando 1 hora 30 minutos mas de lo previsto. Ahora"
                            + " lo esperamos hacia las 11:30 a.m. Le escribiremos cuando avance."),
            body ->
                assertThat(body)
                    .contains("seguimos trabajando: su vehiculo ya esta en reparacion.")
                    .contains("Aun no hay novedades"));
    assertThat(bodies).noneMatch(body -> body.contains("your ") || body.contains("Track it"));
  }

  @Test
  void aSpanishPhoneThatArrivesLaterGetsItsCatchUpTextInSpanish() {
    String jobId = newJobId("RO-ES");
    String phone = newPhone();
    publish(
        intent(jobId, IntentKind.STAGE_CHANGED, Stage.DIAGNOSING, 1, null, null, null, List.of()));
    publish(
        intent(
            jobId,
            IntentKind.CONTACT_CHANGED,
            Stage.DIAGNOSING,
            2,
            null,
            null,
            new Customer("José", phone, "es", "America/Chicago"),
            List.of()));

    assertThat(awaitBodies(phone, 1))
        .singleElement()
        .satisfies(
            body ->
                assertThat(body)
                    .startsWith("Acme Motors: Hola José, estamos diagnosticando su vehículo.")
                    .contains("Siga el avance: "));
  }

  private static Intent intent(
      String jobId,
      IntentKind kind,
      Stage stage,
      long version,
      Integer occurrence,
      Reason reason,
      Customer customer,
      List<Stage> passed) {
    String id =
        switch (kind) {
          case STAGE_CHANGED -> Intent.idFor(ACME, jobId, kind, version);
          case CONTACT_CHANGED -> Intent.idForEvent(ACME, jobId, kind, "event-" + version);
          default -> Intent.idForOccurrence(ACME, jobId, kind, 1, occurrence);
        };
    return new Intent(
        id,
        kind,
        ACME,
        SPRINGFIELD,
        jobId,
        Journey.VEHICLE_SERVICE,
        stage,
        null,
        version,
        1L,
        occurrence,
        MORNING.plusSeconds(600 * version),
        PROMISE.plusSeconds(5400),
        PROMISE,
        null,
        customer,
        "event-" + version,
        reason,
        passed);
  }

  private static List<String> awaitBodies(String phone, int count) {
    await().atMost(KAFKA_TIMEOUT).until(() -> smsTo(phone).size() >= count);
    assertThat(smsTo(phone)).hasSize(count);
    return smsTo(phone).stream()
        .map(request -> request.formParameters().get("Body").firstValue())
        .toList();
  }
}
