package io.milepost.schemas;

/**
 * How many SMS segments a text costs, as carriers bill it: the one segment counter of Milepost (the
 * notifier keeps its texts within two; the local Twilio sandbox reports {@code num_segments}). It
 * lives in the wire contract because both sides of the SMS wire must count alike.
 *
 * <p>GSM-7 when every character is in the GSM 03.38 default alphabet or its extension table (an
 * extension character is an escape plus a septet: two); 160 septets alone, 153 per part of a longer
 * text. Otherwise UCS-2: UTF-16 code units, so an emoji (a surrogate pair) costs two; 70 alone, 67
 * per part. A part never ends in the middle of an escape sequence or a surrogate pair: the
 * character moves whole to the next part, as handsets and Twilio split them.
 */
public final class SmsSegments {
  /** GSM 03.38 default alphabet, in table order (0x00 to 0x7F, the escape 0x1B left out). */
  private static final String GSM_BASIC =
      "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
          + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

  /** The extension table's characters: each is sent as the escape and one septet. */
  private static final String GSM_EXTENSION = "\f^{}\\[~]|€";

  private static final int GSM_SINGLE = 160;
  private static final int GSM_PART = 153;
  private static final int UCS2_SINGLE = 70;
  private static final int UCS2_PART = 67;

  /** How a text is encoded on the air. */
  public enum Encoding {
    GSM_7,
    UCS_2
  }

  /**
   * A text's cost.
   *
   * @param units septets (GSM-7) or UTF-16 code units (UCS-2)
   */
  public record Length(Encoding encoding, int units, int segments) {}

  private SmsSegments() {}

  public static int count(String text) {
    return measure(text).segments();
  }

  public static Length measure(String text) {
    boolean gsm = true;
    for (int i = 0; i < text.length() && gsm; i++) {
      gsm = septets(text.charAt(i)) > 0;
    }
    if (gsm) {
      return pack(text, Encoding.GSM_7, GSM_SINGLE, GSM_PART);
    }
    return pack(text, Encoding.UCS_2, UCS2_SINGLE, UCS2_PART);
  }

  /** Whether {@code c} can be sent in GSM-7 at all. */
  public static boolean isGsm7(char c) {
    return septets(c) > 0;
  }

  private static Length pack(String text, Encoding encoding, int single, int part) {
    int total = 0;
    int segments = 1;
    int inPart = 0;
    for (int i = 0; i < text.length(); ) {
      int width;
      if (encoding == Encoding.GSM_7) {
        width = septets(text.charAt(i));
        i++;
      } else {
        width = Character.charCount(text.codePointAt(i));
        i += width;
      }
      total += width;
      if (inPart + width > part) {
        segments++;
        inPart = 0;
      }
      inPart += width;
    }
    return new Length(encoding, total, total <= single ? 1 : segments);
  }

  private static int septets(char c) {
    if (GSM_BASIC.indexOf(c) >= 0) {
      return 1;
    }
    return GSM_EXTENSION.indexOf(c) >= 0 ? 2 : 0;
  }
}
