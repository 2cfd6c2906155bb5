/** The customer's tracking page and the customer-safe view of a job it shows. */
package io.milepost.notifier.tracking;
