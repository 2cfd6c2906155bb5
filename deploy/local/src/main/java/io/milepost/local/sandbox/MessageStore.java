package io.milepost.local.sandbox;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Every message the sandbox accepted, in memory, for as long as it runs. Thread-safe. */
final class MessageStore {
  private final Map<String, SandboxMessage> bySid = new LinkedHashMap<>();
  private final List<SandboxReply> replies = new ArrayList<>();

  synchronized void addReply(SandboxReply reply) {
    replies.add(reply);
  }

  /** The customers' replies, newest first. */
  synchronized List<SandboxReply> repliesNewestFirst() {
    List<SandboxReply> all = new ArrayList<>(replies);
    all.sort(Comparator.comparing(SandboxReply::at).reversed());
    return all;
  }

  synchronized void add(SandboxMessage message) {
    bySid.put(message.sid(), message);
  }

  synchronized Optional<SandboxMessage> find(String sid) {
    return Optional.ofNullable(bySid.get(sid));
  }

  synchronized SandboxMessage update(String sid, UnaryOperator<SandboxMessage> change) {
    return bySid.computeIfPresent(sid, (key, message) -> change.apply(message));
  }

  /** Newest first, as Twilio lists them. */
  synchronized List<SandboxMessage> newestFirst() {
    List<SandboxMessage> all = new ArrayList<>(bySid.values());
    all.sort(Comparator.comparing(SandboxMessage::dateCreated).reversed());
    return all;
  }
}
