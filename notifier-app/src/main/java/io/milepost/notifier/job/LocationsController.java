package io.milepost.notifier.job;

import io.milepost.notifier.Problems;
import io.milepost.notifier.ingest.ApiTenant;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The API key's tenant's places: {@code PUT /api/v1/locations/{locationId}} names a dealer or depot
 * and gives the phone customers may call, which the tracking page shows.
 */
@RestController
class LocationsController {
  /** As the contract's identifiers: no slash, whitespace or control characters. */
  private static final Pattern IDENTIFIER = Pattern.compile("[^/\\s\\p{Cntrl}]{1,128}");

  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");

  private final Locations locations;
  private final Tenants tenants;

  LocationsController(Locations locations, Tenants tenants) {
    this.locations = locations;
    this.tenants = tenants;
  }

  record LocationBody(String name, String phone, String address) {}

  @GetMapping("/api/v1/locations")
  List<Locations.Location> list(@AuthenticationPrincipal ApiTenant tenant) {
    return locations.ofTenant(tenant.tenantId());
  }

  @PutMapping("/api/v1/locations/{locationId}")
  Locations.Location put(
      @AuthenticationPrincipal ApiTenant tenant,
      @PathVariable String locationId,
      @RequestBody LocationBody body,
      HttpServletRequest request) {
    if (!IDENTIFIER.matcher(locationId).matches()) {
      throw invalid("locationId", "must be 1 to 128 characters without slash or spaces", request);
    }
    if (body == null
        || body.name() == null
        || body.name().isBlank()
        || body.name().length() > 200) {
      throw invalid("name", "is required, at most 200 characters", request);
    }
    if (body.phone() != null && !E164.matcher(body.phone()).matches()) {
      throw invalid("phone", "must be E.164, e.g. +12175550100", request);
    }
    if (body.address() != null && body.address().length() > 500) {
      throw invalid("address", "must be at most 500 characters", request);
    }
    tenants.ensure(tenant.tenantId());
    Locations.Location location =
        new Locations.Location(
            tenant.tenantId(), locationId, body.name().strip(), body.phone(), body.address());
    locations.save(location);
    return location;
  }

  private static ErrorResponseException invalid(
      String field, String detail, HttpServletRequest request) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, field + " " + detail);
    problem.setType(Problems.type("invalid-location"));
    problem.setTitle("Invalid location");
    problem.setInstance(URI.create(request.getRequestURI()));
    problem.setProperty("field", field);
    return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
  }
}
