package io.milepost.notifier.words;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The longest values the wire contract lets into a text, read from its JSON Schemas (not copied): a
 * template is checked against them, so a text fits whatever a producer may send.
 */
record ContractLimits(int customerName, int note, int locationName) {

  static ContractLimits fromSchemas() {
    JsonNode event = schema("ops-event.v1.json");
    JsonNode rules = schema("rules.v1.json");
    return new ContractLimits(
        event.at("/properties/customer/properties/name/maxLength").asInt(),
        event.at("/properties/note/maxLength").asInt(),
        rules.at("/properties/locations/items/properties/name/maxLength").asInt());
  }

  private static JsonNode schema(String name) {
    try (InputStream in =
        ContractLimits.class.getClassLoader().getResourceAsStream("io/milepost/schemas/" + name)) {
      if (in == null) {
        throw new IllegalStateException("schema " + name + " is not on the classpath");
      }
      return JsonMapper.builder().build().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
