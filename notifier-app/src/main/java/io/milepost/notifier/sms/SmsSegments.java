package io.milepost.notifier.sms;

/**
 * How many SMS segments a text costs: GSM-7 when every character is in the GSM 03.38 alphabet
 * (extension characters cost two septets), UCS-2 otherwise. The one segment counter of the app.
 */
public final class SmsSegments {
  private static final String GSM_BASIC =
      "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡"
          + "ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
  private static final String GSM_EXTENSION = "^{}\\[~]|€\f";

  private SmsSegments() {}

  public static int count(String text) {
    int septets = gsmSeptets(text);
    if (septets >= 0) {
      return septets <= 160 ? 1 : ceilDiv(septets, 153);
    }
    int units = text.length();
    return units <= 70 ? 1 : ceilDiv(units, 67);
  }

  /** Septets needed in GSM-7, or -1 when the text needs UCS-2. */
  private static int gsmSeptets(String text) {
    int septets = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (GSM_BASIC.indexOf(c) >= 0) {
        septets++;
      } else if (GSM_EXTENSION.indexOf(c) >= 0) {
        septets += 2;
      } else {
        return -1;
      }
    }
    return septets;
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }
}
