package io.milepost.notifier.board;

import io.milepost.notifier.board.BoardQueries.BoardJob;
import io.milepost.notifier.board.BoardQueries.Scope;
import io.milepost.notifier.security.MilepostUser;
import io.milepost.notifier.sms.SmsDispatcher;
import io.milepost.notifier.web.CurrentPerson;
import io.milepost.notifier.words.Words;
import io.milepost.schemas.Rules;
import io.milepost.schemas.TimelineEntry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The dealer's board: every job on it as a card in its stage's column, one card as a fragment for
 * live updates, a job's detail with its texts and the customer's history, a manual update, and
 * "seen" for replies. Every path reads within the person's tenant and locations ({@link
 * BoardView#scope}): anything else is a 404.
 */
@Controller
@RequestMapping("/board")
class BoardController {
  private static final Logger log = LoggerFactory.getLogger(BoardController.class);
  private static final int HISTORY = 50;

  private final CurrentPerson person;
  private final BoardView view;
  private final BoardQueries queries;
  private final ManualUpdates updates;
  private final SmsDispatcher dispatcher;
  private final Words words;
  private final Clock clock;

  BoardController(
      CurrentPerson person,
      BoardView view,
      BoardQueries queries,
      ManualUpdates updates,
      SmsDispatcher dispatcher,
      Words words,
      Clock clock) {
    this.person = person;
    this.view = view;
    this.queries = queries;
    this.updates = updates;
    this.dispatcher = dispatcher;
    this.words = words;
    this.clock = clock;
  }

  @GetMapping
  String board(@RequestParam(required = false) String location, Model model, Locale locale) {
    model.addAttribute("board", view.board(person.required(), location, locale));
    return "board";
  }

  /** The columns alone: what a page fetches after every (re)connect to catch up. */
  @GetMapping("/columns")
  String columns(@RequestParam(required = false) String location, Model model, Locale locale) {
    model.addAttribute("board", view.board(person.required(), location, locale));
    return "board :: columns";
  }

  /** The board's one-line summary (jobs, how many stand out): fetched after live changes. */
  @GetMapping("/summary")
  String summary(@RequestParam(required = false) String location, Model model, Locale locale) {
    model.addAttribute("board", view.board(person.required(), location, locale));
    return "board :: summary";
  }

  /** One card, as on the first load: what a page fetches when a job changes. */
  @GetMapping("/cards/{jobId}")
  String card(
      @PathVariable String jobId,
      @RequestParam(required = false) String location,
      Model model,
      Locale locale) {
    Scope scope = view.scope(person.required(), location);
    model.addAttribute("card", view.card(scope, jobId, locale).orElseThrow(BoardController::gone));
    return "board :: card";
  }

  @GetMapping("/jobs/{jobId}")
  String job(@PathVariable String jobId, Model model, Locale locale) {
    return detail(jobId, null, UUID.randomUUID().toString(), null, model, locale);
  }

  /** The text the customer would get, with its segment count, before anything is sent. */
  @PostMapping("/jobs/{jobId}/preview")
  String preview(
      @PathVariable String jobId,
      @RequestParam(defaultValue = "") String message,
      @RequestParam(defaultValue = "") String key,
      Model model,
      Locale locale) {
    return detail(jobId, message, key, true, model, locale);
  }

  /**
   * The segment count while the dealer types (JSON, for the page's script): the same preview, so
   * the one counter (SmsSegments) counts both.
   */
  @PostMapping(path = "/jobs/{jobId}/segments", produces = "application/json")
  @ResponseBody
  Segments segments(
      @PathVariable String jobId,
      @RequestParam(defaultValue = "") String message,
      @RequestParam(defaultValue = "") String key,
      Locale locale) {
    BoardJob job = find(person.required(), jobId);
    ManualUpdates.Preview preview = updates.preview(job.job(), message, key);
    return new Segments(
        preview.text(),
        preview.segments(),
        view.say("board.update.segments", locale, preview.segments()),
        preview.problem() == null
            ? null
            : view.say(
                "board.update.problem." + preview.problem(),
                locale,
                ManualUpdates.MAX_MESSAGE,
                preview.segments()));
  }

  /** What the page shows under the message as it is typed. */
  record Segments(String text, int segments, String words, String problem) {}

