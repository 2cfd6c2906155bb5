package io.milepost.notifier;

import static io.milepost.notifier.Fixtures.ACME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.milepost.schemas.CxAlert;
import io.milepost.schemas.CxAlertCode;
import io.milepost.schemas.CxMeasures;
import io.milepost.schemas.CxMetrics;
import io.milepost.schemas.Topics;
import io.milepost.schemas.WireCodec;
import io.milepost.testing.Browser;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The ops console in headless Chromium at desktop size, signed in as otto-ops, with CX metrics of a
 * location loaded from milepost.cx-metrics: every chart is drawn, and axe-core finds no serious
 * accessibility violation on any console page.
 */
class OpsConsoleBrowserIntegrationTests extends NotifierIntegrationTest {
  private static final String LOCATION = "northgate";
  private static final List<String> CHARTS =
      List.of(
          "chart-first-update",
          "chart-silence",
          "chart-promises",
          "chart-overruns",
          "chart-delivered",
          "chart-dead-letters");

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
  void theConsoleDrawsEveryChartOfALocationWithNoSeriousAccessibilityViolation() {
    execute(
        "INSERT INTO locations (tenant_id, location_id, name) VALUES (?, ?, 'Northgate Service')"
            + " ON CONFLICT DO NOTHING",
        ACME,
        LOCATION);
    Instant now = clock.instant().truncatedTo(ChronoUnit.MINUTES);
    for (int i = 1; i <= 20; i++) {
      Instant start = now.minus(Duration.ofMinutes(15L * i));
      CxMetrics window =
          CxMetrics.window(
              ACME,
              LOCATION,
              start,
              start.plusSeconds(60),
              new CxMeasures(
                  2,
                  60L * (4 + i % 5) * 2,
                  60L * (6 + i % 7),
                  6,
                  1,
                  4,
                  60L * (20 + 7 * (i % 6)),
                  i % 4 == 0 ? 1 : 0,
                  i % 5 == 0 ? 1 : 0,
                  3 + i % 3,
                  i % 6 == 0 ? 1 : 0,
                  i % 7 == 0 ? 1 : 0));
      kafka.send(Topics.CX_METRICS, window.key(), WireCodec.CX_METRICS.encode(window));
    }
    java.time.LocalDate today = now.atZone(java.time.ZoneOffset.UTC).toLocalDate();
    Instant midnight = today.atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
    CxMetrics day =
        CxMetrics.day(
            ACME,
            LOCATION,
            midnight,
            midnight.plus(Duration.ofDays(1)),
            today.toString(),
            "UTC",
            new CxMeasures(38, 38 * 6 * 60, 14 * 60, 160, 31, 124, 55 * 60, 3, 5, 27, 2, 2));
    kafka.send(Topics.CX_METRICS, day.key(), WireCodec.CX_METRICS.encode(day));
    CxMetrics alert =
        CxMetrics.alert(
            ACME,
            LOCATION,
            new CxAlert(
                CxAlertCode.JOB_SILENT_TOO_LONG,
                7200,
                8100,
                "RO-4471",
                now.minus(Duration.ofMinutes(40))));
    kafka.send(Topics.CX_METRICS, alert.key(), WireCodec.CX_METRICS.encode(alert));
    // Every record stored, the last one sent (the alert) among them.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                rows(
                                "SELECT 1 FROM cx_metrics WHERE tenant_id = ? AND location_id = ?"
                                    + " AND kind = 'WINDOW' AND window_start >= ?",
                                ACME,
                                LOCATION,
                                java.sql.Timestamp.from(now.minus(Duration.ofMinutes(15L * 20))))
                            .size()
                        >= 20
                    && !rows(
                            "SELECT 1 FROM cx_metrics WHERE tenant_id = ? AND location_id = ?"
                                + " AND kind = 'DAY' AND day = ?",
                            ACME,
                            LOCATION,
                            java.sql.Date.valueOf(today))
                        .isEmpty()
                    && !rows(
                            "SELECT 1 FROM cx_alerts WHERE tenant_id = ? AND job_id = 'RO-4471'",
                            ACME)
                        .isEmpty());
    String base = "http://localhost:" + port;
    browser.signIn(base, "otto-ops", "ops-password");

    browser.driver.get(base + "/ops?location=" + LOCATION + "&hours=6");
    browser
        .waiting(Duration.ofSeconds(20))
        .until(
            d ->
                "true"
                    .equals(d.findElement(By.cssSelector(".charts")).getAttribute("data-loaded")));

    for (String chart : CHARTS) {
      assertThat(browser.driver.findElement(By.id(chart)).getAttribute("data-drawn"))
          .as(chart)
          .isEqualTo("true");
      Object inked =
          browser.script(
              "var c = document.getElementById(arguments[0]);"
                  + "var d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                  + "for (var i = 3; i < d.length; i += 4) { if (d[i] !== 0) { return true; } }"
                  + "return false;",
              chart);
      assertThat(inked).as(chart + " has pixels drawn").isEqualTo(true);
    }
    assertThat(browser.driver.getPageSource()).contains("RO-4471");
    assertThat(browser.driver.findElement(By.id("day-title")).getText()).contains("so far");
    assertThat(browser.seriousAccessibilityViolations()).isEmpty();
    // The whole console in the picture: the window as tall as the page (charts keep their size).
    long height = (Long) browser.script("return document.documentElement.scrollHeight;");
    browser
        .driver
        .manage()
        .window()
        .setSize(
            new org.openqa.selenium.Dimension(
                Browser.DESKTOP.width, (int) Math.min(height + 140, 2600)));
    browser.screenshot(Path.of("target", "screenshots", "ops-console.png"));
    browser.driver.manage().window().setSize(Browser.DESKTOP);

    for (String page :
        List.of(
            "/ops/rules", "/ops/templates?kind=DELAY_RISK", "/ops/messages", "/ops/dead-letters")) {
      browser.driver.get(base + page);
      assertThat(browser.seriousAccessibilityViolations()).as(page).isEmpty();
    }
  }
}
