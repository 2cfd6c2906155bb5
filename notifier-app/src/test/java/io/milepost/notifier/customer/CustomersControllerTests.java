package io.milepost.notifier.customer;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.milepost.notifier.PublicUrls;
import io.milepost.notifier.ingest.ApiTenant;
import io.milepost.notifier.ingest.IngestProperties;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
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

/** The customers API's HTTP contract: phone normalization, problem details, preference edits. */
@WebMvcTest(CustomersController.class)
@Import(CustomersControllerTests.Settings.class)
class CustomersControllerTests {
  private static final String ACME = "acme-motors";
  private static final ApiTenant ACME_KEY = new ApiTenant(ACME, "api-key:0123456789ab");
  private static final String PHONE = "+14155550123";
  private static final Instant CREATED = Instant.parse("2026-11-24T08:00:00Z");

  /** API errors go through the API's one problem handler, which reads the ingest settings. */
  @TestConfiguration
  @EnableConfigurationProperties({
    IngestProperties.class,
    CustomerProperties.class,
    PublicUrls.class
  })
  static class Settings {}

  @Autowired MockMvc mvc;
  @MockitoBean Customers customers;
  @MockitoBean CustomerHistory history;

  @Test
  void aNationalNumberIsReadInTheTenantsRegionAndAnsweredWithTheHistory() throws Exception {
    when(customers.find(ACME, PHONE)).thenReturn(Optional.of(customer()));
    when(history.jobs(eq(ACME), eq(7L), any(Integer.class)))
        .thenReturn(
            List.of(
                new CustomerHistory.JobEntry(
                    "RO-2",
                    1,
                    "shelbyville",
                    "vehicle-service",
                    "IN_REPAIR",
                    "tok2",
                    CREATED,
                    CREATED,
                    null)));
    when(history.messages(eq(ACME), eq(PHONE), any(Integer.class)))
        .thenReturn(
            List.of(
                new CustomerHistory.MessageEntry(
                    11,
                    "RO-2",
                    1,
                    "SMS",
                    "Acme Motors: your vehicle is now in repair.",
                    "DELIVERED",
                    null,
                    null,
                    CREATED,
                    CREATED,
                    List.of(
                        new CustomerHistory.StatusEntry("PENDING", null, "intent", CREATED),
                        new CustomerHistory.StatusEntry("DELIVERED", null, "twilio", CREATED)))));

    mvc.perform(as(ACME_KEY, get("/api/v1/customers/{phone}", "(415) 555-0123")))
        .andExpect(status().isOk())
        .andExpect(content().contentType(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$.phone").value(PHONE))
        .andExpect(jsonPath("$.name").value("Dana Whitfield"))
        // The customer's choice wins over what events said.
        .andExpect(jsonPath("$.locale").value("es-US"))
        .andExpect(jsonPath("$.timeZone").value("America/Chicago"))
        .andExpect(jsonPath("$.preferences.locale").value("es-US"))
        .andExpect(jsonPath("$.preferences.channels").value("SMS"))
        .andExpect(jsonPath("$.preferences.quietHours").doesNotExist())
        .andExpect(jsonPath("$.consent.status").value("OPTED_IN"))
        .andExpect(jsonPath("$.jobs[0].locationId").value("shelbyville"))
        .andExpect(jsonPath("$.jobs[0].trackingUrl").value("http://localhost:8080/track/tok2"))
        .andExpect(jsonPath("$.messages[0].status").value("DELIVERED"))
        .andExpect(jsonPath("$.messages[0].statusHistory[1].source").value("twilio"))
        .andExpect(jsonPath("$.replies").isArray())
        .andExpect(jsonPath("$.scores").isArray());
  }

  @Test
  void anotherRegionCanBeNamed() throws Exception {
    when(customers.find(ACME, "+442079460958")).thenReturn(Optional.empty());

    mvc.perform(
            as(ACME_KEY, get("/api/v1/customers/{phone}", "020 7946 0958").param("region", "GB")))
        .andExpect(status().isNotFound())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value("https://milepost.io/problems/unknown-customer"));
  }

  @Test
  void anUnparsableNumberIsA400ProblemAndNothingIsLookedUp() throws Exception {
    mvc.perform(as(ACME_KEY, get("/api/v1/customers/{phone}", "call-me-maybe")))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value("https://milepost.io/problems/invalid-phone-number"))
        .andExpect(jsonPath("$.region").value("US"))
        .andExpect(
            jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("call-me-maybe")));
    verifyNoInteractions(customers, history);
  }

  @Test
  void anInvalidNumberOfTheRegionIsA400Problem() throws Exception {
    mvc.perform(as(ACME_KEY, get("/api/v1/customers/{phone}", "555-0123")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.type").value("https://milepost.io/problems/invalid-phone-number"));
  }

  @Test
  void patchChangesOnlyTheFieldsItNamesAndNullGivesOneBack() throws Exception {
    when(customers.find(ACME, PHONE)).thenReturn(Optional.of(customer()));
    Customers.Preferences wanted =
        new Customers.Preferences(
            null,
            "America/New_York",
            Customer.Channels.WEB_ONLY,
            new QuietHoursPreference(null, LocalTime.of(22, 0), LocalTime.of(7, 0)));
    when(customers.setPreferences(ACME, PHONE, wanted)).thenReturn(Optional.of(customer()));

    mvc.perform(
            as(ACME_KEY, patch("/api/v1/customers/{phone}", "+1 415 555 0123"))
                .contentType("application/merge-patch+json")
                .content(
                    """
                    {"locale": null, "timeZone": "America/New_York", "channels": "WEB_ONLY",
                     "quietHours": {"start": "22:00", "end": "07:00"}}
                    """))
        .andExpect(status().isOk());
    verify(customers).setPreferences(ACME, PHONE, wanted);
  }

  @Test
  void putReplacesEveryPreference() throws Exception {
    Customers.Preferences wanted =
        new Customers.Preferences("es-MX", null, null, new QuietHoursPreference(false, null, null));
    when(customers.setPreferences(ACME, PHONE, wanted)).thenReturn(Optional.of(customer()));

    mvc.perform(
            as(ACME_KEY, put("/api/v1/customers/{phone}", PHONE))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"locale\": \"es-MX\", \"quietHours\": {\"enabled\": false}}"))
        .andExpect(status().isOk());
    verify(customers).setPreferences(ACME, PHONE, wanted);
  }

  @Test
  void invalidPreferencesAreRefusedNamingEachFieldAndNothingChanges() throws Exception {
    when(customers.find(ACME, PHONE)).thenReturn(Optional.of(customer()));

    mvc.perform(
            as(ACME_KEY, patch("/api/v1/customers/{phone}", PHONE))
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    """
                    {"timeZone": "Mars/Olympus_Mons", "channels": "PIGEON",
                     "quietHours": {"start": "9pm"}, "shoeSize": 44}
                    """))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value("https://milepost.io/problems/invalid-preferences"))
        .andExpect(jsonPath("$.errors[?(@.field == '/timeZone')]").exists())
        .andExpect(jsonPath("$.errors[?(@.field == '/channels')]").exists())
        .andExpect(jsonPath("$.errors[?(@.field == '/quietHours/start')]").exists())
        .andExpect(jsonPath("$.errors[?(@.field == '/shoeSize')]").exists());
    verify(customers, org.mockito.Mockito.never()).setPreferences(any(), any(), any());
  }

  @Test
  void anUnknownCustomersPreferencesAre404() throws Exception {
    when(customers.setPreferences(eq(ACME), eq(PHONE), any())).thenReturn(Optional.empty());

    mvc.perform(
            as(ACME_KEY, put("/api/v1/customers/{phone}", PHONE))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{}"))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.type").value("https://milepost.io/problems/unknown-customer"));
  }

  private static Customer customer() {
    return new Customer(
        7,
        ACME,
        PHONE,
        "Dana Whitfield",
        "en-US",
        "America/Chicago",
        "es-US",
        null,
        Customer.Channels.SMS,
        QuietHoursPreference.FOLLOW_TENANT,
        Customer.ConsentRecord.IMPLIED,
        CREATED,
        CREATED);
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
