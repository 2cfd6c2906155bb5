package io.milepost.notifier.security;

public enum Role {
  DEALER,
  DISPATCHER,
  OPS,
  ADMIN
}
