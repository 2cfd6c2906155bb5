package io.milepost.notifier.tracking;

import io.milepost.notifier.job.Job;
import io.milepost.notifier.job.JobRepository;
import io.milepost.notifier.job.Tenants;
import io.milepost.notifier.words.Words;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** Builds the customer's view of a job, by token or from a job just stored. */
@Service
public class TrackingViews {
  private final JobRepository jobs;
  private final Tenants tenants;
  private final Words words;

  TrackingViews(JobRepository jobs, Tenants tenants, Words words) {
    this.jobs = jobs;
    this.tenants = tenants;
    this.words = words;
  }

  public Optional<TrackingView> forToken(String token) {
    return jobs.findByToken(token).map(this::of);
  }

  public TrackingView of(Job job) {
    return TrackingView.of(job, tenants.displayName(job.tenantId()), words, TrackingHtml.LOCALE);
  }

  public boolean exists(String token) {
    return jobs.findByToken(token).isPresent();
  }
}
