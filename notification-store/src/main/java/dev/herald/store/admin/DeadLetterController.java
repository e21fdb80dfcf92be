package dev.herald.store.admin;

import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/admin/dead-letters/{topic}/redrive}: sends the records that landed in
 * {@code <topic>.dlt} since the last re-drive back to {@code topic} (scope
 * {@code notifications:admin}).
 */
@RestController
@RequestMapping("/v1/admin/dead-letters")
class DeadLetterController {

	private final DeadLetterRedrive redrive;

	DeadLetterController(DeadLetterRedrive redrive) {
		this.redrive = redrive;
	}

	@PostMapping("/{topic}/redrive")
	@ApiResponse(responseCode = "404", description = "No dead-letter topic of that name")
	@ApiResponse(responseCode = "503", description = "Kafka did not answer in time; retry later")
	DeadLetterRedrive.Result redrive(@PathVariable String topic) {
		return this.redrive.redrive(topic);
	}

}
