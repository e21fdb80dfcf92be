package dev.herald.ingest.input;

import java.util.List;

import dev.herald.support.web.FieldProblem;

/** A request with at least one bad field; answered as a 400 listing every problem. */
public class InvalidInputException extends RuntimeException {

	private final transient List<FieldProblem> problems;

	public InvalidInputException(List<FieldProblem> problems) {
		super(problems.size() + " invalid field(s), first: " + problems.getFirst().field() + " "
				+ problems.getFirst().message());
		this.problems = List.copyOf(problems);
	}

	public List<FieldProblem> problems() {
		return this.problems;
	}

}
