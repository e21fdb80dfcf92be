package dev.herald.ingest.user;

import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

/** A user's contact details; mirrors {@code UserContact}. */
record ContactRequest(@Schema(example = "ada@example.com") String email, @Schema(example = "Ada") String displayName,
		@Schema(description = "BCP 47 tag", example = "pt-BR") String locale,
		@Schema(description = "IANA zone", example = "America/Sao_Paulo") String timeZone,
		@Schema(description = "Free attributes broadcasts can target, e.g. plan=pro") Map<String, String> attributes) {

}
