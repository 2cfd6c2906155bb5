package io.milepost.notifier.ops;

import io.milepost.notifier.Problems;
import io.milepost.notifier.job.Locations;
import io.milepost.notifier.web.CurrentPerson;
import io.milepost.schemas.CxMeasures;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The console's first page: CX metrics of one location as charts over time (drawn by ops-charts.js
 * from {@code /ops/metrics.json}) and the tenant's CX alerts. Everything is of the signed-in
 * person's tenant; a location the tenant does not have is a 404.
 */
@Controller
class ConsoleController {
  static final String DATA = "/ops/metrics.json";

  /** The time ranges offered, in hours, and the bucket each is drawn in. */
  static final Map<Integer, Duration> RANGES =
      new TreeMap<>(
          Map.of(6, Duration.ofMinutes(5), 24, Duration.ofMinutes(15), 168, Duration.ofHours(2)));

  static final int DEFAULT_HOURS = 24;

  /** A location as the page lists it. */
  record Place(String id, String name) {}

  /** A CX alert as the page lists it. */
  record AlertLine(
      String location, String code, long threshold, long value, String jobId, String at) {}

  /**
   * Chart data, one list per series, all as long as {@code labels}; minutes and percentages are
   * rounded to one decimal; a bucket without texts has no delivery percentage (null).
   */
  record Series(
      String location, int hours, List<String> labels, Map<String, List<Double>> series) {}

  private final CxMetricsStore metrics;
  private final Locations locations;
  private final CurrentPerson person;
  private final Clock clock;

  ConsoleController(
      CxMetricsStore metrics, Locations locations, CurrentPerson person, Clock clock) {
    this.metrics = metrics;
    this.locations = locations;
    this.person = person;
    this.clock = clock;
  }

  @GetMapping("/ops")
  String console(
      @RequestParam(name = "location", required = false) String location,
      @RequestParam(name = "hours", required = false) Integer hours,
      Model model) {
    String tenant = person.required().tenantId();
    List<Place> places = places(tenant);
    String chosen = location;
    if (chosen == null && !places.isEmpty()) {
      chosen = places.get(0).id();
    }
    if (location != null && places.stream().noneMatch(p -> p.id().equals(location))) {
      throw notFound("/ops");
    }
    int range = hours(hours);
    Map<String, String> names = new LinkedHashMap<>();
    places.forEach(p -> names.put(p.id(), p.name()));
    List<AlertLine> alerts =
        metrics.alerts(tenant, null, 50).stream()
            .map(
                a ->
                    new AlertLine(
                        names.getOrDefault(a.locationId(), a.locationId()),
                        a.code(),
                        a.threshold(),
                        a.value(),
                        a.jobId(),
                        OpsText.utc(a.at())))
            .toList();
    model.addAttribute("places", places);
    model.addAttribute("location", chosen);
    model.addAttribute("hours", range);
    model.addAttribute("ranges", RANGES.keySet());
    model.addAttribute("alerts", alerts);
    model.addAttribute(
        "day",
        chosen == null
            ? null
            : metrics.latestDay(tenant, chosen).map(ConsoleController::day).orElse(null));
    model.addAttribute(
        "data", chosen == null ? null : DATA + "?location=" + chosen + "&hours=" + range);
    return "ops/console";
  }

  @GetMapping(path = DATA, produces = "application/json")
  @ResponseBody
  Series data(
      @RequestParam(name = "location") String location,
      @RequestParam(name = "hours", required = false) Integer hours) {
    String tenant = person.required().tenantId();
    if (places(tenant).stream().noneMatch(p -> p.id().equals(location))) {
      throw notFound(DATA);
    }
    int range = hours(hours);
    Duration bucket = RANGES.get(range);
    Instant now = clock.instant();
    Instant to = now.plus(bucket);
    Instant from = now.minus(Duration.ofHours(range));
    return series(
        location,
        range,
        metrics.series(tenant, location, from, to, bucket),
        metrics.deliveries(tenant, location, from, to, bucket));
  }

