package io.milepost.notifier.rules;

import io.milepost.notifier.Problems;
import io.milepost.notifier.ingest.ApiTenant;
import io.milepost.schemas.InvalidPayloadException;
import io.milepost.schemas.Rules;
import io.milepost.schemas.Violation;
import io.milepost.schemas.WireCodec;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The API key's tenant's rules. {@code GET} answers what the engine runs on (the defaults at
 * revision 0 until the tenant sets any) with the revision as {@code ETag}. {@code PUT} replaces
 * them whole: validated against rules.v1.json, stored as the next revision with an audit row,
 * published to milepost.rules; 200 once Kafka has it, 202 when it is stored but Kafka did not
 * acknowledge it in time (a sweep publishes it). {@code If-Match} with the revision read makes the
 * change conditional (412 if the rules changed meanwhile); without it the change applies to
 * whatever is stored.
 */
@RestController
class RulesController {
  static final String PATH = "/api/v1/rules";

  private final TenantRules rules;

  RulesController(TenantRules rules) {
    this.rules = rules;
  }

  @GetMapping(PATH)
  ResponseEntity<byte[]> get(@AuthenticationPrincipal ApiTenant tenant) {
    return answer(HttpStatus.OK, rules.current(tenant.tenantId()));
  }

  @PutMapping(path = PATH, consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<byte[]> put(
      @AuthenticationPrincipal ApiTenant tenant,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      @RequestBody byte[] body) {
    Rules proposed;
    try {
      proposed = WireCodec.RULES.decode(body);
    } catch (InvalidPayloadException e) {
      throw invalid(e.violations());
    }
    if (!tenant.tenantId().equals(proposed.tenantId())) {
      throw problem(
          HttpStatus.FORBIDDEN,
          "forbidden",
          "Forbidden",
          "tenantId: '"
              + proposed.tenantId()
              + "' is not the tenant of this API key ('"
              + tenant.tenantId()
              + "')");
    }
    OptionalLong expected = expectedRevision(ifMatch);
    TenantRules.Change change;
    try {
      change = rules.change(proposed, expected, tenant.keyId());
    } catch (TenantRules.RevisionMismatchException e) {
      ErrorResponseException stale =
          problem(
              HttpStatus.PRECONDITION_FAILED,
              "rules-changed",
              "Rules changed",
              "The rules are at revision "
                  + e.currentRevision
                  + ", not the one in If-Match. GET them, apply your change, send it again.");
      stale.getBody().setProperty("currentRevision", e.currentRevision);
      stale.getHeaders().setETag(etag(e.currentRevision));
      throw stale;
    }
    return answer(change.published() ? HttpStatus.OK : HttpStatus.ACCEPTED, change.rules());
  }

  private static ResponseEntity<byte[]> answer(HttpStatus status, Rules current) {
    return ResponseEntity.status(status)
        .eTag(etag(current.revisionOrZero()))
        .contentType(MediaType.APPLICATION_JSON)
        .body(WireCodec.RULES.encode(current));
  }

  static String etag(long revision) {
    return "\"" + revision + "\"";
  }

  /**
   * The revision an If-Match names: {@code "3"}, {@code W/"3"}, or {@code *} (any: the rules always
   * exist, the defaults at least). A list of several tags, or a tag that is no revision of ours,
   * can match nothing: that is 412 too, but said as such.
   */
  static OptionalLong expectedRevision(String ifMatch) {
    if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
      return OptionalLong.empty();
    }
    String tag = ifMatch.strip();
    if (tag.startsWith("W/")) {
      tag = tag.substring(2);
    }
    if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
      tag = tag.substring(1, tag.length() - 1);
    }
    try {
      long revision = Long.parseLong(tag);
      if (revision >= 0) {
        return OptionalLong.of(revision);
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw problem(
        HttpStatus.PRECONDITION_FAILED,
        "rules-changed",
        "Rules changed",
        "If-Match must be one ETag of GET "
            + PATH
            + ", e.g. \"3\"; '"
            + ifMatch
            + "' names no revision of these rules.");
  }

  private static ErrorResponseException invalid(List<Violation> violations) {
    ErrorResponseException e =
        problem(
            HttpStatus.BAD_REQUEST,
            "invalid-rules",
            "Invalid rules",
            violations.size() + " problem(s) in the rules; nothing was changed.");
    e.getBody()
        .setProperty(
            "errors",
            violations.stream()
                .map(v -> Map.of("field", v.field(), "message", v.message()))
                .toList());
    return e;
  }

  private static ErrorResponseException problem(
      HttpStatus status, String type, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(Problems.type(type));
    problem.setTitle(title);
    problem.setInstance(URI.create(PATH));
    return new ErrorResponseException(status, problem, null);
  }
}
