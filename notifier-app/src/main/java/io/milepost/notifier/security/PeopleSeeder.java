package io.milepost.notifier.security;

import io.milepost.notifier.job.Tenants;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Brings the people of {@code milepost.users} into PostgreSQL at every start, their passwords
 * hashed: the configuration is authoritative for the people it brought (one removed from it is
 * disabled), and never touches the people an admin made. Runs before the web server starts.
 */
@Component
class PeopleSeeder implements SmartInitializingSingleton {
  private static final Logger log = LoggerFactory.getLogger(PeopleSeeder.class);
  static final String CONFIGURATION = "configuration";

  private final UsersProperties properties;
  private final People people;
  private final Tenants tenants;
  private final PasswordEncoder passwords;
  private final TransactionTemplate transactions;

  PeopleSeeder(
      UsersProperties properties,
      People people,
      Tenants tenants,
      PasswordEncoder passwords,
      TransactionTemplate transactions) {
    this.properties = properties;
    this.people = people;
    this.tenants = tenants;
    this.passwords = passwords;
    this.transactions = transactions;
  }

  @Override
  public void afterSingletonsInstantiated() {
    Set<String> configured = new LinkedHashSet<>();
    transactions.executeWithoutResult(
        status -> {
          for (UsersProperties.Entry entry : properties.users().values()) {
            if (entry.username() == null || entry.role() == null || entry.tenant() == null) {
              throw new IllegalStateException(
                  "milepost.users: every person needs a username, a role and a tenant: " + entry);
            }
            tenants.ensure(entry.tenant());
            People.Person person =
                new People.Person(
                    entry.username(),
                    entry.tenant(),
                    entry.role(),
                    new LinkedHashSet<>(entry.locations()),
                    entry.locale() == null ? Locale.ENGLISH : Locale.forLanguageTag(entry.locale()),
                    true,
                    CONFIGURATION);
            if (!people.save(person, hash(entry.password()), CONFIGURATION, "configured")) {
              throw new IllegalStateException(
                  "milepost.users: " + entry.username() + " is a person of another tenant");
            }
            configured.add(entry.username());
          }
          int disabled = people.disableConfiguredExcept(configured);
          log.info(
              "People from configuration: {} active, {} no longer configured and disabled",
              configured.size(),
              disabled);
        });
  }

  /** Stored hashed whatever the configuration says: a {noop} password is hashed here. */
  private String hash(String configured) {
    if (configured == null || configured.isBlank()) {
      throw new IllegalStateException("milepost.users: every person needs a password");
    }
    if (configured.startsWith("{noop}")) {
      return passwords.encode(configured.substring("{noop}".length()));
    }
    if (configured.startsWith("{")) {
      return configured;
    }
    return passwords.encode(configured);
  }
}
