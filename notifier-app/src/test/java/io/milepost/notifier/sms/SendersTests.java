package io.milepost.notifier.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SendersTests {
  private static final String SHARED = "+15005550006";
  private static final String ACME_NUMBER = "+13125550100";
  private static final String SWIFT_SERVICE = "MG0123456789abcdef0123456789abcdef";

  private final Senders senders =
      senders(null, List.of("acme-motors:" + ACME_NUMBER, "swift-parcels: " + SWIFT_SERVICE));

  @Test
  void aTenantWithoutItsOwnSenderTextsFromTheSharedOne() {
    assertThat(senders.of("acme-motors").fromNumber()).isEqualTo(ACME_NUMBER);
    assertThat(senders.of("swift-parcels").messagingServiceSid()).isEqualTo(SWIFT_SERVICE);
    assertThat(senders.of("springfield-tires").fromNumber()).isEqualTo(SHARED);
  }

  @Test
  void anAnswerToATenantsOwnNumberReachesThatTenantOnly() {
    Senders.Audience audience = senders.reachedBy(ACME_NUMBER, null);

    assertThat(audience.tenants()).containsExactly("acme-motors");
    assertThat(audience.includes("acme-motors", senders)).isTrue();
    assertThat(audience.includes("springfield-tires", senders)).isFalse();
  }

  @Test
  void anAnswerThroughAServiceIsRoutedByTheServiceNotTheNumberTwilioPicked() {
    Senders.Audience audience = senders.reachedBy("+14155550199", SWIFT_SERVICE);

    assertThat(audience.tenants()).containsExactly("swift-parcels");
    assertThat(audience.tenantsOnTheDefault()).isFalse();
  }

  @Test
  void anAnswerToTheSharedNumberReachesEveryTenantWithoutItsOwn() {
    Senders.Audience audience = senders.reachedBy(SHARED, null);

    assertThat(audience.includes("springfield-tires", senders)).isTrue();
    assertThat(audience.includes("another-new-tenant", senders)).isTrue();
    assertThat(audience.includes("acme-motors", senders)).isFalse();
  }

  @Test
  void aSharedMessagingServiceIsTheDefaultWhenSet() {
    Senders withService = senders(SWIFT_SERVICE, List.of());

    assertThat(withService.of("acme-motors").usesMessagingService()).isTrue();
    assertThat(withService.reachedBy("+14155550199", SWIFT_SERVICE).tenantsOnTheDefault()).isTrue();
  }

  @Test
  void aSenderThatIsNeitherANumberNorAServiceIsRefusedAtStartNamingIt() {
    assertThatThrownBy(() -> senders(null, List.of("acme-motors:312-555-0100")))
        .hasMessageContaining("milepost.twilio.senders of acme-motors")
        .hasMessageContaining("312-555-0100");
    assertThatThrownBy(() -> senders(null, List.of("acme-motors")))
        .hasMessageContaining("not tenantId:sender");
    assertThatThrownBy(
            () -> senders(null, List.of("acme-motors:" + ACME_NUMBER, "acme-motors:" + SHARED)))
        .hasMessageContaining("listed twice");
  }

  private static Senders senders(String sharedService, List<String> own) {
    return new Senders(
        new TwilioProperties(
            "ACsenders",
            "token",
            sharedService,
            SHARED,
            own,
            URI.create("http://localhost:1"),
            Duration.ofSeconds(5),
            Duration.ofSeconds(15)));
  }
}
