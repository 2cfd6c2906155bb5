package io.milepost.notifier.ops;

import io.milepost.notifier.web.CurrentPerson;
import io.milepost.notifier.words.TemplateEditing;
import io.milepost.notifier.words.TemplateKind;
import io.milepost.notifier.words.Words;
import io.milepost.schemas.Stage;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;

/**
 * The tenant's SMS templates, one kind at a time, each shipped language side by side with a preview
 * written with sample values and its segment count (ops-templates.js refreshes the preview as the
 * text is typed, from {@code /ops/templates/preview}). Saved through {@link TemplateEditing}, as
 * the templates API saves them.
 */
@Controller
class TemplatesPageController {
  static final String PATH = "/ops/templates";

  /** One language's editor: the text, its preview, and what is wrong with it. */
  record Editor(
      String locale,
      String text,
      boolean own,
      String updatedAt,
      String updatedBy,
      TemplateEditing.Preview preview,
      String summary,
      List<String> problems) {}

  /** What the preview endpoint answers: the text, a summary and the problems, in words. */
  record PreviewAnswer(String text, int segments, String summary, List<String> problems) {}

  record PreviewRequest(String kind, String locale, String text) {}

  private final TemplateEditing editing;
  private final CurrentPerson person;
  private final MessageSource messages;

  TemplatesPageController(TemplateEditing editing, CurrentPerson person, MessageSource messages) {
    this.editing = editing;
    this.person = person;
    this.messages = messages;
  }

  @GetMapping(PATH)
  String show(
      @RequestParam(name = "kind", required = false) String kindName,
      @RequestParam(name = "saved", required = false) String saved,
      @RequestParam(name = "reset", required = false) String reset,
      Model model) {
    TemplateKind kind = kind(kindName);
    String tenant = person.required().tenantId();
    List<Editor> editors = new ArrayList<>();
    for (Locale locale : Words.SHIPPED) {
      TemplateEditing.Current current = editing.current(tenant, kind, locale);
      editors.add(editor(kind, locale, current.text(), current, List.of()));
    }
    model.addAttribute(
        "reset",
        Words.SHIPPED.stream()
            .map(Locale::toLanguageTag)
            .filter(t -> t.equals(reset))
            .findFirst()
            .orElse(null));
    model.addAttribute(
        "saved",
        Words.SHIPPED.stream()
            .map(Locale::toLanguageTag)
            .filter(t -> t.equals(saved))
            .findFirst()
            .orElse(null));
    return page(model, kind, editors);
  }

  @PostMapping(PATH)
  String save(
      @RequestParam("kind") String kindName,
      @RequestParam("locale") String tag,
      @RequestParam(name = "text", defaultValue = "") String text,
      Model model,
      HttpServletResponse response) {
    TemplateKind kind = kind(kindName);
    Locale locale = locale(tag);
    var signedIn = person.required();
    List<TemplateEditing.Problem> problems =
        editing.save(signedIn.tenantId(), kind, locale, text, signedIn.getUsername());
    if (problems.isEmpty()) {
      return "redirect:" + PATH + "?kind=" + kind.name() + "&saved=" + locale.toLanguageTag();
    }
    response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
    List<Editor> editors = new ArrayList<>();
    for (Locale each : Words.SHIPPED) {
      TemplateEditing.Current current = editing.current(signedIn.tenantId(), kind, each);
      boolean submitted = each.equals(locale);
      editors.add(
          editor(
              kind,
              each,
              submitted ? text : current.text(),
              current,
              submitted ? problems : List.of()));
    }
    return page(model, kind, editors);
  }

  /** Back to the shipped text of one language. */
  @PostMapping(PATH + "/reset")
  String reset(@RequestParam("kind") String kindName, @RequestParam("locale") String tag) {
    TemplateKind kind = kind(kindName);
    Locale locale = locale(tag);
    editing.reset(person.required().tenantId(), kind, locale);
    return "redirect:" + PATH + "?kind=" + kind.name() + "&reset=" + locale.toLanguageTag();
  }

  @PostMapping(
      path = PATH + "/preview",
      consumes = "application/json",
      produces = "application/json")
  @ResponseBody
  PreviewAnswer preview(@RequestBody PreviewRequest request) {
    person.required();
    TemplateKind kind = kind(request.kind());
    Locale locale = locale(request.locale());
    TemplateEditing.Preview preview =
        editing.preview(
            kind, request.text() == null ? "" : request.text(), locale, Stage.IN_REPAIR);
    return new PreviewAnswer(
        preview.text(), preview.segments(), summary(preview), words(preview.problems()));
  }

  private Editor editor(
      TemplateKind kind,
      Locale locale,
      String text,
      TemplateEditing.Current current,
      List<TemplateEditing.Problem> problems) {
    TemplateEditing.Preview preview = editing.preview(kind, text, locale, Stage.IN_REPAIR);
    List<String> all = new ArrayList<>(words(problems));
    words(preview.problems()).stream().filter(p -> !all.contains(p)).forEach(all::add);
    return new Editor(
        locale.toLanguageTag(),
        text,
        current.own(),
        current.updatedAt() == null ? null : OpsText.utc(current.updatedAt()),
        current.by(),
        preview,
        summary(preview),
        all);
  }

  private String page(Model model, TemplateKind kind, List<Editor> editors) {
    model.addAttribute("kind", kind);
    model.addAttribute("kinds", TemplateKind.values());
    model.addAttribute("editors", editors);
    model.addAttribute(
        "placeholders", kind.placeholders().stream().sorted().map(p -> "{" + p + "}").toList());
    return "ops/templates";
  }

  private String summary(TemplateEditing.Preview preview) {
    if (!preview.problems().isEmpty()) {
      return "";
    }
    return messages.getMessage(
        "ops.templates.segments",
        new Object[] {preview.segments(), preview.longestSegments(), preview.encoding().name()},
        LocaleContextHolder.getLocale());
  }

  private List<String> words(List<TemplateEditing.Problem> problems) {
    Locale locale = LocaleContextHolder.getLocale();
    return problems.stream()
        .map(p -> messages.getMessage("ops.templates.error." + p.code(), null, locale))
        .distinct()
        .toList();
  }

  private static TemplateKind kind(String name) {
    if (name == null || name.isBlank()) {
      return TemplateKind.STAGE_CHANGED;
    }
    try {
      return TemplateKind.valueOf(name);
    } catch (IllegalArgumentException e) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
  }

  private static Locale locale(String tag) {
    return Words.SHIPPED.stream()
        .filter(l -> l.toLanguageTag().equals(tag))
        .findFirst()
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
  }
}
