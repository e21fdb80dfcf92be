package dev.herald.support.api;

import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What a service's OpenAPI description says of it ({@code herald.api.*}).
 *
 * @param description what the API is for (each service's application.yml says it)
 * @param bearer which token the API takes
 */
@Validated
@ConfigurationProperties("herald.api")
public record ApiDescriptionProperties(@DefaultValue("A Herald API") @NotBlank String description,
		@DefaultValue("A JWT") @NotBlank String bearer) {

}
