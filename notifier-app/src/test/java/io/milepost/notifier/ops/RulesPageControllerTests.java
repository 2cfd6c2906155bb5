package io.milepost.notifier.ops;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.milepost.notifier.PublicUrls;
import io.milepost.notifier.ingest.IngestProperties;
import io.milepost.notifier.rules.TenantRules;
import io.milepost.notifier.security.MilepostUser;
import io.milepost.notifier.security.Role;
import io.milepost.notifier.web.CurrentPerson;
import io.milepost.notifier.web.PageLocales;
import io.milepost.notifier.words.WordsConfiguration;
import io.milepost.schemas.Rules;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The rules form over HTTP, without a database: what a person typed is checked, each error is shown
 * on its field in the person's language, and only a valid form reaches the rules service.
 */
@WebMvcTest(RulesPageController.class)
@Import(RulesPageControllerTests.Pages.class)
class RulesPageControllerTests {
  private static final String ACME = "acme-motors";
  private static final MilepostUser OTTO =
      new MilepostUser("otto-ops", "{noop}x", true, Role.OPS, ACME, Set.of(), Locale.ENGLISH);
  private static final MilepostUser OLGA =
      new MilepostUser(
          "olga-ops", "{noop}x", true, Role.OPS, ACME, Set.of(), Locale.forLanguageTag("es"));

  /** The real words, the layout's person and the pages' locale: no mocks but the service. */
  @TestConfiguration
  @EnableConfigurationProperties({PublicUrls.class, IngestProperties.class})
  @Import({WordsConfiguration.class, PageLocales.class})
  static class Pages {
    /** Under the name the layout asks for ({@code @currentPerson}). */
    @Bean
    CurrentPerson currentPerson() {
      return new CurrentPerson();
    }
  }

  @Autowired MockMvc mvc;
  @MockitoBean TenantRules rules;

  @BeforeEach
  void theDefaults() {
    when(rules.current(ACME)).thenReturn(Rules.defaults(ACME));
    when(rules.history(eq(ACME), any(Integer.class))).thenReturn(List.of());
  }

  @Test
  void badValuesAreShownOnTheirFieldsInWordsAndNothingIsSaved() throws Exception {
    Map<String, String> form = validForm();
    form.put("silenceLimit", "soon");
    form.put("overrunFactor", "1");
    form.put("sla.IN_REPAIR", "0m");
    form.put("cxPromisesBrokenPerDay", "-2");

    mvc.perform(submit(form, OTTO))
        .andExpect(status().isUnprocessableContent())
        .andExpect(content().string(containsString("Some values cannot be saved")))
        .andExpect(
            content()
                .string(
                    containsString(
                        "<p class=\"field-error\" id=\"silenceLimit-error\">Write a length of"
                            + " time, e.g. 2h or 1d 4h.</p>")))
        .andExpect(
            content()
                .string(
                    containsString(
                        "id=\"overrunFactor-error\">Write a number greater than 1, e.g. 1.5.")))
        .andExpect(
            content()
                .string(containsString("id=\"sla.IN_REPAIR-error\">Must be longer than zero.")))
        .andExpect(
            content()
                .string(
                    containsString(
                        "id=\"cxPromisesBrokenPerDay-error\">Write a whole number, 0 or more.")))
        .andExpect(content().string(containsString("value=\"soon\"")))
        .andExpect(content().string(not(containsString("id=\"digestWindow-error\""))));
    verify(rules, never()).change(any(), any(), any());
  }

  @Test
  void aSpanishSpeakingOperatorReadsTheErrorsInSpanish() throws Exception {
    Map<String, String> form = validForm();
    form.put("digestWindow", "ten minutes");

    mvc.perform(submit(form, OLGA))
        .andExpect(status().isUnprocessableContent())
        .andExpect(content().string(containsString("Escriba un tiempo, p. ej. 2h o 1d 4h.")))
        .andExpect(content().string(containsString("lang=\"es\"")));
    verify(rules, never()).change(any(), any(), any());
  }

  @Test
  void aValidFormIsSavedAsTheSignedInPersonOnTheRevisionTheyRead() throws Exception {
    Map<String, String> form = validForm();
    form.put("silenceLimit", "1h 30m");
    form.remove("notify.READY_FOR_PICKUP");
    when(rules.change(any(), any(), eq("otto-ops")))
        .thenAnswer(
            call ->
                new TenantRules.Change(
                    ((Rules) call.getArgument(0)).withRevision(1, Instant.EPOCH), true));

    mvc.perform(submit(form, OTTO)).andExpect(redirectedUrl("/ops/rules?saved=1"));

    ArgumentCaptor<Rules> proposed = ArgumentCaptor.forClass(Rules.class);
    verify(rules).change(proposed.capture(), eq(OptionalLong.of(0)), eq("otto-ops"));
    org.assertj.core.api.Assertions.assertThat(proposed.getValue().silenceLimit())
        .isEqualTo(Duration.ofMinutes(90));
    org.assertj.core.api.Assertions.assertThat(
            proposed.getValue().notifiesCustomer(io.milepost.schemas.Stage.READY_FOR_PICKUP))
        .isFalse();
    org.assertj.core.api.Assertions.assertThat(proposed.getValue().tenantId()).isEqualTo(ACME);
  }

  @Test
  void aChangeMadeMeanwhileIsToldAndTheTypedValuesKept() throws Exception {
    Map<String, String> form = validForm();
    form.put("silenceLimit", "45m");
    when(rules.change(any(), any(), any())).thenThrow(new TenantRules.RevisionMismatchException(4));

    mvc.perform(submit(form, OTTO))
        .andExpect(status().isConflict())
        .andExpect(content().string(containsString("Someone changed the rules while you were")))
        .andExpect(content().string(containsString("value=\"45m\"")));
  }

  /** The defaults as the page shows them, as a browser would submit them. */
  private static Map<String, String> validForm() {
    Map<String, String> form = new java.util.LinkedHashMap<>();
    RulesForm.values(Rules.defaults(ACME))
        .forEach(
            (name, value) -> {
              if (name.startsWith("notify.")) {
                if (value.equals("true")) {
                  form.put(name, "on");
                }
              } else {
                form.put(name, value);
              }
            });
    return form;
  }

  private static MockHttpServletRequestBuilder submit(Map<String, String> form, MilepostUser who) {
    MockHttpServletRequestBuilder request = post("/ops/rules").with(user(who)).with(csrf());
    form.forEach(request::param);
    return request;
  }
}
