package io.milepost.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Every example payload under {@code schemas/examples/} is checked: valid ones decode and
 * round-trip, invalid ones fail naming the field their file name gives ({@code
 * customer.phone--not-e164.json} must fail on {@code /customer/phone}).
 */
class ContractExamplesTest {

  static Stream<Arguments> validExamples() {
    return examples("valid");
  }

  static Stream<Arguments> invalidExamples() {
    return examples("invalid");
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("validExamples")
  void validExampleDecodesAndRoundTrips(String contract, String fileName, Path file)
      throws Exception {
    WireCodec<?> codec = codecFor(contract);
    byte[] original = Files.readAllBytes(file);

    Object decoded = codec.decode(original);
    byte[] reencoded = encode(codec, decoded);

    assertThat(codec.decode(reencoded)).isEqualTo(decoded);
    // Same document, field for field: nothing lost or invented on the way through the records.
    // Instants are compared as instants, since an offset like +01:00 is normalised to Z.
    assertThat(normalise(WireCodec.MAPPER.readTree(reencoded)))
        .isEqualTo(normalise(WireCodec.MAPPER.readTree(original)));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("invalidExamples")
  void invalidExampleFailsNamingTheField(String contract, String fileName, Path file) {
    WireCodec<?> codec = codecFor(contract);
    String expectedPointer = "/" + fileName.substring(0, fileName.indexOf("--")).replace('.', '/');
    String expectedName = expectedPointer.substring(1).replace('/', '.');

    assertThatThrownBy(() -> codec.decode(Files.readAllBytes(file)))
        .isInstanceOfSatisfying(
            InvalidPayloadException.class,
            e -> {
              assertThat(e.violations())
                  .extracting(Violation::field)
                  .as("violations of %s", fileName)
                  .contains(expectedPointer);
              assertThat(e.violations())
                  .filteredOn(v -> v.field().equals(expectedPointer))
                  .allSatisfy(v -> assertThat(v.message()).contains(expectedName));
            });
  }

  @SuppressWarnings("unchecked")
  private static <T> byte[] encode(WireCodec<T> codec, Object value) {
    return codec.encode((T) value);
  }

  private static WireCodec<?> codecFor(String contract) {
    return switch (contract) {
      case "ops-event" -> WireCodec.OPS_EVENT;
      case "intent" -> WireCodec.INTENT;
      case "board-update" -> WireCodec.BOARD_UPDATE;
      case "rules" -> WireCodec.RULES;
      case "cx-metrics" -> WireCodec.CX_METRICS;
      case "customer-event" -> WireCodec.CUSTOMER_EVENT;
      default -> throw new IllegalArgumentException("no codec for examples of " + contract);
    };
  }

  private static Stream<Arguments> examples(String validity) {
    Path root = examplesRoot();
    List<Arguments> found;
    try (Stream<Path> files = Files.walk(root)) {
      found =
          files
              .filter(file -> file.getFileName().toString().endsWith(".json"))
              .filter(file -> file.getParent().getFileName().toString().equals(validity))
              .sorted()
              .map(
                  file ->
                      Arguments.of(
                          file.getParent().getParent().getFileName().toString(),
                          file.getFileName().toString(),
                          file))
              .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertThat(found).as("%s examples under %s", validity, root).hasSizeGreaterThanOrEqualTo(3);
    return found.stream();
  }

  private static Path examplesRoot() {
    try {
      return Path.of(ContractExamplesTest.class.getResource("/examples").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Rewrites every RFC 3339 timestamp to its instant so equal instants compare equal. */
  private static JsonNode normalise(JsonNode node) {
    if (node.isObject()) {
      var copy = WireCodec.MAPPER.createObjectNode();
      node.properties().forEach(entry -> copy.set(entry.getKey(), normalise(entry.getValue())));
      return copy;
    }
    if (node.isArray()) {
      var copy = WireCodec.MAPPER.createArrayNode();
      node.forEach(item -> copy.add(normalise(item)));
      return copy;
    }
    if (node.isString() && node.asString().matches("\\d{4}-\\d{2}-\\d{2}T.*")) {
      return WireCodec.MAPPER
          .getNodeFactory()
          .stringNode(java.time.OffsetDateTime.parse(node.asString()).toInstant().toString());
    }
    return node;
  }
}
