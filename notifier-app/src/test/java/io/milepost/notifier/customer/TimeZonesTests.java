package io.milepost.notifier.customer;

import static org.assertj.core.api.Assertions.assertThat;

import io.milepost.schemas.Rules;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeZonesTests {
  private static final Rules RULES =
      new Rules(
          "acme-motors",
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          List.of(new Rules.Location("springfield", "America/Chicago", "Springfield")),
          null);

  @Test
  void theCustomersOwnZoneWins() {
    assertThat(TimeZones.forCustomer("America/Los_Angeles", RULES, "springfield"))
        .isEqualTo(ZoneId.of("America/Los_Angeles"));
  }

  @Test
  void withoutOneOrWithAnInvalidOneTheLocationsZoneFromTheRules() {
    assertThat(TimeZones.forCustomer(null, RULES, "springfield"))
        .isEqualTo(ZoneId.of("America/Chicago"));
    assertThat(TimeZones.forCustomer("Mars/Olympus_Mons", RULES, "springfield"))
        .isEqualTo(ZoneId.of("America/Chicago"));
  }

  @Test
  void aLocationTheRulesDoNotListReadsUtc() {
    assertThat(TimeZones.forCustomer(null, RULES, "shelbyville")).isEqualTo(ZoneOffset.UTC);
  }
}
