package io.milepost.notifier;

import static io.milepost.notifier.Fixtures.ACME;
import static io.milepost.notifier.Fixtures.vehicleAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.milepost.schemas.Stage;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The customer's page, fetched as a browser would, without logging in. */
class TrackingPageIntegrationTests extends NotifierIntegrationTest {

  @Test
  void aKnownTokenShowsTheJobsStagesWithTheCurrentOneMarked() throws Exception {
    String jobId = newJobId("RO");
    publish(vehicleAt(jobId, Stage.IN_REPAIR, 5, "Waiting on <brake> pads & rotors"));
    await().atMost(Duration.ofSeconds(45)).until(() -> trackingToken(ACME, jobId) != null);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                ((Number)
                            rows("SELECT version FROM jobs WHERE job_id = ?", jobId)
                                .get(0)
                                .get("version"))
                        .longValue()
                    == 5);

    HttpResponse<String> page = httpGet("/track/" + trackingToken(ACME, jobId), null);

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
    assertThat(page.body())
        .contains("Acme Motors")
        .contains(jobId)
        .contains("<li data-stage=\"CHECKED_IN\" data-state=\"done\">")
        .contains("<li data-stage=\"IN_REPAIR\" data-state=\"current\">")
        .contains("<li data-stage=\"COLLECTED\" data-state=\"upcoming\">")
        .contains("Waiting on &lt;brake&gt; pads &amp; rotors")
        .contains("id=\"promised\"")
        .contains("/js/stomp-lite.js")
        .contains("name=\"viewport\"");
  }

  @Test
  void anUnknownTokenGetsAFriendlyNotFoundPage() throws Exception {
    HttpResponse<String> page = httpGet("/track/this-token-does-not-exist", null);

    assertThat(page.statusCode()).isEqualTo(404);
    assertThat(page.body()).contains("We could not find this tracking link");
  }

  @Test
  void thePageScriptsAreServedWithoutLogin() throws Exception {
    assertThat(httpGet("/js/stomp-lite.js", null).body()).contains("SUBSCRIBE");
    assertThat(httpGet("/js/tracking.js", null).statusCode()).isEqualTo(200);
    assertThat(httpGet("/css/tracking.css", null).statusCode()).isEqualTo(200);
  }
}
