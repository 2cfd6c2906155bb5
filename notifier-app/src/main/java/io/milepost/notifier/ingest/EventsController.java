package io.milepost.notifier.ingest;

import io.milepost.schemas.EventClock;
import io.milepost.schemas.InvalidPayloadException;
import io.milepost.schemas.OpsEvent;
import io.milepost.schemas.Violation;
import io.milepost.schemas.WireCodec;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Where events enter over HTTP. All or nothing: one bad event rejects the request and nothing is
 * sent, so a producer can fix and resend the batch as it was.
 */
@RestController
class EventsController {
  private final EventPublisher publisher;
  private final IngestProperties properties;
  private final Clock clock;

  EventsController(EventPublisher publisher, IngestProperties properties, Clock clock) {
    this.publisher = publisher;
    this.properties = properties;
    this.clock = clock;
  }

  /** One bad field of one event of the request; {@code index} is 0 for a single event. */
  record ItemError(int index, String field, String message) {}

  @PostMapping(path = "/api/v1/events", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Integer>> ingest(
      @AuthenticationPrincipal ApiTenant tenant, @RequestBody byte[] body) {
    List<JsonNode> items = items(body);
    List<ItemError> errors = new ArrayList<>();
    List<OpsEvent> events = new ArrayList<>();
    Instant now = clock.instant();
    for (int index = 0; index < items.size(); index++) {
      for (Violation violation : accept(items.get(index), tenant, now, events)) {
        errors.add(new ItemError(index, violation.field(), violation.message()));
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidEventsException(errors, items.size());
    }
    publisher.publish(events);
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("accepted", events.size()));
  }

  private List<JsonNode> items(byte[] body) {
    JsonNode root;
    try {
      root = WireCodec.MAPPER.readTree(body);
    } catch (JacksonException e) {
      throw new MalformedBodyException("The body is not valid JSON: " + e.getOriginalMessage());
    }
    if (root == null || root.isMissingNode()) {
      throw new MalformedBodyException("The body is empty; send one event or an array of them.");
    }
    List<JsonNode> items = new ArrayList<>();
    if (root.isArray()) {
      root.forEach(items::add);
    } else {
      items.add(root);
    }
    if (items.isEmpty()) {
      throw new MalformedBodyException("The array is empty; send at least one event.");
    }
    if (items.size() > properties.maxBatch()) {
      throw new MalformedBodyException(
          "Too many events in one request: "
              + items.size()
              + "; send at most "
              + properties.maxBatch()
              + ".");
    }
    return items;
  }

  /** Adds the item to {@code events} if it is a valid event of this tenant; else says why not. */
  private List<Violation> accept(
      JsonNode item, ApiTenant tenant, Instant now, List<OpsEvent> events) {
    OpsEvent event;
    try {
      event = WireCodec.OPS_EVENT.decode(item);
    } catch (InvalidPayloadException e) {
      return e.violations();
    }
    if (!tenant.tenantId().equals(event.tenantId())) {
      return List.of(
          new Violation(
              "/tenantId",
              "tenantId: '"
                  + event.tenantId()
                  + "' is not the tenant of this API key ('"
                  + tenant.tenantId()
                  + "')"));
    }
    Optional<Violation> ahead = EventClock.checkNotAhead(event, now, properties.maxClockSkew());
    if (ahead.isPresent()) {
      return List.of(ahead.get());
    }
    events.add(event);
    return List.of();
  }

  static class InvalidEventsException extends RuntimeException {
    final List<ItemError> errors;
    final int items;

    InvalidEventsException(List<ItemError> errors, int items) {
      super(errors.size() + " problem(s) in " + items + " event(s)");
      this.errors = List.copyOf(errors);
      this.items = items;
    }
  }

  static class MalformedBodyException extends RuntimeException {
    MalformedBodyException(String message) {
      super(message);
    }
  }
}
