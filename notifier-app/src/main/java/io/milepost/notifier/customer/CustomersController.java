package io.milepost.notifier.customer;

import io.milepost.notifier.Problems;
import io.milepost.notifier.PublicUrls;
import io.milepost.notifier.ingest.ApiTenant;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A tenant's customer by phone number, with their history, and their preferences. The number may be
 * written any common way ({@code (415) 555-0123}, {@code +44 20 7946 0958}); without a country code
 * it is read in the tenant's region ({@code milepost.customers.regions}, else the default region),
 * or in {@code ?region=}. Only the API key's tenant's customers exist here: another tenant's
 * customer is answered 404, exactly as a number nobody knows.
 */
@RestController
class CustomersController {
  static final String PATH = "/api/v1/customers/{phone}";
  private static final int MAX_LIMIT = 1000;
  private static final Pattern LOCALE = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*");
  private static final Set<String> FIELDS = Set.of("locale", "timeZone", "channels", "quietHours");
  private static final Set<String> QUIET_FIELDS = Set.of("enabled", "start", "end");

  private final Customers customers;
  private final CustomerHistory history;
  private final CustomerProperties settings;
  private final PublicUrls urls;

  CustomersController(
      Customers customers, CustomerHistory history, CustomerProperties settings, PublicUrls urls) {
    this.customers = customers;
    this.history = history;
    this.settings = settings;
    this.urls = urls;
  }

  record CustomerView(
      String phone,
      String name,
      String locale,
      String timeZone,
      PreferencesView preferences,
      ConsentView consent,
      List<JobView> jobs,
      List<CustomerHistory.MessageEntry> messages,
      List<CustomerHistory.ReplyEntry> replies,
      List<CustomerHistory.ScoreEntry> scores,
      Instant createdAt,
      Instant updatedAt) {}

  /** What the customer chose; null: not chosen (events and the tenant's defaults apply). */
  record PreferencesView(
      String locale, String timeZone, String channels, QuietHoursView quietHours) {}

  record QuietHoursView(Boolean enabled, String start, String end) {}

  record ConsentView(
      String status, Instant changedAt, String words, String number, String source) {}

  record JobView(
      String jobId,
      long instance,
      String locationId,
      String journey,
      String stage,
      String trackingUrl,
      Instant createdAt,
      Instant updatedAt,
      Instant closedAt) {}

  @GetMapping(PATH)
  CustomerView get(
      @AuthenticationPrincipal ApiTenant tenant,
      @PathVariable String phone,
      @RequestParam(required = false) String region,
      @RequestParam(defaultValue = "100") int limit,
      HttpServletRequest request) {
    String e164 = normalize(tenant, phone, region, request);
    Customer customer = customers.find(tenant.tenantId(), e164).orElseThrow(() -> unknown(request));
    return view(customer, Math.max(1, Math.min(limit, MAX_LIMIT)));
  }

  /**
   * Changes the fields the body names (JSON merge patch): a value sets the preference, {@code null}
   * gives it back to the events and the tenant's defaults, a field left out stays as it is.
   */
  @PatchMapping(
      path = PATH,
      consumes = {"application/json", "application/merge-patch+json"})
  CustomerView patch(
      @AuthenticationPrincipal ApiTenant tenant,
      @PathVariable String phone,
      @RequestParam(required = false) String region,
      @RequestBody Map<String, Object> body,
      HttpServletRequest request) {
    String e164 = normalize(tenant, phone, region, request);
    Customer customer = customers.find(tenant.tenantId(), e164).orElseThrow(() -> unknown(request));
    return change(tenant, e164, preferences(body, current(customer), request), request);
  }

  /** Replaces every preference: a field left out or null is not chosen any more. */
  @PutMapping(path = PATH, consumes = "application/json")
  CustomerView put(
      @AuthenticationPrincipal ApiTenant tenant,
      @PathVariable String phone,
      @RequestParam(required = false) String region,
      @RequestBody Map<String, Object> body,
      HttpServletRequest request) {
    String e164 = normalize(tenant, phone, region, request);
    return change(
        tenant,
        e164,
        preferences(body, new Customers.Preferences(null, null, null, null), request),
        request);
  }

  private CustomerView change(
      ApiTenant tenant, String e164, Customers.Preferences wanted, HttpServletRequest request) {
    Customer changed =
        customers
            .setPreferences(tenant.tenantId(), e164, wanted)
            .orElseThrow(() -> unknown(request));
    return view(changed, 100);
  }

  private String normalize(
      ApiTenant tenant, String phone, String region, HttpServletRequest request) {
    String readIn =
        region != null && !region.isBlank() ? region : settings.regionOf(tenant.tenantId());
    try {
      return PhoneNumbers.toE164(phone, readIn);
    } catch (PhoneNumbers.InvalidPhoneNumberException e) {
      ErrorResponseException invalid =
          problem(
              HttpStatus.BAD_REQUEST,
              "invalid-phone-number",
              "Invalid phone number",
              e.getMessage()
                  + ". Write it with its country code (+1 415 555 0123) or as a number of "
                  + readIn
                  + ".",
              request);
      invalid.getBody().setProperty("region", readIn);
      throw invalid;
    }
  }

