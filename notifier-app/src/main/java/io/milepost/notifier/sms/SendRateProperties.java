package io.milepost.notifier.sms;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How fast each sender may send, across every notifier instance ({@link SendRate}).
 *
 * @param perSecond messages per second per sender: Twilio's 1 for a long code; toll-free numbers,
 *     short codes and Messaging Services with several numbers allow more
 * @param senders {@code sender:perSecond} for senders with another rate ({@code
 *     +18005550100:3,MG…:30})
 * @param maxWait the longest a sender thread waits for its turn; a row whose turn is further away
 *     goes back to PENDING until then, without counting an attempt. Part of a send's longest time,
 *     so {@code milepost.sms.stuck-after} must exceed it plus Twilio's timeouts
 */
@ConfigurationProperties("milepost.sms.rate")
public record SendRateProperties(
    @DefaultValue("1") double perSecond,
    List<String> senders,
    @DefaultValue("PT1S") Duration maxWait) {

  public SendRateProperties {
    senders = senders == null ? List.of() : List.copyOf(senders);
    if (!(perSecond > 0)) {
      throw new IllegalStateException("milepost.sms.rate.per-second must be more than 0");
    }
  }
}
