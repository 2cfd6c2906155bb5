package io.milepost.notifier.web;

import io.milepost.notifier.words.Words;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The language of a page: the customer's for their tracking page (its controller says so with
 * {@link #speak}), the signed-in person's own otherwise, else the best the browser asks for among
 * the shipped languages, else English. Named {@code localeResolver} so Spring MVC and Thymeleaf use
 * it.
 */
@Component("localeResolver")
public class PageLocales implements LocaleResolver {
  private static final String ATTRIBUTE = PageLocales.class.getName() + ".locale";

  private final CurrentPerson person;

  PageLocales(CurrentPerson person) {
    this.person = person;
  }

  /** Makes this request's page speak {@code locale} (a customer's), whoever asks. */
  public static void speak(HttpServletRequest request, Locale locale) {
    request.setAttribute(ATTRIBUTE, shipped(locale));
  }

  @Override
  public Locale resolveLocale(HttpServletRequest request) {
    if (request.getAttribute(ATTRIBUTE) instanceof Locale chosen) {
      return chosen;
    }
    var signedIn = person.get();
    if (signedIn.isPresent()) {
      return shipped(signedIn.get().locale());
    }
    var asked = java.util.Collections.list(request.getLocales());
    for (Locale locale : asked) {
      for (Locale offered : Words.SHIPPED) {
        if (offered.getLanguage().equals(locale.getLanguage())) {
          return offered;
        }
      }
    }
    return Locale.ENGLISH;
  }

  @Override
  public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
    throw new UnsupportedOperationException(
        "a page's language follows the customer or the person's own setting");
  }

  /** The shipped language closest to {@code locale}, keeping its region (es-MX stays es-MX). */
  static Locale shipped(Locale locale) {
    if (locale == null) {
      return Locale.ENGLISH;
    }
    for (Locale offered : Words.SHIPPED) {
      if (offered.getLanguage().equals(locale.getLanguage())) {
        return locale;
      }
    }
    return Locale.ENGLISH;
  }
}
