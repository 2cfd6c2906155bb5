package io.milepost.notifier.tracking;

import io.milepost.notifier.contact.Contact;
import io.milepost.notifier.contact.Contacts;
import io.milepost.notifier.customer.TimeZones;
import io.milepost.notifier.job.InstanceKey;
import io.milepost.notifier.job.Job;
import io.milepost.notifier.job.JobRepository;
import io.milepost.notifier.job.Locations;
import io.milepost.notifier.job.Tenants;
import io.milepost.notifier.rules.RulesStore;
import io.milepost.notifier.words.SmsTexts;
import io.milepost.notifier.words.Words;
import io.milepost.schemas.Rules;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * What a tracking link shows: nothing (unknown token), that the job is closed (some time after it
 * ended, see {@link TrackingProperties}), or the customer's view of the job in their language and
 * time zone. The one place that decides, for the page, its live fragment and the STOMP guard.
 */
@Service
public class TrackingViews {
  private final JobRepository jobs;
  private final Tenants tenants;
  private final Words words;
  private final Contacts contacts;
  private final Locations locations;
  private final RulesStore rules;
  private final Clock clock;
  private final TrackingProperties properties;

  TrackingViews(
      JobRepository jobs,
      Tenants tenants,
      Words words,
      Contacts contacts,
      Locations locations,
      RulesStore rules,
      Clock clock,
      TrackingProperties properties) {
    this.jobs = jobs;
    this.tenants = tenants;
    this.words = words;
    this.contacts = contacts;
    this.locations = locations;
    this.rules = rules;
    this.clock = clock;
    this.properties = properties;
  }

  /** What a link leads to. */
  sealed interface Link permits Unknown, Closed, Open {}

  /** No job has this token. */
  record Unknown() implements Link {}

  /**
   * The job closed longer ago than the link shows details for.
   *
   * @param locale the customer's language, null when not known
   */
  record Closed(String company, Locale locale) implements Link {}

  /**
   * The job, to be shown.
   *
   * @param locale the customer's language, null when not known (the page then follows the browser)
   * @param zone where the customer reads the clock
   */
  record Open(Job job, String company, Locale locale, ZoneId zone, Locations.Location place)
      implements Link {}

  Link link(String token) {
    Optional<Job> found = jobs.findByToken(token);
    if (found.isEmpty()) {
      return new Unknown();
    }
    Job job = found.get();
    Optional<Contact> contact = contacts.find(job.instanceKey());
    Locale locale = contact.map(Contact::locale).map(SmsTexts::locale).orElse(null);
    String company = tenants.displayName(job.tenantId());
    if (!properties.showsDetails(job, clock.instant())) {
      return new Closed(company, locale);
    }
    ZoneId zone =
        TimeZones.forCustomer(
            contact.map(Contact::timeZone).orElse(null),
            rules.find(job.tenantId()).orElseGet(() -> Rules.defaults(job.tenantId())),
            job.locationId());
    return new Open(
        job, company, locale, zone, locations.describe(job.tenantId(), job.locationId()));
  }

  /** The page's model of an open link, in {@code locale} (the page's language). */
  TrackingPage page(String token, Open open, Locale locale) {
    TrackingView view = TrackingView.of(open.job(), open.company(), words, locale);
    return TrackingPage.of(token, view, open.zone(), open.place(), clock.instant(), locale, words);
  }

  /**
   * The views pushed to these jobs' tracking pages when they changed (a poll's), with stage labels
   * in each customer's language (English when unknown): one statement for the whole poll, which the
   * board listener waits for.
   */
  public List<TrackingView> of(List<Job> changed) {
    Map<InstanceKey, String> locales =
        contacts.locales(changed.stream().map(Job::instanceKey).toList());
    return changed.stream()
        .map(
            job -> {
              Locale locale = SmsTexts.locale(locales.get(job.instanceKey()));
              return TrackingView.of(
                  job,
                  tenants.displayName(job.tenantId()),
                  words,
                  locale == null ? Locale.ENGLISH : locale);
            })
        .toList();
  }

  /**
   * Whether a page may follow this token live: a job has it and its details still show (a closed
   * page gets no updates).
   */
  public boolean followable(String token) {
    return jobs.findByToken(token)
        .map(job -> properties.showsDetails(job, clock.instant()))
        .orElse(false);
  }
}
