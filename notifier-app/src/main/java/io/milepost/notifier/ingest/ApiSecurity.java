package io.milepost.notifier.ingest;

import io.milepost.notifier.Problems;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/** Machines: every /api request carries a tenant's API key; no sessions, no CSRF, no cookies. */
@Configuration(proxyBeanMethods = false)
class ApiSecurity {

  @Bean
  @Order(1)
  SecurityFilterChain api(HttpSecurity http, ApiKeys keys) throws Exception {
    http.securityMatcher("/api/**")
        .csrf(csrf -> csrf.disable())
        .sessionManagement(
            session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .addFilterBefore(new ApiKeyAuthenticationFilter(keys), AnonymousAuthenticationFilter.class)
        .authorizeHttpRequests(
            requests -> requests.anyRequest().hasRole(ApiKeyAuthenticationFilter.ROLE))
        .exceptionHandling(
            errors ->
                errors
                    .authenticationEntryPoint(
                        (request, response, e) ->
                            Problems.write(
                                response,
                                HttpStatus.UNAUTHORIZED,
                                "unauthorized",
                                "Send a valid API key as 'Authorization: Bearer <key>'.",
                                request.getRequestURI()))
                    .accessDeniedHandler(
                        (request, response, e) ->
                            Problems.write(
                                response,
                                HttpStatus.FORBIDDEN,
                                "forbidden",
                                "This API key may not do that.",
                                request.getRequestURI())));
    return http.build();
  }
}
