package io.milepost.notifier.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class UsersPropertiesTests {

  @Test
  void printingTheUsersShowsNoPassword() {
    UsersProperties users =
        new UsersProperties(
            java.util.Map.of(
                "0",
                new UsersProperties.Entry(
                    "dana",
                    "{noop}dealer-password",
                    Role.DEALER,
                    "acme-motors",
                    List.of("springfield"),
                    "en")));

    assertThat(users.toString()).contains("dana").doesNotContain("dealer-password");
  }
}
