package io.milepost.notifier.board;

import io.milepost.notifier.board.BoardQueries.BoardJob;
import io.milepost.notifier.board.BoardQueries.Scope;
import io.milepost.notifier.board.BoardQueries.ShownReply;
import io.milepost.notifier.board.Standout.Flag;
import io.milepost.notifier.csat.CsatProperties;
import io.milepost.notifier.inbound.Decisions;
import io.milepost.notifier.job.Job;
import io.milepost.notifier.job.Locations;
import io.milepost.notifier.push.Destinations;
import io.milepost.notifier.rules.RulesStore;
import io.milepost.notifier.security.MilepostUser;
import io.milepost.notifier.words.Words;
import io.milepost.schemas.Alert;
import io.milepost.schemas.Journey;
import io.milepost.schemas.Rules;
import io.milepost.schemas.Stage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * The board as a person sees it: their scope (tenant, locations), and every job as a card in its
 * stage's column, with words in their language and times in the location's time zone. The one place
 * a card is built, for the first load and for every live update.
 */
@Component
class BoardView {
  private static final int CARD_REPLIES = 3;

  private final BoardQueries queries;
  private final Locations locations;
  private final RulesStore rules;
  private final Words words;
  private final MessageSource messages;
  private final CsatProperties csat;
  private final Clock clock;

  BoardView(
      BoardQueries queries,
      Locations locations,
      RulesStore rules,
      Words words,
      MessageSource messages,
      CsatProperties csat,
      Clock clock) {
    this.queries = queries;
    this.locations = locations;
    this.rules = rules;
    this.words = words;
    this.messages = messages;
    this.csat = csat;
    this.clock = clock;
  }

  /** A location the person may pick, with its name. */
  record Place(String id, String name) {}

  /** A badge: why the card stands out, in words. */
  record Badge(String slug, String text) {}

  /** A customer reply on a card or the detail page. */
  record ReplyView(
      String kind, String label, String body, boolean urgent, String at, String seen) {}

  record Card(
      String jobId,
      long instance,
      long version,
      String locationId,
      String locationName,
      boolean showLocation,
      String stage,
      String stageLabel,
      String journey,
      String customerName,
      String eta,
      String promised,
      String inStage,
      String note,
      List<Badge> badges,
      String tone,
      String sortKey,
      int unseen,
      List<ReplyView> replies) {}

  record Column(String stage, String label, List<Card> cards) {}

  record JourneyBoard(String journey, String label, List<Column> columns) {}

  /** The whole board of a scope, with the places the person may choose between. */
  record Board(
      List<JourneyBoard> journeys,
      List<Place> places,
      String chosen,
      List<String> destinations,
      int total,
      int standingOut) {}

  /**
   * The tenant and locations a person reads: their locations (every location of the tenant for ops,
   * admins and people given none), narrowed to {@code location} when they ask for one.
   *
   * @throws ResponseStatusException 404 when they ask for a location they may not see
   */
  Scope scope(MilepostUser person, String location) {
    List<String> mine = places(person);
    if (location != null && !location.isBlank()) {
      if (!person.canSeeBoard(person.tenantId(), location)) {
        throw new ResponseStatusException(HttpStatus.NOT_FOUND);
      }
      return new Scope(person.tenantId(), List.of(location));
    }
    return new Scope(person.tenantId(), mine);
  }

  /** The locations a person works at, sorted. */
  List<String> places(MilepostUser person) {
    if (person.seesEveryLocation()) {
      List<String> all = new ArrayList<>(queries.locationsOf(person.tenantId()));
      all.addAll(person.locations().stream().filter(l -> !all.contains(l)).toList());
      return all.stream().sorted().toList();
    }
    return person.locations().stream().sorted().toList();
  }

  Board board(MilepostUser person, String location, Locale locale) {
    Scope scope = scope(person, location);
    Instant now = clock.instant();
    List<BoardJob> jobs = queries.onTheBoard(scope);
    Map<String, List<ShownReply>> replies =
        queries.unseenReplies(scope, jobs.stream().map(BoardJob::job).toList());
    Rules tenantRules = rulesOf(scope.tenantId());
    Map<String, String> names = new LinkedHashMap<>();
    List<Card> cards = new ArrayList<>();
    for (BoardJob job : jobs) {
      cards.add(
          card(
              job,
              scope.locations().size() > 1,
              replies.getOrDefault(key(job.job()), List.of()),
              tenantRules,
              names,
              now,
              locale));
    }
    cards.sort(Comparator.comparing(Card::sortKey));
    List<JourneyBoard> journeys = new ArrayList<>();
    for (Journey journey : Journey.values()) {
      List<Card> ofJourney =
          cards.stream().filter(c -> c.journey().equals(journey.name())).toList();
      if (ofJourney.isEmpty() && !(journey == Journey.VEHICLE_SERVICE && cards.isEmpty())) {
        continue;
      }
      List<Column> columns = new ArrayList<>();
      for (Stage stage : journey.stages()) {
        List<Card> inStage =
            ofJourney.stream().filter(c -> c.stage().equals(stage.name())).toList();
        // A closed stage is a column only while a job there has an unseen reply (a low score).
        if (stage.terminal() && inStage.isEmpty()) {
          continue;
        }
        columns.add(new Column(stage.name(), words.stageLabel(stage, locale), inStage));
      }
      journeys.add(
          new JourneyBoard(
              journey.name(), say("board.journey." + journey.name(), locale), columns));
    }
    List<Place> places =
        places(person).stream()
            .map(id -> new Place(id, name(scope.tenantId(), id, names)))
            .toList();
    List<String> destinations =
        scope.locations().stream().map(l -> Destinations.board(scope.tenantId(), l)).toList();
    return new Board(
        journeys,
        places,
        location == null || location.isBlank() ? null : location,
        destinations,
        cards.size(),
        (int) cards.stream().filter(c -> !c.badges().isEmpty()).count());
  }

