package io.milepost.notifier.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TenantsTests {

  @Test
  void aTenantIdReadsAsACompanyNameUntilOneIsSet() {
    assertThat(Tenants.defaultDisplayName("acme-motors")).isEqualTo("Acme Motors");
    assertThat(Tenants.defaultDisplayName("swift_parcels.eu")).isEqualTo("Swift Parcels Eu");
  }
}
