package dev.herald.store.broadcast;

import dev.herald.store.broadcast.BroadcastDtos.BroadcastList;
import dev.herald.store.broadcast.BroadcastDtos.BroadcastRequest;
import dev.herald.store.broadcast.BroadcastDtos.BroadcastView;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v1/admin/broadcasts} (scope {@code notifications:admin}).
 */
@RestController
@RequestMapping("/v1/admin/broadcasts")
class BroadcastController {

	private final BroadcastService service;

	BroadcastController(BroadcastService service) {
		this.service = service;
	}

	@PostMapping
	@ResponseStatus(HttpStatus.ACCEPTED)
	BroadcastView create(@Valid @RequestBody BroadcastRequest request) {
		return this.service.create(request);
	}

	@GetMapping
	BroadcastList list(@RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit) {
		return new BroadcastList(this.service.newest(limit));
	}

	@GetMapping("/{id}")
	@ApiResponse(responseCode = "404", description = "No such broadcast")
	BroadcastView get(@PathVariable String id) {
		return this.service.get(id);
	}

	@PostMapping("/{id}/cancel")
	@ApiResponse(responseCode = "404", description = "No such broadcast")
	@ApiResponse(responseCode = "409", description = "The broadcast has finished or is cancelled already")
	BroadcastView cancel(@PathVariable String id) {
		return this.service.cancel(id);
	}

}
