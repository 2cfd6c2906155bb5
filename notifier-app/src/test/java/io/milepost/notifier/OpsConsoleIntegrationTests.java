package io.milepost.notifier;

import static io.milepost.notifier.Fixtures.ACME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.milepost.schemas.CxAlert;
import io.milepost.schemas.CxAlertCode;
import io.milepost.schemas.CxMeasures;
import io.milepost.schemas.CxMetrics;
import io.milepost.schemas.DeadLetterHeaders;
import io.milepost.schemas.Rules;
import io.milepost.schemas.Stage;
import io.milepost.schemas.Topics;
import io.milepost.schemas.WireCodec;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The ops console over a real port, signed in through the login form: the rules form stores, audits
 * and publishes like the rules API; CX metrics and dead letters come from the real topics; the
 * message log filters; an operator of another tenant sees none of it.
 */
class OpsConsoleIntegrationTests extends NotifierIntegrationTest {
  static final String SWIFT = "swift-parcels";

  private FormSession otto() throws Exception {
    return FormSession.signedIn("http://localhost:" + port, "otto-ops", "ops-password");
  }

  private FormSession sam() throws Exception {
    return FormSession.signedIn("http://localhost:" + port, "sam-swift-ops", "swift-ops-password");
  }

  @Test
  void aRulesChangeThroughTheFormIsStoredAuditedWithTheUsernameAndPublished() throws Exception {
    FormSession otto = otto();
    HttpResponse<String> page = otto.get("/ops/rules");
    assertThat(page.statusCode()).isEqualTo(200);
    Map<String, String> form = FormSession.formFields(page.body());
    Map<String, String> original = new java.util.LinkedHashMap<>(form);
    long before = Long.parseLong(form.get("revision"));
    String oldSilence = form.get("silenceLimit");
    // A value no other change of this run sets: 1 to 5 hours and 1 to 59 minutes.
    int minutes = (int) (1 + (System.nanoTime() % 59));
    String newSilence = "3h " + minutes + "m";
    form.put("silenceLimit", newSilence);
    form.put("sla.WAITING_FOR_PARTS", "2d");
    form.remove("notify.READY_FOR_PICKUP");

    HttpResponse<String> saved = otto.postExactly("/ops/rules", form);

    assertThat(saved.statusCode()).isEqualTo(302);
    assertThat(saved.headers().firstValue("Location").orElseThrow())
        .contains("/ops/rules?saved=" + (before + 1));
    Map<String, Object> audit =
        rows(
                "SELECT actor, changed_at, before::text AS before, after::text AS after"
                    + " FROM rules_audit WHERE tenant_id = ? AND revision = ?",
                ACME,
                before + 1)
            .get(0);
    assertThat(audit.get("actor")).isEqualTo("otto-ops");
    assertThat(audit.get("changed_at")).isNotNull();
    Rules after = WireCodec.RULES.decode(((String) audit.get("after")).getBytes());
    assertThat(after.silenceLimit()).isEqualTo(Duration.ofHours(3).plusMinutes(minutes));
    assertThat(after.sla(Stage.WAITING_FOR_PARTS.journey(), Stage.WAITING_FOR_PARTS))
        .hasValue(Duration.ofDays(2));
    assertThat(after.notifiesCustomer(Stage.READY_FOR_PICKUP)).isFalse();
    if (before > 0) {
      assertThat(WireCodec.RULES.decode(((String) audit.get("before")).getBytes()).revision())
          .isEqualTo(before);
    }
    Rules onKafka =
        WireCodec.RULES.decode(RulesApiIntegrationTests.awaitOnKafka(ACME, before + 1).value());
    assertThat(onKafka).isEqualTo(after);

    String shown = otto.get("/ops/rules").body();
    assertThat(shown).contains("Revision " + (before + 1) + ", by otto-ops");
    assertThat(shown).contains("<del>" + oldSilence + "</del>");
    assertThat(shown).contains("<ins>" + newSilence + "</ins>");
    // Another tenant's operator sees neither the change nor who made it.
    String theirs = sam().get("/ops/rules").body();
    assertThat(theirs).doesNotContain("by otto-ops").doesNotContain(newSilence);

    // The values other tests of this context run on, back (a change of its own, audited too).
    original.put("revision", String.valueOf(before + 1));
    assertThat(otto.postExactly("/ops/rules", original).statusCode()).isEqualTo(302);
  }

