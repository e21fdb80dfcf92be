package dev.herald.support.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The head of every service's OpenAPI description at {@code /v3/api-docs} (for a service
 * with springdoc on its classpath): "Herald &lt;application name&gt;", version v1, its
 * {@code herald.api.description}, and the JWT bearer scheme every endpoint takes,
 * described by {@code herald.api.bearer}; and the error answers of every operation
 * ({@link ProblemAnswers}). The security chain opens the path.
 */
@AutoConfiguration
@ConditionalOnClass(
		name = { "io.swagger.v3.oas.models.OpenAPI", "org.springdoc.core.configuration.SpringDocConfiguration" })
@EnableConfigurationProperties(ApiDescriptionProperties.class)
public class HeraldOpenApiAutoConfiguration {

	static final String BEARER = "bearer";

	@Bean
	@ConditionalOnMissingBean
	OpenAPI heraldOpenApi(Environment environment, ApiDescriptionProperties api) {
		return new OpenAPI()
			.info(new Info().title("Herald " + environment.getProperty("spring.application.name", "service"))
				.version("v1")
				.description(api.description()))
			.addSecurityItem(new SecurityRequirement().addList(BEARER))
			.components(new Components().addSecuritySchemes(BEARER,
					new SecurityScheme().type(SecurityScheme.Type.HTTP)
						.scheme("bearer")
						.bearerFormat("JWT")
						.description(api.bearer())));
	}

	@Bean
	@ConditionalOnMissingBean
	ProblemAnswers heraldProblemAnswers() {
		return new ProblemAnswers();
	}

}
