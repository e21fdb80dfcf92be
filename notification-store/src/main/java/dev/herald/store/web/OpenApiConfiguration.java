package dev.herald.store.web;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description of the inbox, preferences, unsubscribe and admin APIs at
 * {@code /v3/api-docs}.
 */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(
		info = @Info(title = "Herald notification-store", version = "v1",
				description = "A user's inbox (notifications, counts, read, seen, archive, the change feed), "
						+ "preferences, one-click unsubscribe and the admin API"),
		security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
		description = "A user's JWT (sub is the user); the admin API needs scope notifications:admin")
class OpenApiConfiguration {

}