  @Test
  void theConsoleIsClosedToADealer() throws Exception {
    FormSession dana =
        FormSession.signedIn("http://localhost:" + port, "dana-dealer", "dealer-password");
    assertThat(dana.get("/ops").statusCode()).isEqualTo(403);
    assertThat(dana.get("/ops/metrics.json?location=springfield").statusCode()).isEqualTo(403);
    assertThat(dana.get("/ops/dead-letters").statusCode()).isEqualTo(403);
  }

  @Test
  void aFormWithABadValueShowsTheErrorOnItsFieldAndChangesNothing() throws Exception {
    FormSession otto = otto();
    Map<String, String> form = FormSession.formFields(otto.get("/ops/rules").body());
    long before = Long.parseLong(form.get("revision"));
    form.put("silenceLimit", "soon");
    form.put("overrunFactor", "0.5");

    HttpResponse<String> refused = otto.postExactly("/ops/rules", form);

    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(refused.body())
        .contains("Write a length of time, e.g. 2h or 1d 4h.")
        .contains("Write a number greater than 1, e.g. 1.5.")
        .contains("id=\"silenceLimit-error\"")
        .contains("value=\"soon\"");
    assertThat(rows("SELECT 1 FROM rules_audit WHERE tenant_id = ? AND revision > ?", ACME, before))
        .isEmpty();
  }

  @Test
  void aCxRecordShowsInTheChartDataOfItsLocationAndTenantOnlyAndAReplayChangesNothing()
      throws Exception {
    String location = "ops-cx-" + newJobId("loc").toLowerCase();
    Instant start = clock.instant().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(30));
    CxMetrics acme =
        CxMetrics.window(
            ACME,
            location,
            start,
            start.plusSeconds(60),
            new CxMeasures(2, 600, 420, 5, 1, 3, 1800, 0, 1, 4, 1, 2));
    CxMetrics swift =
        CxMetrics.window(
            SWIFT,
            location,
            start,
            start.plusSeconds(60),
            new CxMeasures(0, 0, 0, 0, 0, 0, 0, 0, 0, 9, 9, 0));
    CxMetrics alert =
        CxMetrics.alert(
            ACME,
            location,
            new CxAlert(CxAlertCode.JOB_SILENT_TOO_LONG, 7200, 9000, "RO-SILENT-1", start));
    publishCx(acme);
    publishCx(acme); // at least once: the same record again
    publishCx(swift);
    publishCx(alert);
    publishCx(alert);

