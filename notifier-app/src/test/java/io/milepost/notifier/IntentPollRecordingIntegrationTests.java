package io.milepost.notifier;

import static io.milepost.notifier.Fixtures.ACME;
import static io.milepost.notifier.Fixtures.MORNING;
import static io.milepost.notifier.Fixtures.PARTS_TYPICAL;
import static io.milepost.notifier.Fixtures.contactChanged;
import static io.milepost.notifier.Fixtures.recurring;
import static io.milepost.notifier.Fixtures.stageChanged;
import static org.assertj.core.api.Assertions.assertThat;

import io.milepost.notifier.intent.IntentRecorder;
import io.milepost.schemas.Intent;
import io.milepost.schemas.IntentKind;
import io.milepost.schemas.Journey;
import io.milepost.schemas.Reason;
import io.milepost.schemas.ReasonCode;
import io.milepost.schemas.Stage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A poll of intents is recorded in a few statements, deciding each intent in memory against what
 * the ones before it left: the outcome must be exactly that of recording them one at a time, each
 * reading what the one before it wrote.
 */
class IntentPollRecordingIntegrationTests extends NotifierIntegrationTest {
  private static final Instant NEXT_DAY = MORNING.plus(Duration.ofDays(1));
  private static final String BLOCK = "21610: unsubscribed (STOP)";

  @Autowired private IntentRecorder recorder;
  @Autowired private PlatformTransactionManager transactions;

  @Test
  void aPollRecordedAtOnceWritesExactlyWhatRecordingItsIntentsOneAtATimeWrites() {
    // A phone this tenant may not text any more, learnt on an earlier job.
    String blockedPhone = newPhone();
    String earlier = newJobId("POLL") + "-Z";
    inTransaction(
        () ->
            recorder.recordAll(
                List.of(stageChanged(earlier, Stage.CHECKED_IN, 1, blockedPhone, null))));
    execute(
        "UPDATE contacts SET sms_blocked_reason = ? WHERE tenant_id = ? AND phone = ?",
        BLOCK,
        ACME,
        blockedPhone);

    Poll oneAtATime = new Poll(newJobId("POLL"), blockedPhone);
    inTransaction(
        () ->
            oneAtATime.intents.stream()
                .flatMap(i -> recorder.recordAll(List.of(i)).stream())
                .toList());
    Poll atOnce = new Poll(newJobId("POLL"), blockedPhone);
    List<Long> toSend = inTransaction(() -> recorder.recordAll(atOnce.intents));

    List<String> outbox = outbox(atOnce);
    assertThat(outbox)
        .containsExactly(
            // A: no phone at first, then a phone (and a name) while nothing reached the customer:
            // the catch-up text greets them and carries the link; the redelivered and the
            // out-of-order intents tell nothing.
            "A#1 A/STAGE_CHANGED/1 SKIPPED to=null [Acme Motors: your vehicle is checked in. Track"
                + " it: LINK] no SMS: no phone number on file for this job",
            "A#1 A/STAGE_CHANGED/2 SKIPPED to=null [Acme Motors: we are diagnosing your vehicle."
                + " Track it: LINK] no SMS: no phone number on file for this job",
            "A#1 A/CONTACT_CHANGED/event/A-phone PENDING to=A [Acme Motors: Hi Dana Whitfield, we are diagnosing"
                + " your vehicle. Track it: LINK] null",
            "A#1 A/STAGE_CHANGED/4 PENDING to=A [Acme Motors: Hi Dana Whitfield, your vehicle is now in repair.] null",
            // A's delay told once under either id, its next occurrence again, in the customer's
            // time zone (America/Chicago).
            "A#1 A/DELAY_RISK/1/1 PENDING to=A [Acme Motors: Hi Dana Whitfield, we expect to be later than promised:"
                + " now around 11:30 AM instead of 10:00 AM, because waiting for parts usually takes"
                + " about 25 hours. We are sorry for the wait.] null",
            "A#1 A/DELAY_RISK/1/2 PENDING to=A [Acme Motors: Hi Dana Whitfield, we expect to be later than promised:"
                + " now around 11:30 AM instead of 10:00 AM, because waiting for parts usually takes"
                + " about 25 hours. We are sorry for the wait.] null",
            // B: its first use closes, the id is reused the next day by another customer; its
            // first use's overrun arriving after that tells nobody.
            "B#1 B/STAGE_CHANGED/1 PENDING to=B [Acme Motors: Hi Dana Whitfield, your vehicle is checked in. Track"
                + " it: LINK] null",
            "B#1 B/STAGE_CHANGED/2 PENDING to=B [Acme Motors: Hi Dana Whitfield, we are diagnosing your vehicle.]"
                + " null",
            "B#1 B/STAGE_CHANGED/8 PENDING to=B [Acme Motors: Hi Dana Whitfield, thank you for collecting your"
                + " vehicle.] null",
            "B#2 B/STAGE_CHANGED/20 PENDING to=B2 [Acme Motors: Hi Dana Whitfield, your vehicle is checked in. Track"
                + " it: LINK] null",
            // C: a blocked phone, then a corrected one that does not inherit the block.
            "C#1 C/STAGE_CHANGED/1 SKIPPED to=blocked [Acme Motors: Hi Dana Whitfield, your vehicle is checked in."
                + " Track it: LINK] no SMS: "
                + BLOCK,
            "C#1 C/STAGE_CHANGED/2 PENDING to=C [Acme Motors: Hi Dana Whitfield, we are diagnosing your vehicle. Track"
                + " it: LINK] null",
            "C#1 C/SILENCE/1/1 PENDING to=C [Acme Motors: Hi Dana Whitfield, still working on it: we are diagnosing"
                + " your vehicle. No news to share yet; we will text you as soon as there is.] null");
    assertThat(outbox).isEqualTo(outbox(oneAtATime));
    assertThat(told(atOnce)).isEqualTo(told(oneAtATime)).isNotEmpty();
    assertThat(contactsAndInstances(atOnce))
        .isEqualTo(contactsAndInstances(oneAtATime))
        .contains("B#1 closed=true phone=B blocked=null", "C#1 closed=false phone=C blocked=null");
    assertThat(toSend).hasSize(10);
  }