  /** One job's card, if it is on the board in this scope. */
  Optional<Card> card(Scope scope, String jobId, Locale locale) {
    return queries
        .cardOf(scope, jobId)
        .map(
            job ->
                card(
                    job,
                    scope.locations().size() > 1,
                    queries
                        .unseenReplies(scope, List.of(job.job()))
                        .getOrDefault(key(job.job()), List.of()),
                    rulesOf(scope.tenantId()),
                    new LinkedHashMap<>(),
                    clock.instant(),
                    locale));
  }

  /** A job's card as the board shows it; also the detail page's summary. */
  Card card(
      BoardJob boardJob,
      boolean showLocation,
      List<ShownReply> unseen,
      Rules tenantRules,
      Map<String, String> names,
      Instant now,
      Locale locale) {
    Job job = boardJob.job();
    Standout.Facts facts =
        new Standout.Facts(
            job.stage(),
            job.timeline(),
            job.etaAt(),
            job.promisedAt(),
            job.alerts(),
            boardJob.unreachable(),
            boardJob.unseenReplies());
    Set<Flag> flags = Standout.flags(facts, now);
    Duration inStage = Standout.timeInStage(job.stage(), job.timeline(), now);
    ZoneId zone = tenantRules.timeZone(job.locationId());
    List<Badge> badges =
        flags.stream()
            .map(
                flag ->
                    new Badge(
                        flag.slug(),
                        flag == Flag.REPLIED
                            ? say("board.flag.replied", locale, boardJob.unseenReplies())
                            : say("board.flag." + flag.slug(), locale)))
            .toList();
    return new Card(
        job.jobId(),
        job.instance(),
        job.version(),
        job.locationId(),
        name(job.tenantId(), job.locationId(), names),
        showLocation,
        job.stage().name(),
        words.stageLabel(job.stage(), locale),
        job.journey().name(),
        boardJob.customerName(),
        job.etaAt() == null ? null : words.time(job.etaAt(), zone, now, locale),
        job.promisedAt() == null ? null : words.time(job.promisedAt(), zone, now, locale),
        inStage == null ? null : words.duration((int) inStage.toMinutes(), locale),
        job.note(),
        badges,
        Standout.tone(flags),
        Standout.sortKey(flags, inStage, job.jobId()),
        boardJob.unseenReplies(),
        unseen.stream().limit(CARD_REPLIES).map(r -> reply(r, zone, now, locale)).toList());
  }

  ReplyView reply(ShownReply reply, ZoneId zone, Instant now, Locale locale) {
    String kind;
    String label;
    boolean urgent = false;
    switch (reply.kind()) {
      case "DECISION" -> {
        boolean yes = Decisions.approves(reply.body());
        kind = yes ? "approved" : "declined";
        label = say(yes ? "board.reply.approved" : "board.reply.declined", locale);
        urgent = !yes;
      }
      case "SCORE" -> {
        int score = reply.score() == null ? 0 : reply.score();
        urgent = score > 0 && score <= csat.lowScoreAtOrBelow();
        kind = urgent ? "low-score" : "score";
        label = say(urgent ? "board.reply.low-score" : "board.reply.score", locale, score);
      }
      default -> {
        kind = "message";
        label = say("board.reply.message", locale);
      }
    }
    return new ReplyView(
        kind,
        label,
        reply.body(),
        urgent,
        words.time(reply.receivedAt(), zone, now, locale),
        reply.seenBy() == null ? null : say("board.reply.seen-by", locale, reply.seenBy()));
  }

  Rules rulesOf(String tenantId) {
    return rules.find(tenantId).orElseGet(() -> Rules.defaults(tenantId));
  }

  /** Where a reply lives on the board: job and instance. */
  static String key(Job job) {
    return job.jobId() + "/" + job.instance();
  }

  String name(String tenantId, String locationId, Map<String, String> names) {
    return names.computeIfAbsent(locationId, id -> locations.describe(tenantId, id).name());
  }

  String say(String key, Locale locale, Object... arguments) {
    return messages.getMessage(key, arguments, locale);
  }

  /** Words about an alert, for the detail page. */
  String alert(Alert alert, Locale locale) {
    return say(
        "board.flag."
            + switch (alert.kind()) {
              case STAGE_OVERRUN -> "overrun";
              case DELAY_RISK -> "at-risk";
              case SILENCE -> "silent";
            },
        locale);
  }
}
