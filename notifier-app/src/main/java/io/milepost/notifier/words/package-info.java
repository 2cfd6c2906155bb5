/**
 * The words customers read, in their language: message bundles ({@code messages*.properties}, read
 * through the app's one ICU {@code messageSource}, {@link io.milepost.notifier.words.Words}), SMS
 * templates per kind of text ({@link io.milepost.notifier.words.TemplateKind}) that a tenant may
 * override per locale ({@code tenant_templates}, {@code /api/v1/templates}), and the one place a
 * text is written and fitted in two segments ({@link io.milepost.notifier.words.SmsWriter}). Start
 * at {@link io.milepost.notifier.words.SmsTexts}: which template, in which language.
 */
package io.milepost.notifier.words;