  @PostMapping("/jobs/{jobId}/updates")
  String send(
      @PathVariable String jobId,
      @RequestParam(defaultValue = "") String message,
      @RequestParam(defaultValue = "") String key,
      Model model,
      Locale locale,
      RedirectAttributes redirect) {
    MilepostUser me = person.required();
    BoardJob job = find(me, jobId);
    ManualUpdates.Preview preview = updates.preview(job.job(), message, key);
    if (preview.problem() != null) {
      return detail(jobId, message, key, true, model, locale);
    }
    ManualUpdates.Result result = updates.send(job.job(), message, key, me.getUsername());
    if (result.outcome() == ManualUpdates.Outcome.SENT) {
      try {
        dispatcher.dispatch(result.notificationId());
      } catch (RuntimeException e) {
        // Committed already: the sweep sends it.
        log.warn(
            "manual update {} not sent now, the sweep will: {}",
            result.notificationId(),
            e.toString());
      }
    }
    redirect.addFlashAttribute("outcome", result.outcome().name());
    if (result.holdUntil() != null) {
      ZoneId zone = view.rulesOf(me.tenantId()).timeZone(job.job().locationId());
      redirect.addFlashAttribute(
          "heldUntil", words.time(result.holdUntil(), zone, clock.instant(), locale));
    }
    return "redirect:/board/jobs/{jobId}";
  }

  /** Marks the job's replies seen, then back to the board (or the job's page). */
  @PostMapping("/jobs/{jobId}/seen")
  String seen(@PathVariable String jobId, @RequestParam(required = false) String back) {
    MilepostUser me = person.required();
    BoardJob job = find(me, jobId);
    queries.markSeen(view.scope(me, null), job.job(), me.getUsername(), clock.instant());
    return "job".equals(back) ? "redirect:/board/jobs/{jobId}" : "redirect:/board";
  }

  private String detail(
      String jobId, String message, String key, Boolean previewed, Model model, Locale locale) {
    MilepostUser me = person.required();
    Scope scope = view.scope(me, null);
    BoardJob job = find(me, jobId);
    Instant now = clock.instant();
    Rules rules = view.rulesOf(me.tenantId());
    ZoneId zone = rules.timeZone(job.job().locationId());
    BoardView.Card card =
        view.card(
            job,
            true,
            queries
                .unseenReplies(scope, List.of(job.job()))
                .getOrDefault(BoardView.key(job.job()), List.of()),
            rules,
            new LinkedHashMap<>(),
            now,
            locale);
    model.addAttribute("card", card);
    model.addAttribute("job", job);
    model.addAttribute(
        "timeline",
        job.job().timeline().stream()
            .map(
                (TimelineEntry entry) ->
                    new Step(
                        words.stageLabel(entry.stage(), locale),
                        words.time(entry.enteredAt(), zone, now, locale)))
            .toList());
    model.addAttribute(
        "alerts", job.job().alerts().stream().map(a -> view.alert(a, locale)).toList());
    model.addAttribute(
        "replies",
        queries.repliesOfCustomer(scope, job.job(), HISTORY).stream()
            .map(r -> new JobReply(r.jobId(), view.reply(r, zone, now, locale)))
            .toList());
    model.addAttribute(
        "texts",
        queries.textsOfCustomer(scope, job.job(), HISTORY).stream()
            .map(t -> Text.of(t, zone, now, locale, words))
            .toList());
    model.addAttribute(
        "otherJobs",
        queries.otherJobsOfCustomer(scope, job.job(), HISTORY).stream()
            .map(
                o ->
                    new OtherJob(
                        o.jobId(),
                        view.name(me.tenantId(), o.locationId(), new HashMap<>()),
                        words.stageLabel(o.stage(), locale),
                        words.time(o.createdAt(), zone, now, locale)))
            .toList());
    model.addAttribute("message", message == null ? "" : message);
    model.addAttribute("key", key);
    model.addAttribute("maxMessage", ManualUpdates.MAX_MESSAGE);
    if (Boolean.TRUE.equals(previewed)) {
      model.addAttribute("preview", updates.preview(job.job(), message, key));
    }
    return "board-job";
  }

  private BoardJob find(MilepostUser me, String jobId) {
    return queries.latest(view.scope(me, null), jobId).orElseThrow(BoardController::gone);
  }

  private static ResponseStatusException gone() {
    return new ResponseStatusException(HttpStatus.NOT_FOUND);
  }

  record Step(String label, String at) {}

  record JobReply(String jobId, BoardView.ReplyView reply) {}

  record OtherJob(String jobId, String location, String stage, String since) {}

  /** A text with its status history in words and times. */
  record Text(
      long id,
      String jobId,
      String body,
      String status,
      Integer errorCode,
      String at,
      List<StatusStep> history) {

    static Text of(
        BoardQueries.SentText text, ZoneId zone, Instant now, Locale locale, Words words) {
      return new Text(
          text.id(),
          text.jobId(),
          text.body(),
          text.status(),
          text.errorCode(),
          words.time(text.createdAt(), zone, now, locale),
          text.history().stream()
              .map(
                  step ->
                      new StatusStep(
                          step.status(),
                          step.errorCode(),
                          words.time(step.recordedAt(), zone, now, locale)))
              .toList());
    }
  }

  record StatusStep(String status, Integer errorCode, String at) {}
}
