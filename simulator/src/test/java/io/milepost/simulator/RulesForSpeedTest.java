package io.milepost.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.milepost.schemas.Journey;
import io.milepost.schemas.Rules;
import io.milepost.schemas.Stage;
import io.milepost.schemas.WireCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class RulesForSpeedTest {
  /** Surefire runs in the module's directory; the rules live under the repository root. */
  private static final Path RULES = Path.of("..").resolve(RulesForSpeed.LOCAL_RULES).normalize();

  private static final double SPEED = RulesForSpeed.LOCAL_SPEED;

  private static List<Path> files() throws IOException {
    try (Stream<Path> files = Files.list(RULES)) {
      return files.filter(file -> file.toString().endsWith(".json")).sorted().toList();
    }
  }

  private static Duration scaled(Duration duration) {
    return Duration.ofMillis(Math.round(duration.toMillis() / SPEED));
  }

  @Test
  void shouldKeepTheLocalRulesFilesCurrentWithOneFilePerSimulatedTenant() throws IOException {
    Map<String, Rules> expected = RulesForSpeed.all(SPEED);

    assertThat(files())
        .extracting(file -> file.getFileName().toString())
        .containsExactlyInAnyOrderElementsOf(
            expected.keySet().stream().map(tenant -> tenant + ".json").toList());
    expected.forEach(
        (tenant, rules) ->
            assertThat(RULES.resolve(tenant + ".json"))
                .as(
                    "out of date: run java io.milepost.simulator.RulesForSpeed from the repository"
                        + " root")
                .content(StandardCharsets.UTF_8)
                .isEqualTo(RulesForSpeed.file(rules)));
  }

  @Test
  void shouldDivideEveryDefaultDurationByTheSpeedInFilesTheContractAccepts() throws Exception {
    for (Path file : files()) {
      Rules rules = WireCodec.RULES.decode(Files.readAllBytes(file));
      Rules defaults = Rules.defaults(rules.tenantId());
      assertThat(file.getFileName().toString()).isEqualTo(rules.tenantId() + ".json");

      List<Journey> listed =
          Stream.of(Journey.values())
              .filter(journey -> rules.journeys().of(journey) != null)
              .toList();
      assertThat(listed).as(file.toString()).hasSize(1);
      for (Journey journey : listed) {
        assertThat(rules.stages(journey)).isEqualTo(journey.stages());
        for (Stage stage : journey.stages()) {
          assertThat(rules.sla(journey, stage))
              .as("%s %s", rules.tenantId(), stage)
              .isEqualTo(defaults.sla(journey, stage).map(RulesForSpeedTest::scaled));
          assertThat(rules.waitsOnBusiness(stage)).isEqualTo(defaults.waitsOnBusiness(stage));
          assertThat(rules.notifiesCustomer(stage)).isEqualTo(defaults.notifiesCustomer(stage));
        }
      }
      assertThat(rules.silenceLimit()).isEqualTo(scaled(defaults.silenceLimit()));
      assertThat(rules.promiseTolerance()).isEqualTo(scaled(defaults.promiseTolerance()));
      assertThat(rules.etaChangeThreshold()).isEqualTo(scaled(defaults.etaChangeThreshold()));
      assertThat(rules.digestWindow()).isEqualTo(scaled(defaults.digestWindow()));
      assertThat(rules.cxSilentJobLongerThan()).isEqualTo(scaled(defaults.cxSilentJobLongerThan()));
      assertThat(rules.overrunFactor()).isEqualTo(defaults.overrunFactor());
      assertThat(rules.cxPromisesBrokenPerDay()).isEqualTo(defaults.cxPromisesBrokenPerDay());
      assertThat(rules.revision()).as("the notifier numbers revisions").isNull();
    }
  }

  @Test
  void shouldListTheSimulatorsLocationsWithRealIanaTimeZones() throws Exception {
    for (JobScript script : Jobs.SCRIPTS) {
      Rules rules =
          WireCodec.RULES.decode(Files.readAllBytes(RULES.resolve(script.tenantId() + ".json")));

      assertThat(rules.locations())
          .extracting(Rules.Location::locationId, Rules.Location::timeZone)
          .containsExactlyElementsOf(
              script.locations().stream()
                  .map(l -> org.assertj.core.api.Assertions.tuple(l.id(), l.timeZone()))
                  .toList());
      for (Rules.Location location : rules.locations()) {
        assertThat(ZoneId.getAvailableZoneIds()).contains(location.timeZone());
        assertThat(rules.timeZone(location.locationId())).isEqualTo(ZoneId.of(location.timeZone()));
      }
    }
  }

  @Test
  void shouldScaleADurationToTheMillisecond() {
    assertThat(RulesForSpeed.scaled("PT15M", 600)).isEqualTo("PT1.5S");
    assertThat(RulesForSpeed.scaled("PT2H", 600)).isEqualTo("PT12S");
    assertThat(RulesForSpeed.scaled("PT24H", 600)).isEqualTo("PT2M24S");
    assertThat(RulesForSpeed.scaled("PT2H", 1)).isEqualTo("PT2H");
  }
}
