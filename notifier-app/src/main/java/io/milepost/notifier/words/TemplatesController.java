package io.milepost.notifier.words;

import io.milepost.notifier.ingest.ApiTenant;
import io.milepost.notifier.job.Tenants;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The API key's tenant's SMS templates. {@code GET} lists every kind in every shipped language and
 * the tenant's own; {@code GET /{kind}/{locale}} answers the template a customer of that locale
 * gets (after the fallbacks); {@code PUT} stores the tenant's own after checking it ({@link
 * TemplateCheck}: 400 naming the field otherwise); {@code DELETE} returns to the shipped one.
 */
@RestController
class TemplatesController {
  static final String PATH = "/api/v1/templates";

  /** A template as the API shows it. */
  record TemplateView(
      TemplateKind kind,
      String locale,
      String text,
      String source,
      List<String> placeholders,
      Instant updatedAt,
      String updatedBy) {}

  record TemplateList(
      String defaultLocale, List<String> shippedLocales, List<TemplateView> templates) {}

  record TemplateBody(String text) {}

  record DefaultLocale(String locale) {}

  private final TenantTemplates templates;
  private final SmsTexts texts;
  private final TemplateCheck check;
  private final Tenants tenants;
  private final TemplateEditing editing;

  TemplatesController(
      TenantTemplates templates,
      SmsTexts texts,
      TemplateCheck check,
      Tenants tenants,
      TemplateEditing editing) {
    this.templates = templates;
    this.texts = texts;
    this.check = check;
    this.tenants = tenants;
    this.editing = editing;
  }

  @GetMapping(PATH)
  TemplateList list(@AuthenticationPrincipal ApiTenant tenant) {
    Map<List<Object>, TemplateView> all = new LinkedHashMap<>();
    for (TemplateKind kind : TemplateKind.values()) {
      for (Locale locale : Words.SHIPPED) {
        all.put(
            List.of(kind, locale.toLanguageTag()),
            shipped(kind, locale.toLanguageTag(), texts.shipped(kind, locale)));
      }
    }
    for (TenantTemplates.Stored own : templates.all(tenant.tenantId())) {
      all.put(List.of(own.kind(), own.locale()), view(own));
    }
    return new TemplateList(
        templates.defaultLocale(tenant.tenantId()).toLanguageTag(),
        Words.SHIPPED.stream().map(Locale::toLanguageTag).toList(),
        new ArrayList<>(all.values()));
  }

  /** The template a customer of {@code locale} gets, and the locale it is in after fallbacks. */
  @GetMapping(PATH + "/{kind}/{locale}")
  TemplateView get(
      @AuthenticationPrincipal ApiTenant tenant,
      @PathVariable("kind") String kindName,
      @PathVariable("locale") String tag) {
    String path = PATH + "/" + kindName + "/" + tag;
    TemplateKind kind = TemplateProblems.kind(path, "/kind", kindName);
    Locale locale = TemplateProblems.locale(path, "/locale", tag);
    SmsTexts.Chosen chosen = texts.choose(kind, tenant.tenantId(), locale);
    return chosen.own() != null
        ? view(chosen.own())
        : shipped(kind, chosen.locale().toLanguageTag(), chosen.text());
  }

  @PutMapping(path = PATH + "/{kind}/{locale}", consumes = MediaType.APPLICATION_JSON_VALUE)
  TemplateView put(
      @AuthenticationPrincipal ApiTenant tenant,
      @PathVariable("kind") String kindName,
      @PathVariable("locale") String tag,
      @RequestBody TemplateBody body) {
    String path = PATH + "/" + kindName + "/" + tag;
    TemplateKind kind = TemplateProblems.kind(path, "/kind", kindName);
    Locale locale = TemplateProblems.locale(path, "/locale", tag);
    List<TemplateCheck.Problem> problems = check.check(kind, body.text(), locale);
    if (!problems.isEmpty()) {
      throw TemplateProblems.invalid(path, problems);
    }
    return view(editing.saveChecked(tenant.tenantId(), kind, locale, body.text(), tenant.keyId()));
  }

  @DeleteMapping(PATH + "/{kind}/{locale}")
  ResponseEntity<Void> delete(
      @AuthenticationPrincipal ApiTenant tenant,
      @PathVariable("kind") String kindName,
      @PathVariable("locale") String tag) {
    String path = PATH + "/" + kindName + "/" + tag;
    TemplateKind kind = TemplateProblems.kind(path, "/kind", kindName);
    Locale locale = TemplateProblems.locale(path, "/locale", tag);
    return templates.delete(tenant.tenantId(), kind, locale)
        ? ResponseEntity.noContent().build()
        : ResponseEntity.status(HttpStatus.NOT_FOUND).build();
  }

  /** The language customers are written to when theirs is neither the tenant's nor shipped. */
  @PutMapping(path = PATH + "/default-locale", consumes = MediaType.APPLICATION_JSON_VALUE)
  DefaultLocale defaultLocale(
      @AuthenticationPrincipal ApiTenant tenant, @RequestBody DefaultLocale body) {
    Locale locale = TemplateProblems.locale(PATH + "/default-locale", "/locale", body.locale());
    tenants.ensure(tenant.tenantId());
    templates.setDefaultLocale(tenant.tenantId(), locale);
    return new DefaultLocale(locale.toLanguageTag());
  }

  private static TemplateView view(TenantTemplates.Stored own) {
    return new TemplateView(
        own.kind(),
        own.locale(),
        own.text(),
        "tenant",
        placeholders(own.kind()),
        own.updatedAt(),
        own.updatedBy());
  }

  private static TemplateView shipped(TemplateKind kind, String locale, String text) {
    return new TemplateView(kind, locale, text, "shipped", placeholders(kind), null, null);
  }

  private static List<String> placeholders(TemplateKind kind) {
    return List.copyOf(new TreeSet<>(kind.placeholders()));
  }
}
