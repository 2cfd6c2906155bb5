package io.milepost.schemas;

import java.util.List;

/** A payload that is not valid against its contract; carries every violation found. */
public class InvalidPayloadException extends Exception {
  private final List<Violation> violations;

  public InvalidPayloadException(List<Violation> violations) {
    super(summary(violations));
    if (violations.isEmpty()) {
      throw new IllegalArgumentException("an invalid payload needs at least one violation");
    }
    this.violations = List.copyOf(violations);
  }

  public List<Violation> violations() {
    return violations;
  }

  /** The first violation's field, for places that can name only one (a DLQ header). */
  public String field() {
    return violations.get(0).field();
  }

  private static String summary(List<Violation> violations) {
    return String.join("; ", violations.stream().map(Violation::message).toList());
  }
}
