package io.milepost.notifier;

import static io.milepost.notifier.Fixtures.ACME;
import static io.milepost.notifier.Fixtures.SPRINGFIELD;
import static io.milepost.notifier.IntentToSmsIntegrationTests.smsTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.milepost.schemas.Alert;
import io.milepost.schemas.AlertKind;
import io.milepost.schemas.BoardUpdate;
import io.milepost.schemas.Customer;
import io.milepost.schemas.Intent;
import io.milepost.schemas.IntentKind;
import io.milepost.schemas.Journey;
import io.milepost.schemas.Stage;
import io.milepost.schemas.TimelineEntry;
import io.milepost.testing.Browser;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The dealer's board in headless Chromium at a desktop's size: signed in as a dealer, a job that
 * stalls turns red with an "Overrun" badge when its alert arrives, and a customer's YES appears on
 * its card with a badge, both live, without a reload; axe-core finds nothing serious once the live
 * data is there. Saves target/screenshots/board.png (a person copies a good one to
 * docs/screenshots/).
 */
class BoardBrowserIntegrationTests extends NotifierIntegrationTest {
  private static final Duration WAIT = Duration.ofSeconds(45);
  private static final String SHARED_NUMBER = "+15005550006";
  private static final AtomicInteger SIDS = new AtomicInteger();
  private static Browser browser;

  @BeforeAll
  static void openBrowser() {
    browser = Browser.open(Browser.DESKTOP);
  }

