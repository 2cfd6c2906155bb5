/** The people jobs' messages go to: the only place PII lives, with their SMS reachability. */
package io.milepost.notifier.contact;
