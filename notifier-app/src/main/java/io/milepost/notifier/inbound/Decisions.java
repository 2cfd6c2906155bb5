package io.milepost.notifier.inbound;

/**
 * What a stored DECISION reply said, read by the one reader of customers' words ({@link Replies}).
 */
public final class Decisions {
  private Decisions() {}

  /** Whether the customer's words approve (YES, Sí, ...); a decision that does not declines. */
  public static boolean approves(String body) {
    return Replies.read(body).kind() == Reply.Kind.YES;
  }
}