    FormSession otto = otto();
    JsonNode data =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> json(otto.get("/ops/metrics.json?location=" + location + "&hours=6")),
                node -> node != null && node.path("labels").size() == 1);
    assertThat(data.at("/series/promisesKept/0").asDouble()).isEqualTo(4.0);
    assertThat(data.at("/series/promisesBroken/0").asDouble()).isEqualTo(1.0);
    assertThat(data.at("/series/firstUpdateMinutes/0").asDouble()).isEqualTo(5.0);
    assertThat(data.at("/series/longestSilenceMinutes/0").asDouble()).isEqualTo(30.0);
    assertThat(data.at("/series/overruns/0").asDouble()).isEqualTo(1.0);
    assertThat(data.at("/series/deadLetters/0").asDouble()).isEqualTo(2.0);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                rows(
                        "SELECT 1 FROM cx_alerts WHERE tenant_id = ? AND location_id = ?",
                        ACME,
                        location)
                    .size(),
            n -> n == 1);
    assertThat(
            rows(
                "SELECT promises_kept FROM cx_metrics WHERE tenant_id = ? AND location_id = ?",
                ACME,
                location))
        .containsExactly(Map.of("promises_kept", 4L));
    String console = otto.get("/ops?location=" + location).body();
    assertThat(console).contains("RO-SILENT-1").contains("A job had no news for 150 minutes");

    // The other tenant's operator: their own record of a location of the same name, never acme's.
    FormSession sam = sam();
    JsonNode theirs = json(sam.get("/ops/metrics.json?location=" + location + "&hours=6"));
    assertThat(theirs.at("/series/promisesKept/0").asDouble()).isEqualTo(9.0);
    assertThat(sam.get("/ops").body()).doesNotContain("RO-SILENT-1");
    HttpResponse<String> elsewhere = sam.get("/ops/metrics.json?location=springfield");
    assertThat(elsewhere.statusCode()).isEqualTo(404);
  }

  @Test
  void theMessageLogFiltersByStatusErrorCodeJobAndPhoneWithinTheTenant() throws Exception {
    String deliveredJob = newJobId("OPS-LOG");
    String failedJob = newJobId("OPS-LOG");
    String deliveredPhone = newPhone();
    String failedPhone = newPhone();
    publish(Fixtures.stageChanged(deliveredJob, Stage.IN_REPAIR, 1, deliveredPhone, null));
    publish(Fixtures.stageChanged(failedJob, Stage.IN_REPAIR, 1, failedPhone, null));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                rows(
                        "SELECT 1 FROM notifications WHERE tenant_id = ? AND job_id IN (?, ?)",
                        ACME,
                        deliveredJob,
                        failedJob)
                    .size(),
            n -> n == 2);
    // What Twilio's callbacks would have recorded: one delivered, one failed for good.
    execute(
        "UPDATE notifications SET status = 'DELIVERED' WHERE tenant_id = ? AND job_id = ?",
        ACME,
        deliveredJob);
    execute(
        "UPDATE notifications SET status = 'FAILED', error_code = 30006"
            + " WHERE tenant_id = ? AND job_id = ?",
        ACME,
        failedJob);

    FormSession otto = otto();
    String byJob = otto.get("/ops/messages?job=" + failedJob).body();
    String byPhone = otto.get("/ops/messages?phone=" + encode(deliveredPhone)).body();
    String byStatusAndCode = otto.get("/ops/messages?status=FAILED&errorCode=30006").body();
    String badCode = otto.get("/ops/messages?errorCode=thirty").body();

    assertThat(byJob).contains(failedPhone).doesNotContain(deliveredPhone);
    assertThat(byPhone).contains(deliveredJob).doesNotContain(failedJob);
    assertThat(byStatusAndCode).contains(failedJob).doesNotContain(deliveredJob);
    assertThat(badCode).contains("Write the error code as a number, e.g. 30003.");
    String theirs = sam().get("/ops/messages?job=" + failedJob).body();
    assertThat(theirs).doesNotContain(failedPhone).contains("No texts match.");
  }

  @Test
  void theDeadLetterViewerShowsTheReasonAndOriginOfTheTenantsRecordsSafely() throws Exception {
    String job = newJobId("OPS-DLQ");
    String reason = "stage: 'PAINTING' is not a stage (" + job + ")";
    byte[] bad =
        ("{\"tenantId\":\"acme-motors\",\"jobId\":\""
                + job
                + "\",\"stage\":\"<script>x</script>\u0000\"}")
            .getBytes(StandardCharsets.UTF_8);
    sendDeadLetter(ACME + "/" + job, bad, reason, "/stage", Topics.OPS_EVENTS, "1", "4242");
    String nobodysReason = "the payload is not JSON (" + job + ")";
    sendDeadLetter(
        null,
        new byte[] {(byte) 0xff, 0x00, 0x41},
        nobodysReason,
        null,
        Topics.OPS_EVENTS,
        "0",
        "7");

    // And one the notifier itself set aside: an intent it cannot read, keyed by its tenant.
    String unreadableJob = newJobId("OPS-SET-ASIDE");
    kafka.send(
        Topics.INTENTS,
        ACME + "/" + unreadableJob,
        ("{\"tenantId\":\"acme-motors\",\"jobId\":\"" + unreadableJob + "\",\"kind\":\"NOPE\"}")
            .getBytes(StandardCharsets.UTF_8));

    FormSession otto = otto();
    String page =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> otto.get("/ops/dead-letters").body(),
                body -> body.contains(job) && body.contains(unreadableJob));

    assertThat(page)
        .contains(escaped(reason))
        .contains("milepost.ops-events/1@4242")
        .contains("/stage");
    assertThat(page).contains("&lt;script&gt;x&lt;/script&gt;\\u0000").doesNotContain("<script>x");
    assertThat(page).doesNotContain(nobodysReason);
    assertThat(page).contains("the stream job&#39;s validation").contains("the notifier");
    assertThat(
            rows(
                "SELECT tenant_id FROM rejected_records WHERE record_key = ?",
                ACME + "/" + unreadableJob))
        .containsExactly(Map.of("tenant_id", ACME));
    assertThat(page).containsPattern("\\d+ more records? names? no tenant");
    String theirs = sam().get("/ops/dead-letters").body();
    assertThat(theirs).doesNotContain(job).doesNotContain(unreadableJob);
  }

  @Test
  void aTemplateIsPreviewedInBothLanguagesAndSavedWithTheUsernameOrRefusedInWords()
      throws Exception {
    FormSession otto = otto();
    String page = otto.get("/ops/templates?kind=SILENCE").body();
    assertThat(page).contains("id=\"preview-en\"").contains("id=\"preview-es\"");
    assertThat(page).contains("Acme Motors");

    HttpResponse<String> preview =
        otto.postJson(
            "/ops/templates?kind=SILENCE",
            "/ops/templates/preview",
            "{\"kind\":\"SILENCE\",\"locale\":\"es\",\"text\":\"{business}: lo sentimos. {link}\"}");
    assertThat(preview.statusCode()).isEqualTo(200);
    JsonNode answer = json(preview);
    assertThat(answer.path("text").asString()).startsWith("Acme Motors: lo sentimos.");
    // The summary speaks the person's language, the preview the template's.
    assertThat(answer.path("summary").asString()).startsWith("1 segment now");

    Map<String, String> noLink =
        Map.of(
            "kind",
            "SILENCE",
            "locale",
            "en",
            "text",
            "{business}: sorry for the wait.",
            "_csrf",
            FormSession.formFields(page).get("_csrf"));
    HttpResponse<String> refused = otto.postExactly("/ops/templates", noLink);
    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(refused.body()).contains("It must place {link}");

    String text = "{business}: sorry, no news yet {stage}. {link}";
    HttpResponse<String> saved =
        otto.postExactly(
            "/ops/templates",
            Map.of(
                "kind",
                "SILENCE",
                "locale",
                "en",
                "text",
                text,
                "_csrf",
                FormSession.formFields(page).get("_csrf")));
    assertThat(saved.statusCode()).isEqualTo(302);
    assertThat(
            rows(
                "SELECT text, updated_by FROM tenant_templates"
                    + " WHERE tenant_id = ? AND kind = 'SILENCE' AND locale = 'en'",
                ACME))
        .containsExactly(Map.of("text", text, "updated_by", "otto-ops"));
    assertThat(otto.get("/ops/templates?kind=SILENCE").body())
        .contains("sorry, no news yet")
        .contains("Your own text, saved by otto-ops");
    assertThat(sam().get("/ops/templates?kind=SILENCE").body())
        .doesNotContain("sorry, no news yet");

    HttpResponse<String> reset =
        otto.postExactly(
            "/ops/templates/reset",
            Map.of(
                "kind",
                "SILENCE",
                "locale",
                "en",
                "_csrf",
                FormSession.formFields(page).get("_csrf")));
    assertThat(reset.statusCode()).isEqualTo(302);
    assertThat(
            rows("SELECT 1 FROM tenant_templates WHERE tenant_id = ? AND kind = 'SILENCE'", ACME))
        .isEmpty();
  }

  private static void publishCx(CxMetrics record) {
    kafka.send(Topics.CX_METRICS, record.key(), WireCodec.CX_METRICS.encode(record));
  }

  private static void sendDeadLetter(
      String key,
      byte[] value,
      String reason,
      String field,
      String topic,
      String partition,
      String offset) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
      ProducerRecord<String, byte[]> record =
          new ProducerRecord<>(Topics.OPS_EVENTS_DLQ, key, value);
      record.headers().add(DeadLetterHeaders.REASON, reason.getBytes(StandardCharsets.UTF_8));
      if (field != null) {
        record.headers().add(DeadLetterHeaders.FIELD, field.getBytes(StandardCharsets.UTF_8));
      }
      record.headers().add(DeadLetterHeaders.SOURCE_TOPIC, topic.getBytes(StandardCharsets.UTF_8));
      record
          .headers()
          .add(DeadLetterHeaders.SOURCE_PARTITION, partition.getBytes(StandardCharsets.UTF_8));
      record
          .headers()
          .add(DeadLetterHeaders.SOURCE_OFFSET, offset.getBytes(StandardCharsets.UTF_8));
      producer.send(record).get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode json(HttpResponse<String> response) {
    if (response.statusCode() != 200) {
      return null;
    }
    return WireCodec.MAPPER.readTree(response.body());
  }

  private static String escaped(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("'", "&#39;")
        .replace("\"", "&quot;");
  }

  private static String encode(String text) {
    return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
