package io.milepost.notifier;

import static io.milepost.notifier.Fixtures.ACME;
import static io.milepost.notifier.Fixtures.contactChanged;
import static io.milepost.notifier.Fixtures.vehicleAt;
import static io.milepost.notifier.Fixtures.withAlerts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.milepost.schemas.Journey;
import io.milepost.schemas.Stage;
import io.milepost.testing.Browser;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The tracking page in headless Chromium at a phone's size, against the running app fed through
 * Kafka: it follows a job live in the customer's language, catches up after its connection really
 * dropped, and has no serious accessibility violations once live data arrived.
 */
class TrackingPageBrowserIntegrationTests extends NotifierIntegrationTest {
  private static final Duration KAFKA = Duration.ofSeconds(45);
  private static Browser browser;

  @BeforeAll
  static void openBrowser() {
    browser = Browser.open(Browser.PHONE);
  }

  @AfterAll
  static void closeBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  @AfterEach
  void connectionsBack() {
    DroppableConnections.INSTANCE.allow();
  }

  @Test
  void aSpanishCustomerFollowsTheJobLiveInSpanishWithoutAReload() {
    String jobId = newJobId("RO-ES");
    publish(vehicleAt(jobId, Stage.CHECKED_IN, 1, null));
    awaitVersion(jobId, 1);
    publish(
        contactChanged(
            jobId,
            Journey.VEHICLE_SERVICE,
            Stage.CHECKED_IN,
            "event-es-" + jobId,
            1L,
            Fixtures.MORNING,
            newPhone(),
            "es-US"));
    await()
        .atMost(KAFKA)
        .until(() -> !rows("SELECT 1 FROM contacts WHERE job_id = ?", jobId).isEmpty());
    WebDriverWait wait = browser.waiting(Duration.ofSeconds(30));

    browser.driver.get(trackingPage(jobId));
    wait.until(ExpectedConditions.attributeToBe(By.id("connection"), "data-state", "live"));
    assertThat(browser.driver.findElement(By.tagName("html")).getDomAttribute("lang"))
        .isEqualTo("es-US");
    assertThat(text("#current-stage")).isEqualTo("Recibido");
    assertThat(text("h1")).contains("Su vehículo");
    assertThat(text("#connection")).isEqualTo("En vivo");
    browser.script("window.__samePage = true;");

    publish(withAlerts(vehicleAt(jobId, Stage.IN_REPAIR, 5, "Pastillas de freno cambiadas"), 1));

    wait.until(
        ExpectedConditions.attributeToBe(
            By.cssSelector("li[data-stage='IN_REPAIR']"), "data-state", "current"));
    assertThat(text("#current-stage")).isEqualTo("En reparación");
    assertThat(text("li[data-stage='IN_REPAIR'] .state")).isEqualTo("En curso ahora");
    assertThat(text("li[data-stage='CHECKED_IN'] .state")).isEqualTo("Hecho");
    assertThat(text("#eta-reason")).isEqualTo("La espera de piezas suele durar unas 25 horas.");
    assertThat(text("#at-risk")).startsWith("Vamos con retraso");
    assertThat(text("#note")).isEqualTo("Pastillas de freno cambiadas");
    assertThat(browser.driver.findElement(By.id("announce")).getAttribute("textContent"))
        .isEqualTo("Actualización: En reparación");
    assertThat(browser.script("return window.__samePage === true;")).isEqualTo(true);
    assertThat(browser.seriousAccessibilityViolations()).isEmpty();
    browser.assertNoSidewaysScrolling();
    browser.screenshot(Path.of("target", "screenshots", "tracking-page-es.png"));
  }

  @Test
  void afterItsConnectionDroppedThePageCatchesUpByItselfWhenItComesBack() {
    String jobId = newJobId("RO");
    String shop = TrackingPageIntegrationTests.placeOfOurOwn();
    publish(
        TrackingPageIntegrationTests.at(
            shop, withAlerts(vehicleAt(jobId, Stage.WAITING_FOR_PARTS, 4, null), 1)));
    awaitVersion(jobId, 4);
    // A customer in Chicago: the page's times are theirs.
    publish(
        contactChanged(
            jobId,
            Journey.VEHICLE_SERVICE,
            Stage.WAITING_FOR_PARTS,
            "event-en-" + jobId,
            1L,
            Fixtures.MORNING,
            newPhone(),
            "en-US"));
    await()
        .atMost(KAFKA)
        .until(() -> !rows("SELECT 1 FROM contacts WHERE job_id = ?", jobId).isEmpty());
    WebDriverWait wait = browser.waiting(Duration.ofSeconds(30));
    browser.driver.get(trackingPage(jobId));
    wait.until(ExpectedConditions.attributeToBe(By.id("connection"), "data-state", "live"));
    assertThat(stageState("WAITING_FOR_PARTS")).isEqualTo("current");
    browser.script("window.__samePage = true;");

    DroppableConnections.INSTANCE.dropAndRefuse();
    wait.until(ExpectedConditions.attributeToBe(By.id("connection"), "data-state", "offline"));
    assertThat(text("#connection")).isEqualTo("Offline: reconnecting…");
    publish(
        TrackingPageIntegrationTests.at(
            shop, vehicleAt(jobId, Stage.READY_FOR_PICKUP, 7, "Washed and ready")));
    awaitVersion(jobId, 7);
    // Stored, but no push can reach a page without a connection.
    assertThat(stageState("WAITING_FOR_PARTS")).isEqualTo("current");

    DroppableConnections.INSTANCE.allow();

    wait.until(
        ExpectedConditions.attributeToBe(
            By.cssSelector("li[data-stage='READY_FOR_PICKUP']"), "data-state", "current"));
    wait.until(ExpectedConditions.attributeToBe(By.id("connection"), "data-state", "live"));
    assertThat(text("#connection")).isEqualTo("Live");
    assertThat(stageState("WAITING_FOR_PARTS")).isEqualTo("done");
    assertThat(stageState("COLLECTED")).isEqualTo("upcoming");
    assertThat(text("#note")).isEqualTo("Washed and ready");
    // 4 PM UTC, the promise, is 10 AM in Chicago.
    assertThat(
            browser
                .driver
                .findElement(By.cssSelector("#promised time"))
                .getDomAttribute("datetime"))
        .isEqualTo("2026-11-24T10:00:00-06:00");
    assertThat(browser.script("return window.__samePage === true;")).isEqualTo(true);
    assertThat(text("#call")).isEqualTo("Call +1 312-555-0100");
    assertThat(browser.seriousAccessibilityViolations()).isEmpty();
    browser.assertNoSidewaysScrolling();
    browser.screenshot(Path.of("target", "screenshots", "tracking-page.png"));
  }

  private String trackingPage(String jobId) {
    return "http://localhost:" + port + "/track/" + trackingToken(ACME, jobId);
  }

  private static void awaitVersion(String jobId, long version) {
    await()
        .atMost(KAFKA)
        .until(
            () ->
                rows("SELECT version FROM jobs WHERE tenant_id = ? AND job_id = ?", ACME, jobId)
                    .stream()
                    .anyMatch(row -> ((Number) row.get("version")).longValue() == version));
  }

  private static String text(String css) {
    return browser.driver.findElement(By.cssSelector(css)).getText();
  }

  private static String stageState(String stage) {
    return browser
        .driver
        .findElement(By.cssSelector("li[data-stage='" + stage + "']"))
        .getDomAttribute("data-state");
  }
}
