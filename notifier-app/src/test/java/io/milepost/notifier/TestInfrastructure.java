package io.milepost.notifier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.milepost.schemas.Topics;
import io.milepost.testing.FreshDatabase;
import io.milepost.testing.KafkaBroker;
import org.apache.kafka.common.utils.Exit;

/**
 * One real Kafka broker, one fresh PostgreSQL database and one Twilio stub for the whole test JVM,
 * so every integration test class shares one Spring context (two cores: start things once).
 */
final class TestInfrastructure {
  static final String ACCOUNT_SID = "ACtest00000000000000000000000000";
  static final String AUTH_TOKEN = "test-auth-token";
  static final String MESSAGES_PATH = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json";

  static final KafkaBroker KAFKA;
  static final FreshDatabase DATABASE;
  static final WireMockServer TWILIO;

  /** What the Twilio stub has created, per phone; see {@link TwilioMessages}. */
  static final TwilioMessages TWILIO_MESSAGES;

  static {
    // At JVM exit the broker and the app's consumers shut down concurrently (both are shutdown
    // hooks); the broker then may call Exit.halt, which would kill the surefire fork mid-report.
    Exit.setHaltProcedure((status, message) -> {});
    Exit.setExitProcedure((status, message) -> {});
    KAFKA = KafkaBroker.start();
    KAFKA.createTopics(
        Topics.OPS_EVENTS,
        Topics.INTENTS,
        Topics.BOARD,
        Topics.RULES,
        Topics.CX_METRICS,
        Topics.OPS_EVENTS_DLQ);
    DATABASE = FreshDatabase.create();
    TWILIO_MESSAGES = new TwilioMessages();
    // Threads to spare: some tests leave requests hanging for a minute.
    TWILIO =
        new WireMockServer(
            options().dynamicPort().containerThreads(60).extensions(TWILIO_MESSAGES));
    TWILIO.start();
    // Default answer to any message creation: created (remembered), queued, with a fresh SID.
    TWILIO.stubFor(
        post(urlPathMatching(".*/Messages\\.json"))
            .atPriority(10)
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withTransformers(TwilioMessages.NAME)));
    // Default Messages list: what was created, newest first, as reconciliation reads it.
    TWILIO.stubFor(
        get(urlPathMatching(".*/Messages\\.json"))
            .atPriority(10)
            .willReturn(aResponse().withTransformers(TwilioMessages.NAME)));
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  TWILIO.stop();
                  KAFKA.close();
                  DATABASE.close();
                }));
  }

  private TestInfrastructure() {}

  static String twilioBaseUrl() {
    return "http://localhost:" + TWILIO.port();
  }
}
