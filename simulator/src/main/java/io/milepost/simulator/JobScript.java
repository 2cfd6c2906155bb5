package io.milepost.simulator;

import io.milepost.schemas.Journey;
import io.milepost.schemas.OpsEvent;
import java.time.Instant;
import java.util.List;
import java.util.Random;

/** How one kind of business produces the events of one job, from first to last. */
interface JobScript {

  String tenantId();

  /** The journey every job of this business runs. */
  Journey journey();

  /** Where this business's jobs happen. */
  List<Location> locations();

  /**
   * The events of one job in the order they happen, the first carrying the customer and the
   * promise.
   *
   * @param sequence unique per job within a run; becomes the job's number
   */
  List<OpsEvent> play(Random random, long sequence, Instant start);
}
