package io.milepost.stream;

import io.milepost.schemas.Customer;
import io.milepost.schemas.Journey;
import io.milepost.schemas.OpsEvent;
import io.milepost.schemas.Stage;
import java.time.Duration;
import java.time.Instant;

/** Fixed instants and event factories shared by the tests. */
public final class TestEvents {
  private TestEvents() {}

  public static final Instant START = Instant.parse("2026-11-24T08:00:00Z");
  public static final Instant PROMISED = Instant.parse("2026-11-24T16:00:00Z");
  public static final Customer DANA =
      new Customer("Dana Whitfield", "+14155550123", "en-US", "America/Los_Angeles");

  /** An event of {@code jobId} entering {@code stage}, {@code minutes} after {@link #START}. */
  public static Builder event(String eventId, String jobId, Stage stage, long minutes) {
    return new Builder(eventId, jobId, stage, START.plus(Duration.ofMinutes(minutes)));
  }

  public static Instant at(long minutes) {
    return START.plus(Duration.ofMinutes(minutes));
  }

  /** The version of a change made by an event {@code minutes} into the day. */
  public static long versionAt(long minutes) {
    return at(minutes).toEpochMilli();
  }

  /** The id of the STAGE_CHANGED intent of a job ({@code tenant/job}) entered at that minute. */
  public static String stageChangedAt(String jobKey, long minutes) {
    return jobKey + "/STAGE_CHANGED/" + versionAt(minutes);
  }

  /** Tenant and location follow from the journey: a dealer for vehicles, a depot for parcels. */
  public static final class Builder {
    private final String eventId;
    private final String jobId;
    private final Stage stage;
    private final Instant occurredAt;
    private Instant promisedAt;
    private Instant etaAt;
    private String note;
    private Customer customer;
    private Journey journey;

    private Builder(String eventId, String jobId, Stage stage, Instant occurredAt) {
      this.eventId = eventId;
      this.jobId = jobId;
      this.stage = stage;
      this.occurredAt = occurredAt;
      this.journey = stage.journey();
    }

    public Builder promisedAt(Instant value) {
      promisedAt = value;
      return this;
    }

    public Builder etaAt(Instant value) {
      etaAt = value;
      return this;
    }

    public Builder note(String value) {
      note = value;
      return this;
    }

    public Builder customer(Customer value) {
      customer = value;
      return this;
    }

    /** Claims another journey than the stage's: invalid on the wire, for negative tests. */
    public Builder journey(Journey value) {
      journey = value;
      return this;
    }

    public OpsEvent build() {
      boolean vehicle = journey == Journey.VEHICLE_SERVICE;
      return new OpsEvent(
          eventId,
          vehicle ? "acme-motors" : "swift-parcels",
          vehicle ? "springfield" : "depot-north",
          jobId,
          journey,
          stage,
          occurredAt,
          promisedAt,
          etaAt,
          note,
          customer);
    }
  }
}
