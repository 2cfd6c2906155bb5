package io.milepost.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.milepost.schemas.JobKey;
import io.milepost.schemas.Topics;
import io.milepost.testing.Browser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An operator changes an SLA in the ops console, and the ETA that the dealer's board and the
 * customer's tracking page show for an open job changes, live, with nothing restarted: the console
 * stores and publishes the rules, the running Flink job applies them to the open job and sends a
 * new board update, the notifier pushes it to both pages.
 */
class RulesChangeEndToEndTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  private static Stack stack;

  @BeforeAll
  static void startEverything() throws Exception {
    stack =
        Stack.start(
            Map.ofEntries(
                Map.entry("milepost.users[0].username", "dana-dealer"),
                Map.entry("milepost.users[0].password", "{noop}dealer-password"),
                Map.entry("milepost.users[0].role", "DEALER"),
                Map.entry("milepost.users[0].tenant", Stack.TENANT),
                Map.entry("milepost.users[0].locations", "springfield"),
                Map.entry("milepost.users[1].username", "otto-ops"),
                Map.entry("milepost.users[1].password", "{noop}ops-password"),
                Map.entry("milepost.users[1].role", "OPS"),
                Map.entry("milepost.users[1].tenant", Stack.TENANT)),
            // Events carry the wall clock's time: idle inputs hand the watermark to it quickly.
            "--idle-timeout",
            "2 s",
            "--max-out-of-orderness",
            "1 s");
  }

  @AfterAll
  static void stopEverything() throws Exception {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void anSlaChangedInTheConsoleMovesTheEtaOnTheBoardAndTheTrackingPageLive() throws Exception {
    String job = "RO-" + System.nanoTime();
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    produce(job, "e1", "CHECKED_IN", now.minusSeconds(120), true, now.plus(Duration.ofDays(3)));
    produce(job, "e2", "WAITING_FOR_PARTS", now.minusSeconds(60), false, null);
    JsonNode waiting =
        awaitJob(job, details -> "WAITING_FOR_PARTS".equals(details.get("stage").asString()));
    Instant etaBefore = Instant.parse(waiting.get("etaAt").asString());

    try (Browser customer = Browser.open(Browser.PHONE);
        Browser dealer = Browser.open(Browser.DESKTOP);
        Browser ops = Browser.open(Browser.DESKTOP)) {
      customer.driver.get(waiting.get("trackingUrl").asString());
      customer
          .waiting(Duration.ofSeconds(30))
          .until(d -> etaOnTrackingPage(customer).equals(etaBefore));
      dealer.signIn(stack.baseUrl(), "dana-dealer", "dealer-password");
      dealer.driver.get(stack.baseUrl() + "/board");
      String etaOnBoardBefore =
          dealer.waiting(Duration.ofSeconds(30)).until(d -> etaOnBoard(dealer, job));
      customer.script("window.__sameDocument = true;");
      dealer.script("window.__sameDocument = true;");

      // Waiting for parts: 24 hours by default; the operator learns it takes 4 here.
      ops.signIn(stack.baseUrl(), "otto-ops", "ops-password");
      ops.driver.get(stack.baseUrl() + "/ops/rules");
      WebElement sla = ops.driver.findElement(By.id("sla.WAITING_FOR_PARTS"));
      sla.clear();
      sla.sendKeys("4h");
      ops.driver.findElement(By.cssSelector("form.rules-form button[type=submit]")).click();
      ops.waiting(Duration.ofSeconds(30))
          .until(d -> !d.findElements(By.cssSelector("p.notice[role=status]")).isEmpty());

      Instant etaAfter =
          customer
              .waiting(Duration.ofSeconds(90))
              .until(
                  d -> {
                    Instant shown = etaOnTrackingPage(customer);
                    return shown.isBefore(etaBefore) ? shown : null;
                  });
      String etaOnBoardAfter =
          dealer
              .waiting(Duration.ofSeconds(30))
              .until(
                  d -> {
                    String shown = etaOnBoard(dealer, job);
                    return shown != null && !shown.equals(etaOnBoardBefore) ? shown : null;
                  });

      // Twenty hours less to wait for parts; within a minute for the time that passed meanwhile.
      assertThat(Duration.between(etaAfter, etaBefore))
          .isBetween(Duration.ofHours(20).minusMinutes(1), Duration.ofHours(20).plusMinutes(1));
      assertThat(etaOnBoardAfter).isNotBlank();
      assertThat(Instant.parse(jobDetails(job).get("etaAt").asString())).isEqualTo(etaAfter);
      // Live: neither page was loaded again.
      assertThat(customer.script("return window.__sameDocument === true;")).isEqualTo(true);
      assertThat(dealer.script("return window.__sameDocument === true;")).isEqualTo(true);
    }
  }

  private static Instant etaOnTrackingPage(Browser customer) {
    var times = customer.driver.findElements(By.cssSelector("#eta time[datetime]"));
    return times.isEmpty()
        ? Instant.EPOCH
        : Instant.parse(times.get(0).getDomAttribute("datetime"));
  }

  private static String etaOnBoard(Browser dealer, String job) {
    var eta = dealer.driver.findElements(By.cssSelector("#job-" + job + " .eta"));
    return eta.isEmpty() ? null : eta.get(0).getText();
  }

  private static void produce(
      String job,
      String eventId,
      String stage,
      Instant occurredAt,
      boolean withCustomer,
      Instant promisedAt) {
    String customer =
        withCustomer
            ? """
            , "customer": {"name": "Dana Whitfield", "phone": "+14155550199", "locale": "en-US",
                           "timeZone": "America/Chicago"}
            """
            : "";
    String promise = promisedAt == null ? "" : ", \"promisedAt\": \"" + promisedAt + "\"";
    String event =
        """
        {"eventId": "%s-%s", "tenantId": "%s", "locationId": "springfield", "jobId": "%s",
         "journey": "vehicle-service", "stage": "%s", "occurredAt": "%s"%s%s}
        """
            .formatted(job, eventId, Stack.TENANT, job, stage, occurredAt, promise, customer);
    stack.kafka.send(
        Topics.OPS_EVENTS, JobKey.of(Stack.TENANT, job), event.getBytes(StandardCharsets.UTF_8));
  }

  private static JsonNode awaitJob(String job, java.util.function.Predicate<JsonNode> until)
      throws Exception {
    Instant deadline = Instant.now().plusSeconds(90);
    while (true) {
      JsonNode details = jobDetails(job);
      if (details != null && until.test(details) && details.hasNonNull("etaAt")) {
        return details;
      }
      assertThat(Instant.now())
          .as("job %s as expected in time: %s", job, details)
          .isBefore(deadline);
      Thread.sleep(200);
    }
  }

  private static JsonNode jobDetails(String job) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/api/v1/jobs/" + job))
                    .header("Authorization", "Bearer " + stack.apiKey)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
  }
}
