package io.milepost.notifier.words;

import com.ibm.icu.text.MessageFormat;
import com.ibm.icu.util.Calendar;
import com.ibm.icu.util.TimeZone;
import com.ibm.icu.util.ULocale;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.support.AbstractMessageSource;

/**
 * The app's one {@code messageSource}: words from the {@code messages*.properties} bundles (UTF-8)
 * and then the pages' bundles (each face its own, {@code pages/track*.properties}, ...), formatted
 * with ICU MessageFormat (plurals, selects, dates and times in the reader's language), not {@code
 * java.text.MessageFormat}. Arguments are named when the only argument is a map ({@code {stage}}),
 * numbered otherwise ({@code {0}}, as Thymeleaf passes them). A date argument given as a {@link
 * ZonedDateTime} is shown in its own zone, the customer's; an {@link Instant} in UTC.
 *
 * <p>A key missing in one language falls back to the bundle without a language (English), never to
 * the JVM's default locale: a server in Madrid must not change what a customer in Ohio reads.
 */
final class IcuMessageSource extends AbstractMessageSource {
  /** Searched in order; the first names the customer's texts and decides {@link #speaks}. */
  private final List<String> basenames;

  // Parsed bundle patterns per (key, locale); a MessageFormat is not thread-safe, so each use
  // formats under its lock.
  private final Map<String, MessageFormat> formats = new ConcurrentHashMap<>();

  IcuMessageSource(String... basenames) {
    this.basenames = List.of(basenames);
    setUseCodeAsDefaultMessage(false);
  }

  /** The pattern stored under {@code code} for {@code locale}, or null. */
  String pattern(String code, Locale locale) {
    for (String basename : basenames) {
      ResourceBundle bundle = bundle(basename, locale);
      if (bundle != null && bundle.containsKey(code)) {
        return bundle.getString(code);
      }
    }
    return null;
  }

  /** Whether the bundles speak {@code locale}'s language themselves, not through the fallback. */
  boolean speaks(Locale locale) {
    ResourceBundle bundle = bundle(basenames.get(0), locale);
    if (bundle == null) {
      return false;
    }
    String language = bundle.getLocale().getLanguage();
    // The bundle without a language is English.
    return (language.isEmpty() ? "en" : language).equals(locale.getLanguage());
  }

  /** Formats a pattern that is not in the bundles (a tenant's template) the same way. */
  String format(String pattern, Locale locale, Map<String, ?> arguments) {
    return new MessageFormat(pattern, ULocale.forLocale(locale)).format(icuArguments(arguments));
  }

  @Override
  protected String getMessageInternal(String code, Object[] args, Locale locale) {
    if (code == null) {
      return null;
    }
    Locale where = locale == null ? Locale.ENGLISH : locale;
    String pattern = pattern(code, where);
    if (pattern == null) {
      return null;
    }
    MessageFormat format =
        formats.computeIfAbsent(
            code + '\u0000' + where.toLanguageTag(),
            key -> new MessageFormat(pattern, ULocale.forLocale(where)));
    Object arguments = arguments(args);
    synchronized (format) {
      return format.format(arguments);
    }
  }

  @Override
  protected String renderDefaultMessage(String defaultMessage, Object[] args, Locale locale) {
    Locale where = locale == null ? Locale.ENGLISH : locale;
    return new MessageFormat(defaultMessage, ULocale.forLocale(where)).format(arguments(args));
  }

  /** Not used: {@link #getMessageInternal} formats with ICU, not with java.text. */
  @Override
  protected java.text.MessageFormat resolveCode(String code, Locale locale) {
    return null;
  }

  private static Object arguments(Object[] args) {
    if (args != null && args.length == 1 && args[0] instanceof Map<?, ?> named) {
      Map<String, Object> copy = new HashMap<>();
      named.forEach((key, value) -> copy.put(String.valueOf(key), value));
      return icuArguments(copy);
    }
    if (args == null) {
      return new Object[0];
    }
    Object[] converted = new Object[args.length];
    for (int i = 0; i < args.length; i++) {
      converted[i] = icuValue(args[i]);
    }
    return converted;
  }

  private static Map<String, Object> icuArguments(Map<String, ?> arguments) {
    Map<String, Object> converted = new HashMap<>();
    arguments.forEach((key, value) -> converted.put(key, icuValue(value)));
    return converted;
  }

  private static Object icuValue(Object value) {
    if (value instanceof ZonedDateTime at) {
      // ICU's date formats read the zone from the calendar they are given.
      String zone = at.getZone().normalized().getId();
      // ICU names fixed offsets GMT+hh:mm; java.time's "Z" and "+02:00" would be unknown to it.
      String icuZone =
          zone.equals("Z")
              ? "GMT"
              : zone.startsWith("+") || zone.startsWith("-") ? "GMT" + zone : zone;
      Calendar calendar = Calendar.getInstance(TimeZone.getTimeZone(icuZone), ULocale.ROOT);
      calendar.setTimeInMillis(at.toInstant().toEpochMilli());
      return calendar;
    }
    if (value instanceof Instant at) {
      Calendar calendar = Calendar.getInstance(TimeZone.GMT_ZONE, ULocale.ROOT);
      calendar.setTimeInMillis(at.toEpochMilli());
      return calendar;
    }
    return value;
  }

  private static ResourceBundle bundle(String basename, Locale locale) {
    try {
      // No fallback to the JVM's locale: es-US, es, then the base bundle (English).
      return ResourceBundle.getBundle(
          basename,
          locale,
          IcuMessageSource.class.getClassLoader(),
          ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    } catch (MissingResourceException e) {
      return null;
    }
  }
}
