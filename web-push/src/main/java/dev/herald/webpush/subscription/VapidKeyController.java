package dev.herald.webpush.subscription;

import java.util.Base64;

import com.interaso.webpush.VapidKeys;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public half of the VAPID key pair, which a page passes to
 * {@code pushManager.subscribe({applicationServerKey})}; open to anyone.
 */
@RestController
class VapidKeyController {

	private final String publicKey;

	VapidKeyController(VapidKeys keys) {
		this.publicKey = Base64.getUrlEncoder().withoutPadding().encodeToString(keys.getApplicationServerKey());
	}

	@GetMapping("/v1/webpush/vapid-public-key")
	@SecurityRequirements
	PublicKey publicKey() {
		return new PublicKey(this.publicKey);
	}

	/**
	 * @param publicKey base64url, uncompressed P-256 point
	 */
	record PublicKey(String publicKey) {

	}

}
