/** How many event ids a job remembers to drop duplicates, and which it forgets first. */
package io.milepost.stream.dedupe;
