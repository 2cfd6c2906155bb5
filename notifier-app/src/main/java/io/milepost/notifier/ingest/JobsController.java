package io.milepost.notifier.ingest;

import io.milepost.notifier.PublicUrls;
import io.milepost.notifier.job.Job;
import io.milepost.notifier.job.JobRepository;
import io.milepost.schemas.Alert;
import io.milepost.schemas.Reason;
import io.milepost.schemas.TimelineEntry;
import java.time.Instant;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A tenant's jobs as the notifier knows them, with each job's tracking link. */
@RestController
class JobsController {
  private final JobRepository jobs;
  private final PublicUrls urls;

  JobsController(JobRepository jobs, PublicUrls urls) {
    this.jobs = jobs;
    this.urls = urls;
  }

  record JobSummary(
      String jobId,
      String locationId,
      String journey,
      String stage,
      long version,
      String trackingUrl,
      Instant etaAt,
      Reason etaReason,
      List<Alert> alerts,
      Instant updatedAt) {}

  record JobDetails(
      String jobId,
      String locationId,
      String journey,
      String stage,
      long version,
      String trackingToken,
      String trackingUrl,
      Instant etaAt,
      Reason etaReason,
      Instant promisedAt,
      String note,
      List<Alert> alerts,
      List<TimelineEntry> timeline,
      Instant updatedAt) {}

  @GetMapping("/api/v1/jobs")
  List<JobSummary> list(
      @AuthenticationPrincipal ApiTenant tenant, @RequestParam(defaultValue = "100") int limit) {
    return jobs.findByTenant(tenant.tenantId(), Math.max(1, Math.min(limit, 1000))).stream()
        .map(
            job ->
                new JobSummary(
                    job.jobId(),
                    job.locationId(),
                    job.journey().wireName(),
                    job.stage().name(),
                    job.version(),
                    urls.trackingPage(job.trackingToken()),
                    job.etaAt(),
                    job.etaReason(),
                    job.alerts(),
                    job.updatedAt()))
        .toList();
  }

  @GetMapping("/api/v1/jobs/{jobId}")
  JobDetails one(@AuthenticationPrincipal ApiTenant tenant, @PathVariable String jobId) {
    Job job =
        jobs.find(tenant.tenantId(), jobId).orElseThrow(() -> new JobNotFoundException(jobId));
    return new JobDetails(
        job.jobId(),
        job.locationId(),
        job.journey().wireName(),
        job.stage().name(),
        job.version(),
        job.trackingToken(),
        urls.trackingPage(job.trackingToken()),
        job.etaAt(),
        job.etaReason(),
        job.promisedAt(),
        job.note(),
        job.alerts(),
        job.timeline(),
        job.updatedAt());
  }

  static class JobNotFoundException extends RuntimeException {
    JobNotFoundException(String jobId) {
      super("No job '" + jobId + "' is known for this tenant.");
    }
  }
}
