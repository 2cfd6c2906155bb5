package io.milepost.notifier.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OpsTextTests {

  @Test
  void aRecordIsShownAsTextWithControlCharactersSpelledOutAndCutShort() {
    byte[] record = "{\"note\":\"a\u0000b\nc\"}".getBytes(StandardCharsets.UTF_8);
    assertThat(OpsText.payload(record, 100)).isEqualTo("{\"note\":\"a\\u0000b\\u000ac\"}");
    assertThat(OpsText.payload("abcdef".getBytes(StandardCharsets.UTF_8), 3)).isEqualTo("abc…");
    assertThat(OpsText.payload("ñandú".getBytes(StandardCharsets.UTF_8), 10)).isEqualTo("ñandú");
  }

  @Test
  void bytesThatAreNotUtf8AreShownAsHex() {
    assertThat(OpsText.payload(new byte[] {(byte) 0xff, 0x41, 0x00}, 100)).isEqualTo("\\xffA\\x00");
    assertThat(OpsText.payload(null, 10)).isEmpty();
  }

  @Test
  void timesAreUtc() {
    assertThat(OpsText.utc(Instant.parse("2026-11-29T21:05:09Z"))).isEqualTo("2026-11-29 21:05");
  }
}