  /** The chart series of stored buckets: the pure part of {@link #data}. */
  static Series series(
      String location,
      int hours,
      List<CxMetricsStore.Point> points,
      List<CxMetricsStore.Delivery> deliveries) {
    Map<Instant, CxMeasures> byStart = new TreeMap<>();
    points.forEach(p -> byStart.put(p.start(), p.measures()));
    Map<Instant, CxMetricsStore.Delivery> delivered = new TreeMap<>();
    deliveries.forEach(d -> delivered.put(d.start(), d));
    TreeMap<Instant, Boolean> all = new TreeMap<>();
    byStart.keySet().forEach(at -> all.put(at, true));
    delivered.keySet().forEach(at -> all.put(at, true));
    List<String> labels = new ArrayList<>();
    Map<String, List<Double>> series = new LinkedHashMap<>();
    for (String name :
        List.of(
            "firstUpdateMinutes",
            "firstUpdateMaxMinutes",
            "longestSilenceMinutes",
            "promisesKept",
            "promisesBroken",
            "overruns",
            "deliveredPercent",
            "deadLetters")) {
      series.put(name, new ArrayList<>());
    }
    for (Instant at : all.keySet()) {
      labels.add(OpsText.utcShort(at));
      CxMeasures m = byStart.getOrDefault(at, CxMeasures.NONE);
      series
          .get("firstUpdateMinutes")
          .add(
              m.firstUpdates() == 0
                  ? null
                  : round(m.firstUpdateSecondsTotal() / 60.0 / m.firstUpdates()));
      series.get("firstUpdateMaxMinutes").add(round(m.firstUpdateSecondsMax() / 60.0));
      series.get("longestSilenceMinutes").add(round(m.longestSilenceSeconds() / 60.0));
      series.get("promisesKept").add((double) m.promisesKept());
      series.get("promisesBroken").add((double) m.promisesBroken());
      series.get("overruns").add((double) m.overruns());
      CxMetricsStore.Delivery d = delivered.get(at);
      long outcomes = d == null ? 0 : d.delivered() + d.failed();
      series
          .get("deliveredPercent")
          .add(outcomes == 0 ? null : round(100.0 * d.delivered() / outcomes));
      series.get("deadLetters").add((double) m.deadLetters());
    }
    return new Series(location, hours, labels, series);
  }

  /**
   * A day's totals as the page shows them: minutes rounded to one decimal; updates per closed job
   * and the average first update null when nothing happened to divide by.
   */
  record DayLine(
      String day,
      String timeZone,
      long jobsClosed,
      Double updatesPerJob,
      Double firstUpdateMinutes,
      double longestSilenceMinutes,
      long promisesKept,
      long promisesBroken,
      long overruns,
      long silences,
      long deadLetters) {}

  static DayLine day(CxMetricsStore.Day day) {
    CxMeasures m = day.measures();
    return new DayLine(
        day.day(),
        day.timeZone(),
        m.jobsClosed(),
        m.jobsClosed() == 0 ? null : round((double) m.updatesOfClosedJobs() / m.jobsClosed()),
        m.firstUpdates() == 0 ? null : round(m.firstUpdateSecondsTotal() / 60.0 / m.firstUpdates()),
        round(m.longestSilenceSeconds() / 60.0),
        m.promisesKept(),
        m.promisesBroken(),
        m.overruns(),
        m.silences(),
        m.deadLetters());
  }

  private List<Place> places(String tenant) {
    Map<String, Place> places = new TreeMap<>();
    locations
        .ofTenant(tenant)
        .forEach(l -> places.put(l.locationId(), new Place(l.locationId(), l.name())));
    metrics.locations(tenant).forEach(id -> places.putIfAbsent(id, new Place(id, id)));
    return new ArrayList<>(places.values());
  }

  static int hours(Integer asked) {
    return asked != null && RANGES.containsKey(asked) ? asked : DEFAULT_HOURS;
  }

  private static double round(double value) {
    return Math.round(value * 10) / 10.0;
  }

  static ErrorResponseException notFound(String path) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No such location of your tenant.");
    problem.setType(Problems.type("not-found"));
    problem.setTitle("Not found");
    problem.setInstance(URI.create(path));
    return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
  }
}
