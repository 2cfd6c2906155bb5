package io.milepost.notifier.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.milepost.notifier.security.MilepostUser;
import io.milepost.notifier.security.Role;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

class PageLocalesTests {
  private final PageLocales locales = new PageLocales(new CurrentPerson());

  @AfterEach
  void signOut() {
    SecurityContextHolder.clearContext();
  }

  @Test
  void aVisitorGetsTheShippedLanguageTheirBrowserPrefersElseEnglish() {
    MockHttpServletRequest german = new MockHttpServletRequest();
    german.addPreferredLocale(Locale.GERMAN);
    MockHttpServletRequest spanishSecond = new MockHttpServletRequest();
    spanishSecond.addPreferredLocale(Locale.forLanguageTag("es-MX"));
    spanishSecond.addPreferredLocale(Locale.FRENCH);

    assertThat(locales.resolveLocale(german)).isEqualTo(Locale.ENGLISH);
    assertThat(locales.resolveLocale(spanishSecond).getLanguage()).isEqualTo("es");
  }

  @Test
  void aSignedInPersonReadsTheirOwnLanguageWhateverTheBrowserSays() {
    MilepostUser person =
        new MilepostUser(
            "sol", "x", true, Role.DEALER, "acme", Set.of(), Locale.forLanguageTag("es"));
    SecurityContextHolder.getContext()
        .setAuthentication(
            UsernamePasswordAuthenticationToken.authenticated(
                person, null, person.getAuthorities()));
    MockHttpServletRequest english = new MockHttpServletRequest();
    english.addPreferredLocale(Locale.US);

    assertThat(locales.resolveLocale(english).getLanguage()).isEqualTo("es");
  }

  @Test
  void aCustomersPageSpeaksTheCustomersLanguageToWhoeverOpensIt() {
    MockHttpServletRequest request = new MockHttpServletRequest();
    request.addPreferredLocale(Locale.US);

    PageLocales.speak(request, Locale.forLanguageTag("es-US"));
    MockHttpServletRequest unknown = new MockHttpServletRequest();
    PageLocales.speak(unknown, Locale.JAPANESE);

    assertThat(locales.resolveLocale(request)).isEqualTo(Locale.forLanguageTag("es-US"));
    assertThat(locales.resolveLocale(unknown)).isEqualTo(Locale.ENGLISH);
  }
}