  /** The same poll for a fresh set of job ids. */
  private static final class Poll {
    final String prefix;
    final Map<String, String> phones;
    final List<Intent> intents = new ArrayList<>();

    Poll(String prefix, String blockedPhone) {
      this.prefix = prefix;
      this.phones =
          Map.of(
              "A",
              newPhone(),
              "B",
              newPhone(),
              "B2",
              newPhone(),
              "C",
              newPhone(),
              "blocked",
              blockedPhone);
      String a = prefix + "-A";
      String b = prefix + "-B";
      String c = prefix + "-C";
      Intent aDiagnosing = vehicle(a, Stage.DIAGNOSING, 2, 1L, null);
      Intent bCheckedIn = vehicle(b, Stage.CHECKED_IN, 1, 1L, phones.get("B"));
      // Interleaved as partitions deliver them: each job's intents in order, jobs mixed.
      intents.add(vehicle(a, Stage.CHECKED_IN, 1, 1L, null));
      intents.add(bCheckedIn);
      intents.add(vehicle(c, Stage.CHECKED_IN, 1, 1L, phones.get("blocked")));
      intents.add(aDiagnosing);
      intents.add(bCheckedIn);
      intents.add(
          contactChanged(
              a,
              Journey.VEHICLE_SERVICE,
              Stage.DIAGNOSING,
              "A-phone",
              1L,
              MORNING.plusSeconds(1500),
              phones.get("A"),
              "en-US"));
      intents.add(vehicle(b, Stage.DIAGNOSING, 2, 1L, null));
      intents.add(vehicle(c, Stage.DIAGNOSING, 2, 1L, phones.get("C")));
      intents.add(vehicle(a, Stage.IN_REPAIR, 4, 1L, null));
      Intent aDelay =
          recurring(
              a,
              IntentKind.DELAY_RISK,
              Stage.IN_REPAIR,
              1L,
              1,
              5,
              MORNING.plusSeconds(3000),
              PARTS_TYPICAL);
      intents.add(aDelay);
      intents.add(aDiagnosing);
      // The same delay under another id (an engine that lost its state), then the next one.
      intents.add(withId(aDelay, aDelay.intentId() + "-again"));
      intents.add(
          recurring(
              a,
              IntentKind.DELAY_RISK,
              Stage.IN_REPAIR,
              1L,
              2,
              6,
              MORNING.plusSeconds(3600),
              PARTS_TYPICAL));
      intents.add(
          recurring(
              c,
              IntentKind.SILENCE,
              Stage.DIAGNOSING,
              1L,
              1,
              3,
              MORNING.plusSeconds(1800),
              new Reason(ReasonCode.SILENCE, Stage.DIAGNOSING, 120, null)));
      intents.add(vehicle(b, Stage.COLLECTED, 8, 1L, null));
      // Late: the job is in repair already.
      intents.add(vehicle(a, Stage.WAITING_FOR_PARTS, 3, 1L, null));
      intents.add(
          stageChanged(
              b,
              Journey.VEHICLE_SERVICE,
              Stage.CHECKED_IN,
              20,
              20L,
              NEXT_DAY,
              phones.get("B2"),
              null));
      // B's first use overran before it closed; the news arrives after the id's reuse: nobody's.
      intents.add(
          recurring(
              b,
              IntentKind.STAGE_OVERRUN,
              Stage.DIAGNOSING,
              1L,
              1,
              3,
              MORNING.plusSeconds(1800),
              new Reason(ReasonCode.STAGE_OVERRUN, Stage.DIAGNOSING, 40, null)));
    }

