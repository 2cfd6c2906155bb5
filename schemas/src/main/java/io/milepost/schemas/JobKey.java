package io.milepost.schemas;

/** The Kafka key shared by every topic that carries one job: {@code tenantId/jobId}. */
public final class JobKey {
  private JobKey() {}

  public static String of(String tenantId, String jobId) {
    return tenantId + "/" + jobId;
  }
}
