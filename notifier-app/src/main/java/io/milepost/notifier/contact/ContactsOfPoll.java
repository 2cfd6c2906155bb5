package io.milepost.notifier.contact;

import io.milepost.notifier.job.InstanceKey;
import io.milepost.schemas.Customer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The contacts of the job instances one poll of intents reached, read in one statement ({@link
 * Contacts#read}), changed here in memory as the poll's intents are recorded one after the other,
 * and written in one or two ({@link Contacts#store}). Each change is what a single upsert of the
 * customer would have done at that point; the caller holds the instances' locks throughout.
 */
public final class ContactsOfPoll {
  private final Map<InstanceKey, Contact> contacts;
  private final Set<InstanceKey> stored;
  // Which rows of this tenant hold each phone with a block: a new or changed phone takes one.
  private final Map<List<String>, Map<InstanceKey, String>> blocked;
  private final Set<InstanceKey> touched = new LinkedHashSet<>();
  private final Set<InstanceKey> phoneChanged = new LinkedHashSet<>();
  // How a contact is seen by whoever decides and writes texts: the customer record's name, locale
  // and time zone win over the job's own copy (see IntentRecorder).
  private UnaryOperator<Contact> view = UnaryOperator.identity();

  ContactsOfPoll(
      Map<InstanceKey, Contact> contacts, Map<List<String>, Map<InstanceKey, String>> blocked) {
    this.contacts = new HashMap<>(contacts);
    this.stored = Set.copyOf(contacts.keySet());
    this.blocked = blocked;
  }

  /**
   * Records who to tell about a job instance; later fields win, missing ones keep what was known. A
   * new or changed phone takes the block its number has at this tenant, if any (an unsubscribed
   * number stays unsubscribed), and never the block of the number it replaces (a corrected number
   * can be reached).
   *
   * @return whether the phone is new or changed: the customer may now be reachable
   */
  public boolean upsert(InstanceKey instance, Customer customer) {
    Contact before = contacts.get(instance);
    String beforePhone = before == null ? null : before.phone();
    boolean moved = customer.phone() != null && !customer.phone().equals(beforePhone);
    String block;
    if (moved) {
      block = blockOf(instance.tenantId(), customer.phone());
      if (beforePhone != null) {
        blockedRows(instance.tenantId(), beforePhone).remove(instance);
      }
      if (block != null) {
        blockedRows(instance.tenantId(), customer.phone()).put(instance, block);
      }
      phoneChanged.add(instance);
    } else {
      block = before == null ? null : before.smsBlockedReason();
    }
    contacts.put(
        instance,
        new Contact(
            instance.tenantId(),
            instance.jobId(),
            instance.instance(),
            later(customer.name(), before == null ? null : before.name()),
            later(customer.phone(), beforePhone),
            later(customer.locale(), before == null ? null : before.locale()),
            later(customer.timeZone(), before == null ? null : before.timeZone()),
            block));
    touched.add(instance);
    return moved;
  }

  /** The instance's contact as texts should address them: through the view, if one was set. */
  public Optional<Contact> find(InstanceKey instance) {
    return Optional.ofNullable(contacts.get(instance)).map(view);
  }

  /** The instance's contact as the job's own events left it, not through the view. */
  public Optional<Contact> own(InstanceKey instance) {
    return Optional.ofNullable(contacts.get(instance));
  }

  /**
   * Sets how {@link #find} presents a contact, e.g. with the customer's preferred locale. What is
   * stored ({@link Contacts#store}) stays the job's own copy.
   */
  public void viewThrough(UnaryOperator<Contact> view) {
    this.view = view;
  }

  /** The changed contacts that exist in the database already, in the order first changed. */
  List<Contact> changedStored() {
    return touched.stream().filter(stored::contains).map(contacts::get).toList();
  }

  /** The contacts to insert, in the order first changed. */
  List<Contact> added() {
    return touched.stream().filter(key -> !stored.contains(key)).map(contacts::get).toList();
  }

  /** Whether the instance's phone changed: only then does its block come from here. */
  boolean phoneChanged(InstanceKey instance) {
    return phoneChanged.contains(instance);
  }

  private String blockOf(String tenantId, String phone) {
    return blockedRows(tenantId, phone).values().stream().findFirst().orElse(null);
  }

  private Map<InstanceKey, String> blockedRows(String tenantId, String phone) {
    return blocked.computeIfAbsent(List.of(tenantId, phone), key -> new LinkedHashMap<>());
  }

  private static String later(String now, String before) {
    return now != null ? now : before;
  }
}
