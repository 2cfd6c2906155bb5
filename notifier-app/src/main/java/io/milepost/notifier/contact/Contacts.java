package io.milepost.notifier.contact;

import io.milepost.notifier.job.InstanceKey;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * One contact per job instance: a job id reused after its terminal stage starts with no contact, so
 * the previous customer's phone never receives the new customer's news.
 */
@Repository
public class Contacts {
  private static final String COLUMNS =
      "tenant_id, job_id, instance, name, phone, locale, time_zone, sms_blocked_reason";

  private final JdbcClient jdbc;

  Contacts(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The contacts of these job instances, and the rows that block any of {@code phones} at their
   * tenant, in one statement: to be changed in memory as a poll's intents are recorded ({@link
   * ContactsOfPoll#upsert}) and written with {@link #store}. Call with the instances locked.
   *
   * @param phones (tenant id, phone) pairs the poll's customers bring
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public ContactsOfPoll read(Collection<InstanceKey> instances, Collection<List<String>> phones) {
    Set<InstanceKey> wanted = Set.copyOf(instances);
    Map<InstanceKey, Contact> found = new HashMap<>();
    Map<List<String>, Map<InstanceKey, String>> blocked = new HashMap<>();
    if (wanted.isEmpty()) {
      return new ContactsOfPoll(found, blocked);
    }
    jdbc.sql(
            "SELECT c.* FROM unnest(CAST(? AS text[]), CAST(? AS text[]), CAST(? AS bigint[]))"
                + " AS k(tenant_id, job_id, instance) CROSS JOIN LATERAL (SELECT "
                + COLUMNS
                + " FROM contacts WHERE contacts.tenant_id = k.tenant_id AND contacts.job_id ="
                + " k.job_id AND contacts.instance = k.instance) AS c UNION SELECT b.* FROM"
                + " unnest(CAST(? AS text[]), CAST(? AS text[])) AS p(tenant_id, phone)"
                + " CROSS JOIN LATERAL (SELECT "
                + COLUMNS
                + " FROM contacts WHERE contacts.tenant_id = p.tenant_id AND contacts.phone ="
                + " p.phone AND contacts.sms_blocked_reason IS NOT NULL) AS b")
        .params(
            wanted.stream().map(InstanceKey::tenantId).toArray(String[]::new),
            wanted.stream().map(InstanceKey::jobId).toArray(String[]::new),
            wanted.stream().map(InstanceKey::instance).toArray(Long[]::new),
            phones.stream().map(pair -> pair.get(0)).toArray(String[]::new),
            phones.stream().map(pair -> pair.get(1)).toArray(String[]::new))
        .query(Contacts::map)
        .list()
        .forEach(
            contact -> {
              InstanceKey key =
                  new InstanceKey(contact.tenantId(), contact.jobId(), contact.instance());
              if (wanted.contains(key)) {
                found.put(key, contact);
              }
              if (contact.smsBlockedReason() != null && contact.phone() != null) {
                blocked
                    .computeIfAbsent(
                        List.of(contact.tenantId(), contact.phone()), k -> new LinkedHashMap<>())
                    .put(key, contact.smsBlockedReason());
              }
            });
    return new ContactsOfPoll(found, blocked);
  }

  /** The customer who owns the phone of row {@code u}: recorded (Customers.saw) before this. */
  private static final String CUSTOMER_OF_U =
      "(SELECT customers.id FROM customers WHERE customers.tenant_id = u.tenant_id AND"
          + " customers.phone = u.phone)";

  /**
   * Writes what {@link ContactsOfPoll#upsert} changed, each linked to the customer who owns its
   * phone (the customers of the poll are recorded first): the new contacts in one insert, the
   * changed ones in one update. A block recorded meanwhile ({@link #blockSms}) on a phone that did
   * not change stays.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void store(ContactsOfPoll poll) {
    List<Contact> changed = poll.changedStored();
    if (!changed.isEmpty()) {
      jdbc.sql(
              "UPDATE contacts SET name = u.name, phone = u.phone, locale = u.locale,"
                  + " time_zone = u.time_zone, sms_blocked_reason = CASE WHEN u.phone_changed"
                  + " THEN u.blocked ELSE contacts.sms_blocked_reason END, customer_id = "
                  + CUSTOMER_OF_U
                  + ", updated_at = now()"
                  + " FROM unnest(CAST(? AS text[]), CAST(? AS text[]), CAST(? AS bigint[]),"
                  + " CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]),"
                  + " CAST(? AS boolean[]), CAST(? AS text[])) AS u(tenant_id, job_id, instance,"
                  + " name, phone, locale, time_zone, phone_changed, blocked)"
                  + " WHERE contacts.tenant_id = u.tenant_id AND contacts.job_id = u.job_id"
                  + " AND contacts.instance = u.instance")
          .params(columns(changed, poll))
          .update();
    }
    List<Contact> added = poll.added();
    if (!added.isEmpty()) {
      jdbc.sql(
              "INSERT INTO contacts (tenant_id, job_id, instance, name, phone, locale, time_zone,"
                  + " sms_blocked_reason, customer_id) SELECT tenant_id, job_id, instance, name,"
                  + " phone, locale, time_zone, blocked, "
                  + CUSTOMER_OF_U
                  + " FROM unnest(CAST(? AS text[]), CAST(? AS text[]),"
                  + " CAST(? AS bigint[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]),"
                  + " CAST(? AS text[]), CAST(? AS boolean[]), CAST(? AS text[])) AS u(tenant_id,"
                  + " job_id, instance, name, phone, locale, time_zone, phone_changed, blocked)")
          .params(columns(added, poll))
          .update();
    }
  }

  private static Object[] columns(List<Contact> contacts, ContactsOfPoll poll) {
    return new Object[] {
      contacts.stream().map(Contact::tenantId).toArray(String[]::new),
      contacts.stream().map(Contact::jobId).toArray(String[]::new),
      contacts.stream().map(Contact::instance).toArray(Long[]::new),
      contacts.stream().map(Contact::name).toArray(String[]::new),
      contacts.stream().map(Contact::phone).toArray(String[]::new),
      contacts.stream().map(Contact::locale).toArray(String[]::new),
      contacts.stream().map(Contact::timeZone).toArray(String[]::new),
      contacts.stream()
          .map(c -> poll.phoneChanged(new InstanceKey(c.tenantId(), c.jobId(), c.instance())))
          .toArray(Boolean[]::new),
      contacts.stream().map(Contact::smsBlockedReason).toArray(String[]::new)
    };
  }

  /**
   * The contact of the job id's current instance; empty when that instance has none, even if an
   * earlier instance had one. Name, locale and time zone are the customer's (chosen, else from the
   * latest event of any of their jobs), else the job's own.
   */
  public Optional<Contact> find(String tenantId, String jobId) {
    return jdbc.sql(
            "SELECT c.tenant_id, c.job_id, c.instance, COALESCE(cu.name, c.name) AS name, c.phone,"
                + " COALESCE(cu.preferred_locale, cu.locale, c.locale) AS locale,"
                + " COALESCE(cu.preferred_time_zone, cu.time_zone, c.time_zone) AS time_zone,"
                + " c.sms_blocked_reason FROM contacts c LEFT JOIN customers cu ON cu.id ="
                + " c.customer_id WHERE c.tenant_id = :tenant AND c.job_id = :job AND c.instance"
                + " = (SELECT max(instance) FROM jobs WHERE tenant_id = :tenant AND job_id ="
                + " :job)")
        .param("tenant", tenantId)
        .param("job", jobId)
        .query(Contacts::map)
        .optional();
  }

  /**
   * The contact of one job instance, with the customer's name, locale and time zone (chosen, else
   * from their latest event) where the customer has them: whom a tracking link was sent to.
   */
  public Optional<Contact> find(InstanceKey instance) {
    return jdbc.sql(
            "SELECT c.tenant_id, c.job_id, c.instance, COALESCE(cu.name, c.name) AS name, c.phone,"
                + " COALESCE(cu.preferred_locale, cu.locale, c.locale) AS locale,"
                + " COALESCE(cu.preferred_time_zone, cu.time_zone, c.time_zone) AS time_zone,"
                + " c.sms_blocked_reason FROM contacts c LEFT JOIN customers cu ON cu.id ="
                + " c.customer_id WHERE c.tenant_id = :tenant AND c.job_id = :job AND c.instance"
                + " = :instance")
        .param("tenant", instance.tenantId())
        .param("job", instance.jobId())
        .param("instance", instance.instance())
        .query(Contacts::map)
        .optional();
  }

  /**
   * The language of each of these job instances' customers (chosen, else from their latest event,
   * else the contact's), in one statement: for a poll's pushes. An instance without a contact or a
   * language is left out.
   */
  public Map<InstanceKey, String> locales(Collection<InstanceKey> instances) {
    Map<InstanceKey, String> locales = new HashMap<>();
    if (instances.isEmpty()) {
      return locales;
    }
    jdbc
        .sql(
            "SELECT c.tenant_id, c.job_id, c.instance, COALESCE(cu.preferred_locale, cu.locale,"
                + " c.locale) AS locale FROM unnest(CAST(? AS text[]), CAST(? AS text[]), CAST(?"
                + " AS bigint[])) AS k(tenant_id, job_id, instance) JOIN contacts c ON c.tenant_id"
                + " = k.tenant_id AND c.job_id = k.job_id AND c.instance = k.instance LEFT JOIN"
                + " customers cu ON cu.id = c.customer_id")
        .params(
            instances.stream().map(InstanceKey::tenantId).toArray(String[]::new),
            instances.stream().map(InstanceKey::jobId).toArray(String[]::new),
            instances.stream().map(InstanceKey::instance).toArray(Long[]::new))
        .query(
            (row, n) ->
                new Spoken(
                    new InstanceKey(
                        row.getString("tenant_id"),
                        row.getString("job_id"),
                        row.getLong("instance")),
                    row.getString("locale")))
        .list()
        .stream()
        .filter(spoken -> spoken.locale() != null)
        .forEach(spoken -> locales.put(spoken.instance(), spoken.locale()));
    return locales;
  }

  private record Spoken(InstanceKey instance, String locale) {}

  /**
   * Why this tenant may not text this phone, if any of its jobs learnt so (STOP, invalid,
   * landline): a block follows the phone to the customer's later jobs, not only the job it was
   * learnt on.
   */
  public Optional<String> smsBlockedReason(String tenantId, String phone) {
    return jdbc.sql(
            "SELECT sms_blocked_reason FROM contacts WHERE tenant_id = :tenant AND phone = :phone"
                + " AND sms_blocked_reason IS NOT NULL ORDER BY updated_at DESC LIMIT 1")
        .param("tenant", tenantId)
        .param("phone", phone)
        .query(String.class)
        .optional();
  }

  /** A phone that can never receive SMS from this tenant (unsubscribed, invalid, landline). */
  public void blockSms(String tenantId, String phone, String reason) {
    jdbc.sql(
            "UPDATE contacts SET sms_blocked_reason = :reason, updated_at = now()"
                + " WHERE tenant_id = :tenant AND phone = :phone")
        .param("tenant", tenantId)
        .param("phone", phone)
        .param("reason", reason)
        .update();
  }

  private static Contact map(ResultSet row, int rowNum) throws SQLException {
    return new Contact(
        row.getString("tenant_id"),
        row.getString("job_id"),
        row.getLong("instance"),
        row.getString("name"),
        row.getString("phone"),
        row.getString("locale"),
        row.getString("time_zone"),
        row.getString("sms_blocked_reason"));
  }
}
