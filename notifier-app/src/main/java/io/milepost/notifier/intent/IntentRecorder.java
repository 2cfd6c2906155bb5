package io.milepost.notifier.intent;

import io.milepost.notifier.PublicUrls;
import io.milepost.notifier.Timestamps;
import io.milepost.notifier.contact.Contact;
import io.milepost.notifier.contact.Contacts;
import io.milepost.notifier.contact.ContactsOfPoll;
import io.milepost.notifier.csat.Surveys;
import io.milepost.notifier.customer.Customer;
import io.milepost.notifier.customer.Customers;
import io.milepost.notifier.customer.PhoneNumbers;
import io.milepost.notifier.customer.SendingRules;
import io.milepost.notifier.customer.TimeZones;
import io.milepost.notifier.job.InstanceKey;
import io.milepost.notifier.job.Job;
import io.milepost.notifier.job.JobMessage;
import io.milepost.notifier.job.JobRepository;
import io.milepost.notifier.job.Tenants;
import io.milepost.notifier.rules.RulesStore;
import io.milepost.notifier.sms.NotificationStatus;
import io.milepost.notifier.sms.Notifications;
import io.milepost.notifier.words.SmsFacts;
import io.milepost.notifier.words.SmsTexts;
import io.milepost.notifier.words.TemplateKind;
import io.milepost.schemas.Intent;
import io.milepost.schemas.IntentKind;
import io.milepost.schemas.Rules;
import io.milepost.schemas.Stage;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns a poll of intents into outbox rows, in one transaction with the record that they were
 * processed: either both exist or neither, so a redelivered intent never becomes a second SMS. In
 * the same transaction, under the job instances' row locks, it decides whether each intent is news
 * to its instance's customer at all: news told once is never told again, whatever the intent id.
 *
 * <p>A whole poll takes a handful of statements whatever its size: what is stored is read once
 * (processed ids, instances, what was told, which instances have a live SMS, contacts), each intent
 * is decided in memory in turn against what the intents before it left, and what changed is written
 * once per table. The outcome is that of recording the intents one at a time in that order.
 */
@Service
public class IntentRecorder {
  private static final Logger log = LoggerFactory.getLogger(IntentRecorder.class);

  /** Kinds that recur without a stage change: told once per (instance, kind, occurrence). */
  static final Set<IntentKind> RECURRING =
      EnumSet.of(
          IntentKind.ETA_CHANGED,
          IntentKind.DELAY_RISK,
          IntentKind.STAGE_OVERRUN,
          IntentKind.SILENCE);

  private final ProcessedIntents processed;
  private final JobRepository jobs;
  private final ToldNews told;
  private final Contacts contacts;
  private final Tenants tenants;
  private final Notifications notifications;
  private final PublicUrls urls;
  private final RulesStore rules;
  private final Customers customers;
  private final SendingRules sendingRules;
  private final Clock clock;
  private final SmsTexts texts;
  private final Surveys surveys;

  IntentRecorder(
      ProcessedIntents processed,
      JobRepository jobs,
      ToldNews told,
      Contacts contacts,
      Tenants tenants,
      Notifications notifications,
      PublicUrls urls,
      RulesStore rules,
      Customers customers,
      SendingRules sendingRules,
      Clock clock,
      SmsTexts texts,
      Surveys surveys) {
    this.processed = processed;
    this.jobs = jobs;
    this.told = told;
    this.contacts = contacts;
    this.tenants = tenants;
    this.notifications = notifications;
    this.urls = urls;
    this.rules = rules;
    this.customers = customers;
    this.sendingRules = sendingRules;
    this.clock = clock;
    this.texts = texts;
    this.surveys = surveys;
  }