  private CustomerView view(Customer customer, int limit) {
    String tenantId = customer.tenantId();
    QuietHoursPreference quiet = customer.quietHours();
    return new CustomerView(
        customer.phone(),
        customer.name(),
        customer.effectiveLocale(),
        customer.zone().map(ZoneId::getId).orElse(null),
        new PreferencesView(
            customer.preferredLocale(),
            customer.preferredTimeZone(),
            customer.channels().name(),
            quiet.isDefault()
                ? null
                : new QuietHoursView(
                    quiet.enabled(),
                    quiet.start() == null ? null : quiet.start().toString(),
                    quiet.end() == null ? null : quiet.end().toString())),
        new ConsentView(
            customer.consent().state().name(),
            customer.consent().changedAt(),
            customer.consent().words(),
            customer.consent().number(),
            customer.consent().source()),
        history.jobs(tenantId, customer.id(), limit).stream()
            .map(
                job ->
                    new JobView(
                        job.jobId(),
                        job.instance(),
                        job.locationId(),
                        job.journey(),
                        job.stage(),
                        urls.trackingPage(job.trackingToken()),
                        job.createdAt(),
                        job.updatedAt(),
                        job.closedAt()))
            .toList(),
        history.messages(tenantId, customer.phone(), limit),
        history.replies(tenantId, customer.id(), limit),
        history.scores(tenantId, customer.id(), limit),
        customer.createdAt(),
        customer.updatedAt());
  }

  private static Customers.Preferences current(Customer customer) {
    return new Customers.Preferences(
        customer.preferredLocale(),
        customer.preferredTimeZone(),
        customer.channels(),
        customer.quietHours().isDefault() ? null : customer.quietHours());
  }

  /** The preferences after applying {@code body} to {@code base}, or 400 naming each bad field. */
  static Customers.Preferences preferences(
      Map<String, Object> body, Customers.Preferences base, HttpServletRequest request) {
    List<Map<String, String>> errors = new ArrayList<>();
    String locale = base.locale();
    String timeZone = base.timeZone();
    Customer.Channels channels = base.channels();
    QuietHoursPreference quietHours = base.quietHours();
    for (String field : body.keySet()) {
      if (!FIELDS.contains(field)) {
        errors.add(error("/" + field, "unknown field; allowed: " + FIELDS));
      }
    }
    if (body.containsKey("locale")) {
      Object value = body.get("locale");
      if (value == null) {
        locale = null;
      } else if (value instanceof String text && LOCALE.matcher(text).matches()) {
        locale = text;
      } else {
        errors.add(error("/locale", "must be a BCP 47 language tag such as es-US, or null"));
      }
    }
    if (body.containsKey("timeZone")) {
      Object value = body.get("timeZone");
      if (value == null) {
        timeZone = null;
      } else {
        try {
          timeZone = ZoneId.of((String) value).getId();
        } catch (DateTimeException | ClassCastException e) {
          errors.add(error("/timeZone", "must be an IANA time zone such as America/Chicago"));
        }
      }
    }
    if (body.containsKey("channels")) {
      Object value = body.get("channels");
      if (value == null) {
        channels = null;
      } else {
        try {
          channels = Customer.Channels.valueOf((String) value);
        } catch (IllegalArgumentException | ClassCastException e) {
          errors.add(error("/channels", "must be SMS or WEB_ONLY"));
        }
      }
    }
    if (body.containsKey("quietHours")) {
      Object value = body.get("quietHours");
      if (value == null) {
        quietHours = null;
      } else if (value instanceof Map<?, ?> quiet) {
        quietHours = quietHours(quiet, errors);
      } else {
        errors.add(error("/quietHours", "must be an object {enabled, start, end}, or null"));
      }
    }
    if (!errors.isEmpty()) {
      ErrorResponseException invalid =
          problem(
              HttpStatus.BAD_REQUEST,
              "invalid-preferences",
              "Invalid preferences",
              errors.size() + " problem(s) in the preferences; nothing was changed.",
              request);
      invalid.getBody().setProperty("errors", errors);
      throw invalid;
    }
    return new Customers.Preferences(locale, timeZone, channels, quietHours);
  }

  private static QuietHoursPreference quietHours(
      Map<?, ?> quiet, List<Map<String, String>> errors) {
    for (Object field : quiet.keySet()) {
      if (!QUIET_FIELDS.contains(field)) {
        errors.add(error("/quietHours/" + field, "unknown field; allowed: " + QUIET_FIELDS));
      }
    }
    Object enabled = quiet.get("enabled");
    if (enabled != null && !(enabled instanceof Boolean)) {
      errors.add(error("/quietHours/enabled", "must be true, false or null"));
      enabled = null;
    }
    LocalTime start = time(quiet.get("start"), "/quietHours/start", errors);
    LocalTime end = time(quiet.get("end"), "/quietHours/end", errors);
    if ((start == null) != (end == null)) {
      errors.add(error("/quietHours", "give both start and end, or neither"));
      return null;
    }
    return new QuietHoursPreference((Boolean) enabled, start, end);
  }

  private static LocalTime time(Object value, String field, List<Map<String, String>> errors) {
    if (value == null) {
      return null;
    }
    try {
      return LocalTime.parse((String) value);
    } catch (DateTimeParseException | ClassCastException e) {
      errors.add(error(field, "must be a local time HH:mm, e.g. 21:00"));
      return null;
    }
  }

  private static Map<String, String> error(String field, String message) {
    return Map.of("field", field, "message", message);
  }

  private static ErrorResponseException unknown(HttpServletRequest request) {
    return problem(
        HttpStatus.NOT_FOUND,
        "unknown-customer",
        "Unknown customer",
        "No customer with this phone number is known for this tenant.",
        request);
  }

  private static ErrorResponseException problem(
      HttpStatus status, String type, String title, String detail, HttpServletRequest request) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(Problems.type(type));
    problem.setTitle(title);
    problem.setInstance(URI.create(request.getRequestURI()));
    return new ErrorResponseException(status, problem, null);
  }
}
