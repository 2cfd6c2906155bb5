package io.milepost.notifier.sms;

import com.twilio.exception.ApiException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.milepost.notifier.PublicUrls;
import io.milepost.notifier.contact.Contacts;
import io.milepost.notifier.customer.Customers;
import io.milepost.notifier.customer.SendingRules;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Hands committed outbox rows to Twilio. A row goes out right after its intent commits ({@link
 * #dispatch(long)}) or, if that did not happen (crash, retry due, queue full), from the periodic
 * {@link #sweep()}. A row stuck in SENDING is looked up at Twilio before it is ever sent again.
 *
 * <p>Only this class's own bounded pool of sender threads talks to Twilio: a slow or hanging Twilio
 * holds neither a Kafka listener thread (whose consumer would be thrown out of its group) nor the
 * scheduler thread. Nothing waits in memory that is not also PENDING in PostgreSQL, so a full queue
 * or a restart loses nothing: the sweep finds the row again.
 */
@Service
public class SmsDispatcher {
  private static final Logger log = LoggerFactory.getLogger(SmsDispatcher.class);
  private static final int BATCH = 50;
  static final String RETRIES = "milepost.sms.retries";

  private final Notifications notifications;
  private final Contacts contacts;
  private final SendingRules sendingRules;
  private final Customers customers;
  private final Clock clock;
  private final TwilioGateway twilio;
  private final SendRate rate;
  private final UnreachablePhones unreachablePhones;
  private final Redeliveries redeliveries;
  private final SmsProperties settings;
  private final PublicUrls urls;
  private final ThreadPoolExecutor senders;
  private final Duration longestCall;

  /** Rows queued or being worked on here, so the sweep does not queue them a second time. */
  private final Set<Long> inHand = ConcurrentHashMap.newKeySet();

  private final Counter backoffRetries;
  private final Counter reconciliations;

  SmsDispatcher(
      Notifications notifications,
      Contacts contacts,
      SendingRules sendingRules,
      Customers customers,
      Clock clock,
      TwilioGateway twilio,
      SmsProperties settings,
      TwilioProperties twilioSettings,
      SendRate rate,
      UnreachablePhones unreachablePhones,
      Redeliveries redeliveries,
      PublicUrls urls,
      MeterRegistry meters) {
    this.notifications = notifications;
    this.contacts = contacts;
    this.sendingRules = sendingRules;
    this.customers = customers;
    this.clock = clock;
    this.twilio = twilio;
    this.settings = settings;
    this.urls = urls;
    this.rate = rate;
    this.unreachablePhones = unreachablePhones;
    this.redeliveries = redeliveries;
    // A send's longest time: its wait for the sender's turn, then Twilio's timeouts.
    this.longestCall =
        twilioSettings.connectTimeout().plus(twilioSettings.readTimeout()).plus(rate.longestWait());
    if (settings.stuckAfter().compareTo(longestCall) <= 0) {
      // Otherwise a send still waiting for Twilio's answer could be reconciled, not found, and
      // sent a second time.
      throw new IllegalStateException(
          "milepost.sms.stuck-after ("
              + settings.stuckAfter()
              + ") must exceed milepost.twilio.connect-timeout + read-timeout +"
              + " milepost.sms.rate.max-wait ("
              + longestCall
              + ")");
    }
    this.senders =
        new ThreadPoolExecutor(
            settings.senderThreads(),
            settings.senderThreads(),
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(settings.sendQueue()),
            senderThreads(),
            new ThreadPoolExecutor.AbortPolicy());
    this.backoffRetries =
        Counter.builder(RETRIES)
            .description("SMS attempts repeated: after a rate limit, or looked up after no answer")
            .tag("kind", "backoff")
            .register(meters);
    this.reconciliations =
        Counter.builder(RETRIES)
            .description("SMS attempts repeated: after a rate limit, or looked up after no answer")
            .tag("kind", "reconcile")
            .register(meters);
  }

  /**
   * Queues one committed notification for sending and returns at once; it is sent unless someone
   * else already took it. When the queue is full the row stays PENDING for the sweep.
   */
  public void dispatch(long notificationId) {
    submit(notificationId, () -> claim(notificationId).ifPresent(this::sendThenNext));
  }

  /** Finds rows that need work and queues them; never calls Twilio itself. */
  @Scheduled(fixedDelayString = "${milepost.sms.sweep-interval:PT5S}")
  public void sweep() {
    try {
      // Quiet hours that ended: each job's latest held text becomes PENDING, the rest SUPERSEDED.
      for (long released : notifications.releaseHeld(BATCH)) {
        if (!submit(released, () -> claim(released).ifPresent(this::sendThenNext))) {
          break; // still PENDING and due: the loop below or the next sweep takes it
        }
      }
      // Claiming a stuck row counts an attempt: claim no more than the queue has room for.
      int room = Math.min(BATCH, senders.getQueue().remainingCapacity());
      if (room > 0) {
        for (Notification stuck : notifications.claimStuck(settings.stuckAfter(), room)) {
          submit(
              stuck.id(),
              () -> {
                reconcile(stuck);
                notifications.nextOfJob(stuck).ifPresent(this::dispatch);
              });
        }
      }
      // A status callback can be lost: ask Twilio about texts that never reached a final status.
      if (senders.getQueue().remainingCapacity() > BATCH) {
        for (Notifications.Unfinished unfinished :
            notifications.claimUnfinished(
                settings.finalStatusAfter(), settings.finalStatusWithin(), BATCH)) {
          submit(unfinished.id(), () -> lookUp(unfinished));
        }
      }
      for (long due : notifications.dueIds(BATCH)) {
        if (!submit(due, () -> claim(due).ifPresent(this::sendThenNext))) {
          break;
        }
      }
    } catch (RuntimeException e) {
      // PostgreSQL unreachable: the rows stay where they are for the next sweep.
      log.warn("SMS sweep failed; will try again: {}", LogSafe.text(e.toString()));
    }
  }

  /**
   * Statuses Twilio's callback URL carries the row id, so it maps even before we stored the SID.
   */
  static String statusCallbackPath(long notificationId) {
    return StatusCallbackController.PATH + "/" + notificationId;
  }

  /** Stops taking work; rows still queued are PENDING in PostgreSQL and go out after a restart. */
  @PreDestroy
  void stop() throws InterruptedException {
    senders.getQueue().clear();
    senders.shutdown();
    // A call in flight ends within Twilio's timeouts; its row is reconciled if we do not wait.
    if (!senders.awaitTermination(longestCall.toMillis() + 1000, TimeUnit.MILLISECONDS)) {
      log.warn("SMS senders still busy at shutdown; their rows will be reconciled");
    }
  }

  /**
   * @return false when the queue is full
   */
  private boolean submit(long notificationId, Runnable work) {
    if (!inHand.add(notificationId)) {
      return true;
    }
    try {
      senders.execute(
          () -> {
            try {
              work.run();
            } catch (RuntimeException e) {
              // One row's trouble (a database error, an odd answer from Twilio) is logged and
              // left for the next sweep; it never holds up the rows behind it.
              log.warn(
                  "notification {} not handled; will try again: {}",
                  notificationId,
                  LogSafe.text(e.toString()));
            } finally {
              inHand.remove(notificationId);
            }
          });
      return true;
    } catch (RejectedExecutionException e) {
      inHand.remove(notificationId);
      log.debug("SMS queue full; notification {} waits for the sweep", notificationId);
      return false;
    }
  }

  /**
   * Claims a row if it may be sent now: consent, channels and quiet hours are judged in the
   * claiming transaction ({@link SendingRules#judgeForSending}), whatever was decided when it was
   * written.
   */
  private Optional<Notification> claim(long id) {
    return notifications.claim(
        id,
        (row, now) ->
            sendingRules.judgeForSending(
                row.tenantId(), row.to(), row.jobId(), row.instance(), now));
  }

  /** The job's next text was waiting for this one (see {@link Notifications#nextOfJob}). */
  private void sendThenNext(Notification notification) {
    send(notification);
    notifications.nextOfJob(notification).ifPresent(this::dispatch);
  }

  private void send(Notification notification) {
    if (notification.attempts() > settings.maxAttempts()) {
      giveUp(notification);
      return;
    }
    // The sender's turn first: consent is read last, right before the call.
    if (!hasTurn(notification)) {
      return;
    }
    Optional<String> blocked = whyNotSms(notification);
    if (blocked.isPresent()) {
      notifications.finish(notification.id(), NotificationStatus.SKIPPED, null, blocked.get());
      return;
    }
    try {
      TwilioGateway.Accepted accepted =
          twilio.send(
              notification.tenantId(),
              notification.to(),
              notification.body(),
              urls.of(statusCallbackPath(notification.id())));
      notifications.accepted(notification.id(), accepted.sid(), accepted.status(), "send");
    } catch (ApiException e) {
      handleFailure(notification, e);
    }
  }

  /**
   * A row left in SENDING: Twilio may have its message. Only a message with its body, created since
   * its first attempt (less the clock margin) and held by no other row, can be its own; identical
   * texts to one person are normal (two parcels out for delivery).
   */
  private void reconcile(Notification notification) {
    if (!notifications.renewLease(notification)) {
      return; // it waited in the queue past its lease, and someone else has it now
    }
    reconciliations.increment();
    Instant firstAttempt =
        notification.firstAttemptAt() != null
            ? notification.firstAttemptAt()
            : notification.createdAt();
    List<TwilioGateway.Accepted> candidates;
    try {
      candidates =
          twilio.findCreated(
              notification.to(),
              notification.body(),
              firstAttempt.minus(settings.reconcileMargin()));
    } catch (RuntimeException e) {
      if (notification.attempts() > settings.maxAttempts()) {
        notifications.finish(
            notification.id(),
            NotificationStatus.FAILED,
            notification.errorCode(),
            "gave up after "
                + settings.maxAttempts()
                + " attempts: could not look it up at Twilio");
        return;
      }
      // Could not look: leave it in SENDING; the lease expires and the next sweep looks again.
      log.warn(
          "could not reconcile notification {}: {}", notification.id(), LogSafe.text(e.toString()));
      return;
    }
    Set<String> taken =
        notifications.sidsHeldByOthers(
            candidates.stream().map(TwilioGateway.Accepted::sid).toList(), notification.id());
    Optional<TwilioGateway.Accepted> ours =
        candidates.stream().filter(found -> !taken.contains(found.sid())).findFirst();
    if (ours.isPresent()) {
      log.info(
          "notification {} was already accepted by Twilio as {}; not resending",
          notification.id(),
          ours.get().sid());
      notifications.accepted(notification.id(), ours.get().sid(), ours.get().status(), "reconcile");
    } else if (notifications.renewLease(notification)) {
      // Each Twilio call starts on a fresh lease: stuck-after exceeds one call, not two.
      send(notification);
    }
  }

  /**
   * Decided by the row's own phone: the job's current contact may be a later use of the job id
   * (another customer), and a block belongs to the number at this tenant, whichever job it was on.
   * Consent is read once more right before the call: an opt-out that committed after the claim
   * still stops the text if it came in time.
   */
  private Optional<String> whyNotSms(Notification notification) {
    if (notification.to() == null) {
      return Optional.of("no SMS: no phone number on file for this job");
    }
    Optional<String> optedOut =
        customers
            .find(notification.tenantId(), notification.to())
            .filter(customer -> customer.consent().optedOut())
            .map(customer -> "no SMS: the customer opted out");
    if (optedOut.isPresent()) {
      return optedOut;
    }
    return contacts
        .smsBlockedReason(notification.tenantId(), notification.to())
        .map(reason -> "no SMS: " + reason);
  }

  /** Records what Twilio says now of a text whose final status never came, as a callback would. */
  private void lookUp(Notifications.Unfinished unfinished) {
    try {
      TwilioGateway.Reported reported = twilio.fetch(unfinished.sid());
      notifications
          .reported(unfinished.id(), unfinished.sid(), reported.status(), reported.errorCode())
          .ifPresent(
              before -> {
                if (TwilioErrors.isRecipientUnreachable(reported.errorCode())) {
                  unreachablePhones.mark(before, reported.errorCode());
                } else if (StatusCallbackController.becameUndelivered(before, reported.status())) {
                  redeliveries.after(before, reported.errorCode());
                }
              });
    } catch (ApiException e) {
      // Twilio does not answer now: the text is looked up again after finalStatusAfter.
      log.warn(
          "could not look up notification {} at Twilio: {}",
          unfinished.id(),
          LogSafe.text(e.getMessage()));
    }
  }

  /** Waits briefly for the sender's turn; a turn further away puts the row back until then. */
  private boolean hasTurn(Notification notification) {
    try {
      if (rate.awaitTurn(notification.tenantId())) {
        return true;
      }
      notifications.postpone(
          notification.id(), clock.instant().plus(rate.untilNextTurn(notification.tenantId())));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // shutting down: the row goes out after the restart
      notifications.postpone(notification.id(), clock.instant());
    }
    return false;
  }

  private void giveUp(Notification notification) {
    notifications.finish(
        notification.id(),
        NotificationStatus.FAILED,
        notification.errorCode(),
        "gave up after " + settings.maxAttempts() + " attempts");
  }

  private void handleFailure(Notification notification, ApiException e) {
    Integer code = e.getCode();
    switch (TwilioErrors.judge(e)) {
      case RECIPIENT_UNREACHABLE -> {
        unreachablePhones.mark(notification, code);
        notifications.finish(
            notification.id(), NotificationStatus.FAILED, code, TwilioErrors.describe(code));
      }
      case REJECTED ->
          notifications.finish(notification.id(), NotificationStatus.FAILED, code, e.getMessage());
      case TRANSIENT -> {
        backoffRetries.increment();
        notifications.retryAt(
            notification.id(),
            clock.instant().plus(backoff(notification.attempts())),
            code != null ? code : e.getStatusCode(),
            e.getMessage());
      }
      case AMBIGUOUS ->
          // Left in SENDING on purpose: the stuck-row sweep asks Twilio before sending again.
          log.warn(
              "no clear answer from Twilio for notification {}; will reconcile: {}",
              notification.id(),
              LogSafe.text(e.getMessage()));
    }
  }

  /** Exponential backoff with jitter, so many failed sends do not return at the same instant. */
  Duration backoff(int attempts) {
    return backoff(attempts, settings.firstRetryAfter(), settings.maxRetryAfter());
  }

  static Duration backoff(int attempts, Duration firstRetryAfter, Duration maxRetryAfter) {
    long first = firstRetryAfter.toMillis();
    long ceiling = maxRetryAfter.toMillis();
    long exponential = first << Math.min(Math.max(attempts - 1, 0), 20);
    long capped = Math.min(ceiling, exponential);
    return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
  }

  private static ThreadFactory senderThreads() {
    AtomicInteger number = new AtomicInteger();
    return work -> {
      Thread thread = new Thread(work, "sms-sender-" + number.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
