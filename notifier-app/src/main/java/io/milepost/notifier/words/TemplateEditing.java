package io.milepost.notifier.words;

import io.milepost.notifier.job.Tenants;
import io.milepost.schemas.SmsSegments;
import io.milepost.schemas.Stage;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Service;

/**
 * Reading, checking, previewing and saving a tenant's templates: the one path for the templates API
 * ({@link TemplatesController}, {@link TemplatePreviewController}) and the ops console's editor.
 */
@Service
public class TemplateEditing {
  /**
   * A template as a tenant's customers of one language get it.
   *
   * @param own whether it is the tenant's own (else the shipped one)
   */
  public record Current(
      TemplateKind kind, Locale locale, String text, boolean own, Instant updatedAt, String by) {}

  /**
   * One thing wrong with a template.
   *
   * @param code see {@link TemplateCheck.Problem#code()}
   * @param message the API's English sentence
   */
  public record Problem(String field, String code, String message) {}

  /**
   * A template written with sample values, and what it costs.
   *
   * @param longestSegments with the longest values the contract allows
   */
  public record Preview(
      String text,
      int segments,
      SmsSegments.Encoding encoding,
      int units,
      int longestSegments,
      List<Problem> problems) {}

  private final TenantTemplates templates;
  private final SmsTexts texts;
  private final TemplateCheck check;
  private final SmsWriter writer;
  private final Words words;
  private final Tenants tenants;

  TemplateEditing(
      TenantTemplates templates,
      SmsTexts texts,
      TemplateCheck check,
      SmsWriter writer,
      Words words,
      Tenants tenants) {
    this.templates = templates;
    this.texts = texts;
    this.check = check;
    this.writer = writer;
    this.words = words;
    this.tenants = tenants;
  }

  /** The tenant's template of {@code kind} for exactly {@code locale}'s language, else shipped. */
  public Current current(String tenantId, TemplateKind kind, Locale locale) {
    return templates.all(tenantId).stream()
        .filter(own -> own.kind() == kind && own.locale().equals(locale.toLanguageTag()))
        .findFirst()
        .map(own -> new Current(kind, locale, own.text(), true, own.updatedAt(), own.updatedBy()))
        .orElseGet(() -> new Current(kind, locale, texts.shipped(kind, locale), false, null, null));
  }

  /** Everything wrong with {@code text} as the tenant's template; empty when it may be saved. */
  public List<Problem> check(TemplateKind kind, String text, Locale locale) {
    return publicProblems(check.check(kind, text, locale));
  }

  /**
   * Saves the tenant's own template after {@link #check}.
   *
   * @return what is wrong, nothing saved; empty when saved
   */
  public List<Problem> save(
      String tenantId, TemplateKind kind, Locale locale, String text, String actor) {
    List<Problem> problems = check(kind, text, locale);
    if (problems.isEmpty()) {
      tenants.ensure(tenantId);
      templates.save(tenantId, kind, locale, text, actor);
    }
    return problems;
  }

  /**
   * Drops the tenant's own template of {@code kind} for {@code locale}: its customers get the
   * shipped one again, as {@code DELETE /api/v1/templates/{kind}/{locale}} does.
   *
   * @return whether the tenant had one
   */
  public boolean reset(String tenantId, TemplateKind kind, Locale locale) {
    return templates.delete(tenantId, kind, locale);
  }

  TenantTemplates.Stored saveChecked(
      String tenantId, TemplateKind kind, Locale locale, String text, String actor) {
    tenants.ensure(tenantId);
    return templates.save(tenantId, kind, locale, text, actor);
  }

  /**
   * {@code text} written for {@code locale} with sample values ("Acme Motors", "Dana", a stage), as
   * a job's first text with the link; a text that does not parse has problems and no preview.
   */
  public Preview preview(TemplateKind kind, String text, Locale locale, Stage stage) {
    List<TemplateCheck.Problem> problems = check.checkSyntax(kind, text);
    if (!problems.isEmpty()) {
      return new Preview("", 0, SmsSegments.Encoding.GSM_7, 0, 0, publicProblems(problems));
    }
    SmsBody body =
        writer.write(
            kind,
            text,
            locale,
            SampleFacts.of(kind, stage, locale, null, words, check.sampleLink()));
    return new Preview(
        body.text(),
        body.length().segments(),
        body.length().encoding(),
        body.length().units(),
        check.longest(kind, text, locale).segments(),
        List.of());
  }

  private static List<Problem> publicProblems(List<TemplateCheck.Problem> problems) {
    return problems.stream().map(p -> new Problem(p.field(), p.code(), p.message())).toList();
  }
}
