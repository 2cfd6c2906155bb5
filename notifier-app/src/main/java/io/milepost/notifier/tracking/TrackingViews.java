package io.milepost.notifier.tracking;

import io.milepost.notifier.job.Job;
import io.milepost.notifier.job.JobRepository;
import io.milepost.notifier.job.Tenants;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** Builds the customer's view of a job, by token or from a job just stored. */
@Service
public class TrackingViews {
  private final JobRepository jobs;
  private final Tenants tenants;

  TrackingViews(JobRepository jobs, Tenants tenants) {
    this.jobs = jobs;
    this.tenants = tenants;
  }

  public Optional<TrackingView> forToken(String token) {
    return jobs.findByToken(token).map(this::of);
  }

  public TrackingView of(Job job) {
    return TrackingView.of(job, tenants.displayName(job.tenantId()));
  }

  public boolean exists(String token) {
    return jobs.findByToken(token).isPresent();
  }
}
