package io.milepost.notifier.board;

import static org.assertj.core.api.Assertions.assertThat;

import io.milepost.notifier.board.ManualUpdates.Outcome;
import io.milepost.notifier.board.ManualUpdates.Problem;
import io.milepost.notifier.customer.Customer;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ManualUpdatesTests {
  private static final String KEY = "3f0c3c8e-6a51-4b43-9b0e-8f1f6a0d2c11";

  @Test
  void aMessageMustHaveWordsFitTwoSegmentsAndCarryItsFormsKey() {
    assertThat(ManualUpdates.problem("Your car is washed.", 1, KEY)).isNull();
    assertThat(ManualUpdates.problem("", 0, KEY)).isEqualTo(Problem.EMPTY);
    assertThat(ManualUpdates.problem("x".repeat(ManualUpdates.MAX_MESSAGE + 1), 2, KEY))
        .isEqualTo(Problem.TOO_LONG);
    // Emoji count as one character each, as a person counts them.
    assertThat(ManualUpdates.problem("🚗".repeat(ManualUpdates.MAX_MESSAGE), 2, KEY)).isNull();
    assertThat(ManualUpdates.problem("Ready", 3, KEY)).isEqualTo(Problem.TOO_MANY_SEGMENTS);
    assertThat(ManualUpdates.problem("Ready", 1, "")).isEqualTo(Problem.BAD_KEY);
    assertThat(ManualUpdates.problem("Ready", 1, "../../etc")).isEqualTo(Problem.BAD_KEY);
  }

  @Test
  void aRefusalSaysWhetherTheCustomerOptedOutOrReadsTheWebOnly() {
    Customer optedIn = Customer.unsaved("acme-motors", "+14155550100");
    Customer webOnly = withChannels(optedIn, Customer.Channels.WEB_ONLY);
    assertThat(ManualUpdates.refusal(webOnly)).isEqualTo(Outcome.WEB_ONLY);
    assertThat(ManualUpdates.refusal(optedOut(webOnly))).isEqualTo(Outcome.OPTED_OUT);
    assertThat(ManualUpdates.refusal(optedOut(optedIn))).isEqualTo(Outcome.OPTED_OUT);
  }

  private static Customer withChannels(Customer c, Customer.Channels channels) {
    return new Customer(
        c.id(),
        c.tenantId(),
        c.phone(),
        c.name(),
        c.locale(),
        c.timeZone(),
        c.preferredLocale(),
        c.preferredTimeZone(),
        channels,
        c.quietHours(),
        c.consent(),
        c.createdAt(),
        c.updatedAt());
  }

  private static Customer optedOut(Customer c) {
    return new Customer(
        c.id(),
        c.tenantId(),
        c.phone(),
        c.name(),
        c.locale(),
        c.timeZone(),
        c.preferredLocale(),
        c.preferredTimeZone(),
        c.channels(),
        c.quietHours(),
        new Customer.ConsentRecord(
            Customer.ConsentState.OPTED_OUT,
            Instant.parse("2026-11-24T08:00:00Z"),
            "STOP",
            null,
            "inbound-sms"),
        c.createdAt(),
        c.updatedAt());
  }
}
