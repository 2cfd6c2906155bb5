package io.milepost.notifier.tracking;

import io.milepost.notifier.web.PageLocales;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The customer's page at the link in their first SMS, and its progress section alone for the page's
 * script to swap in after each push and (re)connect: one template fragment renders both. The token
 * is the only credential, so nothing may cache these answers or carry the link on (Referrer-Policy
 * and the Content-Security-Policy come from WebSecurity, for every page).
 */
@Controller
class TrackingPageController {
  private final TrackingViews views;
  private final LocaleResolver locales;

  TrackingPageController(TrackingViews views, LocaleResolver locales) {
    this.views = views;
    this.locales = locales;
  }

  @GetMapping(path = "/track/{token}", produces = MediaType.TEXT_HTML_VALUE)
  String page(
      @PathVariable String token,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model) {
    return render(token, request, response, model, "track/page", "track/closed", "track/not-found");
  }

  @GetMapping(path = "/track/{token}/progress", produces = MediaType.TEXT_HTML_VALUE)
  String progress(
      @PathVariable String token,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model) {
    return render(
        token,
        request,
        response,
        model,
        "track/progress :: progress",
        "track/progress :: closed",
        "track/progress :: unknown");
  }

  private String render(
      String token,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      String openView,
      String closedView,
      String unknownView) {
    // A token in a URL must not linger in any cache, shared or the browser's own.
    response.setHeader("Cache-Control", "no-store");
    TrackingViews.Link link = views.link(token);
    if (link instanceof TrackingViews.Open open) {
      speak(request, open.locale());
      model.addAttribute("page", views.page(token, open, locales.resolveLocale(request)));
      return openView;
    }
    if (link instanceof TrackingViews.Closed closed) {
      speak(request, closed.locale());
      model.addAttribute("company", closed.company());
      return closedView;
    }
    response.setStatus(HttpStatus.NOT_FOUND.value());
    return unknownView;
  }

  /** The customer's language when known; else the page follows the browser's. */
  private static void speak(HttpServletRequest request, Locale locale) {
    if (locale != null) {
      PageLocales.speak(request, locale);
    }
  }
}
