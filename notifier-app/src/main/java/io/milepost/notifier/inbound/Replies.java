package io.milepost.notifier.inbound;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads an inbound SMS, the one place that decides what a customer's words mean.
 *
 * <p>An opt-out must never be missed (texting someone who said stop is a legal matter, not a
 * nuisance), and must never be read into an unrelated message. So a carrier keyword counts only as
 * the whole message (as carriers apply them: "STOP", "stop.", " Stop " — not "don't stop the
 * repair"), and a plain-language revocation only when it asks to stop the messages themselves
 * ("stop texting me", "no more messages", "no me manden más mensajes").
 */
final class Replies {
  private Replies() {}

  /** Twilio's and the CTIA's opt-out keywords, whole message only. */
  private static final Set<String> OPT_OUT =
      Set.of(
          "STOP",
          "STOPALL",
          "UNSUBSCRIBE",
          "CANCEL",
          "END",
          "QUIT",
          "REVOKE",
          "OPTOUT",
          "OPT OUT",
          "OPT-OUT",
          "ALTO",
          "PARAR",
          "BAJA");

  private static final Set<String> OPT_IN = Set.of("START", "UNSTOP", "SUBSCRIBE");
  private static final Set<String> HELP = Set.of("HELP", "INFO", "AYUDA");
  // Only words that clearly say yes: a YES may approve a repair's cost.
  private static final Set<String> YES = Set.of("YES", "YEP", "YEAH", "SI");
  private static final Set<String> NO = Set.of("NO", "NOPE");

  /** What is being stopped: the messages themselves. */
  private static final String MESSAGES =
      "(TEXT|TEXTS|TEXTING|MESSAGE|MESSAGES|MESSAGING|SMS|SMSES|NOTIFICATIONS|UPDATES|CONTACTING)";

  /** Asking for the messages to stop, in words: a verb of stopping and what it stops. */
  private static final List<Pattern> REVOCATIONS =
      List.of(
          words(
              "(STOP|QUIT|CEASE|END|HALT)( SENDING)?( ME)?( ALL)?( THE| THESE| THOSE| YOUR)? "
                  + MESSAGES),
          words("NO MORE " + MESSAGES),
          words("(DO NOT|DONT|DON T) (TEXT|MESSAGE|CONTACT|SMS) ME"),
          words("UNSUBSCRIBE ME"),
          words("(TAKE|REMOVE) ME OFF"),
          words("OPT ME OUT"),
          words("(DEJA|DEJEN|DEJE) DE (MANDAR|ENVIAR|ESCRIBIR)(ME)?"),
          words("NO (ME )?(MANDEN|ENVIEN|ESCRIBAN)( MAS)? (MENSAJES|TEXTOS|SMS)"),
          words("NO MAS (MENSAJES|TEXTOS|SMS)"));

  private static final Pattern SCORE = Pattern.compile("([1-5])( ?/ ?5| STARS?| ESTRELLAS?)?");

  static Reply read(String body) {
    String text = body == null ? "" : body;
    String said = normalize(text);
    if (OPT_OUT.contains(said) || REVOCATIONS.stream().anyMatch(p -> p.matcher(said).find())) {
      return new Reply(Reply.Kind.OPT_OUT, 0, text);
    }
    if (OPT_IN.contains(said)) {
      return new Reply(Reply.Kind.OPT_IN, 0, text);
    }
    if (HELP.contains(said)) {
      return new Reply(Reply.Kind.HELP, 0, text);
    }
    if (YES.contains(said)) {
      return new Reply(Reply.Kind.YES, 0, text);
    }
    if (NO.contains(said)) {
      return new Reply(Reply.Kind.NO, 0, text);
    }
    var score = SCORE.matcher(said);
    if (score.matches()) {
      return new Reply(Reply.Kind.SCORE, Integer.parseInt(score.group(1)), text);
    }
    return new Reply(Reply.Kind.TEXT, 0, text);
  }

  /**
   * Upper case without accents, punctuation as spaces, runs of spaces as one, trimmed: "¡Sí!" is
   * "SI", "Stop texting me!!" is "STOP TEXTING ME", "don't" is "DON T".
   */
  static String normalize(String text) {
    String plain = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
    return plain
        .toUpperCase(Locale.ROOT)
        .replaceAll("[^\\p{L}\\p{N}/-]+", " ")
        .replaceAll(" *- *", "-")
        .replace("OPT-OUT", "OPT OUT")
        .trim()
        .replaceAll(" +", " ");
  }

  private static Pattern words(String regex) {
    return Pattern.compile("(^| )" + regex + "( |$)");
  }
}
