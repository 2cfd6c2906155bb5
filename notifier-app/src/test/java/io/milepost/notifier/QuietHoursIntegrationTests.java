package io.milepost.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.milepost.schemas.BoardUpdate;
import io.milepost.schemas.Customer;
import io.milepost.schemas.Intent;
import io.milepost.schemas.IntentKind;
import io.milepost.schemas.Journey;
import io.milepost.schemas.Stage;
import io.milepost.schemas.TimelineEntry;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Quiet hours with the settings people get (on, 21:00–08:00 on the customer's clock), the hour set
 * on the app's clock: a text due at night is held, not dropped, and goes out when they end as one
 * text with the latest news, while the tracking page follows the job all night.
 */
class QuietHoursIntegrationTests extends NotifierIntegrationTest {
  static final String NIGHT_OWL = "night-owl-motors";
  private static final String LOCATION = "riverside";
  private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(45);
  // 24 November 2026 in Chicago (CST, UTC-6).
  private static final Instant ELEVEN_PM = Instant.parse("2026-11-25T05:00:00Z");
  private static final Instant EIGHT_AM = Instant.parse("2026-11-25T14:00:00Z");

  @AfterEach
  void realTimeAgain() {
    clock.release();
  }

  @Test
  void aTextDueAtElevenPmGoesOutAtEightAmNotBeforeAndNotLost() {
    String jobId = newJobId("NIGHT");
    String phone = newPhone();
    clock.pin(ELEVEN_PM);

    publish(stageChanged(jobId, Stage.CHECKED_IN, 1, ELEVEN_PM.minusSeconds(60), phone));

    await().atMost(KAFKA_TIMEOUT).until(() -> "HELD".equals(outbox(jobId, 1).get("status")));
    Map<String, Object> held = outbox(jobId, 1);
    assertThat(((Timestamp) held.get("next_attempt_at")).toInstant()).isEqualTo(EIGHT_AM);
    assertThat((String) held.get("error_message"))
        .contains("quiet hours 21:00–08:00 America/Chicago");

    // A second before eight: several sweeps pass, nothing goes out, the text is still there.
    clock.pin(EIGHT_AM.minusSeconds(1));
    await()
        .during(Duration.ofMillis(1500))
        .atMost(Duration.ofSeconds(5))
        .until(() -> smsTo(phone).isEmpty() && "HELD".equals(outbox(jobId, 1).get("status")));

    clock.pin(EIGHT_AM);
    await().atMost(Duration.ofSeconds(15)).until(() -> smsTo(phone).size() == 1);
    String body = smsTo(phone).get(0).formParameters().get("Body").firstValue();
    assertThat(body).contains("checked in").contains(PUBLIC_BASE_URL + "/track/");
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> "QUEUED".equals(outbox(jobId, 1).get("status")));
    assertThat(statuses(jobId, 1)).containsExactly("HELD", "PENDING", "QUEUED");
  }

  @Test
  void threeStageChangesOvernightGiveOneMorningTextWithTheLatestStage() throws Exception {
    String jobId = newJobId("NIGHT");
    String phone = newPhone();
    clock.pin(ELEVEN_PM);

    publish(stageChanged(jobId, Stage.CHECKED_IN, 1, ELEVEN_PM.minusSeconds(600), phone));
    publish(stageChanged(jobId, Stage.DIAGNOSING, 2, ELEVEN_PM.plusSeconds(1800), null));
    publish(stageChanged(jobId, Stage.IN_REPAIR, 3, ELEVEN_PM.plusSeconds(3 * 3600), null));

    await().atMost(KAFKA_TIMEOUT).until(() -> "HELD".equals(outbox(jobId, 3).get("status")));
    assertThat(outbox(jobId, 1).get("status")).isEqualTo("HELD");
    assertThat(outbox(jobId, 2).get("status")).isEqualTo("HELD");
    assertThat(smsTo(phone)).isEmpty();
    // The tracking page is not held: the night's board update reaches it at once.
    publish(
        new BoardUpdate(
            NIGHT_OWL,
            LOCATION,
            jobId,
            Journey.VEHICLE_SERVICE,
            Stage.IN_REPAIR,
            3,
            null,
            ELEVEN_PM.plusSeconds(3 * 3600),
            null,
            null,
            null,
            List.of(
                new TimelineEntry(Stage.CHECKED_IN, ELEVEN_PM.minusSeconds(600)),
                new TimelineEntry(Stage.DIAGNOSING, ELEVEN_PM.plusSeconds(1800)),
                new TimelineEntry(Stage.IN_REPAIR, ELEVEN_PM.plusSeconds(3 * 3600)))));
    String token = trackingToken(NIGHT_OWL, jobId);
    await()
        .atMost(KAFKA_TIMEOUT)
        .until(
            () ->
                httpGet("/track/" + token + "/progress", null)
                    .body()
                    .toLowerCase(java.util.Locale.ROOT)
                    .contains("in repair"));
    assertThat(smsTo(phone)).isEmpty();

    clock.pin(EIGHT_AM.plusSeconds(120));
    await().atMost(Duration.ofSeconds(15)).until(() -> smsTo(phone).size() == 1);
    // Sweeps go on: still one text.
    await()
        .during(Duration.ofMillis(1500))
        .atMost(Duration.ofSeconds(5))
        .until(() -> smsTo(phone).size() == 1);
    String body = smsTo(phone).get(0).formParameters().get("Body").firstValue();
    // The latest stage, and the link: nothing reached the customer before this text.
    assertThat(body).contains("in repair").contains(PUBLIC_BASE_URL + "/track/");
    long kept = ((Number) outbox(jobId, 3).get("id")).longValue();
    for (long superseded : new long[] {1, 2}) {
      Map<String, Object> row = outbox(jobId, superseded);
      assertThat(row.get("status")).isEqualTo("SUPERSEDED");
      assertThat((String) row.get("error_message")).contains("superseded by notification " + kept);
      assertThat(row.get("attempts")).isEqualTo(0);
    }
  }

  /** Message-create requests Twilio received for one phone, oldest first. */
  static List<LoggedRequest> smsTo(String phone) {
    return IntentToSmsIntegrationTests.smsTo(phone);
  }

  static Map<String, Object> outbox(String jobId, long version) {
    List<Map<String, Object>> found =
        rows(
            "SELECT * FROM notifications WHERE intent_id = ?",
            Intent.idFor(NIGHT_OWL, jobId, IntentKind.STAGE_CHANGED, version));
    return found.isEmpty() ? Map.of() : found.get(0);
  }

  static List<String> statuses(String jobId, long version) {
    return rows(
            "SELECT h.status FROM notification_status_history h JOIN notifications n ON n.id ="
                + " h.notification_id WHERE n.intent_id = ? ORDER BY h.id",
            Intent.idFor(NIGHT_OWL, jobId, IntentKind.STAGE_CHANGED, version))
        .stream()
        .map(row -> (String) row.get("status"))
        .toList();
  }

  /** A vehicle's stage change at the night-owl tenant; with a phone, a customer in Chicago. */
  static Intent stageChanged(
      String jobId, Stage stage, long version, Instant occurredAt, String phone) {
    return new Intent(
        Intent.idFor(NIGHT_OWL, jobId, IntentKind.STAGE_CHANGED, version),
        IntentKind.STAGE_CHANGED,
        NIGHT_OWL,
        LOCATION,
        jobId,
        Journey.VEHICLE_SERVICE,
        stage,
        null,
        version,
        null,
        null,
        occurredAt,
        null,
        null,
        null,
        phone == null ? null : new Customer("Sam Night", phone, "en-US", "America/Chicago"),
        "event-" + jobId + "-" + version,
        null,
        null);
  }
}
