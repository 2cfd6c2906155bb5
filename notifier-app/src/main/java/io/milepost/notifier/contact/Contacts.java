package io.milepost.notifier.contact;

import io.milepost.schemas.Customer;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class Contacts {
  private final JdbcClient jdbc;

  Contacts(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Records who to tell about a job; later fields win, missing ones keep what was known. */
  public void upsert(String tenantId, String jobId, Customer customer) {
    jdbc.sql(
            "INSERT INTO contacts (tenant_id, job_id, name, phone, locale, time_zone)"
                + " VALUES (:tenant, :job, :name, :phone, :locale, :zone)"
                + " ON CONFLICT (tenant_id, job_id) DO UPDATE SET"
                + " name = COALESCE(EXCLUDED.name, contacts.name),"
                + " phone = COALESCE(EXCLUDED.phone, contacts.phone),"
                + " locale = COALESCE(EXCLUDED.locale, contacts.locale),"
                + " time_zone = COALESCE(EXCLUDED.time_zone, contacts.time_zone),"
                + " updated_at = now()")
        .param("tenant", tenantId)
        .param("job", jobId)
        .param("name", customer.name())
        .param("phone", customer.phone())
        .param("locale", customer.locale())
        .param("zone", customer.timeZone())
        .update();
  }

  public Optional<Contact> find(String tenantId, String jobId) {
    return jdbc.sql(
            "SELECT tenant_id, job_id, name, phone, locale, time_zone, sms_blocked_reason"
                + " FROM contacts WHERE tenant_id = :tenant AND job_id = :job")
        .param("tenant", tenantId)
        .param("job", jobId)
        .query(
            (row, n) ->
                new Contact(
                    row.getString("tenant_id"),
                    row.getString("job_id"),
                    row.getString("name"),
                    row.getString("phone"),
                    row.getString("locale"),
                    row.getString("time_zone"),
                    row.getString("sms_blocked_reason")))
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
}
