package io.milepost.notifier.ops;

import io.milepost.notifier.web.CurrentPerson;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Records set aside, of the person's tenant: the bad record as safe text (escaped by the page,
 * control characters spelled out, cut short), the reason, and where it came from. Records that name
 * no tenant are only counted.
 */
@Controller
class DeadLettersController {
  static final String PATH = "/ops/dead-letters";
  static final int PAGE_SIZE = 25;

  /** The most of a record's text the page shows. */
  static final int PAYLOAD_CHARS = 600;

  record Line(
      String setAsideBy,
      String origin,
      String reason,
      String field,
      String key,
      String payload,
      int bytes,
      String at) {}

  private final DeadLetters deadLetters;
  private final CurrentPerson person;

  DeadLettersController(DeadLetters deadLetters, CurrentPerson person) {
    this.deadLetters = deadLetters;
    this.person = person;
  }

  @GetMapping(PATH)
  String show(@RequestParam(name = "page", defaultValue = "0") int page, Model model) {
    String tenant = person.required().tenantId();
    int from = Math.max(0, page);
    List<DeadLetters.Entry> found = deadLetters.page(tenant, from, PAGE_SIZE);
    model.addAttribute("page", from);
    model.addAttribute("hasNext", found.size() > PAGE_SIZE);
    model.addAttribute("unattributed", deadLetters.unattributed());
    model.addAttribute(
        "letters",
        found.stream()
            .limit(PAGE_SIZE)
            .map(
                e ->
                    new Line(
                        e.setAsideBy(),
                        origin(e),
                        e.reason(),
                        e.field(),
                        e.key(),
                        OpsText.payload(e.payload(), PAYLOAD_CHARS),
                        e.payload() == null ? 0 : e.payload().length,
                        OpsText.utc(e.at())))
            .toList());
    return "ops/dead-letters";
  }

  /** topic/partition@offset, as Kafka people write a record's place. */
  static String origin(DeadLetters.Entry e) {
    if (e.sourceTopic() == null) {
      return "";
    }
    return e.sourceTopic()
        + (e.sourcePartition() == null ? "" : "/" + e.sourcePartition())
        + (e.sourceOffset() == null ? "" : "@" + e.sourceOffset());
  }
}
