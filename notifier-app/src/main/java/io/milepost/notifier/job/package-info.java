/** Jobs as the notifier stores them, with the tracking token each gets once. */
package io.milepost.notifier.job;
