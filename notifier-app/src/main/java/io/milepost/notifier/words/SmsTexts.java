package io.milepost.notifier.words;

import java.util.ArrayList;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The text a customer gets, in their language: picks the template (the tenant's for the customer's
 * locale, else the shipped one for it, else the same two for the tenant's default locale, else
 * English) and writes it within two segments ({@link SmsWriter}).
 */
@Service
public class SmsTexts {
  private static final Logger log = LoggerFactory.getLogger(SmsTexts.class);

  /** Where a template came from. */
  enum Source {
    TENANT,
    SHIPPED
  }

  /**
   * The template chosen for a kind and a customer's locale.
   *
   * @param own the tenant's stored template, when it is one
   */
  record Chosen(String text, Locale locale, Source source, TenantTemplates.Stored own) {}

  private final TenantTemplates templates;
  private final Words words;
  private final SmsWriter writer;

  SmsTexts(TenantTemplates templates, Words words, SmsWriter writer) {
    this.templates = templates;
    this.words = words;
    this.writer = writer;
  }

  /**
   * @param customerLocale the customer's language; null when unknown
   */
  public SmsBody write(TemplateKind kind, String tenantId, Locale customerLocale, SmsFacts facts) {
    Chosen chosen = choose(kind, tenantId, customerLocale);
    if (chosen.source() == Source.TENANT) {
      try {
        return writer.write(kind, chosen.text(), chosen.locale(), facts);
      } catch (IllegalArgumentException e) {
        // Checked when stored, so only an argument the check did not foresee gets here: the
        // customer still hears the news, in the shipped words.
        log.warn(
            "tenant {} template {} ({}) failed to render, shipped one used: {}",
            tenantId,
            kind,
            chosen.locale().toLanguageTag(),
            e.getMessage());
        return writer.write(kind, shipped(kind, chosen.locale()), chosen.locale(), facts);
      }
    }
    return writer.write(kind, chosen.text(), chosen.locale(), facts);
  }

  Chosen choose(TemplateKind kind, String tenantId, Locale customerLocale) {
    TenantTemplates.TenantSet set = templates.of(tenantId);
    List<Locale> candidates = new ArrayList<>();
    for (Locale each : new Locale[] {customerLocale, set.defaultLocale(), Locale.ENGLISH}) {
      if (each != null && !each.getLanguage().isEmpty() && !candidates.contains(each)) {
        candidates.add(each);
      }
    }
    for (Locale locale : candidates) {
      Optional<TenantTemplates.Stored> own = set.find(kind, locale);
      if (own.isPresent()) {
        return new Chosen(own.get().text(), locale, Source.TENANT, own.get());
      }
      if (words.speaks(locale)) {
        return new Chosen(shipped(kind, locale), locale, Source.SHIPPED, null);
      }
    }
    return new Chosen(shipped(kind, Locale.ENGLISH), Locale.ENGLISH, Source.SHIPPED, null);
  }

  /** The shipped template of {@code kind} in {@code locale}'s language (English if not shipped). */
  String shipped(TemplateKind kind, Locale locale) {
    return words.messages().pattern(kind.key(), locale);
  }

  /** A BCP 47 tag as a locale; null when absent or not a language tag. */
  public static Locale locale(String tag) {
    if (tag == null || tag.isBlank()) {
      return null;
    }
    try {
      Locale locale = new Locale.Builder().setLanguageTag(tag.strip()).build();
      return locale.getLanguage().isEmpty() ? null : locale;
    } catch (IllformedLocaleException e) {
      return null;
    }
  }
}
