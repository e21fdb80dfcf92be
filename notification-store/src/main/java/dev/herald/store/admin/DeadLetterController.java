package dev.herald.store.admin;

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
	DeadLetterRedrive.Result redrive(@PathVariable String topic) {
		return this.redrive.redrive(topic);
	}

}
