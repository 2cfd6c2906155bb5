/** Who people are (users, roles, tenant, location) and which pages need a login. */
package io.milepost.notifier.security;
