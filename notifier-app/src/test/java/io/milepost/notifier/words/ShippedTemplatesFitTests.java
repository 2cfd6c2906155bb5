package io.milepost.notifier.words;

import static org.assertj.core.api.Assertions.assertThat;

import io.milepost.notifier.job.TrackingTokens;
import io.milepost.schemas.Reason;
import io.milepost.schemas.ReasonCode;
import io.milepost.schemas.SmsSegments;
import io.milepost.schemas.Stage;
import java.io.InputStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every shipped template of every kind and language, written with the longest names and notes the
 * contract allows (read here from the JSON Schemas), for every stage, reason code and time (UTC,
 * another day: the longest way a time is said), fits in two segments; a first text keeps its link
 * whole.
 */
class ShippedTemplatesFitTests {
  private static final Words WORDS = Words.shipped();
  private static final SmsWriter WRITER = new SmsWriter(WORDS);
  // A public base URL longer than most deployments' and a token as long as the app makes.
  private static final String LINK =
      "https://notifications.acme-motors.example.com/track/" + "x".repeat(TrackingTokens.LENGTH);

  private static int customerName;
  private static int note;
  private static int locationName;
  private static int identifier;

  @BeforeAll
  static void readTheContract() throws Exception {
    JsonNode event = schema("ops-event.v1.json");
    JsonNode rules = schema("rules.v1.json");
    customerName = event.at("/properties/customer/properties/name/maxLength").asInt();
    note = event.at("/properties/note/maxLength").asInt();
    identifier = event.at("/$defs/identifier/maxLength").asInt();
    locationName = rules.at("/properties/locations/items/properties/name/maxLength").asInt();
    assertThat(List.of(customerName, note, identifier, locationName)).allMatch(n -> n > 0);
  }

  static Stream<Arguments> everyShippedTemplate() {
    List<Arguments> all = new ArrayList<>();
    for (TemplateKind kind : TemplateKind.values()) {
      for (Locale locale : Words.SHIPPED) {
        all.add(Arguments.of(kind, locale));
      }
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0} in {1}")
  @MethodSource("everyShippedTemplate")
  void fitsInTwoSegmentsWithTheLongestValuesTheContractAllows(TemplateKind kind, Locale locale) {
    String template = WORDS.messages().pattern(kind.key(), locale);
    assertThat(WORDS.speaks(locale)).isTrue();
    // Names and notes in GSM-7 and, harder, with letters that force UCS-2.
    for (String letters : List.of("Jose Pena ", "José Núñez ")) {
      for (Stage stage : Stage.values()) {
        for (ReasonCode code : ReasonCode.values()) {
          for (ZoneId zone : List.of(ZoneOffset.UTC, ZoneId.of("America/Chicago"))) {
            SmsFacts facts =
                new SmsFacts(
                    text(letters, Math.max(locationName, identifier)),
                    text(letters, customerName),
                    text(letters, note),
                    kind.mayBeFirst() ? LINK : null,
                    stage.journey(),
                    stage,
                    stage.journey().stages().stream()
                        .filter(passed -> passed.position() < stage.position())
                        .toList(),
                    Instant.parse("2026-11-28T12:48:00Z"),
                    Instant.parse("2026-11-27T10:37:00Z"),
                    // 599 minutes is the longest way a length is said: "9 hours 59 minutes".
                    new Reason(code, stage, 599, 40),
                    zone,
                    Instant.parse("2026-11-25T23:59:00Z"));

            SmsBody body = WRITER.write(kind, template, locale, facts);

            assertThat(body.length().segments()).as(body.text()).isLessThanOrEqualTo(2);
            assertThat(SmsSegments.count(body.text())).isEqualTo(body.length().segments());
            assertThat(body.text()).as(body.text()).doesNotContain("{", "}", "  ");
            if (kind.mayBeFirst()) {
              assertThat(body.text()).as(body.text()).endsWith(" " + LINK);
            }
          }
        }
      }
    }
  }

  private static String text(String letters, int length) {
    return letters.repeat(length / letters.length() + 1).substring(0, length);
  }

  private static JsonNode schema(String name) throws Exception {
    try (InputStream in =
        ShippedTemplatesFitTests.class
            .getClassLoader()
            .getResourceAsStream("io/milepost/schemas/" + name)) {
      return JsonMapper.builder().build().readTree(in);
    }
  }
}
