package io.milepost.notifier.words;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.milepost.notifier.PublicUrls;
import io.milepost.notifier.ingest.ApiTenant;
import io.milepost.notifier.ingest.IngestProperties;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * {@code POST /api/v1/templates/preview} over HTTP: the text, its segments and encoding, and
 * problem details naming the field. No database: a preview stores and reads nothing.
 */
@WebMvcTest(TemplatePreviewController.class)
@Import(TemplatePreviewControllerTests.Words.class)
class TemplatePreviewControllerTests {
  private static final ApiTenant ACME = new ApiTenant("acme-motors", "api-key:0123456789ab");

  /** The words beans themselves (no mocks), and the settings the API's problem handler reads. */
  @TestConfiguration
  @EnableConfigurationProperties({IngestProperties.class, PublicUrls.class})
  @Import(WordsConfiguration.class)
  static class Words {}

  @Autowired MockMvc mvc;

  @Test
  void theShippedSpanishTemplateIsPreviewedWithSampleValuesSegmentsAndEncoding() throws Exception {
    mvc.perform(
            preview(
                """
                {"kind": "STAGE_CHANGED", "locale": "es-US", "stage": "IN_REPAIR", "note": ""}
                """))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.kind").value("STAGE_CHANGED"))
        .andExpect(jsonPath("$.locale").value("es-US"))
        .andExpect(
            jsonPath("$.text")
                .value(startsWith("Acme Motors: Hola Dana, su vehículo ya está en reparación.")))
        .andExpect(
            jsonPath("$.text")
                .value(containsString("Siga el avance: http://localhost:8080/track/")))
        // "vehículo" and "está" are not GSM-7.
        .andExpect(jsonPath("$.encoding").value("UCS_2"))
        .andExpect(jsonPath("$.segments").value(2))
        .andExpect(jsonPath("$.longestSegments").value(2));
  }

  @Test
  void aTenantsOwnTextIsRenderedAndCountedInGsm7() throws Exception {
    mvc.perform(
            preview(
                """
                {"kind": "DELAY_RISK", "locale": "en", "customer": "Sam",
                 "text": "{business}: {greeting} sorry, running late: {eta}{because}. {link}"}
                """))
        .andExpect(status().isOk())
        .andExpect(
            jsonPath("$.text")
                .value(
                    startsWith(
                        "Acme Motors: Hi Sam, sorry, running late: 11:30 AM, because waiting for"
                            + " parts usually takes 2 hours 30 minutes.")))
        .andExpect(jsonPath("$.text").value(endsWith("x".repeat(24))))
        .andExpect(jsonPath("$.encoding").value("GSM_7"))
        .andExpect(jsonPath("$.segments").value(2));
  }

  @Test
  void theSampleNoteIsInTheLocalesLanguageAndALongSpanishTextLosesOnlyItsAccents()
      throws Exception {
    mvc.perform(preview("{\"kind\": \"STAGE_CHANGED\", \"locale\": \"es\"}"))
        .andExpect(status().isOk())
        .andExpect(
            jsonPath("$.text")
                .value(
                    startsWith(
                        "Acme Motors: Hola Dana, su vehiculo esta esperando piezas. Su coche de"
                            + " cortesia esta en la plaza 3.")))
        .andExpect(jsonPath("$.encoding").value("GSM_7"))
        .andExpect(jsonPath("$.segments").value(2));
  }

  @Test
  void theSurveyHasAKeyOfItsOwn() throws Exception {
    mvc.perform(preview("{\"kind\": \"CSAT_SURVEY\", \"locale\": \"en-US\"}"))
        .andExpect(status().isOk())
        .andExpect(
            jsonPath("$.text").value(containsString("Reply with a number from 1 (poor) to 5")))
        .andExpect(jsonPath("$.segments").value(1));
  }

  @Test
  void anUnknownPlaceholderIsAProblemNamingTheField() throws Exception {
    mvc.perform(
            preview(
                "{\"kind\": \"SILENCE\", \"locale\": \"en\", \"text\": \"{business}: {eta} {link}\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value("https://milepost.io/problems/invalid-template"))
        .andExpect(jsonPath("$.instance").value("/api/v1/templates/preview"))
        .andExpect(jsonPath("$.errors[0].field").value("/text"))
        .andExpect(jsonPath("$.errors[0].message").value(startsWith("{eta} is not a placeholder")));
  }

  @Test
  void unparsableIcuIsAProblemNamingTheField() throws Exception {
    mvc.perform(
            preview(
                "{\"kind\": \"STAGE_CHANGED\", \"locale\": \"es\", \"text\": \"{business {link}\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("/text"))
        .andExpect(jsonPath("$.errors[0].message").value(startsWith("is not ICU MessageFormat")));
  }

  @Test
  void anUnknownKindOrLocaleIsAProblemNamingTheField() throws Exception {
    mvc.perform(preview("{\"kind\": \"GOSSIP\", \"locale\": \"en\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("/kind"));
    mvc.perform(preview("{\"kind\": \"SILENCE\", \"locale\": \"not a tag\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("/locale"));
  }

  @Test
  void withoutAnApiKeyThereIsNoPreview() throws Exception {
    mvc.perform(
            post(TemplatePreviewController.PATH)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"kind\": \"SILENCE\", \"locale\": \"en\"}"))
        .andExpect(status().is4xxClientError());
  }

  private static MockHttpServletRequestBuilder preview(String body) {
    return post(TemplatePreviewController.PATH)
        .with(
            authentication(
                UsernamePasswordAuthenticationToken.authenticated(
                    ACME, null, List.of(new SimpleGrantedAuthority("ROLE_API_CLIENT")))))
        .with(csrf())
        .contentType(MediaType.APPLICATION_JSON)
        .content(body);
  }
}
