package io.milepost.stream;

import static io.milepost.stream.TestEvents.DANA;
import static io.milepost.stream.TestEvents.PROMISED;
import static io.milepost.stream.TestEvents.at;
import static io.milepost.stream.TestEvents.event;
import static io.milepost.stream.TestEvents.stageChangedAt;
import static io.milepost.stream.TestEvents.versionAt;

import io.milepost.schemas.Intent;
import io.milepost.schemas.Journey;
import io.milepost.schemas.OpsEvent;
import io.milepost.schemas.Stage;
import io.milepost.schemas.Topics;
import io.milepost.schemas.WireCodec;
import io.milepost.testing.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Three jobs' events as producers really send them: a duplicate, late events of earlier stages,
 * skipped stages, an amended ETA and note, plus two records that break the contract.
 */
final class ServiceDay {
  private ServiceDay() {}

  static final String CAR = "acme-motors/RO-1";
  static final String PARCEL = "swift-parcels/PCL-1";
  static final String OTHER_CAR = "acme-motors/RO-2";

  static final OpsEvent COLLECTED = event("a7", "RO-1", Stage.COLLECTED, 300).build();

  /** Before noon: every job starts, a duplicate and a late event arrive. */
  static final List<OpsEvent> MORNING =
      List.of(
          event("a1", "RO-1", Stage.CHECKED_IN, 0)
              .customer(DANA)
              .promisedAt(PROMISED)
              .note("Annual service")
              .build(),
          event("b1", "PCL-1", Stage.CREATED, 0).build(),
          event("a2", "RO-1", Stage.DIAGNOSING, 20).build(),
          event("a2", "RO-1", Stage.DIAGNOSING, 20).build(),
          event("c1", "RO-2", Stage.CHECKED_IN, 25).build(),
          event("b2", "PCL-1", Stage.IN_TRANSIT, 90).build(),
          event("b3", "PCL-1", Stage.PICKED_UP, 60).build());

  /**
   * After noon: a skipped stage, a late one, an amendment, and the car is collected last. The car
   * enters repair at minute 75, before its diagnosis (from minute 20, 60 min SLA) runs late: an
   * event decides what was due before it (the overrun at 20 + 90 min), so a later repair would
   * overrun the diagnosis and, with it, put the promise at risk.
   */
  static final List<OpsEvent> AFTERNOON =
      List.of(
          event("a4", "RO-1", Stage.IN_REPAIR, 75).build(),
          event("a3", "RO-1", Stage.AWAITING_APPROVAL, 60).build(),
          event("a5", "RO-1", Stage.IN_REPAIR, 150).note("Brakes done, rotating tyres").build(),
          event("b4", "PCL-1", Stage.OUT_FOR_DELIVERY, 180).etaAt(at(240)).build(),
          event("a6", "RO-1", Stage.READY_FOR_PICKUP, 240).build(),
          COLLECTED);

  static final byte[] MALFORMED = "{\"eventId\":".getBytes(StandardCharsets.UTF_8);
  static final byte[] WRONG_JOURNEY =
      WireCodec.OPS_EVENT.encode(
          event("x1", "RO-9", Stage.DELIVERED, 30).journey(Journey.VEHICLE_SERVICE).build());

  /** The intents a customer must get, each exactly once; versions are the events' minutes. */
  static final List<String> MORNING_INTENTS =
      List.of(
          stageChangedAt(CAR, 0),
          stageChangedAt(CAR, 20),
          stageChangedAt(PARCEL, 0),
          stageChangedAt(PARCEL, 90),
          stageChangedAt(OTHER_CAR, 25));

  /**
   * The morning's intents, event-driven only, each exactly once. The car's promise (16:00, 8 h
   * after check-in) is not at risk: the default SLAs would count waiting for parts' 24 h in full,
   * but a prediction on the defaults alone does not contradict a promise, and no stage overruns.
   */
  static final List<String> MORNING_INTENTS_ALL = MORNING_INTENTS;

  static final List<String> AFTERNOON_INTENTS =
      List.of(
          stageChangedAt(CAR, 75), // IN_REPAIR; the amended note at minute 150 is board only
          stageChangedAt(CAR, 240),
          stageChangedAt(CAR, 300),
          stageChangedAt(PARCEL, 180));

  /**
   * Each job's board versions in order: one per accepted change, late and duplicate ones none. The
   * car's timer wakes at minute 210 (an hour after the note at 150, the re-check) and finds nothing
   * the board would show: the repair, due to end at 255, still outweighs the quality check. (With a
   * 10-minute re-check it woke at 230, when the quality check had come to weigh more, and the board
   * got the new reason.)
   */
  static final Map<String, List<Long>> BOARD_VERSIONS =
      Map.of(
          CAR,
          versionsAt(0, 20, 75, 150, 240, 300),
          PARCEL,
          versionsAt(0, 90, 180),
          OTHER_CAR,
          versionsAt(25));

  /** Each job's last board version. */
  static final Map<String, Long> FINAL_VERSIONS =
      Map.of(CAR, versionAt(300), PARCEL, versionAt(180), OTHER_CAR, versionAt(25));

  private static List<Long> versionsAt(long... minutes) {
    return java.util.Arrays.stream(minutes).map(TestEvents::versionAt).boxed().toList();
  }

  static void send(KafkaBroker broker, List<OpsEvent> events) {
    events.forEach(e -> broker.send(Topics.OPS_EVENTS, e.key(), WireCodec.OPS_EVENT.encode(e)));
  }

  static void sendBadRecords(KafkaBroker broker) {
    broker.send(Topics.OPS_EVENTS, "acme-motors/RO-8", MALFORMED);
    broker.send(Topics.OPS_EVENTS, "acme-motors/RO-9", WRONG_JOURNEY);
  }

  static Intent intent(byte[] value) {
    try {
      return WireCodec.INTENT.decode(value);
    } catch (Exception e) {
      throw new AssertionError("the job wrote an intent that breaks the contract", e);
    }
  }
}
