package io.milepost.notifier.security;

import io.milepost.notifier.web.CurrentPerson;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * An admin manages the people of their own tenant: adds them, changes role, locations, language or
 * password, disables them. Another tenant's person is not found here, whatever the URL says. People
 * brought by configuration are shown but changed only in configuration (a change here would be
 * undone at the next start).
 */
@Controller
class PeopleAdminController {
  private static final int AUDIT_ROWS = 50;

  private final People people;
  private final CurrentPerson current;
  private final PasswordEncoder passwords;
  private final TransactionTemplate transactions;

  PeopleAdminController(
      People people,
      CurrentPerson current,
      PasswordEncoder passwords,
      TransactionTemplate transactions) {
    this.people = people;
    this.current = current;
    this.passwords = passwords;
    this.transactions = transactions;
  }

  @GetMapping("/admin/people")
  String list(Model model) {
    return page(model, PersonForm.empty(), Map.of());
  }

  @PostMapping("/admin/people")
  String add(@ModelAttribute PersonForm form, Model model, RedirectAttributes redirect) {
    MilepostUser admin = current.required();
    var problems = new java.util.LinkedHashMap<>(form.problems(true));
    if (!problems.containsKey("username") && people.taken(form.username())) {
      problems.put("username", "admin.error.taken");
    }
    if (!problems.isEmpty()) {
      return page(model, form, problems);
    }
    transactions.executeWithoutResult(
        status ->
            people.save(
                form.toPerson(admin.tenantId()),
                passwords.encode(form.password()),
                admin.getUsername(),
                "added as " + form.role() + describeLocations(form)));
    redirect.addFlashAttribute("saved", form.username());
    return "redirect:/admin/people";
  }

  @GetMapping("/admin/people/{username}")
  String edit(@PathVariable String username, Model model) {
    People.Person person = ofMyTenant(username);
    model.addAttribute("person", person);
    model.addAttribute("form", PersonForm.of(person));
    model.addAttribute("problems", Map.of());
    return "admin/person";
  }

  @PostMapping("/admin/people/{username}")
  String change(
      @PathVariable String username,
      @ModelAttribute PersonForm submitted,
      Model model,
      RedirectAttributes redirect) {
    MilepostUser admin = current.required();
    People.Person before = ofMyTenant(username);
    // The username in the path is the one changed; a form cannot rename or move a person.
    PersonForm form =
        new PersonForm(
            before.username(),
            submitted.password(),
            submitted.role(),
            submitted.locations(),
            submitted.locale(),
            Boolean.TRUE.equals(submitted.enabled()));
    var problems = new java.util.LinkedHashMap<>(form.problems(false));
    if (before.source().equals(PeopleSeeder.CONFIGURATION)) {
      problems.put("username", "admin.error.configured");
    }
    if (before.username().equals(admin.getUsername())
        && (form.chosenRole() != Role.ADMIN || !Boolean.TRUE.equals(form.enabled()))) {
      // Nobody locks the tenant out of its own people by accident.
      problems.put("role", "admin.error.self");
    }
    if (!problems.isEmpty()) {
      model.addAttribute("person", before);
      model.addAttribute("form", form);
      model.addAttribute("problems", problems);
      return "admin/person";
    }
    boolean newPassword = form.password() != null && !form.password().isEmpty();
    transactions.executeWithoutResult(
        status ->
            people.save(
                form.toPerson(admin.tenantId()),
                newPassword ? passwords.encode(form.password()) : null,
                admin.getUsername(),
                describeChange(before, form, newPassword)));
    redirect.addFlashAttribute("saved", before.username());
    return "redirect:/admin/people";
  }

  private String page(Model model, PersonForm form, Map<String, String> problems) {
    String tenant = current.required().tenantId();
    model.addAttribute("people", people.ofTenant(tenant));
    model.addAttribute("changes", people.changes(tenant, AUDIT_ROWS));
    model.addAttribute("form", form);
    model.addAttribute("problems", problems);
    model.addAttribute("roles", Role.values());
    return "admin/people";
  }

  private People.Person ofMyTenant(String username) {
    return people
        .find(current.required().tenantId(), username)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
  }

  private static String describeLocations(PersonForm form) {
    return form.locationSet().isEmpty() ? " at every location" : " at " + form.locationSet();
  }

  /** What changed, in words for the audit; never the password itself. */
  static String describeChange(People.Person before, PersonForm after, boolean newPassword) {
    var parts = new java.util.ArrayList<String>();
    if (before.role() != after.chosenRole()) {
      parts.add("role " + before.role() + " → " + after.chosenRole());
    }
    if (!before.locations().equals(after.locationSet())) {
      parts.add("locations " + before.locations() + " → " + after.locationSet());
    }
    if (!before.locale().toLanguageTag().equals(after.locale())) {
      parts.add("language " + before.locale().toLanguageTag() + " → " + after.locale());
    }
    if (before.enabled() != Boolean.TRUE.equals(after.enabled())) {
      parts.add(Boolean.TRUE.equals(after.enabled()) ? "enabled" : "disabled");
    }
    if (newPassword) {
      parts.add("password changed");
    }
    return parts.isEmpty() ? "saved without changes" : String.join("; ", parts);
  }
}
