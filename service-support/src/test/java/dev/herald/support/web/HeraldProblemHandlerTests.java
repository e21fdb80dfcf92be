package dev.herald.support.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class HeraldProblemHandlerTests {

	private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new EchoController())
		.setControllerAdvice(new Advice())
		.build();

	@Test
	void namesEachInvalidField() throws Exception {
		this.mvc.perform(post("/echo").contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"\",\"count\":1}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value("name"))
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.startsWith("name: ")));
	}

	@Test
	void namesTheFieldOfUnreadableJson() throws Exception {
		this.mvc
			.perform(post("/echo").contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"a\",\"count\":\"x\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("count"));
	}

	@Test
	void answersMalformedJsonWithTheBody() throws Exception {
		this.mvc.perform(post("/echo").contentType(MediaType.APPLICATION_JSON).content("{\"name\":"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.title").value("Invalid request"));
	}

	@Test
	void aMissingBodyIsNamedAsRequired() throws Exception {
		this.mvc.perform(post("/echo").contentType(MediaType.APPLICATION_JSON))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("body"))
			.andExpect(jsonPath("$.errors[0].message").value("is required"));
	}

	record Echo(@NotBlank @Size(max = 5) String name, int count) {
	}

	@RestController
	static class EchoController {

		@PostMapping("/echo")
		Echo echo(@Valid @RequestBody Echo echo) {
			return echo;
		}

	}

	@RestControllerAdvice
	static class Advice extends HeraldProblemHandler {

	}

}
