package io.milepost.notifier.rules;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.milepost.notifier.ingest.ApiTenant;
import io.milepost.notifier.ingest.IngestProperties;
import io.milepost.schemas.Rules;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The rules API's HTTP contract: validation, problem details, ETag and If-Match. */
@WebMvcTest(RulesController.class)
@Import(RulesControllerTests.IngestSettings.class)
class RulesControllerTests {
  private static final String ACME = "acme-motors";
  private static final ApiTenant ACME_KEY = new ApiTenant(ACME, "api-key:0123456789ab");

  /** API errors are rendered by the API's one problem handler, which reads the ingest settings. */
  @TestConfiguration
  @EnableConfigurationProperties(IngestProperties.class)
  static class IngestSettings {}

  @Autowired MockMvc mvc;
  @MockitoBean TenantRules rules;

  @Test
  void getAnswersTheDefaultsAtRevisionZeroForATenantThatSetNone() throws Exception {
    when(rules.current(ACME)).thenReturn(Rules.defaults(ACME));

    mvc.perform(as(ACME_KEY, get("/api/v1/rules")))
        .andExpect(status().isOk())
        .andExpect(header().string("ETag", "\"0\""))
        .andExpect(content().contentType(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$.tenantId").value(ACME))
        .andExpect(jsonPath("$.revision").value(0))
        .andExpect(jsonPath("$.silenceLimit").value("PT2H"))
        .andExpect(jsonPath("$.journeys.vehicle-service.stages[6].waitsOn").value("CUSTOMER"));
  }

  @Test
  void invalidRulesAreRefusedNamingEachFieldAndNothingIsStored() throws Exception {
    mvc.perform(
            as(ACME_KEY, put("/api/v1/rules"))
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    """
                    {"tenantId": "acme-motors", "overrunFactor": 1,
                     "locations": [{"locationId": "springfield", "timeZone": "Mars/Base"}]}
                    """))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value("https://milepost.io/problems/invalid-rules"))
        .andExpect(jsonPath("$.instance").value("/api/v1/rules"))
        .andExpect(jsonPath("$.errors[0].field").value("/overrunFactor"))
        .andExpect(
            jsonPath("$.errors[0].message")
                .value(org.hamcrest.Matchers.containsString("overrunFactor")));
    verifyNoInteractions(rules);
  }

  @Test
  void aStageOutOfOrderIsRefusedWithItsPointer() throws Exception {
    mvc.perform(
            as(ACME_KEY, put("/api/v1/rules"))
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    """
                    {"tenantId": "acme-motors", "journeys": {"vehicle-service": {"stages": [
                      {"stage": "IN_REPAIR"}, {"stage": "DIAGNOSING"}]}}}
                    """))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("/journeys/vehicle-service/stages/1/stage"));
    verifyNoInteractions(rules);
  }

  @Test
  void aBodyThatIsNotJsonIsAProblemToo() throws Exception {
    mvc.perform(
            as(ACME_KEY, put("/api/v1/rules"))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"tenantId\": "))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.type").value("https://milepost.io/problems/invalid-rules"))
        .andExpect(jsonPath("$.errors[0].field").value(""));
    verifyNoInteractions(rules);
  }

  @Test
  void rulesOfAnotherTenantAreForbidden() throws Exception {
    mvc.perform(
            as(ACME_KEY, put("/api/v1/rules"))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"tenantId\": \"swift-parcels\", \"silenceLimit\": \"PT1H\"}"))
        .andExpect(status().isForbidden())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value("https://milepost.io/problems/forbidden"))
        .andExpect(
            jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("swift-parcels")));
    verifyNoInteractions(rules);
  }

  @Test
  void aPublishedChangeIsOkWithItsRevisionAsETagAndTheKeyAsActor() throws Exception {
    Rules stored = stored(3);
    when(rules.change(any(), eq(OptionalLong.of(2)), eq("api-key:0123456789ab")))
        .thenReturn(new TenantRules.Change(stored, true));

    mvc.perform(
            as(ACME_KEY, put("/api/v1/rules"))
                .header("If-Match", "\"2\"")
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    "{\"tenantId\": \"acme-motors\", \"silenceLimit\": \"PT1H\", \"revision\": 99}"))
        .andExpect(status().isOk())
        .andExpect(header().string("ETag", "\"3\""))
        .andExpect(jsonPath("$.revision").value(3))
        .andExpect(jsonPath("$.silenceLimit").value("PT1H"));
  }

  @Test
  void aChangeKafkaDoesNotHaveYetIsAccepted() throws Exception {
    when(rules.change(any(), eq(OptionalLong.empty()), any()))
        .thenReturn(new TenantRules.Change(stored(1), false));

    mvc.perform(
            as(ACME_KEY, put("/api/v1/rules"))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"tenantId\": \"acme-motors\", \"silenceLimit\": \"PT1H\"}"))
        .andExpect(status().isAccepted())
        .andExpect(header().string("ETag", "\"1\""));
  }

  @Test
  void aChangeBasedOnAStaleRevisionIsAPreconditionFailure() throws Exception {
    when(rules.change(any(), eq(OptionalLong.of(1)), any()))
        .thenThrow(new TenantRules.RevisionMismatchException(4));

    mvc.perform(
            as(ACME_KEY, put("/api/v1/rules"))
                .header("If-Match", "W/\"1\"")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"tenantId\": \"acme-motors\"}"))
        .andExpect(status().isPreconditionFailed())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(header().string("ETag", "\"4\""))
        .andExpect(jsonPath("$.type").value("https://milepost.io/problems/rules-changed"))
        .andExpect(jsonPath("$.currentRevision").value(4));
  }

  @Test
  void anIfMatchThatNamesNoRevisionFailsWithoutTouchingTheRules() throws Exception {
    mvc.perform(
            as(ACME_KEY, put("/api/v1/rules"))
                .header("If-Match", "\"abc\"")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"tenantId\": \"acme-motors\"}"))
        .andExpect(status().isPreconditionFailed());
    verifyNoInteractions(rules);
  }

  @Test
  void anyRevisionMatchesAStar() throws Exception {
    when(rules.change(any(), any(), any())).thenReturn(new TenantRules.Change(stored(5), true));

    mvc.perform(
            as(ACME_KEY, put("/api/v1/rules"))
                .header("If-Match", "*")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"tenantId\": \"acme-motors\"}"))
        .andExpect(status().isOk());
    verify(rules).change(any(), eq(OptionalLong.empty()), any());
  }

  private static Rules stored(long revision) {
    return new Rules(ACME, null, null, null, null, null, "PT1H", null, null, List.of(), null)
        .withRevision(revision, Instant.parse("2026-11-24T08:00:00Z"));
  }

  private static MockHttpServletRequestBuilder as(
      ApiTenant tenant, MockHttpServletRequestBuilder request) {
    return request
        .with(
            authentication(
                UsernamePasswordAuthenticationToken.authenticated(
                    tenant, null, List.of(new SimpleGrantedAuthority("ROLE_API_CLIENT")))))
        .with(csrf());
  }
}
