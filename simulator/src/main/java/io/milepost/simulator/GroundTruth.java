package io.milepost.simulator;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.milepost.schemas.Journey;
import io.milepost.schemas.OpsEvent;
import io.milepost.schemas.Stage;
import io.milepost.schemas.WireCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * What actually happened to one simulated job, as its script played it: the answer key a prediction
 * is scored against. Derived from the job's events alone, so it can never disagree with them.
 *
 * @param stages each stage the job entered, when: a repeated event for the current stage (an ETA
 *     update) is not an entry; a second OUT_FOR_DELIVERY after a failed attempt is
 * @param readyAt when the business's work was done and the promise was about: READY_FOR_PICKUP for
 *     a car, DELIVERED for a parcel; null if never (a returned parcel)
 * @param closedAt when the job reached a terminal stage; null if it stays open (a car never
 *     collected)
 * @param finalStage the last stage the script reached
 * @param promiseKept {@code readyAt} at or before {@code promisedAt}, no tolerance (a job never
 *     ready broke its promise)
 * @param silent whether the job had at least one silence
 * @param silences each gap longer than the default silence limit (2 h of simulated time) while the
 *     job waited on the business (any open stage but READY_FOR_PICKUP): from the last event before
 *     it to the next one, when the job resumed
 */
@JsonPropertyOrder({
  "tenantId",
  "locationId",
  "jobId",
  "journey",
  "stages",
  "promisedAt",
  "readyAt",
  "promiseKept",
  "closedAt",
  "finalStage",
  "silent",
  "silences"
})
public record GroundTruth(
    String tenantId,
    String locationId,
    String jobId,
    Journey journey,
    List<StageEntry> stages,
    Instant promisedAt,
    Instant readyAt,
    boolean promiseKept,
    Instant closedAt,
    Stage finalStage,
    boolean silent,
    List<Silence> silences) {

  public record StageEntry(Stage stage, Instant enteredAt) {}

  @JsonPropertyOrder({"stage", "from", "until"})
  public record Silence(Stage stage, Instant from, Instant until) {}

  public GroundTruth {
    stages = List.copyOf(stages);
    silences = List.copyOf(silences);
  }

  /** The Kafka key of the job's events, {@code tenant/job}. */
  public String key() {
    return tenantId + "/" + jobId;
  }

  /** How late the job was ready: negative when early, null if never ready or nothing promised. */
  public Duration lateBy() {
    return readyAt == null || promisedAt == null ? null : Duration.between(promisedAt, readyAt);
  }

  /** The stage whose entry fulfils the promise. */
  public static Stage readyStage(Journey journey) {
    return journey == Journey.VEHICLE_SERVICE ? Stage.READY_FOR_PICKUP : Stage.DELIVERED;
  }

  /**
   * Whether a job in {@code stage} waits on the business, where a silence counts (the engine's
   * default): every open stage but READY_FOR_PICKUP, which waits on the customer.
   */
  public static boolean waitsOnBusiness(Stage stage) {
    return !stage.terminal() && stage != Stage.READY_FOR_PICKUP;
  }

  /** The truth of a job from its events, in the order they happen (the first one promises). */
  static GroundTruth of(List<OpsEvent> events) {
    OpsEvent first = events.get(0);
    Stage ready = readyStage(first.journey());
    List<StageEntry> stages = new ArrayList<>();
    List<Silence> silences = new ArrayList<>();
    Instant readyAt = null;
    Instant closedAt = null;
    OpsEvent previous = null;
    for (OpsEvent event : events) {
      if (previous == null || previous.stage() != event.stage()) {
        stages.add(new StageEntry(event.stage(), event.occurredAt()));
      }
      if (previous != null && waitsOnBusiness(previous.stage())) {
        Duration gap = Duration.between(previous.occurredAt(), event.occurredAt());
        if (gap.compareTo(Timing.SILENCE_LIMIT) > 0) {
          silences.add(new Silence(previous.stage(), previous.occurredAt(), event.occurredAt()));
        }
      }
      if (event.stage() == ready && readyAt == null) {
        readyAt = event.occurredAt();
      }
      if (event.stage().terminal() && closedAt == null) {
        closedAt = event.occurredAt();
      }
      previous = event;
    }
    Instant promisedAt = first.promisedAt();
    return new GroundTruth(
        first.tenantId(),
        first.locationId(),
        first.jobId(),
        first.journey(),
        stages,
        promisedAt,
        readyAt,
        readyAt != null && promisedAt != null && !readyAt.isAfter(promisedAt),
        closedAt,
        previous.stage(),
        !silences.isEmpty(),
        silences);
  }

  /** The same truth with every instant moved by {@code time}, e.g. onto the wall clock. */
  GroundTruth mapTimes(UnaryOperator<Instant> time) {
    return new GroundTruth(
        tenantId,
        locationId,
        jobId,
        journey,
        stages.stream().map(s -> new StageEntry(s.stage(), time.apply(s.enteredAt()))).toList(),
        promisedAt == null ? null : time.apply(promisedAt),
        readyAt == null ? null : time.apply(readyAt),
        promiseKept,
        closedAt == null ? null : time.apply(closedAt),
        finalStage,
        silent,
        silences.stream()
            .map(s -> new Silence(s.stage(), time.apply(s.from()), time.apply(s.until())))
            .toList());
  }

  /** One line of the {@code --truth} file: JSON, no line break. */
  public String toJsonLine() {
    return WireCodec.MAPPER.writeValueAsString(this);
  }

  /** Reads a line written by {@link #toJsonLine()}. */
  public static GroundTruth fromJsonLine(String line) {
    return WireCodec.MAPPER.readValue(line, GroundTruth.class);
  }

  /** Every job of a {@code --truth} file, in the order they were scripted. */
  public static List<GroundTruth> read(Path file) throws IOException {
    try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
      return lines.filter(line -> !line.isBlank()).map(GroundTruth::fromJsonLine).toList();
    }
  }
}
