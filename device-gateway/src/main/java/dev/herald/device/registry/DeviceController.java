package dev.herald.device.registry;

import java.util.List;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A user's players: {@code /v1/devices} for the owner (the JWT subject), and the same
 * under {@code /v1/users/{userId}/devices} for services with scope
 * {@code notifications:admin} (enforced by the security configuration).
 */
@RestController
class DeviceController {

	private static final String OWN = "/v1/devices";

	private static final String OF_USER = "/v1/users/{userId}/devices";

	private static final String KEY = "/{playerKey}";

	private final RegistryService registry;

	DeviceController(RegistryService registry) {
		this.registry = registry;
	}

	@GetMapping({ OWN, OF_USER })
	List<PlayerView> list(@PathVariable(required = false) String userId, @AuthenticationPrincipal Jwt jwt) {
		return this.registry.list(owner(userId, jwt)).stream().map(PlayerView::of).toList();
	}

	@GetMapping({ OWN + KEY, OF_USER + KEY })
	@ApiResponse(responseCode = "404", description = "No such player of that user")
	PlayerView get(@PathVariable(required = false) String userId, @PathVariable String playerKey,
			@AuthenticationPrincipal Jwt jwt) {
		return PlayerView.of(this.registry.get(owner(userId, jwt), playerKey));
	}

	@PutMapping({ OWN + KEY, OF_USER + KEY })
	@ApiResponse(responseCode = "409", description = "The player key belongs to another user")
	ResponseEntity<PlayerView> put(@PathVariable(required = false) String userId, @PathVariable String playerKey,
			@Valid @RequestBody PlayerRequest request, @AuthenticationPrincipal Jwt jwt) {
		PlayerRepository.Saved saved = this.registry.put(owner(userId, jwt), playerKey, request);
		return ResponseEntity.status(saved.created() ? HttpStatus.CREATED : HttpStatus.OK)
			.body(PlayerView.of(saved.player()));
	}

	@DeleteMapping({ OWN + KEY, OF_USER + KEY })
	@ApiResponse(responseCode = "404", description = "No such player of that user")
	ResponseEntity<Void> delete(@PathVariable(required = false) String userId, @PathVariable String playerKey,
			@AuthenticationPrincipal Jwt jwt) {
		this.registry.delete(owner(userId, jwt), playerKey);
		return ResponseEntity.noContent().build();
	}

	private static String owner(String userId, Jwt jwt) {
		return (userId != null) ? userId : jwt.getSubject();
	}

}
