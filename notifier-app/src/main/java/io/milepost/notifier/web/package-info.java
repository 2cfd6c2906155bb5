/**
 * What every page shares: the layout's view of who is signed in ({@link
 * io.milepost.notifier.web.CurrentPerson}), the language a page speaks ({@link
 * io.milepost.notifier.web.PageLocales}), and the sign-in page. The pages themselves live with
 * their feature: {@code tracking} (customers), {@code board} (dealers), {@code ops} (console).
 */
package io.milepost.notifier.web;
