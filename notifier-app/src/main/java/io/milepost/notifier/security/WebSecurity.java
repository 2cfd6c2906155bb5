package io.milepost.notifier.security;

import static org.springframework.security.config.Customizer.withDefaults;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * People: form login or HTTP basic, users from {@link UsersProperties}. Customers need no login:
 * their tracking token is the credential. Twilio's webhooks carry their own signature. The machine
 * API under /api has its own chain (see the ingest package).
 */
@Configuration(proxyBeanMethods = false)
class WebSecurity {

  @Bean
  @Order(2)
  SecurityFilterChain peopleAndPages(HttpSecurity http) throws Exception {
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
                        "/actuator/health/**",
                        "/v3/api-docs/**",
                        "/swagger-ui/**",
                        "/swagger-ui.html",
                        "/error")
                    .permitAll()
                    .anyRequest()
                    .authenticated())
        .formLogin(withDefaults())
        .httpBasic(withDefaults());
    return http.build();
  }

  @Bean
  PasswordEncoder passwordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }

  @Bean
  UserDetailsService users(UsersProperties properties) {
    Map<String, UsersProperties.Entry> byName =
        properties.users().stream()
            .collect(Collectors.toMap(UsersProperties.Entry::username, Function.identity()));
    return username -> {
      UsersProperties.Entry entry = byName.get(username);
      if (entry == null) {
        throw new UsernameNotFoundException(username);
      }
      // A fresh object per login: Spring Security erases the password after authentication.
      return new MilepostUser(
          entry.username(), entry.password(), entry.role(), entry.tenant(), entry.location());
    };
  }
}
