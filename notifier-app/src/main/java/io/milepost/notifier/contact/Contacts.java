package io.milepost.notifier.contact;

import io.milepost.schemas.Customer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
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
   * Records who to tell about a job instance; later fields win, missing ones keep what was known. A
   * new or changed phone takes the block its number has at this tenant, if any (an unsubscribed
   * number stays unsubscribed), and never the block of the number it replaces (a corrected number
   * can be reached). Call with the job instance locked.
   *
   * @return whether the phone is new or changed: the customer may now be reachable
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public boolean upsert(String tenantId, String jobId, long instance, Customer customer) {
    String before = find(tenantId, jobId, instance).map(Contact::phone).orElse(null);
    jdbc.sql(
            "INSERT INTO contacts (tenant_id, job_id, instance, name, phone, locale, time_zone,"
                + " sms_blocked_reason) VALUES (:tenant, :job, :instance, :name, :phone, :locale,"
                + " :zone, (SELECT b.sms_blocked_reason FROM contacts b WHERE b.tenant_id ="
                + " :tenant AND b.phone = :phone AND b.sms_blocked_reason IS NOT NULL LIMIT 1))"
                + " ON CONFLICT (tenant_id, job_id, instance) DO UPDATE SET"
                + " name = COALESCE(EXCLUDED.name, contacts.name),"
                + " phone = COALESCE(EXCLUDED.phone, contacts.phone),"
                + " locale = COALESCE(EXCLUDED.locale, contacts.locale),"
                + " time_zone = COALESCE(EXCLUDED.time_zone, contacts.time_zone),"
                + " sms_blocked_reason = CASE WHEN EXCLUDED.phone IS NULL"
                + " OR EXCLUDED.phone = contacts.phone THEN contacts.sms_blocked_reason"
                + " ELSE EXCLUDED.sms_blocked_reason END,"
                + " updated_at = now()")
        .param("tenant", tenantId)
        .param("job", jobId)
        .param("instance", instance)
        .param("name", customer.name())
        .param("phone", customer.phone())
        .param("locale", customer.locale())
        .param("zone", customer.timeZone())
        .update();
    return customer.phone() != null && !Objects.equals(before, customer.phone());
  }

  public Optional<Contact> find(String tenantId, String jobId, long instance) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM contacts WHERE tenant_id = :tenant AND job_id = :job"
                + " AND instance = :instance")
        .param("tenant", tenantId)
        .param("job", jobId)
        .param("instance", instance)
        .query(Contacts::map)
        .optional();
  }

  /**
   * The contact of the job id's current instance; empty when that instance has none, even if an
   * earlier instance had one.
   */
  public Optional<Contact> find(String tenantId, String jobId) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM contacts WHERE tenant_id = :tenant AND job_id = :job AND instance ="
                + " (SELECT max(instance) FROM jobs WHERE tenant_id = :tenant AND job_id = :job)")
        .param("tenant", tenantId)
        .param("job", jobId)
        .query(Contacts::map)
        .optional();
  }

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
