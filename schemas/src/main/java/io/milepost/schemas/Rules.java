package io.milepost.schemas;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * rules v1: how the progress engine judges one tenant's jobs. See {@code rules.v1.json}.
 *
 * <p>The components hold what the tenant set, as it travels (durations as ISO-8601 text, null where
 * the tenant set nothing). Read rules through the lookups ({@link #sla}, {@link #waitsOnBusiness},
 * {@link #etaChangeThreshold()}, ...): they fall back to {@link #defaults}, the one place the
 * defaults are written down. The scalar components are named {@code ...Setting} so that the plain
 * name is the lookup with its fallback.
 *
 * <p>Flink keeps this record in broadcast state with {@code pipeline.generic-types=false}: its
 * components are only strings, boxed numbers, {@link Instant}, enums, records and lists of those
 * (no maps, no {@link Duration}), so Flink serialises it as a POJO, never with Kryo.
 *
 * @param revision set by the notifier on each change, increasing per tenant; 0 for the defaults
 * @param updatedAt when the notifier stored this revision
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Rules(
    String tenantId,
    Long revision,
    Instant updatedAt,
    @JsonProperty("etaChangeThreshold") String etaChangeThresholdSetting,
    @JsonProperty("promiseTolerance") String promiseToleranceSetting,
    @JsonProperty("overrunFactor") Double overrunFactorSetting,
    @JsonProperty("silenceLimit") String silenceLimitSetting,
    @JsonProperty("digestWindow") String digestWindowSetting,
    Journeys journeys,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Location> locations,
    CxAlerts cxAlerts) {

  /** Who must act to end a stage. Silence is watched only in stages that wait on the business. */
  public enum WaitsOn {
    BUSINESS,
    CUSTOMER
  }

  /**
   * One stage of a tenant's journey; any null field falls back to the default for the stage.
   *
   * @param sla ISO-8601 expected duration; terminal stages have none
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record StageRule(Stage stage, String sla, WaitsOn waitsOn, Boolean notifyCustomer) {}

  /** A tenant's stages of one journey, in journey order. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record JourneyRules(List<StageRule> stages) {
    public JourneyRules {
      stages = stages == null ? List.of() : List.copyOf(stages);
    }
  }

  /** Per journey; a journey left null keeps the default stages. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Journeys(
      @JsonProperty("vehicle-service") JourneyRules vehicleService, JourneyRules delivery) {

    public JourneyRules of(Journey journey) {
      return switch (journey) {
        case VEHICLE_SERVICE -> vehicleService;
        case DELIVERY -> delivery;
      };
    }
  }

  /** A location of the tenant, with the time zone its local day and quiet hours are in. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Location(String locationId, String timeZone, String name) {}

  /** When a location's customer-experience metrics raise a CX alert; null fields: defaults. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record CxAlerts(String silentJobLongerThan, Integer promisesBrokenPerDay) {}

  public Rules {
    locations = locations == null ? List.of() : List.copyOf(locations);
  }

  private static final Rules DEFAULTS = defaults("");

  /** The defaults' stage rules by stage, for the fallback every lookup may take. */
  private static final Map<Stage, StageRule> DEFAULT_STAGE_RULES = new EnumMap<>(Stage.class);

  static {
    for (Journey journey : Journey.values()) {
      for (StageRule rule : DEFAULTS.journeys().of(journey).stages()) {
        DEFAULT_STAGE_RULES.put(rule.stage(), rule);
      }
    }
  }

  /**
   * The rules of a tenant that set none (revision 0), every value written out: the defaults of
   * ARCHITECTURE.md. DELIVERY_FAILED has no SLA there; it gets 24 h here (a failed attempt is
   * usually retried the next working day) so that an ETA and an overrun exist for it too.
   */
  public static Rules defaults(String tenantId) {
    return new Rules(
        tenantId,
        0L,
        null,
        "PT15M",
        "PT15M",
        1.5,
        "PT2H",
        "PT10M",
        new Journeys(
            journeyDefaults(
                Journey.VEHICLE_SERVICE,
                "PT15M", // CHECKED_IN
                "PT1H", // DIAGNOSING
                "PT2H", // AWAITING_APPROVAL
                "PT24H", // WAITING_FOR_PARTS
                "PT3H", // IN_REPAIR
                "PT30M", // QUALITY_CHECK
                "PT24H", // READY_FOR_PICKUP
                null), // COLLECTED
            journeyDefaults(
                Journey.DELIVERY,
                "PT12H", // CREATED
                "PT2H", // PICKED_UP
                "PT24H", // IN_TRANSIT
                "PT4H", // OUT_FOR_DELIVERY
                null, // DELIVERED
                "PT24H", // DELIVERY_FAILED
                null)), // RETURNED
        List.of(),
        new CxAlerts("PT2H", 3));
  }

  private static JourneyRules journeyDefaults(Journey journey, String... slas) {
    List<Stage> stages = journey.stages();
    if (slas.length != stages.size()) {
      throw new IllegalStateException("one SLA per stage of " + journey);
    }
    List<StageRule> rules = new ArrayList<>();
    for (int i = 0; i < slas.length; i++) {
      Stage stage = stages.get(i);
      WaitsOn waitsOn =
          stage.terminal()
              ? null
              : stage == Stage.READY_FOR_PICKUP ? WaitsOn.CUSTOMER : WaitsOn.BUSINESS;
      rules.add(new StageRule(stage, slas[i], waitsOn, true));
    }
    return new JourneyRules(rules);
  }

  /** Rules as the notifier stores them: this content at a revision it chose. */
  public Rules withRevision(long revision, Instant updatedAt) {
    return new Rules(
        tenantId,
        revision,
        updatedAt,
        etaChangeThresholdSetting,
        promiseToleranceSetting,
        overrunFactorSetting,
        silenceLimitSetting,
        digestWindowSetting,
        journeys,
        locations,
        cxAlerts);
  }

  /** The revision, 0 when absent. */
  public long revisionOrZero() {
    return revision == null ? 0 : revision;
  }

  /** Whether these rules replace {@code held}: only a higher revision does (null: none held). */
  public boolean supersedes(Rules held) {
    return held == null || revisionOrZero() > held.revisionOrZero();
  }

  public Duration etaChangeThreshold() {
    return duration(etaChangeThresholdSetting, DEFAULTS.etaChangeThresholdSetting);
  }

  public Duration promiseTolerance() {
    return duration(promiseToleranceSetting, DEFAULTS.promiseToleranceSetting);
  }

  public double overrunFactor() {
    return overrunFactorSetting != null ? overrunFactorSetting : DEFAULTS.overrunFactorSetting;
  }

  public Duration silenceLimit() {
    return duration(silenceLimitSetting, DEFAULTS.silenceLimitSetting);
  }

  public Duration digestWindow() {
    return duration(digestWindowSetting, DEFAULTS.digestWindowSetting);
  }

  /** CX alert: any open job silent longer than this. */
  public Duration cxSilentJobLongerThan() {
    String set = cxAlerts == null ? null : cxAlerts.silentJobLongerThan();
    return duration(set, DEFAULTS.cxAlerts.silentJobLongerThan());
  }

  /** CX alert: more promises broken than this in a location's day. */
  public int cxPromisesBrokenPerDay() {
    Integer set = cxAlerts == null ? null : cxAlerts.promisesBrokenPerDay();
    return set != null ? set : DEFAULTS.cxAlerts.promisesBrokenPerDay();
  }

  /** The tenant's stages of a journey, in journey order; all of them unless the tenant chose. */
  public List<Stage> stages(Journey journey) {
    JourneyRules set = journeys == null ? null : journeys.of(journey);
    if (set == null || set.stages().isEmpty()) {
      return journey.stages();
    }
    return set.stages().stream().map(StageRule::stage).toList();
  }

  /**
   * How long a stage is expected to take (before learning teaches better); empty for a terminal
   * stage.
   *
   * @throws IllegalArgumentException if the stage is not of the journey
   */
  public Optional<Duration> sla(Journey journey, Stage stage) {
    if (stage.journey() != journey) {
      throw new IllegalArgumentException(stage + " is not a stage of " + journey);
    }
    if (stage.terminal()) {
      return Optional.empty();
    }
    String set = stageRule(stage).map(StageRule::sla).orElse(null);
    return Optional.of(duration(set, DEFAULT_STAGE_RULES.get(stage).sla()));
  }

  /** How long a stage may run before it overruns: its SLA times the overrun factor. */
  public Optional<Duration> overrunAfter(Stage stage) {
    double factor = overrunFactor();
    return sla(stage.journey(), stage)
        .map(sla -> Duration.ofMillis(Math.round(sla.toMillis() * factor)));
  }

  /** Whether the business must act to end the stage, so that silence in it is watched. */
  public boolean waitsOnBusiness(Stage stage) {
    if (stage.terminal()) {
      return false;
    }
    WaitsOn set = stageRule(stage).map(StageRule::waitsOn).orElse(null);
    return (set != null ? set : DEFAULT_STAGE_RULES.get(stage).waitsOn()) == WaitsOn.BUSINESS;
  }

  /** Whether entering the stage is news the customer is told. */
  public boolean notifiesCustomer(Stage stage) {
    Boolean set = stageRule(stage).map(StageRule::notifyCustomer).orElse(null);
    return set != null ? set : DEFAULT_STAGE_RULES.get(stage).notifyCustomer();
  }

  /** The location's time zone; UTC for a location the rules do not list. */
  public ZoneId timeZone(String locationId) {
    return location(locationId).map(l -> ZoneId.of(l.timeZone())).orElse(ZoneOffset.UTC);
  }

  public Optional<Location> location(String locationId) {
    return locations.stream().filter(l -> l.locationId().equals(locationId)).findFirst();
  }

  private Optional<StageRule> stageRule(Stage stage) {
    JourneyRules set = journeys == null ? null : journeys.of(stage.journey());
    if (set == null) {
      return Optional.empty();
    }
    // A loop, not a stream: the progress engine asks this several times per job decision.
    for (StageRule rule : set.stages()) {
      if (rule.stage() == stage) {
        return Optional.of(rule);
      }
    }
    return Optional.empty();
  }

  /**
   * Parsed durations by their text. Rules hold a handful of distinct texts, and the progress engine
   * reads them on every job decision, where parsing (a regular expression) was a tenth of its CPU.
   * Bounded all the same: past the bound a text is parsed without being kept.
   */
  private static final Map<String, Duration> PARSED = new ConcurrentHashMap<>();

  private static final int PARSED_BOUND = 1_000;

  private static Duration duration(String set, String fallback) {
    String text = set != null ? set : fallback;
    Duration parsed = PARSED.get(text);
    if (parsed == null) {
      parsed = Duration.parse(text);
      if (PARSED.size() < PARSED_BOUND) {
        PARSED.put(text, parsed);
      }
    }
    return parsed;
  }
}
