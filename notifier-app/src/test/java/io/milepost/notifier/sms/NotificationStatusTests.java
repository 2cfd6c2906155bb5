package io.milepost.notifier.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NotificationStatusTests {

  @Test
  void twilioStatusesMapOntoOursAndOnlyMoveForward() {
    assertThat(NotificationStatus.fromTwilio("queued")).isEqualTo(NotificationStatus.QUEUED);
    assertThat(NotificationStatus.fromTwilio("sending")).isEqualTo(NotificationStatus.QUEUED);
    assertThat(NotificationStatus.fromTwilio("delivered")).isEqualTo(NotificationStatus.DELIVERED);
    assertThat(NotificationStatus.DELIVERED.isAfter(NotificationStatus.SENT)).isTrue();
    assertThat(NotificationStatus.SENT.isAfter(NotificationStatus.DELIVERED)).isFalse();
    assertThat(NotificationStatus.UNDELIVERED.isAfter(NotificationStatus.DELIVERED)).isFalse();
  }

  @Test
  void anUnknownStatusIsAnError() {
    assertThatThrownBy(() -> NotificationStatus.fromTwilio("teleported"))
        .hasMessageContaining("teleported");
  }
}