  @AfterAll
  static void closeBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  void aStalledJobTurnsRedAndACustomersYesAppearsLiveWithoutAReload() throws Exception {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Instant promise = now.plus(Duration.ofHours(5));
    record Planned(String jobId, Stage stage, String name, int minutesIn, List<AlertKind> alerts) {}
    List<Planned> jobs =
        List.of(
            new Planned(newJobId("RO"), Stage.CHECKED_IN, "Maria Lopez", 12, List.of()),
            new Planned(newJobId("RO"), Stage.DIAGNOSING, "Ken Adams", 48, List.of()),
            new Planned(
                newJobId("RO"),
                Stage.WAITING_FOR_PARTS,
                "Priya Shah",
                300,
                List.of(AlertKind.DELAY_RISK)),
            new Planned(newJobId("RO"), Stage.IN_REPAIR, "Tom Becker", 95, List.of()),
            new Planned(newJobId("RO"), Stage.QUALITY_CHECK, "Lena Fischer", 20, List.of()),
            new Planned(newJobId("RO"), Stage.READY_FOR_PICKUP, "Omar Haddad", 35, List.of()));
    for (Planned job : jobs) {
      publish(intent(job.jobId(), Stage.CHECKED_IN, 1, job.name(), newPhone()));
      publish(board(job.jobId(), job.stage(), 3, now, job.minutesIn(), promise, job.alerts()));
    }
    // The customer who will answer YES was asked to approve the repair.
    String asked = newJobId("RO");
    String phone = newPhone();
    publish(intent(asked, Stage.CHECKED_IN, 1, "Dana Whitfield", phone));
    publish(intent(asked, Stage.AWAITING_APPROVAL, 2, null, null));
    publish(board(asked, Stage.AWAITING_APPROVAL, 2, now, 25, promise, List.of()));
    await().atMost(WAIT).until(() -> smsTo(phone).size() == 2);
    String stalled = jobs.get(3).jobId();
    for (Planned job : jobs) {
      await().atMost(WAIT).until(() -> BoardIntegrationTests.version(ACME, job.jobId()) == 3);
    }
    await().atMost(WAIT).until(() -> BoardIntegrationTests.version(ACME, asked) == 2);

    browser.signIn("http://localhost:" + port, "dana-dealer", "dealer-password");
    browser.driver.get("http://localhost:" + port + "/board");
    var wait = browser.waiting(WAIT);
    wait.until(ExpectedConditions.attributeToBe(By.id("live"), "data-state", "live"));
    // The board fetches its columns again once live: ask until the card stands still.
    wait.until(
        d ->
            "none".equals(card(stalled).getDomAttribute("data-tone"))
                && card(stalled).findElements(By.cssSelector("[data-flag=overrun]")).isEmpty());
    browser.script("window.__sameDocument = true;");

    // The job stalls: the engine's next board update carries a STAGE_OVERRUN alert.
    publish(board(stalled, Stage.IN_REPAIR, 4, now, 95, promise, List.of(AlertKind.STAGE_OVERRUN)));

    wait.until(d -> "red".equals(card(stalled).getDomAttribute("data-tone")));
    WebElement overrun = card(stalled).findElement(By.cssSelector("li[data-flag=overrun]"));
    assertThat(overrun.getText()).isEqualTo("Overrun");
    assertThat(card(stalled).getDomAttribute("data-version")).isEqualTo("4");
    // The most urgent first: no card that needs nothing comes before the red one in its column
    // (other tests' jobs may share the column, some of them red too).
    List<String> tonesBefore = new java.util.ArrayList<>();
    for (WebElement card :
        browser.driver.findElements(By.cssSelector(".column[data-stage=IN_REPAIR] article.card"))) {
      if (stalled.equals(card.getDomAttribute("data-job-id"))) {
        break;
      }
      tonesBefore.add(card.getDomAttribute("data-tone"));
    }
    assertThat(tonesBefore).allMatch("red"::equals);

    // The customer answers the approval request by text.
    inbound(phone, "Yes");

    wait.until(
        d -> !card(asked).findElements(By.cssSelector("li.reply[data-kind=approved]")).isEmpty());
    assertThat(card(asked).findElement(By.cssSelector("li.reply[data-kind=approved]")).getText())
        .contains("Approved")
        .contains("Yes");
    assertThat(card(asked).findElement(By.cssSelector("li[data-flag=replied]")).getText())
        .isEqualTo("1 new reply");
    assertThat(browser.script("return window.__sameDocument === true;")).isEqualTo(true);

    assertThat(browser.seriousAccessibilityViolations()).isEmpty();
    Path shot = Path.of("target", "screenshots", "board.png");
    browser.screenshot(shot);

    // The job's page: its timeline, the texts with their delivery status, the customer's YES.
    card(asked).findElement(By.cssSelector("h4 a")).click();
    wait.until(ExpectedConditions.urlContains("/board/jobs/" + asked));
    assertThat(browser.driver.findElement(By.cssSelector("ol.timeline")).getText())
        .contains("Checked in")
        .contains("Awaiting approval");
    assertThat(browser.driver.findElements(By.cssSelector("tr[data-status]"))).hasSize(2);
    assertThat(browser.driver.findElement(By.cssSelector(".replies")).getText())
        .contains("Approved");
    // The segment count follows the message as it is typed, before anything is sent.
    browser.driver.findElement(By.id("message")).sendKeys("Your car is washed and ready early.");
    wait.until(ExpectedConditions.textToBe(By.id("live-segments"), "1 SMS segment"));
    browser.driver.findElement(By.id("message")).sendKeys(" 🚗".repeat(60));
    wait.until(d -> d.findElement(By.id("live-segments")).getText().contains("at most 2"));
    assertThat(browser.seriousAccessibilityViolations()).isEmpty();
    browser.screenshot(Path.of("target", "screenshots", "board-job.png"));

    // Seen: the badge goes, and the reply stays in the job's history.
    assertThat(browser.driver.findElements(By.cssSelector("li[data-flag=replied]"))).hasSize(1);
    browser.driver.findElement(By.cssSelector("form.seen button")).click();
    wait.until(ExpectedConditions.urlContains("/board/jobs/" + asked));
    assertThat(browser.driver.findElements(By.cssSelector("li[data-flag=replied]"))).isEmpty();
    assertThat(browser.driver.findElement(By.cssSelector(".replies")).getText())
        .contains("seen by dana-dealer");
  }

