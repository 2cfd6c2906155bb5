package io.milepost.notifier.web;

import io.milepost.notifier.security.MilepostUser;
import io.milepost.notifier.security.Role;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Who is signed in, for controllers and for the layout's templates ({@code ${@currentPerson}}): the
 * navigation shows each person the faces their role opens.
 */
@Component
public class CurrentPerson {

  /** The signed-in person, or empty for a customer or anyone not signed in. */
  public Optional<MilepostUser> get() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    return authentication != null && authentication.getPrincipal() instanceof MilepostUser person
        ? Optional.of(person)
        : Optional.empty();
  }

  /** The signed-in person; for pages that Spring Security already closed to everyone else. */
  public MilepostUser required() {
    return get().orElseThrow(() -> new IllegalStateException("no one is signed in"));
  }

  public boolean signedIn() {
    return get().isPresent();
  }

  public String username() {
    return get().map(MilepostUser::getUsername).orElse(null);
  }

  public boolean opensOps() {
    return get().map(p -> p.role() == Role.OPS || p.role() == Role.ADMIN).orElse(false);
  }

  public boolean opensAdmin() {
    return get().map(p -> p.role() == Role.ADMIN).orElse(false);
  }
}
