package io.milepost.notifier.ingest;

import io.milepost.notifier.Problems;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every API error as RFC 9457 problem details. Global on purpose: Spring MVC's own errors (415,
 * 405, ...) arise before a controller is chosen, and this bean replaces Boot's default handler.
 */
@RestControllerAdvice
class ApiProblems extends ResponseEntityExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

  private final IngestProperties properties;

  ApiProblems(IngestProperties properties) {
    this.properties = properties;
  }

  @ExceptionHandler
  ProblemDetail invalidEvents(
      EventsController.InvalidEventsException e, HttpServletRequest request) {
    ProblemDetail problem =
        problem(
            HttpStatus.BAD_REQUEST,
            "invalid-events",
            "Invalid events",
            e.getMessage() + "; nothing was accepted. Fix them and send the request again.",
            request);
    problem.setProperty("errors", e.errors);
    return problem;
  }

  @ExceptionHandler
  ProblemDetail malformed(EventsController.MalformedBodyException e, HttpServletRequest request) {
    return problem(
        HttpStatus.BAD_REQUEST,
        "malformed-body",
        "Malformed request body",
        e.getMessage(),
        request);
  }

  @ExceptionHandler
  ProblemDetail notFound(JobsController.JobNotFoundException e, HttpServletRequest request) {
    return problem(HttpStatus.NOT_FOUND, "unknown-job", "Unknown job", e.getMessage(), request);
  }

  @ExceptionHandler
  ResponseEntity<ProblemDetail> kafkaDown(
      EventPublisher.PublishFailedException e, HttpServletRequest request) {
    // The cause names the topic and the timeout, never an event: no phone number reaches the log.
    log.warn("events not acknowledged by Kafka: {}", rootCause(e).toString());
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds()))
        .body(
            problem(
                HttpStatus.SERVICE_UNAVAILABLE,
                "events-not-stored",
                "Events not stored",
                "Kafka did not acknowledge every event in time. Send the same request again after"
                    + " Retry-After: events are deduplicated by eventId.",
                request));
  }

  private long retryAfterSeconds() {
    return Math.max(1, (properties.retryAfter().toMillis() + 999) / 1000);
  }

  private static Throwable rootCause(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause;
  }

  private static ProblemDetail problem(
      HttpStatus status, String type, String title, String detail, HttpServletRequest request) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(Problems.type(type));
    problem.setTitle(title);
    problem.setInstance(URI.create(request.getRequestURI()));
    return problem;
  }
}
