package io.milepost.notifier.job;

import java.security.SecureRandom;
import java.util.Base64;

/** Tracking tokens are the customer's only credential: 144 random bits, URL-safe. */
public final class TrackingTokens {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int BYTES = 18;

  /** Characters in a token (base64 without padding): what a tracking link's length depends on. */
  public static final int LENGTH = (BYTES * 8 + 5) / 6;

  private TrackingTokens() {}

  static String next() {
    byte[] bytes = new byte[BYTES];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