  @Test
  void afterItsConnectionDroppedTheBoardCatchesUpByItselfWithoutAReload() throws Exception {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Instant promise = now.plus(Duration.ofHours(5));
    String jobId = newJobId("RO");
    publish(intent(jobId, Stage.CHECKED_IN, 1, "Ana Ruiz", newPhone()));
    publish(board(jobId, Stage.DIAGNOSING, 2, now, 10, promise, List.of()));
    await().atMost(WAIT).until(() -> BoardIntegrationTests.version(ACME, jobId) == 2);
    browser.signIn("http://localhost:" + port, "dana-dealer", "dealer-password");
    browser.driver.get("http://localhost:" + port + "/board");
    var wait = browser.waiting(WAIT);
    wait.until(ExpectedConditions.attributeToBe(By.id("live"), "data-state", "live"));
    wait.until(d -> "DIAGNOSING".equals(columnOf(jobId)));
    browser.script("window.__sameDocument = true;");

    try {
      DroppableConnections.INSTANCE.dropAndRefuse();
      wait.until(ExpectedConditions.attributeToBe(By.id("live"), "data-state", "offline"));
      publish(board(jobId, Stage.IN_REPAIR, 3, now, 1, promise, List.of(AlertKind.STAGE_OVERRUN)));
      await().atMost(WAIT).until(() -> BoardIntegrationTests.version(ACME, jobId) == 3);
      // Stored, but no push reaches a board without a connection.
      assertThat(columnOf(jobId)).isEqualTo("DIAGNOSING");
    } finally {
      DroppableConnections.INSTANCE.allow();
    }

    wait.until(ExpectedConditions.attributeToBe(By.id("live"), "data-state", "live"));
    wait.until(d -> "IN_REPAIR".equals(columnOf(jobId)));
    wait.until(d -> "red".equals(card(jobId).getDomAttribute("data-tone")));
    assertThat(browser.script("return window.__sameDocument === true;")).isEqualTo(true);
  }

  /** The stage of the column the job's card stands in, or null when the board has no card. */
  private static String columnOf(String jobId) {
    var cards =
        browser.driver.findElements(By.cssSelector("article.card[data-job-id='" + jobId + "']"));
    if (cards.isEmpty()) {
      return null;
    }
    return (String)
        browser.script("return arguments[0].closest('.column').dataset.stage;", cards.get(0));
  }

  private static WebElement card(String jobId) {
    return browser.driver.findElement(By.cssSelector("article.card[data-job-id='" + jobId + "']"));
  }

  /** A STAGE_CHANGED intent with the customer's name (or none), as the engine writes it. */
  private static Intent intent(String jobId, Stage stage, long version, String name, String phone) {
    return new Intent(
        Intent.idFor(ACME, jobId, IntentKind.STAGE_CHANGED, version),
        IntentKind.STAGE_CHANGED,
        ACME,
        SPRINGFIELD,
        jobId,
        Journey.VEHICLE_SERVICE,
        stage,
        null,
        version,
        null,
        null,
        Instant.now(),
        null,
        null,
        null,
        name == null ? null : new Customer(name, phone, "en-US", "America/Chicago"),
        "event-" + jobId + "-" + version,
        null,
        List.of());
  }

  /**
   * The board state of a vehicle in {@code stage} for {@code minutesIn} minutes, every earlier
   * stage passed before, with the alerts the engine has open on it.
   */
  private static BoardUpdate board(
      String jobId,
      Stage stage,
      long version,
      Instant now,
      int minutesIn,
      Instant promise,
      List<AlertKind> alerts) {
    Instant entered = now.minus(Duration.ofMinutes(minutesIn));
    List<TimelineEntry> timeline = new ArrayList<>();
    for (Stage each : Journey.VEHICLE_SERVICE.stages()) {
      if (each.position() > stage.position()) {
        break;
      }
      timeline.add(
          new TimelineEntry(
              each, entered.minus(Duration.ofMinutes(30L * (stage.position() - each.position())))));
    }
    return new BoardUpdate(
        ACME,
        SPRINGFIELD,
        jobId,
        Journey.VEHICLE_SERVICE,
        stage,
        version,
        null,
        entered,
        promise.minus(Duration.ofMinutes(alerts.contains(AlertKind.DELAY_RISK) ? -40 : 60)),
        promise,
        null,
        timeline,
        null,
        alerts.stream().map(kind -> new Alert(kind, stage, now, 1)).toList());
  }

  private void inbound(String from, String body) throws Exception {
    String path = "/webhooks/twilio/inbound";
    TwilioWebhookRequests.post(
        http,
        local(path),
        PUBLIC_BASE_URL + path,
        Map.of(
            "AccountSid",
            TestInfrastructure.ACCOUNT_SID,
            "MessageSid",
            "SMbb" + ProcessHandle.current().pid() + "x" + SIDS.incrementAndGet(),
            "From",
            from,
            "To",
            SHARED_NUMBER,
            "Body",
            body,
            "NumMedia",
            "0"),
        TestInfrastructure.AUTH_TOKEN);
  }
}
