package io.milepost.notifier.ingest;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.models.GroupedOpenApi;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** OpenAPI for the operator API, at /v3/api-docs/operator-api and /swagger-ui.html. */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {
  private static final String API_KEY = "apiKey";

  @Bean
  OpenAPI milepostOpenApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("Milepost operator API")
                .version("v1")
                .description(
                    "Send ops events, read jobs and their tracking links, read and change the"
                        + " tenant's rules for the progress engine and its SMS templates (per kind"
                        + " of text and locale, ICU MessageFormat; preview one with its segment"
                        + " count), read a customer's history and change their preferences. Every"
                        + " request carries"
                        + " a tenant's API key as 'Authorization: Bearer <key>'. Errors are RFC"
                        + " 9457 problem details."))
        .components(
            new Components()
                .addSecuritySchemes(
                    API_KEY,
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .description("A tenant's API key")))
        .addSecurityItem(new SecurityRequirement().addList(API_KEY));
  }

  @Bean
  GroupedOpenApi operatorApi() {
    return GroupedOpenApi.builder().group("operator-api").pathsToMatch("/api/**").build();
  }
}
