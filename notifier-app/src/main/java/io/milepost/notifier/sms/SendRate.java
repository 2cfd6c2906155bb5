package io.milepost.notifier.sms;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * Each sender's send rate, one token bucket per sender in PostgreSQL (Bucket4j), so the limit holds
 * across every notifier instance: Twilio queues what a sender sends too fast, and a long code's
 * queue delays every later text (a "ready for pickup" hours late) before it starts failing them.
 *
 * <p>A bucket holds one token, refilled every {@code 1 / perSecond}: texts leave evenly spaced,
 * never more than the rate in any second, and a quiet sender gets no burst credit.
 */
@Component
public class SendRate {
  private final ProxyManager<String> buckets;
  private final Senders senders;
  private final SendRateProperties settings;
  private final Map<String, Double> ratePerSender;

  public SendRate(DataSource dataSource, Senders senders, SendRateProperties settings) {
    this.buckets =
        Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
            .primaryKeyMapper(PrimaryKeyMapper.STRING)
            .table("send_rate_buckets")
            .build();
    this.senders = senders;
    this.settings = settings;
    this.ratePerSender = parse(settings);
  }

  /**
   * Waits up to the configured wait for the turn of {@code tenantId}'s sender.
   *
   * @return true when this text may go now; false when its turn is further away (nothing taken)
   */
  public boolean awaitTurn(String tenantId) throws InterruptedException {
    return bucketOf(senders.of(tenantId).id()).asBlocking().tryConsume(1, settings.maxWait());
  }

  /** How long until {@code tenantId}'s sender has a turn again (zero when it has one now). */
  public Duration untilNextTurn(String tenantId) {
    return Duration.ofNanos(
        bucketOf(senders.of(tenantId).id()).estimateAbilityToConsume(1).getNanosToWaitForRefill());
  }

  /** The longest {@link #awaitTurn} waits. */
  public Duration longestWait() {
    return settings.maxWait();
  }

  private BucketProxy bucketOf(String sender) {
    double perSecond = ratePerSender.getOrDefault(sender, settings.perSecond());
    Duration every = Duration.ofNanos(Math.round(1_000_000_000 / perSecond));
    return buckets
        .builder()
        // A changed rate replaces the stored bucket's (the version is the spacing itself).
        .withImplicitConfigurationReplacement(every.toNanos(), TokensInheritanceStrategy.RESET)
        .build(
            sender,
            () ->
                BucketConfiguration.builder()
                    .addLimit(Bandwidth.builder().capacity(1).refillGreedy(1, every).build())
                    .build());
  }

  private static Map<String, Double> parse(SendRateProperties settings) {
    Map<String, Double> rates = new HashMap<>();
    for (String entry : settings.senders()) {
      int colon = entry.lastIndexOf(':');
      String sender = colon > 0 ? entry.substring(0, colon).trim() : "";
      double perSecond;
      try {
        perSecond = Double.parseDouble(entry.substring(colon + 1).trim());
      } catch (NumberFormatException e) {
        perSecond = 0;
      }
      if (sender.isEmpty() || !(perSecond > 0)) {
        throw new IllegalStateException(
            "milepost.sms.rate.senders: '"
                + entry
                + "' is not sender:perSecond (a number or Messaging Service SID, then a rate above"
                + " 0)");
      }
      rates.put(sender, perSecond);
    }
    return Map.copyOf(rates);
  }
}
