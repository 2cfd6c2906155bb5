package io.milepost.notifier.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.milepost.schemas.Topics;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RecordTenantTests {

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void theKeysPrefixNamesTheTenantFirstAsTheStreamJobCountsIt() {
    assertThat(RecordTenant.of(Topics.OPS_EVENTS, "acme-motors/RO-1", bytes("not json")))
        .isEqualTo("acme-motors");
    assertThat(
            RecordTenant.of(
                Topics.OPS_EVENTS, "acme-motors/RO-1", bytes("{\"tenantId\":\"swift-parcels\"}")))
        .isEqualTo("acme-motors");
  }

  @Test
  void withoutAKeyThePayloadsTenantIdNamesIt() {
    assertThat(RecordTenant.of(Topics.OPS_EVENTS, null, bytes("{\"tenantId\":\"acme-motors\"}")))
        .isEqualTo("acme-motors");
  }

  @Test
  void rulesAreKeyedByTheTenantAlone() {
    assertThat(RecordTenant.of(Topics.RULES, "acme-motors", bytes("{]"))).isEqualTo("acme-motors");
    assertThat(RecordTenant.of(Topics.OPS_EVENTS, "acme-motors", bytes("{]"))).isNull();
  }

  @Test
  void aRecordThatNamesNoOneIsNobodys() {
    assertThat(RecordTenant.of(Topics.OPS_EVENTS, null, new byte[] {(byte) 0xff, 0})).isNull();
    assertThat(RecordTenant.of(Topics.OPS_EVENTS, null, bytes("[1,2]"))).isNull();
    assertThat(RecordTenant.of(Topics.OPS_EVENTS, null, bytes("{\"tenantId\":42}"))).isNull();
    assertThat(RecordTenant.of(Topics.OPS_EVENTS, "/RO-1", bytes("{\"tenantId\":\"a b\"}")))
        .isNull();
    assertThat(RecordTenant.of(Topics.OPS_EVENTS, null, null)).isNull();
  }
}
