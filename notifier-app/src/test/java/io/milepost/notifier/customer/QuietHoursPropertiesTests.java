package io.milepost.notifier.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which window applies: global switch, then the customer, then the tenant, then the default. */
class QuietHoursPropertiesTests {
  private static final QuietHoursProperties DEFAULTS =
      new QuietHoursProperties(null, null, null, null);

  @Test
  void onByDefaultFromNinePmToEightAm() {
    assertThat(DEFAULTS.windowFor("acme", null)).contains(QuietWindow.DEFAULT);
  }

  @Test
  void switchedOffGloballyNobodyHasQuietHoursWhateverTheyAsked() {
    QuietHoursProperties off = new QuietHoursProperties(false, null, null, null);
    assertThat(
            off.windowFor(
                "acme", new QuietHoursPreference(true, LocalTime.of(20, 0), LocalTime.of(9, 0))))
        .isEmpty();
  }

  @Test
  void aTenantMaySwitchThemOffOrMoveThem() {
    QuietHoursProperties settings =
        new QuietHoursProperties(
            true,
            "21:00",
            "08:00",
            Map.of(
                "night-shift",
                new QuietHoursProperties.TenantQuietHours(false, null, null),
                "early-birds",
                new QuietHoursProperties.TenantQuietHours(null, "20:00", "07:00")));
    assertThat(settings.windowFor("night-shift", null)).isEmpty();
    assertThat(settings.windowFor("early-birds", null))
        .contains(new QuietWindow(LocalTime.of(20, 0), LocalTime.of(7, 0)));
    assertThat(settings.windowFor("anyone-else", null)).contains(QuietWindow.DEFAULT);
  }

  @Test
  void theCustomersOwnChoiceWins() {
    QuietHoursProperties settings =
        new QuietHoursProperties(
            true,
            null,
            null,
            Map.of("night-shift", new QuietHoursProperties.TenantQuietHours(false, null, null)));
    assertThat(DEFAULTS.windowFor("acme", new QuietHoursPreference(false, null, null))).isEmpty();
    assertThat(
            DEFAULTS.windowFor(
                "acme", new QuietHoursPreference(null, LocalTime.of(22, 30), LocalTime.of(6, 0))))
        .contains(new QuietWindow(LocalTime.of(22, 30), LocalTime.of(6, 0)));
    assertThat(settings.windowFor("night-shift", new QuietHoursPreference(true, null, null)))
        .contains(QuietWindow.DEFAULT);
  }

  @Test
  void aTypoStopsTheStart() {
    assertThatThrownBy(() -> new QuietHoursProperties(true, "9pm", null, null))
        .hasMessageContaining("milepost.quiet-hours.start");
  }
}
