package io.milepost.notifier.push;

import java.util.Optional;

/** The STOMP destinations clients may subscribe to: built and parsed in this one place. */
public final class Destinations {
  static final String TRACK_PREFIX = "/topic/track/";
  static final String BOARD_PREFIX = "/topic/board/";

  /**
   * What the broker reads as a pattern in a subscription (Spring's simple broker matches them with
   * AntPathMatcher: {@code *}, {@code **}, {@code ?}, {@code {name}}). A subscription is to one
   * destination, so a segment holding any of these is no destination at all.
   */
  private static final String PATTERN_CHARACTERS = "*?{}";

  private Destinations() {}

  /** True when the broker would treat {@code destination} as a pattern over many destinations. */
  static boolean isPattern(String destination) {
    return destination != null
        && destination.chars().anyMatch(c -> PATTERN_CHARACTERS.indexOf(c) >= 0);
  }

  public static String tracking(String token) {
    return TRACK_PREFIX + token;
  }

  public static String board(String tenantId, String locationId) {
    return BOARD_PREFIX + tenantId + "/" + locationId;
  }

  /** The token of a tracking destination. */
  static Optional<String> trackingToken(String destination) {
    if (destination == null || !destination.startsWith(TRACK_PREFIX) || isPattern(destination)) {
      return Optional.empty();
    }
    String token = destination.substring(TRACK_PREFIX.length());
    return token.isEmpty() || token.contains("/") ? Optional.empty() : Optional.of(token);
  }

  record BoardScope(String tenantId, String locationId) {}

  static Optional<BoardScope> boardScope(String destination) {
    if (destination == null || !destination.startsWith(BOARD_PREFIX) || isPattern(destination)) {
      return Optional.empty();
    }
    String[] parts = destination.substring(BOARD_PREFIX.length()).split("/", -1);
    return parts.length == 2 && !parts[0].isEmpty() && !parts[1].isEmpty()
        ? Optional.of(new BoardScope(parts[0], parts[1]))
        : Optional.empty();
  }
}
