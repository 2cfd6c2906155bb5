package io.milepost.notifier;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.milepost.schemas.Journey;
import io.milepost.schemas.Stage;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A burst to one sender leaves at its rate, and every text of it leaves, once. */
class SendRateIntegrationTests extends NotifierIntegrationTest {

  @Test
  void aBurstLeavesNoFasterThanTheSendersRateAndNothingIsLost() {
    // A first text from this sender alone: the app's first request to Twilio pays for its
    // connection, and would stand for latency in the burst's spacing.
    publish(
        Fixtures.stageChanged(
            SLOW_TENANT,
            newJobId("TT"),
            Journey.VEHICLE_SERVICE,
            Stage.CHECKED_IN,
            1,
            null,
            Fixtures.MORNING,
            newPhone(),
            null));
    await().atMost(Duration.ofSeconds(60)).until(() -> fromSlowSender().size() >= 1);
    int before = fromSlowSender().size();
    int burst = 10;
    List<String> jobs = IntStream.range(0, burst).mapToObj(i -> newJobId("TT")).toList();
    jobs.forEach(
        job ->
            publish(
                Fixtures.stageChanged(
                    SLOW_TENANT,
                    job,
                    Journey.VEHICLE_SERVICE,
                    Stage.CHECKED_IN,
                    1,
                    null,
                    Fixtures.MORNING,
                    newPhone(),
                    null)));

    await().atMost(Duration.ofSeconds(60)).until(() -> fromSlowSender().size() >= before + burst);

    List<LoggedRequest> sent = fromSlowSender().subList(before, before + burst);
    assertThat(sent).hasSize(burst);
    // The bucket spaces the sends; the stub sees them a request's latency later, which a loaded
    // machine stretches unevenly (two texts 0.5 s apart may arrive close together). So over every
    // run of texts: no faster than the rate, give or take one such latency.
    long latency = 500;
    List<Long> arrivals = sent.stream().map(request -> request.getLoggedDate().getTime()).toList();
    for (int i = 0; i < arrivals.size(); i++) {
      for (int j = i + 1; j < arrivals.size(); j++) {
        long fastest = (j - i) * 1000L / SLOW_RATE - latency;
        assertThat(arrivals.get(j) - arrivals.get(i))
            .as("texts %d to %d of %s", i, j, arrivals)
            .isGreaterThanOrEqualTo(fastest);
      }
    }
    List<Map<String, Object>> rows =
        rows(
            "SELECT status, attempts FROM notifications WHERE tenant_id = ? AND job_id = ANY(?)",
            SLOW_TENANT,
            jobs.toArray(String[]::new));
    assertThat(rows)
        .hasSize(burst)
        .allSatisfy(
            row -> {
              assertThat(row.get("status")).isEqualTo("QUEUED");
              assertThat(row.get("attempts")).as("a wait for the turn is no attempt").isEqualTo(1);
            });
  }

  private static List<LoggedRequest> fromSlowSender() {
    return TestInfrastructure.TWILIO
        .findAll(
            postRequestedFor(urlPathEqualTo(TestInfrastructure.MESSAGES_PATH))
                .withFormParam("From", equalTo(SLOW_SENDER)))
        .stream()
        .sorted(Comparator.comparing(LoggedRequest::getLoggedDate))
        .toList();
  }
}
