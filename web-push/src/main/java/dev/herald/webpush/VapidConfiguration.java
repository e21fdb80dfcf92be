package dev.herald.webpush;

import com.interaso.webpush.VapidKeys;
import com.interaso.webpush.WebPush;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

/**
 * The VAPID key pair and the library's request builder (RFC 8291 encryption, RFC 8292
 * tokens). The keys come from configuration only, so that every instance signs with the
 * same pair and browsers' subscriptions survive a redeploy; the service does not start
 * without them.
 */
@Configuration(proxyBeanMethods = false)
class VapidConfiguration {

	@Bean
	VapidKeys vapidKeys(WebPushProperties properties) {
		if (!StringUtils.hasText(properties.vapidPublicKey()) || !StringUtils.hasText(properties.vapidPrivateKey())) {
			throw new IllegalStateException("herald.webpush.vapid-public-key and .vapid-private-key "
					+ "(HERALD_WEBPUSH_VAPID_PUBLIC_KEY, HERALD_WEBPUSH_VAPID_PRIVATE_KEY) are required: "
					+ "a P-256 key pair in base64url (e.g. from `npx web-push generate-vapid-keys`)");
		}
		try {
			return VapidKeys.fromUncompressedBytes(properties.vapidPublicKey().strip(),
					properties.vapidPrivateKey().strip());
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException("herald.webpush.vapid-public-key/-private-key are not a P-256 key pair "
					+ "in base64url: " + ex.getMessage(), ex);
		}
	}

	@Bean
	WebPush webPush(WebPushProperties properties, VapidKeys keys) {
		return new WebPush(properties.subject(), keys);
	}

}
