/** Live pushes over STOMP at /ws, and the check of every SUBSCRIBE. */
package io.milepost.notifier.push;
