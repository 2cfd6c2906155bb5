package io.milepost.notifier.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The sign-in page (Spring Security handles the form's POST) and where a signed-in person lands.
 */
@Controller
class SignInController {
  private final CurrentPerson person;

  SignInController(CurrentPerson person) {
    this.person = person;
  }

  @GetMapping("/login")
  String signIn() {
    return person.signedIn() ? "redirect:/" : "login";
  }

  /** Where the login throttle forwards a refused attempt (with status 429 already set). */
  @RequestMapping("/login/throttled")
  String throttled(org.springframework.ui.Model model) {
    model.addAttribute("throttled", true);
    return "login";
  }

  @GetMapping("/")
  String home() {
    return "redirect:/board";
  }
}
