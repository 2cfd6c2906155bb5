package io.milepost.notifier.security;

import static org.springframework.security.config.Customizer.withDefaults;

import javax.sql.DataSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;

/**
 * People: form login (or HTTP Basic for tools), people from PostgreSQL ({@link People}). Customers
 * need no login: their tracking token is the credential. Twilio's webhooks carry their own
 * signature. The machine API under /api has its own chain (see the ingest package).
 *
 * <p>Who sees what: the board is for every role, the ops console for OPS and ADMIN, people
 * management for ADMIN; within a page every query is limited to the person's tenant (and, on the
 * board, locations).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LoginThrottleProperties.class)
class WebSecurity {

  /**
   * Pages load only this app's scripts, styles and WebSocket; no inline script can run, no frame
   * can hold them. Swagger UI (API docs, outside this list) keeps its own needs.
   */
  static final String PAGE_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none';"
          + " form-action 'self'; frame-ancestors 'none'";

  @Bean
  @Order(2)
  SecurityFilterChain peopleAndPages(HttpSecurity http, LoginThrottle throttle) throws Exception {
    http.csrf(csrf -> csrf.ignoringRequestMatchers("/webhooks/**", "/ws/**", "/ws"))
        .authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers(
                        "/track/**",
                        "/webhooks/**",
                        "/ws",
                        "/ws/**",
                        "/js/**",
                        "/css/**",
                        "/webjars/**",
                        "/favicon.ico",
                        "/login",
                        LoginThrottle.THROTTLED_PAGE,
                        "/actuator/health/**",
                        "/v3/api-docs/**",
                        "/swagger-ui/**",
                        "/swagger-ui.html",
                        "/error")
                    .permitAll()
                    .requestMatchers("/ops/**")
                    .hasAnyRole(Role.OPS.name(), Role.ADMIN.name())
                    .requestMatchers("/admin/**")
                    .hasRole(Role.ADMIN.name())
                    .anyRequest()
                    .authenticated())
        .formLogin(login -> login.loginPage("/login").defaultSuccessUrl("/", false))
        .logout(logout -> logout.logoutSuccessUrl("/login?signed-out"))
        .sessionManagement(sessions -> sessions.invalidSessionUrl("/login?expired"))
        .httpBasic(withDefaults())
        .headers(
            headers ->
                headers
                    .referrerPolicy(
                        referrer ->
                            referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                    .addHeaderWriter(
                        new DelegatingRequestMatcherHeaderWriter(
                            request -> !request.getRequestURI().startsWith("/swagger-ui"),
                            new StaticHeadersWriter("Content-Security-Policy", PAGE_POLICY))))
        .addFilterBefore(throttle, UsernamePasswordAuthenticationFilter.class);
    return http.build();
  }

  @Bean
  LoginThrottle loginThrottle(DataSource dataSource, LoginThrottleProperties settings) {
    return new LoginThrottle(dataSource, settings);
  }

  /** Keeps the throttle out of the servlet container's own filter chain: it runs in Security's. */
  @Bean
  FilterRegistrationBean<LoginThrottle> loginThrottleOnlyInSecurity(LoginThrottle throttle) {
    var registration = new FilterRegistrationBean<>(throttle);
    registration.setEnabled(false);
    return registration;
  }

  @Bean
  PasswordEncoder passwordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }
}
