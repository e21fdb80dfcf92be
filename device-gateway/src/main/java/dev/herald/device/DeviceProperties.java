package dev.herald.device;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the device gateway ({@code herald.device.*}; the broker connection is under
 * {@code herald.device.mqtt.*}).
 *
 * @param topicPrefix first level of every player topic:
 * {@code {prefix}/player/{playerKey}/notification} and {@code .../unread}
 * @param maxTextLength longest text sent to a player; longer texts end with an ellipsis
 * @param releaseBatch most players whose folded messages are released per scheduler tick
 * @param allowedOrigins browser origins allowed to call the REST API (CORS)
 */
@Validated
@ConfigurationProperties("herald.device")
public record DeviceProperties(@DefaultValue("makapix") @NotBlank String topicPrefix,
		@DefaultValue("120") @Positive int maxTextLength, @DefaultValue("500") @Positive int releaseBatch,
		@DefaultValue( {
				"http://localhost:8080", "http://127.0.0.1:8080" }) @NotNull List<@NotBlank String> allowedOrigins){

	public String notificationTopic(String playerKey) {
		return this.topicPrefix + "/player/" + playerKey + "/notification";
	}

	public String unreadTopic(String playerKey) {
		return this.topicPrefix + "/player/" + playerKey + "/unread";
	}

}
