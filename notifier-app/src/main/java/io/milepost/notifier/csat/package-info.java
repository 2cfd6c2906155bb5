/**
 * Customer satisfaction: one survey text per closed job instance ("reply 1-5"), sent a while after
 * the customer heard the job closed, never in their quiet hours, never after an opt-out; a reply
 * scores it, and a low score raises an alert for the board.
 */
package io.milepost.notifier.csat;
