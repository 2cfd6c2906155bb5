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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
            checkStageOfJourney(node, "/reason/stage", out);
            checkStagesOfJourney(node, "/stagesPassed", "", out);
            checkCustomer(node, out);
            checkCharacters(node, out);
          });
  public static final WireCodec<BoardUpdate> BOARD_UPDATE =
      new WireCodec<>(
          BoardUpdate.class,
          "board-update.v1.json",
          (node, out) -> {
            checkStageOfJourney(node, "/stage", out);
            checkStageOfJourney(node, "/etaReason/stage", out);
            checkStagesOfJourney(node, "/alerts", "/stage", out);
            checkCharacters(node, out);
          });
  public static final WireCodec<Rules> RULES =
      new WireCodec<>(Rules.class, "rules.v1.json", RulesChecks::check);
  public static final WireCodec<CxMetrics> CX_METRICS =
      new WireCodec<>(
          CxMetrics.class,
          "cx-metrics.v1.json",
          (node, out) -> {
            checkZone(node, "/timeZone", out);
            checkCharacters(node, out);
          });

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
    } else {
      violations.addAll(alsoWrong(node, violations));
    }
    return violations;
  }

  /**
   * What the semantic checks find beside the schema's violations, so a user fixes everything in one
   * round trip rather than meeting the second error only after fixing the first. The checks assume
   * the schema's structure; where it is not there, what they cannot read is the schema's to report,
   * so a check that fails on it is skipped and a field the schema already named is not named twice.
   */
  private List<Violation> alsoWrong(JsonNode node, List<Violation> schemaViolations) {
    List<Violation> more = new ArrayList<>();
    try {
      semanticChecks.accept(node, more);
    } catch (RuntimeException structureTheSchemaRefused) {
      // keep what was found before it
    }
    Set<String> named = new HashSet<>();
    schemaViolations.forEach(violation -> named.add(violation.field()));
    return more.stream().filter(violation -> !named.contains(violation.field())).toList();
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

  static String fieldName(String pointer) {
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
    checkCharacters(node, out);
  }

  /**
   * What cannot be stored or shown. U+0000 nowhere, not even in a field we do not know: PostgreSQL
   * text cannot hold it, so a record carrying one would fail in the notifier every time it is read.
   * Ids, names, phone and locale hold no control character at all; the schema's patterns say so
   * too, but a pattern's {@code $} also matches before a trailing newline, so it is checked here.
   */
  static void checkCharacters(JsonNode node, List<Violation> out) {
    findNul(node, "", out);
    for (String pointer : NO_CONTROL_CHARACTERS) {
      JsonNode field = node.at(pointer);
      if (field.isString() && hasControlCharacter(field.asString())) {
        out.add(
            new Violation(
                pointer,
                fieldName(pointer)
                    + ": must not contain control characters (U+0000–U+001F, U+007F)"));
      }
    }
  }

  private static final List<String> NO_CONTROL_CHARACTERS =
      List.of(
          "/eventId",
          "/intentId",
          "/sourceEventId",
          "/tenantId",
          "/locationId",
          "/jobId",
          "/customer/name",
          "/customer/phone",
          "/customer/locale",
          "/customer/timeZone");

  private static void findNul(JsonNode node, String pointer, List<Violation> out) {
    if (node.isString()) {
      if (node.asString().indexOf('\u0000') >= 0 && !isControlChecked(pointer)) {
        out.add(new Violation(pointer, fieldName(pointer) + ": must not contain U+0000"));
      }
    } else if (node.isObject()) {
      for (var field : node.properties()) {
        String child = pointer + "/" + field.getKey().replace("~", "~0").replace("/", "~1");
        if (field.getKey().indexOf('\u0000') >= 0) {
          out.add(new Violation(pointer, "a field name must not contain U+0000"));
        }
        findNul(field.getValue(), child, out);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        findNul(node.get(i), pointer + "/" + i, out);
      }
    }
  }

  /** Reported once, by the stricter control-character check. */
  private static boolean isControlChecked(String pointer) {
    return NO_CONTROL_CHARACTERS.contains(pointer);
  }

  static boolean hasControlCharacter(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c <= 0x1F || c == 0x7F) {
        return true;
      }
    }
    return false;
  }

  /**
   * Each item's stage (at {@code itemPointer} inside the item) belongs to the payload's journey.
   */
  private static void checkStagesOfJourney(
      JsonNode node, String arrayPointer, String itemPointer, List<Violation> out) {
    JsonNode items = node.at(arrayPointer);
    for (int i = 0; i < items.size(); i++) {
      checkStageOfJourney(node, arrayPointer + "/" + i + itemPointer, out);
    }
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
    checkZone(node, "/customer/timeZone", out);
  }

  private static void checkZone(JsonNode node, String pointer, List<Violation> out) {
    JsonNode zone = node.at(pointer);
    if (zone.isString()) {
      try {
        ZoneId.of(zone.asString());
      } catch (DateTimeException e) {
        out.add(
            new Violation(
                pointer,
                fieldName(pointer) + ": '" + zone.asString() + "' is not a known IANA time zone"));
      }
    }
  }
}
