package dev.herald.support.api;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What a service's OpenAPI description says of it ({@code herald.api.*}).
 *
 * @param description what the API is for
 * @param bearer which token the API takes
 */
@ConfigurationProperties("herald.api")
public record ApiDescriptionProperties(String description, String bearer) {

}
