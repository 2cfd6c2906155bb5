package io.milepost.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import io.milepost.testing.FreshDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** API keys from configuration follow it across restarts on the same database. */
class ApiKeysFollowConfigurationIntegrationTests {
  private static final String KEY_A = "acme-key-a-0001";
  private static final String KEY_B = "acme-key-b-0002";
  private static final String KEY_MADE_BY_HAND = "acme-key-by-hand-0003";
  private static final HttpClient http = HttpClient.newHttpClient();

  private FreshDatabase database;

  @BeforeEach
  void createDatabase() {
    database = FreshDatabase.create();
  }

  @AfterEach
  void dropDatabase() {
    database.close();
  }

  @Test
  void aKeyRemovedFromConfigurationStopsWorkingAtTheNextStart() throws Exception {
    try (StandaloneNotifier first = start("acme-motors:" + KEY_A + ",acme-motors:" + KEY_B)) {
      assertThat(jobsStatus(first, KEY_A)).isEqualTo(200);
      assertThat(jobsStatus(first, KEY_B)).isEqualTo(200);
      insertKeyByHand(KEY_MADE_BY_HAND, "acme-motors");
      assertThat(jobsStatus(first, KEY_MADE_BY_HAND)).isEqualTo(200);
    }

    try (StandaloneNotifier second = start("acme-motors:" + KEY_A)) {
      assertThat(jobsStatus(second, KEY_A)).isEqualTo(200);
      assertThat(jobsStatus(second, KEY_B)).isEqualTo(401);
      // Not configuration's to take away.
      assertThat(jobsStatus(second, KEY_MADE_BY_HAND)).isEqualTo(200);
    }

    // Configured again, it works again.
    try (StandaloneNotifier third = start("acme-motors:" + KEY_A + ",acme-motors:" + KEY_B)) {
      assertThat(jobsStatus(third, KEY_B)).isEqualTo(200);
    }
  }

  private StandaloneNotifier start(String apiKeys) {
    return StandaloneNotifier.start(database, Map.of("milepost.ingest.api-keys", apiKeys));
  }

  private static int jobsStatus(StandaloneNotifier notifier, String key) throws Exception {
    return http.send(
            HttpRequest.newBuilder(
                    URI.create("http://localhost:" + notifier.port() + "/api/v1/jobs"))
                .header("Authorization", "Bearer " + key)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  /** A key created another way than configuration: straight into the table, as an operator may. */
  private void insertKeyByHand(String key, String tenantId) throws Exception {
    String hash =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    try (Connection connection = database.connect();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO api_keys (key_hash, tenant_id) VALUES (?, ?)")) {
      insert.setString(1, hash);
      insert.setString(2, tenantId);
      insert.executeUpdate();
    }
  }
}
