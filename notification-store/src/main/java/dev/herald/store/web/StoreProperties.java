package dev.herald.store.web;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Service-wide settings of the store.
 *
 * @param allowedOrigins browser origins allowed to call the REST API (CORS)
 */
@ConfigurationProperties("herald.store")
record StoreProperties(@DefaultValue( {
		"http://localhost:8080", "http://127.0.0.1:8080" }) List<String> allowedOrigins){

}
