package io.milepost.notifier.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.milepost.notifier.inbound.Reply.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RepliesTests {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "STOP",
        "stop",
        " Stop ",
        "STOP.",
        "Stop!!",
        "STOPALL",
        "unsubscribe",
        "Cancel",
        "END",
        "quit",
        "REVOKE",
        "optout",
        "OPT OUT",
        "opt-out",
        "Opt  Out",
        "ALTO",
        "baja",
        "stop texting me",
        "Please stop texting me!",
        "STOP SENDING ME TEXTS",
        "stop the messages",
        "No more messages",
        "no more texts please",
        "Don't text me",
        "do not contact me",
        "unsubscribe me",
        "take me off this list",
        "dejen de enviarme mensajes",
        "No me manden más mensajes",
        "no más mensajes"
      })
  void anOptOutIsHeardHoweverItIsWritten(String body) {
    assertThat(Replies.read(body).kind()).isEqualTo(Kind.OPT_OUT);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Don't stop the repair, go ahead",
        "Can I stop by at 5?",
        "the brakes stop making that noise?",
        "When does it end?",
        "No me manden la factura por correo",
        "stopped by earlier, nobody there"
      })
  void aMessageThatMerelyContainsAStopWordIsNoOptOut(String body) {
    assertThat(Replies.read(body).kind()).isEqualTo(Kind.TEXT);
  }

  @ParameterizedTest
  @CsvSource({
    "START, OPT_IN",
    "unstop, OPT_IN",
    "HELP, HELP",
    "info, HELP",
    "Ayuda, HELP",
    "YES, YES",
    "yes!, YES",
    "Sí, YES",
    "si, YES",
    "NO, NO",
    "no., NO",
    "ok, TEXT",
    "'Yes, but call me first', TEXT"
  })
  void keywordsAreWholeMessagesInAnyCaseAndAccent(String body, Kind kind) {
    assertThat(Replies.read(body).kind()).isEqualTo(kind);
  }

  @ParameterizedTest
  @CsvSource({"1, 1", "5, 5", "' 4 ', 4", "4/5, 4", "5 stars, 5", "2 estrellas, 2", "3!, 3"})
  void aNumberOneToFiveAloneIsAScore(String body, int score) {
    Reply reply = Replies.read(body);

    assertThat(reply.kind()).isEqualTo(Kind.SCORE);
    assertThat(reply.score()).isEqualTo(score);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "6", "10", "45", "1 2", "call 555 1234"})
  void otherNumbersAreJustText(String body) {
    assertThat(Replies.read(body).kind()).isEqualTo(Kind.TEXT);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "🙂"})
  void anEmptyOrSymbolOnlyTextIsJustText(String body) {
    Reply reply = Replies.read(body);

    assertThat(reply.kind()).isEqualTo(Kind.TEXT);
    assertThat(reply.text()).isEqualTo(body);
  }
}
