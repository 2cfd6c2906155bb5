package io.milepost.notifier;

import io.milepost.schemas.BoardUpdate;
import io.milepost.schemas.Customer;
import io.milepost.schemas.Intent;
import io.milepost.schemas.IntentKind;
import io.milepost.schemas.Journey;
import io.milepost.schemas.Stage;
import io.milepost.schemas.TimelineEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Wire-contract payloads for tests, with fixed instants. */
final class Fixtures {
  static final String ACME = "acme-motors";
  static final String SPRINGFIELD = "springfield";
  static final Instant MORNING = Instant.parse("2026-11-24T08:00:00Z");
  static final Instant PROMISE = Instant.parse("2026-11-24T16:00:00Z");

  private Fixtures() {}

  static Intent stageChanged(String jobId, Stage stage, long version, String phone, String note) {
    return new Intent(
        Intent.idFor(ACME, jobId, IntentKind.STAGE_CHANGED, version),
        IntentKind.STAGE_CHANGED,
        ACME,
        SPRINGFIELD,
        jobId,
        Journey.VEHICLE_SERVICE,
        stage,
        null,
        version,
        null,
        null,
        MORNING.plusSeconds(600 * version),
        null,
        PROMISE,
        note,
        phone == null ? null : new Customer("Dana Whitfield", phone, "en-US", "America/Chicago"),
        "event-" + jobId + "-" + version);
  }

  /** The board state after a vehicle went through every stage up to {@code stage}. */
  static BoardUpdate vehicleAt(String jobId, Stage stage, long version, String note) {
    List<TimelineEntry> timeline = new ArrayList<>();
    for (Stage each : Journey.VEHICLE_SERVICE.stages()) {
      if (each.position() > stage.position()) {
        break;
      }
      timeline.add(new TimelineEntry(each, MORNING.plusSeconds(900L * each.position())));
    }
    return new BoardUpdate(
        ACME,
        SPRINGFIELD,
        jobId,
        Journey.VEHICLE_SERVICE,
        stage,
        version,
        null,
        MORNING.plusSeconds(900L * stage.position()),
        PROMISE.minusSeconds(900),
        PROMISE,
        note,
        timeline);
  }
}
