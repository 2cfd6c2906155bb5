package io.milepost.notifier.inbound;

/**
 * What one inbound text says.
 *
 * @param kind how it reads
 * @param score the satisfaction score 1–5 of a {@link Kind#SCORE}, else 0
 * @param text the text as received (what a dealer's board shows of a {@link Kind#TEXT})
 */
record Reply(Kind kind, int score, String text) {

  enum Kind {
    /** Stop all texts from this sender: a carrier keyword or a plain-language revocation. */
    OPT_OUT,
    /** START or UNSTOP: texts may resume. */
    OPT_IN,
    /** HELP or INFO: the tenant's help text. */
    HELP,
    /**
     * YES (or SÍ): the answer to the customer's open question, if any; else an opt-in, as carriers
     * treat it.
     */
    YES,
    /** NO: the answer to the customer's open question; else just a message. */
    NO,
    /** A number 1–5 alone: a satisfaction score, if a survey is open; else just a message. */
    SCORE,
    /** Anything else: a message for the dealer. */
    TEXT
  }
}
