package io.milepost.notifier;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.FormParameter;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The Twilio stub's memory, as a WireMock transformer: a create request on a stub that names it is
 * recorded as a message Twilio has (whatever the stub then answers: 201, a 500, a reset, a hang),
 * and the Messages list serves recorded messages back, newest first, as real Twilio would. So a
 * test can stage "Twilio created it, then its answer was lost" through the real send path.
 */
final class TwilioMessages implements ResponseDefinitionTransformerV2 {
  static final String NAME = "twilio-messages";

  record Created(String sid, String to, String body, Instant createdAt) {}

  private final List<Created> created = new CopyOnWriteArrayList<>();
  private final Map<String, CountDownLatch> held = new ConcurrentHashMap<>();

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public boolean applyGlobally() {
    return false;
  }

  @Override
  public ResponseDefinition transform(ServeEvent event) {
    ResponseDefinition stubbed = event.getResponseDefinition();
    if (event.getRequest().getMethod().equals(RequestMethod.GET)) {
      QueryParameter to = event.getRequest().queryParameter("To");
      List<String> listed = new ArrayList<>();
      for (Created message : created) {
        if (!to.isPresent() || message.to().equals(to.firstValue())) {
          listed.add(0, json(message)); // newest first
        }
      }
      return ResponseDefinitionBuilder.like(stubbed)
          .withStatus(200)
          .withHeader("Content-Type", "application/json")
          .withBody(TwilioJson.messageList(listed.toArray(String[]::new)))
          .build();
    }
    FormParameter to = event.getRequest().formParameter("To");
    Created message =
        add(to.firstValue(), event.getRequest().formParameter("Body").firstValue(), Instant.now());
    CountDownLatch hold = held.get(message.to());
    if (hold != null) {
      try {
        hold.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (stubbed.getFault() != null || stubbed.getStatus() != 201) {
      return stubbed; // Twilio has it; the answer the stub gives says otherwise or nothing
    }
    return ResponseDefinitionBuilder.like(stubbed)
        .withHeader("Content-Type", "application/json")
        .withBody(json(message))
        .build();
  }

  /** A message Twilio has without this app having asked, e.g. an older one with the same text. */
  Created add(String to, String body, Instant createdAt) {
    Created message = new Created(newSid(), to, body, createdAt);
    created.add(message);
    return message;
  }

  /** Messages Twilio has for this phone, oldest first. */
  List<Created> to(String phone) {
    return created.stream().filter(message -> message.to().equals(phone)).toList();
  }

  /**
   * Create requests to this phone are recorded, then wait until {@code release} runs (at most ten
   * seconds) before answering.
   */
  Runnable holdAnswersTo(String phone) {
    CountDownLatch latch = new CountDownLatch(1);
    held.put(phone, latch);
    return () -> {
      held.remove(phone);
      latch.countDown();
    };
  }

  private static String json(Created message) {
    return TwilioJson.message(
        message.sid(), "queued", message.body(), message.to(), message.createdAt());
  }

  private static String newSid() {
    byte[] random = new byte[16];
    ThreadLocalRandom.current().nextBytes(random);
    return "SM" + HexFormat.of().formatHex(random);
  }
}
