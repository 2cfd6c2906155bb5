package io.milepost.local.sandbox;

/**
 * How many SMS segments a body takes, as carriers count them: GSM-7 when every character is in the
 * GSM 03.38 alphabet (160 alone, 153 per part), otherwise UCS-2 (70 alone, 67 per part).
 */
final class Segments {
  private static final String GSM_BASIC =
      "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
          + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
  private static final String GSM_EXTENDED = "^{}\\[~]|€\f";

  private Segments() {}

  static int count(String body) {
    int gsmUnits = 0;
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (GSM_BASIC.indexOf(c) >= 0) {
        gsmUnits += 1;
      } else if (GSM_EXTENDED.indexOf(c) >= 0) {
        gsmUnits += 2;
      } else {
        return parts(body.length(), 70, 67);
      }
    }
    return parts(gsmUnits, 160, 153);
  }

  private static int parts(int units, int single, int perPart) {
    if (units <= single) {
      return 1;
    }
    return (units + perPart - 1) / perPart;
  }
}
