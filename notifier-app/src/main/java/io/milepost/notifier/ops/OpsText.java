package io.milepost.notifier.ops;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How the console writes times and untrusted bytes: small, pure, the same on every page. */
final class OpsText {
  /** Times on the console are UTC, and their column headings say so. */
  private static final DateTimeFormatter UTC =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

  private static final DateTimeFormatter UTC_SHORT =
      DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneOffset.UTC);

  private OpsText() {}

  static String utc(Instant at) {
    return at == null ? "" : UTC.format(at);
  }

  /** A chart's axis label. */
  static String utcShort(Instant at) {
    return UTC_SHORT.format(at);
  }

  /**
   * A record's bytes as text that is safe to show: UTF-8 where it is (else each byte that is not,
   * as {@code \xNN}), control characters as {@code \u0000}-style escapes, at most {@code max}
   * characters with "…" after. The page escapes HTML itself; this keeps the text readable and
   * short.
   */
  static String payload(byte[] bytes, int max) {
    if (bytes == null) {
      return "";
    }
    String text = decode(bytes);
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < text.length() && out.length() < max) {
      int cp = text.codePointAt(i);
      if (Character.isISOControl(cp) || cp == 0x2028 || cp == 0x2029) {
        out.append(String.format("\\u%04x", cp));
      } else {
        out.appendCodePoint(cp);
      }
      i += Character.charCount(cp);
    }
    if (i < text.length()) {
      out.append('…');
    }
    return out.toString();
  }

  private static String decode(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      StringBuilder hex = new StringBuilder();
      for (byte b : bytes) {
        int v = b & 0xff;
        if (v >= 0x20 && v < 0x7f) {
          hex.append((char) v);
        } else {
          hex.append(String.format("\\x%02x", v));
        }
      }
      return hex.toString();
    }
  }
}
