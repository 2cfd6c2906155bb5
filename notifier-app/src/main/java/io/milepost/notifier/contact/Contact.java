package io.milepost.notifier.contact;

/**
 * The person a job's messages go to. PII: stored only in PostgreSQL.
 *
 * @param smsBlockedReason why SMS must not be sent to this phone any more, or null
 */
public record Contact(
    String tenantId,
    String jobId,
    String name,
    String phone,
    String locale,
    String timeZone,
    String smsBlockedReason) {

  public boolean canReceiveSms() {
    return phone != null && smsBlockedReason == null;
  }
}
