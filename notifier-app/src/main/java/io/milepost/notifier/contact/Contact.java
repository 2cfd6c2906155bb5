package io.milepost.notifier.contact;

/**
 * The person one job instance's messages go to. PII: stored only in PostgreSQL.
 *
 * @param instance the job instance (see {@code Job.instance}): a reused job id has a new contact
 * @param smsBlockedReason why SMS must not be sent to this phone any more, or null
 */
public record Contact(
    String tenantId,
    String jobId,
    long instance,
    String name,
    String phone,
    String locale,
    String timeZone,
    String smsBlockedReason) {

  public boolean canReceiveSms() {
    return phone != null && smsBlockedReason == null;
  }
}
