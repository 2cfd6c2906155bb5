package io.milepost.notifier.security;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import javax.sql.DataSource;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Failed logins are limited per username and per client address, in buckets every notifier shares
 * (PostgreSQL): once a bucket is empty, logins for it are refused with 429 before any password is
 * checked, until it refills. Only failures take from the buckets, so people who type their password
 * right are never slowed down.
 */
class LoginThrottle extends OncePerRequestFilter {
  static final String THROTTLED_PAGE = "/login/throttled";

  private final ProxyManager<String> buckets;
  private final LoginThrottleProperties settings;

  LoginThrottle(DataSource dataSource, LoginThrottleProperties settings) {
    this.buckets =
        Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
            .primaryKeyMapper(PrimaryKeyMapper.STRING)
            .table("login_buckets")
            .build();
    this.settings = settings;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String username = attemptedUsername(request);
    if (username != null
        && (exhausted(userKey(username), settings.perUsername())
            || exhausted(addressKey(request.getRemoteAddr()), settings.perAddress()))) {
      response.setStatus(429);
      response.setHeader("Retry-After", String.valueOf(settings.window().toSeconds()));
      request.getRequestDispatcher(THROTTLED_PAGE).forward(request, response);
      return;
    }
    chain.doFilter(request, response);
  }

  /** Every wrong password, from the login form or HTTP Basic, takes one from both buckets. */
  @EventListener
  void failed(AuthenticationFailureBadCredentialsEvent event) {
    Object name = event.getAuthentication().getPrincipal();
    if (name != null) {
      bucket(userKey(name.toString()), settings.perUsername()).tryConsume(1);
    }
    if (event.getAuthentication().getDetails() instanceof WebAuthenticationDetails details
        && details.getRemoteAddress() != null) {
      bucket(addressKey(details.getRemoteAddress()), settings.perAddress()).tryConsume(1);
    }
  }

  private boolean exhausted(String key, int attempts) {
    return bucket(key, attempts).getAvailableTokens() <= 0;
  }

  private BucketProxy bucket(String key, int attempts) {
    Duration window = settings.window();
    return buckets
        .builder()
        .withImplicitConfigurationReplacement(
            attempts * 1_000_000L + window.toSeconds(),
            io.github.bucket4j.TokensInheritanceStrategy.RESET)
        .build(
            key,
            () ->
                BucketConfiguration.builder()
                    .addLimit(
                        Bandwidth.builder()
                            .capacity(attempts)
                            .refillGreedy(attempts, window)
                            .build())
                    .build());
  }

  /** The username a request tries to log in as, or null when it is no login attempt. */
  private static String attemptedUsername(HttpServletRequest request) {
    if ("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath())) {
      String username = request.getParameter("username");
      return username == null ? "" : username;
    }
    String header = request.getHeader("Authorization");
    if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
      try {
        String decoded =
            new String(
                Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        return colon < 0 ? decoded : decoded.substring(0, colon);
      } catch (IllegalArgumentException e) {
        return "";
      }
    }
    return null;
  }

  private static String userKey(String username) {
    return "user:" + username.toLowerCase(Locale.ROOT);
  }

  private static String addressKey(String address) {
    return "address:" + address;
  }
}
