package io.milepost.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium (Debian's chromium and chromium-driver) for the browser tests: open at a size,
 * sign in through the login form, run axe-core on the page as it is, save screenshots. One browser
 * per test class; close it in {@code @AfterAll}.
 */
public final class Browser implements AutoCloseable {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  /** The phone size of the tracking page's tests and screenshot. */
  public static final Dimension PHONE = new Dimension(390, 844);

  public static final Dimension DESKTOP = new Dimension(1440, 900);

  public final ChromeDriver driver;
  private final Path profile;

  private Browser(ChromeDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  /** Skips the calling test class when Chromium is not installed (.ci/run installs it). */
  public static Browser open(Dimension size) {
    Assumptions.assumeTrue(
        Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "apt-get install chromium chromium-driver to run the browser tests");
    try {
      Path profile = Files.createTempDirectory("milepost-chromium");
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
      ChromeDriver driver = new ChromeDriver(service, options);
      driver.manage().window().setSize(size);
      return new Browser(driver, profile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A wait that shrugs off elements replaced by a live update while it looked at them. */
  public WebDriverWait waiting(Duration atMost) {
    WebDriverWait wait = new WebDriverWait(driver, atMost);
    wait.ignoring(StaleElementReferenceException.class);
    return wait;
  }

  /** Signs in through the login form, as a person would; lands wherever the app sends them. */
  public void signIn(String baseUrl, String username, String password) {
    driver.manage().deleteAllCookies();
    driver.get(baseUrl + "/login");
    driver.findElement(By.id("username")).sendKeys(username);
    driver.findElement(By.id("password")).sendKeys(password);
    driver.findElement(By.cssSelector("form.stack button[type=submit]")).click();
    waiting(Duration.ofSeconds(10)).until(d -> !d.getCurrentUrl().contains("/login"));
  }

  /**
   * Runs axe-core (from its WebJar, injected into the page) and returns the serious and critical
   * violations, each as "rule: what, where". Run it after live data arrived, not on an empty page.
   */
  @SuppressWarnings("unchecked")
  public List<String> seriousAccessibilityViolations() {
    driver.executeScript(axeSource());
    Object result =
        driver.executeAsyncScript(
            "var done = arguments[arguments.length - 1];"
                + "axe.run(document, {resultTypes: ['violations']})"
                + ".then(function (r) { done(r.violations.filter(function (v) {"
                + "  return v.impact === 'serious' || v.impact === 'critical'; })"
                + ".map(function (v) { return v.id + ': ' + v.help + ' at '"
                + "  + v.nodes.map(function (n) { return n.target.join(' '); }).join(', '); })); })"
                + ".catch(function (e) { done(['axe failed: ' + e]); });");
    return (List<String>) result;
  }

  /** Saves what the browser shows now, e.g. for the README's screenshots under docs/. */
  public void screenshot(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The page's own width never exceeds the window: nothing to scroll sideways on a phone. */
  public void assertNoSidewaysScrolling() {
    long scroll = (Long) driver.executeScript("return document.documentElement.scrollWidth;");
    long window = (Long) driver.executeScript("return window.innerWidth;");
    assertThat(scroll).isLessThanOrEqualTo(window);
  }

  /** Runs script in the page; for what only the page knows (e.g. a marker that no reload came). */
  public Object script(String script, Object... args) {
    return driver.executeScript(script, args);
  }

  private static String axeSource() {
    String resource = "META-INF/resources/webjars/axe-core/" + axeVersion() + "/axe.min.js";
    try (InputStream in = Browser.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("axe-core WebJar not on the test classpath: " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String axeVersion() {
    try (InputStream in =
        Browser.class
            .getClassLoader()
            .getResourceAsStream("META-INF/maven/org.webjars.npm/axe-core/pom.properties")) {
      var properties = new java.util.Properties();
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("axe-core WebJar not on the test classpath", e);
    }
  }

  @Override
  public void close() {
    driver.quit();
    try (var files = Files.walk(profile)) {
      files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    } catch (IOException e) {
      // A temp directory left behind is no reason to fail a test.
    }
  }
}
