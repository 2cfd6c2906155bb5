package io.milepost.schemas;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import com.networknt.schema.path.PathType;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes one payload type of the wire contract. Decoding validates against the JSON
 * Schema first, then checks what a schema cannot say (a stage belongs to its journey, a time zone
 * exists), and reports every violation with the field's JSON pointer. Thread-safe.
 */
public final class WireCodec<T> {
  private static final String SCHEMA_BASE = "https://milepost.io/schemas/";

  /** Shared by every codec: a mapper is expensive to build and safe to share. */
  public static final JsonMapper MAPPER =
      JsonMapper.builder()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(tools.jackson.databind.cfg.DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
          .build();

  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(
          SpecificationVersion.DRAFT_2020_12,
          builder ->
              builder
                  .schemaIdResolvers(
                      resolvers ->
                          resolvers.mapPrefix(SCHEMA_BASE, "classpath:io/milepost/schemas/"))
                  .schemaRegistryConfig(
                      SchemaRegistryConfig.builder()
                          .formatAssertionsEnabled(true)
                          .pathType(PathType.JSON_POINTER)
                          .build()));

  public static final WireCodec<OpsEvent> OPS_EVENT =
      new WireCodec<>(OpsEvent.class, "ops-event.v1.json", WireCodec::checkOpsEvent);
  public static final WireCodec<Intent> INTENT =
      new WireCodec<>(
          Intent.class,
          "intent.v1.json",
          (node, out) -> {
            checkStageOfJourney(node, "/stage", out);
            checkStageOfJourney(node, "/previousStage", out);
            checkCustomer(node, out);
          });
  public static final WireCodec<BoardUpdate> BOARD_UPDATE =
      new WireCodec<>(
          BoardUpdate.class,
          "board-update.v1.json",
          (node, out) -> checkStageOfJourney(node, "/stage", out));

  private final Class<T> type;
  private final String schemaFile;
  private final Schema schema;
  private final BiConsumer<JsonNode, List<Violation>> semanticChecks;

  private WireCodec(
      Class<T> type, String schemaFile, BiConsumer<JsonNode, List<Violation>> semanticChecks) {
    this.type = type;
    this.schemaFile = schemaFile;
    this.schema = REGISTRY.getSchema(SchemaLocation.of(SCHEMA_BASE + schemaFile));
    this.semanticChecks = semanticChecks;
  }

  /** The schema file this codec enforces, e.g. {@code ops-event.v1.json}. */
  public String schemaFile() {
    return schemaFile;
  }

  public T decode(byte[] bytes) throws InvalidPayloadException {
    if (bytes == null || bytes.length == 0) {
      throw new InvalidPayloadException(List.of(new Violation("", "the payload is empty")));
    }
    JsonNode node;
    try {
      node = MAPPER.readTree(bytes);
    } catch (JacksonException e) {
      throw new InvalidPayloadException(
          List.of(new Violation("", "the payload is not JSON: " + e.getOriginalMessage())));
    }
    return decode(node);
  }

  /** Validates a parsed document and maps it; for callers that parsed a batch themselves. */
  public T decode(JsonNode node) throws InvalidPayloadException {
    List<Violation> violations = validate(node);
    if (!violations.isEmpty()) {
      throw new InvalidPayloadException(violations);
    }
    try {
      return MAPPER.treeToValue(node, type);
    } catch (JacksonException e) {
      // The schema admitted something the records cannot hold: a contract bug, but still the
      // input's.
      throw new InvalidPayloadException(
          List.of(new Violation("", "the payload cannot be read: " + e.getOriginalMessage())));
    }
  }

  /** Every violation of the contract, in document order; empty when the document is valid. */
  public List<Violation> validate(JsonNode node) {
    List<Violation> violations = new ArrayList<>();
    if (node == null || !node.isObject()) {
      violations.add(new Violation("", "the payload must be a JSON object"));
      return violations;
    }
    for (Error error : schema.validate(node)) {
      violations.add(toViolation(error));
    }
    if (violations.isEmpty()) {
      semanticChecks.accept(node, violations);
    }
    return violations;
  }

  public byte[] encode(T value) {
    return MAPPER.writeValueAsBytes(value);
  }

  public String encodeToString(T value) {
    return MAPPER.writeValueAsString(value);
  }

  private static Violation toViolation(Error error) {
    String pointer = pointer(error.getInstanceLocation());
    if ("required".equals(error.getKeyword()) && error.getProperty() != null) {
      pointer = pointer + "/" + error.getProperty();
      return new Violation(pointer, fieldName(pointer) + " is required");
    }
    if ("additionalProperties".equals(error.getKeyword()) && error.getProperty() != null) {
      pointer = pointer + "/" + error.getProperty();
      return new Violation(pointer, fieldName(pointer) + " is not a known field");
    }
    return new Violation(pointer, fieldName(pointer) + ": " + stripLocation(error.getMessage()));
  }

  private static String pointer(NodePath path) {
    String text = path == null ? "" : path.toString();
    return text.equals("/") ? "" : text;
  }

  private static String fieldName(String pointer) {
    return pointer.isEmpty() ? "the payload" : pointer.substring(1).replace('/', '.');
  }

  /** Validator messages start with the location we already name; keep only what went wrong. */
  private static String stripLocation(String message) {
    int colon = message.indexOf(": ");
    return colon >= 0 && message.startsWith("/") ? message.substring(colon + 2) : message;
  }

  private static void checkOpsEvent(JsonNode node, List<Violation> out) {
    checkStageOfJourney(node, "/stage", out);
    checkCustomer(node, out);
  }

  private static void checkStageOfJourney(JsonNode node, String stagePointer, List<Violation> out) {
    JsonNode stageNode = node.at(stagePointer);
    if (stageNode.isMissingNode() || stageNode.isNull()) {
      return;
    }
    Journey journey = Journey.fromWireName(node.get("journey").asString());
    Stage stage = Stage.valueOf(stageNode.asString());
    if (stage.journey() != journey) {
      out.add(
          new Violation(
              stagePointer,
              fieldName(stagePointer)
                  + ": "
                  + stage
                  + " is not a stage of journey "
                  + journey
                  + "; expected one of "
                  + journey.stages()));
    }
  }

  private static void checkCustomer(JsonNode node, List<Violation> out) {
    JsonNode zone = node.at("/customer/timeZone");
    if (zone.isString()) {
      try {
        ZoneId.of(zone.asString());
      } catch (DateTimeException e) {
        out.add(
            new Violation(
                "/customer/timeZone",
                "customer.timeZone: '" + zone.asString() + "' is not a known IANA time zone"));
      }
    }
  }
}
