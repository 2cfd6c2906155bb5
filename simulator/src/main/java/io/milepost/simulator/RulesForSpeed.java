package io.milepost.simulator;

import io.milepost.schemas.Journey;
import io.milepost.schemas.Rules;
import io.milepost.schemas.WireCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rules a local run publishes for the simulated tenants: {@link Rules#defaults} with every
 * duration (SLAs, silence limit, promise tolerance, ETA-change threshold, digest window, the CX
 * silence threshold) divided by the speed the simulator plays at, so that at 600× a two-hour
 * silence limit is twelve real seconds and delay alerts, overruns and silences show within minutes.
 * Ratios and counts (overrun factor, promises broken per day) are not scaled. Each tenant lists the
 * journey it runs and its locations with their IANA time zones.
 *
 * <p>The files under {@code deploy/local/rules/} are this class's output for {@link #LOCAL_SPEED}
 * ({@code RulesForSpeedTest} fails when they are not current); for another speed:
 *
 * <pre>java io.milepost.simulator.RulesForSpeed --speed 300 --out DIR</pre>
 */
public final class RulesForSpeed {
  /** The simulator's default speed, which {@code deploy/local/run.sh} plays at. */
  public static final double LOCAL_SPEED = 600;

  /** Where the local run's rules live, from the repository root. */
  static final Path LOCAL_RULES = Path.of("deploy", "local", "rules");

  private RulesForSpeed() {}

  /** The rules of every simulated tenant at {@code speed}, by tenant id. */
  public static Map<String, Rules> all(double speed) {
    Map<String, Rules> rules = new TreeMap<>();
    for (JobScript script : Jobs.SCRIPTS) {
      rules.put(script.tenantId(), of(script, speed));
    }
    return rules;
  }

  private static Rules of(JobScript script, double speed) {
    Rules defaults = Rules.defaults(script.tenantId());
    Journey journey = script.journey();
    Rules.JourneyRules stages =
        new Rules.JourneyRules(
            defaults.journeys().of(journey).stages().stream()
                .map(
                    rule ->
                        new Rules.StageRule(
                            rule.stage(),
                            rule.sla() == null ? null : scaled(rule.sla(), speed),
                            rule.waitsOn(),
                            rule.notifyCustomer()))
                .toList());
    List<Rules.Location> locations = new ArrayList<>();
    for (Location location : script.locations()) {
      locations.add(new Rules.Location(location.id(), location.timeZone(), nameOf(location)));
    }
    return new Rules(
        script.tenantId(),
        null, // the notifier numbers revisions
        null,
        scaled(defaults.etaChangeThreshold(), speed),
        scaled(defaults.promiseTolerance(), speed),
        defaults.overrunFactor(),
        scaled(defaults.silenceLimit(), speed),
        scaled(defaults.digestWindow(), speed),
        new Rules.Journeys(
            journey == Journey.VEHICLE_SERVICE ? stages : null,
            journey == Journey.DELIVERY ? stages : null),
        locations,
        new Rules.CxAlerts(
            scaled(defaults.cxSilentJobLongerThan(), speed), defaults.cxPromisesBrokenPerDay()));
  }

  /** "depot-north" → "Depot North". */
  private static String nameOf(Location location) {
    StringBuilder name = new StringBuilder();
    for (String word : location.id().split("-")) {
      if (!name.isEmpty()) {
        name.append(' ');
      }
      name.append(word.substring(0, 1).toUpperCase(Locale.ROOT)).append(word.substring(1));
    }
    return name.toString();
  }

  /** {@code duration / speed}, to the millisecond, as ISO-8601 text. */
  static String scaled(String duration, double speed) {
    return scaled(Duration.parse(duration), speed);
  }

  static String scaled(Duration duration, double speed) {
    if (speed <= 0) {
      throw new IllegalArgumentException("speed must be positive, was " + speed);
    }
    return Duration.ofMillis(Math.round(duration.toMillis() / speed)).toString();
  }

  /** The file of a tenant's rules: pretty JSON, one field a line, ending in a newline. */
  static String file(Rules rules) {
    return WireCodec.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(rules) + "\n";
  }

  /** Writes {@code TENANT.json} for each simulated tenant into {@code dir}. */
  static void write(double speed, Path dir) throws IOException {
    Files.createDirectories(dir);
    for (Map.Entry<String, Rules> entry : all(speed).entrySet()) {
      Files.writeString(
          dir.resolve(entry.getKey() + ".json"), file(entry.getValue()), StandardCharsets.UTF_8);
    }
  }

  public static void main(String[] args) throws IOException {
    double speed = LOCAL_SPEED;
    Path out = LOCAL_RULES;
    if (args.length % 2 != 0) {
      throw new IllegalArgumentException("usage: RulesForSpeed [--speed X] [--out DIR]");
    }
    for (int i = 0; i < args.length; i += 2) {
      switch (args[i]) {
        case "--speed" -> speed = Double.parseDouble(args[i + 1]);
        case "--out" -> out = Path.of(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    write(speed, out);
    System.out.printf("rules for %s at %.0fx written to %s%n", all(speed).keySet(), speed, out);
  }
}
