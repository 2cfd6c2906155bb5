package io.milepost.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.milepost.schemas.Rules.JourneyRules;
import io.milepost.schemas.Rules.Journeys;
import io.milepost.schemas.Rules.StageRule;
import io.milepost.schemas.Rules.WaitsOn;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class RulesTest {

  @Test
  void defaultsAreTheArchitectureNotesStartingPoints() {
    Rules rules = Rules.defaults("acme-motors");

    assertThat(rules.revision()).isZero();
    assertThat(rules.etaChangeThreshold()).isEqualTo(Duration.ofMinutes(15));
    assertThat(rules.promiseTolerance()).isEqualTo(Duration.ofMinutes(15));
    assertThat(rules.overrunFactor()).isEqualTo(1.5);
    assertThat(rules.silenceLimit()).isEqualTo(Duration.ofHours(2));
    assertThat(rules.digestWindow()).isEqualTo(Duration.ofMinutes(10));
    assertThat(rules.cxSilentJobLongerThan()).isEqualTo(Duration.ofHours(2));
    assertThat(rules.cxPromisesBrokenPerDay()).isEqualTo(3);
    assertThat(slaMinutes(rules, Journey.VEHICLE_SERVICE))
        .containsExactly(15L, 60L, 120L, 1440L, 180L, 30L, 1440L, null);
    assertThat(slaMinutes(rules, Journey.DELIVERY))
        .containsExactly(720L, 120L, 1440L, 240L, null, 1440L, null);
    for (Journey journey : Journey.values()) {
      assertThat(rules.stages(journey)).isEqualTo(journey.stages());
      for (Stage stage : journey.stages()) {
        assertThat(rules.notifiesCustomer(stage)).as("%s notifies", stage).isTrue();
        assertThat(rules.waitsOnBusiness(stage))
            .as("%s waits on the business", stage)
            .isEqualTo(!stage.terminal() && stage != Stage.READY_FOR_PICKUP);
      }
    }
  }

  @Test
  void aTenantThatSetNothingGetsEveryDefault() throws Exception {
    Rules rules = decode("{\"tenantId\": \"acme-motors\"}");
    Rules defaults = Rules.defaults("acme-motors");

    assertThat(rules.revisionOrZero()).isZero();
    assertThat(rules.silenceLimit()).isEqualTo(defaults.silenceLimit());
    assertThat(rules.overrunFactor()).isEqualTo(defaults.overrunFactor());
    assertThat(rules.timeZone("springfield")).isEqualTo(ZoneOffset.UTC);
    for (Journey journey : Journey.values()) {
      assertThat(rules.stages(journey)).isEqualTo(defaults.stages(journey));
      for (Stage stage : journey.stages()) {
        assertThat(rules.sla(journey, stage)).isEqualTo(defaults.sla(journey, stage));
        assertThat(rules.waitsOnBusiness(stage)).isEqualTo(defaults.waitsOnBusiness(stage));
      }
    }
  }

  @Test
  void aStageFieldTheTenantLeftOutFallsBackToThatStagesDefault() throws Exception {
    Rules rules =
        decode(
            """
            {"tenantId": "acme-motors", "overrunFactor": 2,
             "journeys": {"vehicle-service": {"stages": [
               {"stage": "CHECKED_IN", "notifyCustomer": false},
               {"stage": "IN_REPAIR", "sla": "PT5H"},
               {"stage": "READY_FOR_PICKUP", "waitsOn": "BUSINESS"}]}},
             "locations": [{"locationId": "springfield", "timeZone": "America/Chicago"}]}
            """);

    assertThat(rules.stages(Journey.VEHICLE_SERVICE))
        .containsExactly(Stage.CHECKED_IN, Stage.IN_REPAIR, Stage.READY_FOR_PICKUP);
    assertThat(rules.stages(Journey.DELIVERY)).isEqualTo(Journey.DELIVERY.stages());
    assertThat(rules.sla(Journey.VEHICLE_SERVICE, Stage.IN_REPAIR)).contains(Duration.ofHours(5));
    assertThat(rules.sla(Journey.VEHICLE_SERVICE, Stage.CHECKED_IN))
        .contains(Duration.ofMinutes(15));
    // A stage the tenant did not list may still happen: it keeps its default.
    assertThat(rules.sla(Journey.VEHICLE_SERVICE, Stage.DIAGNOSING)).contains(Duration.ofHours(1));
    assertThat(rules.overrunAfter(Stage.IN_REPAIR)).contains(Duration.ofHours(10));
    assertThat(rules.sla(Journey.VEHICLE_SERVICE, Stage.COLLECTED)).isEmpty();
    assertThat(rules.overrunAfter(Stage.COLLECTED)).isEmpty();
    assertThat(rules.notifiesCustomer(Stage.CHECKED_IN)).isFalse();
    assertThat(rules.notifiesCustomer(Stage.IN_REPAIR)).isTrue();
    assertThat(rules.waitsOnBusiness(Stage.READY_FOR_PICKUP)).isTrue();
    assertThat(rules.waitsOnBusiness(Stage.COLLECTED)).isFalse();
    assertThat(rules.timeZone("springfield")).isEqualTo(ZoneId.of("America/Chicago"));
    assertThat(rules.timeZone("elsewhere")).isEqualTo(ZoneOffset.UTC);
  }

  @Test
  void askingForAStageOfAnotherJourneyIsABug() {
    assertThatThrownBy(() -> Rules.defaults("t").sla(Journey.DELIVERY, Stage.IN_REPAIR))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void onlyAHigherRevisionSupersedes() {
    Rules held = Rules.defaults("t").withRevision(4, Instant.parse("2026-11-24T08:00:00Z"));

    assertThat(Rules.defaults("t").withRevision(5, Instant.now()).supersedes(held)).isTrue();
    assertThat(Rules.defaults("t").withRevision(4, Instant.now()).supersedes(held)).isFalse();
    assertThat(Rules.defaults("t").withRevision(3, Instant.now()).supersedes(held)).isFalse();
    assertThat(Rules.defaults("t").supersedes(null)).isTrue();
  }

  @Test
  void theDefaultsAreValidRulesAndRoundTrip() throws Exception {
    Rules defaults = Rules.defaults("acme-motors");

    assertThat(WireCodec.RULES.decode(WireCodec.RULES.encode(defaults))).isEqualTo(defaults);
    assertThat(WireCodec.RULES.encodeToString(defaults))
        .contains("\"etaChangeThreshold\":\"PT15M\"", "\"vehicle-service\":{\"stages\":[")
        .doesNotContain("Setting");
  }

  @Test
  void reportsEveryBrokenStageRuleWithItsPointer() {
    Rules rules =
        new Rules(
            "t",
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            new Journeys(
                new JourneyRules(
                    List.of(
                        new StageRule(Stage.IN_REPAIR, "PT1H", WaitsOn.BUSINESS, null),
                        new StageRule(Stage.CHECKED_IN, null, null, null),
                        new StageRule(Stage.IN_REPAIR, null, null, null),
                        new StageRule(Stage.PICKED_UP, null, null, null))),
                null),
            null,
            null);

    assertThatThrownBy(() -> WireCodec.RULES.decode(WireCodec.RULES.encode(rules)))
        .isInstanceOfSatisfying(
            InvalidPayloadException.class,
            e ->
                assertThat(e.violations())
                    .extracting(Violation::field)
                    .containsExactly(
                        "/journeys/vehicle-service/stages/1/stage",
                        "/journeys/vehicle-service/stages/2/stage",
                        "/journeys/vehicle-service/stages/3/stage"));
  }

  @Test
  void reportsSchemaAndSemanticErrorsTogetherSoOneRoundTripFixesAll() {
    // Schema: a negative overrun factor and an unknown stage. Beyond the schema: a time zone
    // that does not exist, a stage of the other journey, a location listed twice.
    String json =
        """
        {"tenantId": "t", "overrunFactor": -1,
         "journeys": {"vehicle-service": {"stages": [
             {"stage": "PICKED_UP"}, {"stage": "TELEPORTING"}]}},
         "locations": [
             {"locationId": "springfield", "timeZone": "America/Springfield"},
             {"locationId": "springfield", "timeZone": "America/Chicago"}]}
        """;

    assertThatThrownBy(() -> decode(json))
        .isInstanceOfSatisfying(
            InvalidPayloadException.class,
            e ->
                assertThat(e.violations())
                    .extracting(Violation::field)
                    .contains(
                        "/overrunFactor",
                        "/journeys/vehicle-service/stages/1/stage",
                        "/journeys/vehicle-service/stages/0/stage",
                        "/locations/0/timeZone",
                        "/locations/1/locationId")
                    .doesNotHaveDuplicates());
  }

  private static List<Long> slaMinutes(Rules rules, Journey journey) {
    return journey.stages().stream()
        .map(stage -> rules.sla(journey, stage).map(Duration::toMinutes))
        .map(minutes -> minutes.orElse(null))
        .toList();
  }

  private static Rules decode(String json) throws InvalidPayloadException {
    return WireCodec.RULES.decode(json.getBytes(StandardCharsets.UTF_8));
  }
}
