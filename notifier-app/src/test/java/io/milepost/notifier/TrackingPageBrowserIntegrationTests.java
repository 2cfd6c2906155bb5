package io.milepost.notifier;

import static io.milepost.notifier.Fixtures.ACME;
import static io.milepost.notifier.Fixtures.vehicleAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.milepost.schemas.Stage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The tracking page in headless Chromium at a phone's size: it goes live over STOMP and re-renders
 * when the job moves, without a reload. Needs Debian's chromium and chromium-driver.
 */
class TrackingPageBrowserIntegrationTests extends NotifierIntegrationTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static ChromeDriver browser;
  private static Path profile;

  @BeforeAll
  static void openBrowser() throws Exception {
    Assumptions.assumeTrue(
        Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "apt-get install chromium chromium-driver to run the browser test");
    profile = Files.createTempDirectory("milepost-chromium");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
            .usingAnyFreePort()
            .build();
    browser = new ChromeDriver(service, options);
    browser.manage().window().setSize(new Dimension(390, 844));
  }

  @AfterAll
  static void closeBrowser() throws java.io.IOException {
    if (browser != null) {
      browser.quit();
    }
    if (profile != null) {
      try (var files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
  }

  @Test
  void thePageFollowsTheJobLiveWithoutAReload() {
    String jobId = newJobId("RO");
    publish(vehicleAt(jobId, Stage.CHECKED_IN, 1, null));
    await().atMost(Duration.ofSeconds(45)).until(() -> trackingToken(ACME, jobId) != null);
    // The progress section is replaced on each push: an element found a moment ago may be gone.
    var wait =
        new WebDriverWait(browser, Duration.ofSeconds(30))
            .ignoring(StaleElementReferenceException.class);

    browser.get("http://localhost:" + port + "/track/" + trackingToken(ACME, jobId));
    wait.until(ExpectedConditions.attributeToBe(By.id("live"), "data-state", "live"));
    assertThat(stageState("CHECKED_IN")).isEqualTo("current");
    browser.executeScript("window.__sameDocument = true;");

    publish(vehicleAt(jobId, Stage.READY_FOR_PICKUP, 7, "Washed and ready"));

    wait.until(
        ExpectedConditions.attributeToBe(
            By.cssSelector("li[data-stage='READY_FOR_PICKUP']"), "data-state", "current"));
    assertThat(stageState("CHECKED_IN")).isEqualTo("done");
    assertThat(stageState("COLLECTED")).isEqualTo("upcoming");
    assertThat(browser.findElement(By.id("note")).getText()).isEqualTo("Washed and ready");
    assertThat(browser.executeScript("return window.__sameDocument === true;")).isEqualTo(true);
    // Kept for a person to look at: target/tracking-page.png.
    saveScreenshot(Path.of("target", "tracking-page.png"));
    // Readable on a phone: nothing wider than the screen.
    assertThat((Long) browser.executeScript("return document.documentElement.scrollWidth;"))
        .isLessThanOrEqualTo(390L);
  }

  private static void saveScreenshot(Path file) {
    try {
      Files.write(file, browser.getScreenshotAs(OutputType.BYTES));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String stageState(String stage) {
    return browser
        .findElement(By.cssSelector("li[data-stage='" + stage + "']"))
        .getDomAttribute("data-state");
  }
}
