package io.milepost.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.milepost.schemas.Rules;
import io.milepost.schemas.Topics;
import io.milepost.schemas.WireCodec;
import io.milepost.testing.FreshDatabase;
import io.milepost.testing.KafkaBroker;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Nothing stored is lost: rules PUT while Kafka is unreachable are stored and answered 202, and
 * reach milepost.rules once Kafka is back, by the sweep alone. "Unreachable" is real: the
 * notifier's bootstrap address is a port nothing listens on until the test opens a plain TCP relay
 * there to the real test broker.
 */
class RulesWithoutKafkaIntegrationTests {
  private static final String TENANT = "kafka-down-motors";
  private static final String KEY = "kafka-down-rules-key-0001";
  private static final HttpClient http = HttpClient.newHttpClient();
  private static final KafkaBroker kafka = TestInfrastructure.KAFKA;

  private static FreshDatabase database;
  private static StandaloneNotifier notifier;
  private static int relayPort;
  private static Relay relay;

  @BeforeAll
  static void startWithKafkaOutOfReach() {
    database = FreshDatabase.create();
    relayPort = StandaloneNotifier.closedPort();
    notifier =
        StandaloneNotifier.start(
            database,
            Map.of(
                "spring.kafka.bootstrap-servers",
                "127.0.0.1:" + relayPort,
                "milepost.ingest.api-keys",
                TENANT + ":" + KEY,
                "milepost.rules.publish-timeout",
                "PT1S",
                "milepost.rules.republish-interval",
                "PT0.5S"));
  }

  @AfterAll
  static void stop() throws IOException {
    if (notifier != null) {
      notifier.close();
    }
    if (relay != null) {
      relay.close();
    }
    database.close();
  }

  @Test
  void rulesStoredWhileKafkaIsDownArePublishedOnceItIsBack() throws Exception {
    HttpResponse<String> put =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://localhost:" + notifier.port() + "/api/v1/rules"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + KEY)
                .PUT(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"tenantId\": \"" + TENANT + "\", \"silenceLimit\": \"PT45M\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(put.statusCode()).as(put.body()).isEqualTo(202);
    assertThat(put.headers().firstValue("ETag")).hasValue("\"1\"");
    assertThat(publishedRevision()).isZero();

    relay = Relay.open(relayPort, kafka.bootstrapServers());

    await().atMost(Duration.ofSeconds(60)).until(() -> publishedRevision() == 1);
    List<ConsumerRecord<String, byte[]>> onKafka =
        kafka
            .read(Topics.RULES, false, Integer.MAX_VALUE, Duration.ofSeconds(3), Duration.ZERO)
            .stream()
            .filter(record -> TENANT.equals(record.key()))
            .toList();
    assertThat(onKafka).hasSize(1);
    Rules published = WireCodec.RULES.decode(onKafka.get(0).value());
    assertThat(published.revision()).isEqualTo(1);
    assertThat(published.silenceLimit()).isEqualTo(Duration.ofMinutes(45));
  }

  private static long publishedRevision() throws SQLException {
    try (Connection connection = database.connect();
        ResultSet result =
            connection
                .createStatement()
                .executeQuery(
                    "SELECT published_revision FROM tenant_rules WHERE tenant_id = '"
                        + TENANT
                        + "'")) {
      return result.next() ? result.getLong(1) : -1;
    }
  }

  /** A TCP relay from a local port to the broker: Kafka "comes back" when it opens. */
  private static final class Relay implements AutoCloseable {
    private final ServerSocket server;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    private Relay(ServerSocket server) {
      this.server = server;
    }

    static Relay open(int port, String target) throws IOException {
      String[] hostPort = target.split(",")[0].split(":");
      Relay relay = new Relay(new ServerSocket(port, 50, InetAddress.getByName("127.0.0.1")));
      Thread acceptor =
          new Thread(
              () -> {
                while (!relay.server.isClosed()) {
                  try {
                    Socket client = relay.server.accept();
                    Socket broker = new Socket(hostPort[0], Integer.parseInt(hostPort[1]));
                    relay.sockets.add(client);
                    relay.sockets.add(broker);
                    pump(client, broker);
                    pump(broker, client);
                  } catch (IOException e) {
                    // closed
                  }
                }
              },
              "kafka-relay");
      acceptor.setDaemon(true);
      acceptor.start();
      return relay;
    }

    private static void pump(Socket from, Socket to) {
      Thread thread =
          new Thread(
              () -> {
                try (InputStream in = from.getInputStream();
                    OutputStream out = to.getOutputStream()) {
                  in.transferTo(out);
                } catch (IOException e) {
                  // one side closed
                } finally {
                  try {
                    to.close();
                    from.close();
                  } catch (IOException e) {
                    // already closed
                  }
                }
              },
              "kafka-relay-pump");
      thread.setDaemon(true);
      thread.start();
    }

    @Override
    public void close() throws IOException {
      server.close();
      for (Socket socket : sockets) {
        socket.close();
      }
    }
  }
}
