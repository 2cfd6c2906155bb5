package io.milepost.notifier.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one decision about a text: now, never (with the reason), or when quiet hours end. */
class SendingRulesTests {
  private static final String ACME = "acme-motors";
  private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
  private static final Instant ELEVEN_PM_CHICAGO = Instant.parse("2026-11-25T05:00:00Z");
  private static final Instant NOON_CHICAGO = Instant.parse("2026-11-25T18:00:00Z");
  private static final SendingRules DEFAULTS =
      new SendingRules(new QuietHoursProperties(null, null, null, null), null, null, null);

  @Test
  void aNewCustomerAtNoonIsTextedNow() {
    assertThat(DEFAULTS.judge(ACME, null, CHICAGO, NOON_CHICAGO).kind())
        .isEqualTo(SendingRules.Verdict.Kind.SEND);
  }

  @Test
  void atElevenPmOnTheirClockTheTextIsHeldUntilEight() {
    SendingRules.Verdict verdict = DEFAULTS.judge(ACME, null, CHICAGO, ELEVEN_PM_CHICAGO);
    assertThat(verdict.kind()).isEqualTo(SendingRules.Verdict.Kind.HOLD);
    assertThat(verdict.holdUntil()).isEqualTo(Instant.parse("2026-11-25T14:00:00Z"));
    assertThat(verdict.reason()).contains("21:00–08:00 America/Chicago");
  }

  @Test
  void theCustomersOwnZoneWinsOverTheLocations() {
    // 05:00 UTC is 23:00 in Chicago but 06:00 in Madrid: held until 08:00 Madrid time.
    Customer inMadrid = customer(Customer.Channels.SMS, null, "Europe/Madrid", null);
    SendingRules.Verdict verdict = DEFAULTS.judge(ACME, inMadrid, CHICAGO, ELEVEN_PM_CHICAGO);
    assertThat(verdict.holdUntil()).isEqualTo(Instant.parse("2026-11-25T07:00:00Z"));
    // Noon in Chicago is 19:00 in Madrid: no quiet hours.
    assertThat(DEFAULTS.judge(ACME, inMadrid, CHICAGO, NOON_CHICAGO).kind())
        .isEqualTo(SendingRules.Verdict.Kind.SEND);
  }

  @Test
  void anOptedOutCustomerIsNeverTextedAndTheReasonSaysWhen() {
    Customer stopped =
        customer(
            Customer.Channels.SMS,
            new Customer.ConsentRecord(
                Customer.ConsentState.OPTED_OUT,
                NOON_CHICAGO,
                "STOP",
                "+15005550006",
                "inbound-sms"),
            null,
            null);
    SendingRules.Verdict verdict = DEFAULTS.judge(ACME, stopped, CHICAGO, NOON_CHICAGO);
    assertThat(verdict.kind()).isEqualTo(SendingRules.Verdict.Kind.SKIP);
    assertThat(verdict.reason())
        .isEqualTo(
            "no SMS: the customer opted out ('STOP') at " + NOON_CHICAGO + " via inbound-sms");
    // Not held first: at night too, an opt-out is final.
    assertThat(DEFAULTS.judge(ACME, stopped, CHICAGO, ELEVEN_PM_CHICAGO).kind())
        .isEqualTo(SendingRules.Verdict.Kind.SKIP);
  }

  @Test
  void aCustomerWhoFollowsTheWebPageOnlyGetsNoText() {
    assertThat(
            DEFAULTS
                .judge(
                    ACME,
                    customer(Customer.Channels.WEB_ONLY, null, null, null),
                    CHICAGO,
                    NOON_CHICAGO)
                .reason())
        .contains("tracking page only");
  }

  @Test
  void aCustomerWhoWantsNoQuietHoursIsTextedAtNight() {
    Customer nightOwl =
        customer(Customer.Channels.SMS, null, null, new QuietHoursPreference(false, null, null));
    assertThat(DEFAULTS.judge(ACME, nightOwl, CHICAGO, ELEVEN_PM_CHICAGO).kind())
        .isEqualTo(SendingRules.Verdict.Kind.SEND);
    Customer earlyBird =
        customer(
            Customer.Channels.SMS,
            null,
            null,
            new QuietHoursPreference(null, LocalTime.of(20, 0), LocalTime.of(6, 0)));
    // 05:00 UTC is 23:00 in Chicago: held until 06:00 there.
    assertThat(DEFAULTS.judge(ACME, earlyBird, CHICAGO, ELEVEN_PM_CHICAGO).holdUntil())
        .isEqualTo(Instant.parse("2026-11-25T12:00:00Z"));
  }

  @Test
  void switchedOffGloballyOrForTheTenantNothingIsHeld() {
    SendingRules off =
        new SendingRules(new QuietHoursProperties(false, null, null, null), null, null, null);
    assertThat(off.judge(ACME, null, CHICAGO, ELEVEN_PM_CHICAGO).kind())
        .isEqualTo(SendingRules.Verdict.Kind.SEND);
    SendingRules offForAcme =
        new SendingRules(
            new QuietHoursProperties(
                true,
                null,
                null,
                Map.of(ACME, new QuietHoursProperties.TenantQuietHours(false, null, null))),
            null,
            null,
            null);
    assertThat(offForAcme.judge(ACME, null, CHICAGO, ELEVEN_PM_CHICAGO).kind())
        .isEqualTo(SendingRules.Verdict.Kind.SEND);
    assertThat(
            offForAcme
                .judge("other", null, ZoneOffset.UTC, Instant.parse("2026-11-25T23:00:00Z"))
                .kind())
        .isEqualTo(SendingRules.Verdict.Kind.HOLD);
  }

  private static Customer customer(
      Customer.Channels channels,
      Customer.ConsentRecord consent,
      String preferredZone,
      QuietHoursPreference quiet) {
    return new Customer(
        1,
        ACME,
        "+14155550123",
        "Dana",
        "en-US",
        null,
        null,
        preferredZone,
        channels,
        quiet == null ? QuietHoursPreference.FOLLOW_TENANT : quiet,
        consent == null ? Customer.ConsentRecord.IMPLIED : consent,
        null,
        null);
  }
}