  /**
   * Records a poll of intents, one after the other in the order the job ids' locks are taken in
   * ({@link JobRepository#lockOrder}; stable: a job's intents keep their order), the order the
   * board listener locks a whole poll's job ids in, so the two wait for each other instead of
   * deadlocking.
   *
   * @return the ids of the SMS ready to send, to be dispatched after commit; none for a duplicate,
   *     for news already told, or when no SMS can be sent
   */
  @Transactional
  public List<Long> recordAll(List<Intent> intents) {
    List<Intent> ordered =
        intents.stream()
            .sorted(
                Comparator.comparingInt((Intent intent) -> JobRepository.lockOrder(intent.key()))
                    .thenComparing(Intent::key))
            .toList();
    Set<String> firstSeen = processed.markProcessed(ordered);
    List<Intent> fresh = new ArrayList<>();
    for (Intent intent : ordered) {
      // An id twice in one poll: the second is a redelivery like any other.
      if (firstSeen.remove(intent.intentId())) {
        fresh.add(intent);
      }
    }
    if (fresh.isEmpty()) {
      return List.of();
    }
    List<Optional<Job>> reached = jobs.lockInstances(fresh.stream().map(JobMessage::of).toList());
    Set<InstanceKey> instances = new LinkedHashSet<>();
    reached.forEach(job -> job.ifPresent(each -> instances.add(each.instanceKey())));
    Set<List<String>> phones = new LinkedHashSet<>();
    for (Intent intent : fresh) {
      if (intent.customer() != null && intent.customer().phone() != null) {
        phones.add(List.of(intent.tenantId(), intent.customer().phone()));
      }
    }
    List<ToldNews.Occurrence> occurrences = new ArrayList<>();
    // Every tenant's rules: the location's time zone places quiet hours for a customer who named
    // none, whatever the kind of news.
    Set<String> tenantsToTell = new LinkedHashSet<>();
    fresh.forEach(intent -> tenantsToTell.add(intent.tenantId()));
    for (int i = 0; i < fresh.size(); i++) {
      Intent intent = fresh.get(i);
      if (RECURRING.contains(intent.kind())
          && intent.occurrence() != null
          && reached.get(i).isPresent()) {
        occurrences.add(
            new ToldNews.Occurrence(
                reached.get(i).get().instanceKey(),
                intent.kind(),
                intent.occurrence(),
                intent.occurredAt(),
                intent.intentId()));
        tenantsToTell.add(intent.tenantId());
      }
    }
    ContactsOfPoll contactsOfPoll = contacts.read(instances, phones);
    // The customers who own the poll's phones: those its intents bring and those its contacts have.
    for (InstanceKey instance : instances) {
      contactsOfPoll
          .find(instance)
          .map(Contact::phone)
          .ifPresent(phone -> phones.add(List.of(instance.tenantId(), phone)));
    }
    Poll poll =
        new Poll(
            told.stages(instances),
            told.rememberOccurrences(occurrences),
            rules.findAll(tenantsToTell),
            new HashSet<>(notifications.withLiveSms(instances)),
            contactsOfPoll,
            new HashMap<>(customers.findAll(phones)),
            clock.instant());
    for (int i = 0; i < fresh.size(); i++) {
      Intent intent = fresh.get(i);
      if (reached.get(i).isEmpty()) {
        log.debug(
            "intent {} is about an earlier use of its job id: told nothing", intent.intentId());
        continue;
      }
      record(intent, reached.get(i).get(), poll);
    }
    // Customers first: each stored contact links to the customer who owns its phone.
    customers.saw(poll.seen);
    contacts.store(poll.contacts);
    told.remember(poll.tellings);
    List<Long> ids = notifications.addAll(poll.sms);
    surveys.scheduleAll(poll.surveys);
    List<Long> toSend = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      if (poll.sms.get(i).status() == NotificationStatus.PENDING) {
        toSend.add(ids.get(i));
      }
    }
    return toSend;
  }

  /** One intent about a job instance it reached, decided against what the poll so far left. */
  private void record(Intent intent, Job job, Poll poll) {
    InstanceKey instance = job.instanceKey();
    boolean reachableAnew =
        intent.customer() != null && poll.contacts.upsert(instance, intent.customer());
    if (intent.customer() != null) {
      poll.saw(instance, intent.customer(), reachableAnew);
    }
    List<ToldOnce.Told> toldSoFar = poll.told(instance);
    switch (intent.kind()) {
      case STAGE_CHANGED -> {
        if (ToldOnce.isNews(toldSoFar, intent.stage(), intent.occurredAt())) {
          poll.stageTold(instance, intent.stage(), intent.occurredAt(), intent);
          tell(
              intent,
              job,
              link ->
                  write(
                      intent.stagesPassed().isEmpty()
                          ? TemplateKind.STAGE_CHANGED
                          : TemplateKind.STAGE_DIGEST,
                      job,
                      poll,
                      facts(intent, job, poll, intent.stage(), null, link)),
              poll.isFirst(instance),
              poll);
          if (surveys.after(intent.stage())) {
            poll.contacts
                .find(instance)
                .filter(Contact::canReceiveSms)
                .ifPresent(contact -> poll.surveys.add(new Surveys.Due(instance, contact.phone())));
          }
        } else {
          log.debug("intent {} is news already told: nothing sent", intent.intentId());
          if (reachableAnew) {
            catchUp(intent, job, toldSoFar, poll);
          }
        }
      }
      // Details without news: the customer hears nothing because of them, unless they make a
      // customer who has heard nothing yet reachable.
      case CONTACT_CHANGED -> {
        if (reachableAnew) {
          catchUp(intent, job, toldSoFar, poll);
        }
      }
      // Told once per (instance, kind, occurrence), whatever the intent id: the poll remembered
      // each occurrence before deciding (ToldNews.rememberOccurrences), and only the intent whose
      // occurrence was new tells it.
      case ETA_CHANGED, DELAY_RISK, STAGE_OVERRUN, SILENCE -> {
        if (poll.firstTelling(instance, intent)) {
          tell(
              intent,
              job,
              link -> recurringText(intent, job, poll, link),
              poll.isFirst(instance),
              poll);
        } else {
          log.debug(
              "intent {}: {} occurrence {} was told already: nothing sent",
              intent.intentId(),
              intent.kind(),
              intent.occurrence());
          if (reachableAnew) {
            catchUp(intent, job, toldSoFar, poll);
          }
        }
      }
    }
  }

  /** The text of a recurring kind, in the customer's time zone, else the location's, else UTC. */
  private String recurringText(Intent intent, Job job, Poll poll, String link) {
    TemplateKind kind =
        switch (intent.kind()) {
          case ETA_CHANGED -> TemplateKind.ETA_CHANGED;
          case DELAY_RISK -> TemplateKind.DELAY_RISK;
          case STAGE_OVERRUN -> TemplateKind.STAGE_OVERRUN;
          case SILENCE -> TemplateKind.SILENCE;
          case STAGE_CHANGED, CONTACT_CHANGED ->
              throw new IllegalArgumentException("not a recurring kind: " + intent.kind());
        };
    return write(
        kind,
        job,
        poll,
        facts(intent, job, poll, intent.stage(), poll.zone(intent, job.instanceKey()), link));
  }

  /**
   * What a text about {@code intent} may say: the customer's name from the instance's contact (the
   * intent's own details were merged into it already), the rest from the intent.
   *
   * @param zone where the customer reads times; null for texts that say none
   */
  private SmsFacts facts(Intent intent, Job job, Poll poll, Stage stage, ZoneId zone, String link) {
    return new SmsFacts(
        tenants.displayName(job.tenantId()),
        poll.contacts.find(job.instanceKey()).map(Contact::name).orElse(null),
        stage == intent.stage() ? intent.note() : null,
        link,
        intent.journey(),
        stage,
        stage == intent.stage() ? intent.stagesPassed() : List.of(),
        intent.etaAt(),
        intent.promisedAt(),
        intent.reason(),
        zone,
        intent.occurredAt());
  }

  /** The text in the customer's language (the contact's locale), as the tenant words it. */
  private String write(TemplateKind kind, Job job, Poll poll, SmsFacts facts) {
    String locale = poll.contacts.find(job.instanceKey()).map(Contact::locale).orElse(null);
    return texts.write(kind, job.tenantId(), SmsTexts.locale(locale), facts).text();
  }

  /**
   * A phone arrived (or changed) for a customer who has no message in this instance yet, e.g. the
   * first check-in carried none: tell them where the job is now, once. A customer who heard from us
   * already is told nothing because of new details.
   */
  private void catchUp(Intent intent, Job job, List<ToldOnce.Told> toldSoFar, Poll poll) {
    if (!poll.isFirst(job.instanceKey())) {
      return;
    }
    Stage stage;
    if (ToldOnce.isNews(toldSoFar, intent.stage(), intent.occurredAt())) {
      // The engine is further on than any stage news that reached us (a digest still holds it):
      // tell the stage it names, and remember it, so its own news is old when it comes.
      stage = intent.stage();
      poll.stageTold(job.instanceKey(), stage, intent.occurredAt(), intent);
    } else if (!toldSoFar.isEmpty()) {
      stage = toldSoFar.get(toldSoFar.size() - 1).stage();
    } else {
      return;
    }
    Stage toTell = stage;
    tell(
        intent,
        job,
        link ->
            write(
                TemplateKind.STAGE_CHANGED,
                job,
                poll,
                facts(intent, job, poll, toTell, null, link).withoutNote()),
        true,
        poll);
  }

  /**
   * An SMS to the instance's contact if they can receive one: PENDING, or HELD until the end of
   * their quiet hours (the dispatcher judges again when it claims it); else a SKIPPED row saying
   * why (no phone, blocked, opted out, web only).
   *
   * @param text the body, given the tracking link (null when this is not the first text)
   * @param first whether this is the instance's first text ({@link Poll#isFirst}), known already
   *     where the caller had to ask
   */
  private void tell(
      Intent intent, Job job, Function<String, String> text, boolean first, Poll poll) {
    InstanceKey instance = job.instanceKey();
    Optional<Contact> contact = poll.contacts.find(instance);
    String body = text.apply(first ? urls.trackingPage(job.trackingToken()) : null);
    if (contact.isPresent() && contact.get().canReceiveSms()) {
      String phone = contact.get().phone();
      SendingRules.Verdict verdict =
          sendingRules.judge(
              instance.tenantId(),
              poll.customers.get(List.of(instance.tenantId(), phone)),
              poll.zone(intent, instance),
              poll.now);
      switch (verdict.kind()) {
        case SEND -> {
          poll.sms.add(
              new Notifications.NewSms(
                  intent.intentId(), instance, phone, body, NotificationStatus.PENDING, null));
          poll.live.add(instance);
        }
        // Not live: a later text of this instance carries the link again, so the one that
        // survives the night has it (see Notifications#releaseHeld).
        case HOLD ->
            poll.sms.add(
                new Notifications.NewSms(
                    intent.intentId(),
                    instance,
                    phone,
                    body,
                    NotificationStatus.HELD,
                    verdict.reason(),
                    verdict.holdUntil()));
        case SKIP ->
            poll.sms.add(
                new Notifications.NewSms(
                    intent.intentId(),
                    instance,
                    phone,
                    body,
                    NotificationStatus.SKIPPED,
                    verdict.reason()));
      }
      return;
    }
    String reason =
        contact
            .map(Contact::smsBlockedReason)
            .filter(blocked -> blocked != null)
            .map(blocked -> "no SMS: " + blocked)
            .orElse("no SMS: no phone number on file for this job");
    poll.sms.add(
        new Notifications.NewSms(
            intent.intentId(),
            instance,
            contact.map(Contact::phone).orElse(null),
            body,
            NotificationStatus.SKIPPED,
            reason));
  }

  /**
   * What the poll's job instances hold while its intents are decided one after the other: read once
   * before the first, changed in memory by each, written once after the last.
   */
  private static final class Poll {
    private final Map<InstanceKey, List<ToldOnce.Told>> told;
    // The occurrences remembered by this poll for the first time, until the intent that tells each.
    private final Set<List<Object>> newOccurrences;
    private final Map<String, Rules> rules;
    private final Set<InstanceKey> live;
    private final ContactsOfPoll contacts;
    // The customers of the poll's phones by (tenant id, phone), as stored and then as the poll's
    // events changed them; a phone not stored yet has an unsaved customer once an event names it.
    private final Map<List<String>, Customer> customers;
    private final List<Customers.Seen> seen = new ArrayList<>();
    private final Instant now;
    private final List<ToldNews.Telling> tellings = new ArrayList<>();
    private final List<Notifications.NewSms> sms = new ArrayList<>();
    private final List<Surveys.Due> surveys = new ArrayList<>();

    Poll(
        Map<InstanceKey, List<ToldOnce.Told>> told,
        Set<List<Object>> newOccurrences,
        Map<String, Rules> rules,
        Set<InstanceKey> live,
        ContactsOfPoll contacts,
        Map<List<String>, Customer> customers,
        Instant now) {
      this.told = told;
      this.newOccurrences = newOccurrences;
      this.rules = rules;
      this.live = live;
      this.contacts = contacts;
      this.customers = customers;
      this.now = now;
      // Whoever reads a contact in this poll (texts, zones, locale) reads the customer's values.
      contacts.viewThrough(
          contact ->
              contact.phone() == null
                  ? contact
                  : asSeenBy(contact, customers.get(List.of(contact.tenantId(), contact.phone()))));
    }

    /**
     * What an intent said about the instance's customer updates the customer who owns the phone
     * (not a copy). When the phone is new to the instance, everything the job knows of the person
     * goes with it (a name that came before the phone).
     */
    void saw(InstanceKey instance, io.milepost.schemas.Customer said, boolean phoneIsNew) {
      Optional<Contact> contact = contacts.find(instance);
      String phone = contact.map(Contact::phone).orElse(null);
      if (!PhoneNumbers.isE164(phone)) {
        return;
      }
      Contact own = contacts.own(instance).orElseThrow();
      Customers.Seen update =
          phoneIsNew
              ? new Customers.Seen(
                  instance.tenantId(), phone, own.name(), own.locale(), own.timeZone())
              : new Customers.Seen(
                  instance.tenantId(), phone, said.name(), said.locale(), said.timeZone());
      seen.add(update);
      List<String> key = List.of(instance.tenantId(), phone);
      Customer before = customers.getOrDefault(key, Customer.unsaved(instance.tenantId(), phone));
      customers.put(key, before.seen(update.name(), update.locale(), update.timeZone()));
    }

    /** The contact with the customer's name, locale and time zone where the customer has them. */
    private static Contact asSeenBy(Contact contact, Customer customer) {
      if (customer == null) {
        return contact;
      }
      return new Contact(
          contact.tenantId(),
          contact.jobId(),
          contact.instance(),
          customer.name() != null ? customer.name() : contact.name(),
          contact.phone(),
          customer.effectiveLocale() != null ? customer.effectiveLocale() : contact.locale(),
          customer.preferredTimeZone() != null
              ? customer.preferredTimeZone()
              : customer.timeZone() != null ? customer.timeZone() : contact.timeZone(),
          contact.smsBlockedReason());
    }

    /** The stages told in this instance, in the order they were last told. */
    List<ToldOnce.Told> told(InstanceKey instance) {
      return List.copyOf(told.get(instance));
    }

    /** Remembers that {@code stage} was told for its entry at {@code occurredAt}. */
    void stageTold(InstanceKey instance, Stage stage, Instant occurredAt, Intent intent) {
      Instant stored = Timestamps.asStored(occurredAt);
      told.put(instance, ToldOnce.afterTelling(told.get(instance), stage, stored));
      tellings.add(new ToldNews.Telling(instance, stage, stored, intent.intentId()));
    }

    /**
     * Whether this intent tells its occurrence: true once per (instance, kind, occurrence), for the
     * first intent of the poll that names an occurrence no earlier poll remembered.
     */
    boolean firstTelling(InstanceKey instance, Intent intent) {
      return intent.occurrence() != null
          && newOccurrences.remove(List.of(instance, intent.kind(), intent.occurrence()));
    }

    /**
     * Where the customer reads the time: their own time zone if known (and valid), else the
     * location's from the tenant's rules, else UTC.
     */
    ZoneId zone(Intent intent, InstanceKey instance) {
      return TimeZones.forCustomer(
          contacts.find(instance).map(Contact::timeZone).orElse(null),
          rules.getOrDefault(intent.tenantId(), Rules.defaults(intent.tenantId())),
          intent.locationId());
    }

    /** Whether nothing went out or will to this instance yet: only the first text has the link. */
    boolean isFirst(InstanceKey instance) {
      return !live.contains(instance);
    }
  }
}
