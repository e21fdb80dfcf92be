package dev.herald.store.web;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Service-wide settings of the store.
 *
 * @param allowedOrigins browser origins allowed to call the REST API (CORS)
 */
@Validated
@ConfigurationProperties("herald.store")
record StoreProperties(@DefaultValue( {
		"http://localhost:8080", "http://127.0.0.1:8080" }) @NotNull List<@NotBlank String> allowedOrigins){

}