    private static Intent withId(Intent intent, String intentId) {
      return new Intent(
          intentId,
          intent.kind(),
          intent.tenantId(),
          intent.locationId(),
          intent.jobId(),
          intent.journey(),
          intent.stage(),
          intent.previousStage(),
          intent.version(),
          intent.instance(),
          intent.occurrence(),
          intent.occurredAt(),
          intent.etaAt(),
          intent.promisedAt(),
          intent.note(),
          intent.customer(),
          intent.sourceEventId(),
          intent.reason(),
          intent.stagesPassed());
    }

    private static Intent vehicle(
        String jobId, Stage stage, long version, Long instance, String phone) {
      return stageChanged(
          jobId,
          Journey.VEHICLE_SERVICE,
          stage,
          version,
          instance,
          MORNING.plusSeconds(600 * version),
          phone,
          null);
    }

    /** A, B or C for the job id; the name of the phone. */
    String alias(String text) {
      String out = text.replace(prefix + "-", "");
      for (Map.Entry<String, String> phone : phones.entrySet()) {
        if (phone.getValue().equals(out)) {
          return phone.getKey();
        }
      }
      return out;
    }
  }

  /** Each outbox row of the poll's jobs as it was written, in order per job. */
  private static List<String> outbox(Poll poll) {
    return rows(
            "SELECT n.job_id, n.instance, n.intent_id, h.status, n.to_address,"
                + " replace(n.body, ? || '/track/' || j.tracking_token, 'LINK') AS body,"
                + " CASE WHEN h.status = 'SKIPPED' THEN n.error_message END AS reason"
                + " FROM notifications n JOIN jobs j ON j.tenant_id = n.tenant_id"
                + " AND j.job_id = n.job_id AND j.instance = n.instance"
                + " JOIN notification_status_history h ON h.notification_id = n.id"
                + " AND h.source = 'intent' WHERE n.job_id LIKE ? ORDER BY n.job_id, n.id",
            PUBLIC_BASE_URL,
            poll.prefix + "-%")
        .stream()
        .map(
            row ->
                poll.alias((String) row.get("job_id"))
                    + "#"
                    + row.get("instance")
                    + " "
                    + ((String) row.get("intent_id")).replace(ACME + "/" + poll.prefix + "-", "")
                    + " "
                    + row.get("status")
                    + " to="
                    + (row.get("to_address") == null
                        ? null
                        : poll.alias((String) row.get("to_address")))
                    + " ["
                    + row.get("body")
                    + "] "
                    + row.get("reason"))
        .toList();
  }

  /**
   * What each instance was told, per kind in the order it was last told. Only the order among a
   * kind's rows means anything (which stage was told last); a poll remembers its occurrences of
   * recurring kinds before its stages, so across kinds the order differs from one at a time.
   */
  private static List<String> told(Poll poll) {
    return rows(
            "SELECT job_id, instance, subject, occurred_at, intent_id FROM told_news"
                + " WHERE job_id LIKE ? ORDER BY job_id, instance, kind, told_order",
            poll.prefix + "-%")
        .stream()
        .map(
            row ->
                poll.alias((String) row.get("job_id"))
                    + "#"
                    + row.get("instance")
                    + " "
                    + row.get("subject")
                    + " "
                    + row.get("occurred_at")
                    + " "
                    + ((String) row.get("intent_id")).replace(ACME + "/" + poll.prefix + "-", ""))
        .toList();
  }

  private static List<String> contactsAndInstances(Poll poll) {
    return rows(
            "SELECT j.job_id, j.instance, j.wire_instance, j.closed_at IS NOT NULL AS closed,"
                + " c.phone, c.sms_blocked_reason FROM jobs j LEFT JOIN contacts c"
                + " ON c.tenant_id = j.tenant_id AND c.job_id = j.job_id AND c.instance = j.instance"
                + " WHERE j.job_id LIKE ? ORDER BY j.job_id, j.instance",
            poll.prefix + "-%")
        .stream()
        .map(
            row ->
                poll.alias((String) row.get("job_id"))
                    + "#"
                    + row.get("instance")
                    + " closed="
                    + row.get("closed")
                    + " phone="
                    + (row.get("phone") == null ? null : poll.alias((String) row.get("phone")))
                    + " blocked="
                    + row.get("sms_blocked_reason"))
        .toList();
  }

  /** As the intent listener records a poll: in one transaction. */
  private <T> T inTransaction(Supplier<T> work) {
    return new TransactionTemplate(transactions).execute(status -> work.get());
  }
}
