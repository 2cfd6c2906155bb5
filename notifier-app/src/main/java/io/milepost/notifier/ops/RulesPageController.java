package io.milepost.notifier.ops;

import io.milepost.notifier.rules.TenantRules;
import io.milepost.notifier.web.CurrentPerson;
import io.milepost.schemas.Journey;
import io.milepost.schemas.Rules;
import io.milepost.schemas.Stage;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The rules of the person's tenant as a form, and every change made to them with who, when, and
 * what changed. A saved form goes the rules API's way ({@link TenantRules#change}): validated,
 * stored as the next revision with an audit row naming the person, published to milepost.rules.
 */
@Controller
class RulesPageController {
  static final String PATH = "/ops/rules";
  private static final int AUDIT_ROWS = 50;

  /** One audit row as the page shows it. */
  record AuditLine(long revision, String actor, String at, List<RulesDiff.Change> changes) {}

  /** A journey's stages, in order, as the form lists them. */
  record JourneyStages(Journey journey, List<Stage> stages) {}

  private final TenantRules rules;
  private final CurrentPerson person;

  RulesPageController(TenantRules rules, CurrentPerson person) {
    this.rules = rules;
    this.person = person;
  }

  @GetMapping(PATH)
  String show(
      @RequestParam(name = "saved", required = false) Long saved,
      @RequestParam(name = "pending", required = false) String pending,
      Model model) {
    String tenant = person.required().tenantId();
    Rules current = rules.current(tenant);
    model.addAttribute("saved", saved);
    model.addAttribute("pending", pending != null);
    return page(model, tenant, current, RulesForm.values(current), Map.of());
  }

  @PostMapping(PATH)
  String save(@RequestParam Map<String, String> form, Model model, HttpServletResponse response) {
    var signedIn = person.required();
    String tenant = signedIn.tenantId();
    Rules current = rules.current(tenant);
    RulesForm.Result read = RulesForm.read(form, current);
    if (!read.valid()) {
      response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
      return page(model, tenant, current, form, read.errors());
    }
    TenantRules.Change change;
    try {
      change = rules.change(read.proposed(), read.expectedRevision(), signedIn.getUsername());
    } catch (TenantRules.RevisionMismatchException e) {
      response.setStatus(HttpStatus.CONFLICT.value());
      return page(
          model,
          tenant,
          current,
          form,
          Map.of("form", new RulesForm.FieldError("ops.rules.error.stale")));
    }
    return "redirect:"
        + PATH
        + "?saved="
        + change.rules().revisionOrZero()
        + (change.published() ? "" : "&pending");
  }

  private String page(
      Model model,
      String tenant,
      Rules current,
      Map<String, String> values,
      Map<String, RulesForm.FieldError> errors) {
    model.addAttribute("values", values);
    model.addAttribute("errors", errors);
    model.addAttribute("revision", current.revisionOrZero());
    model.addAttribute(
        "journeys",
        java.util.Arrays.stream(Journey.values())
            .map(j -> new JourneyStages(j, current.stages(j)))
            .toList());
    model.addAttribute(
        "audit",
        rules.history(tenant, AUDIT_ROWS).stream()
            .map(
                e ->
                    new AuditLine(
                        e.revision(),
                        e.actor(),
                        OpsText.utc(e.changedAt()),
                        RulesDiff.between(e.before(), e.after())))
            .toList());
    return "ops/rules";
  }
}
