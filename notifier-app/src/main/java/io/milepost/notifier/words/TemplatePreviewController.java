package io.milepost.notifier.words;

import io.milepost.notifier.ingest.ApiTenant;
import io.milepost.schemas.SmsSegments;
import io.milepost.schemas.Stage;
import java.util.List;
import java.util.Locale;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/templates/preview}: a template (the body's, or the shipped one of that kind
 * and locale) written for a locale with sample values, as a first text with the link, and what it
 * costs: segments, encoding, units. Also the most it can cost, with the longest values the contract
 * allows. Nothing is stored; a template that does not parse or names unknown placeholders is a 400
 * naming the field, like a PUT.
 */
@RestController
class TemplatePreviewController {
  static final String PATH = TemplatesController.PATH + "/preview";

  /**
   * @param text the template to try; absent: the shipped one of {@code kind} in {@code locale}
   * @param business sample values, each optional
   * @param stage a stage name, e.g. WAITING_FOR_PARTS (optional)
   */
  record PreviewRequest(
      String kind,
      String locale,
      String text,
      String business,
      String customer,
      String note,
      String stage) {}

  /**
   * @param units septets (GSM-7) or UTF-16 code units (UCS-2)
   * @param longestSegments the segments it takes with the longest values the contract allows
   */
  record Preview(
      TemplateKind kind,
      String locale,
      String text,
      int segments,
      SmsSegments.Encoding encoding,
      int units,
      int longestSegments) {}

  private final SmsWriter writer;
  private final TemplateCheck check;
  private final Words words;

  TemplatePreviewController(SmsWriter writer, TemplateCheck check, Words words) {
    this.writer = writer;
    this.check = check;
    this.words = words;
  }

  @PostMapping(path = PATH, consumes = MediaType.APPLICATION_JSON_VALUE)
  Preview preview(@AuthenticationPrincipal ApiTenant tenant, @RequestBody PreviewRequest request) {
    TemplateKind kind = TemplateProblems.kind(PATH, "/kind", request.kind());
    Locale locale = TemplateProblems.locale(PATH, "/locale", request.locale());
    String text =
        request.text() == null ? words.messages().pattern(kind.key(), locale) : request.text();
    List<TemplateCheck.Problem> problems = check.checkSyntax(kind, text);
    if (!problems.isEmpty()) {
      throw TemplateProblems.invalid(PATH, problems);
    }
    Stage stage = stage(request.stage());
    SmsBody body = writer.write(kind, text, locale, sample(kind, stage, locale, request));
    return new Preview(
        kind,
        locale.toLanguageTag(),
        body.text(),
        body.length().segments(),
        body.length().encoding(),
        body.length().units(),
        check.longest(kind, text, locale).segments());
  }

  private SmsFacts sample(TemplateKind kind, Stage stage, Locale locale, PreviewRequest request) {
    return SampleFacts.of(
        kind,
        stage,
        locale,
        new SampleFacts.Given(request.business(), request.customer(), request.note()),
        words,
        check.sampleLink());
  }

  private static Stage stage(String name) {
    if (name == null) {
      return Stage.WAITING_FOR_PARTS;
    }
    try {
      return Stage.valueOf(name.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw TemplateProblems.invalid(
          PATH,
          List.of(
              new TemplateCheck.Problem(
                  "/stage", "'" + name + "' is not a stage; one of " + List.of(Stage.values()))));
    }
  }
}
