package dev.herald.support.web;

/**
 * One bad field of a request, as listed under {@code errors} in a problem+json answer.
 *
 * @param field the field's path, e.g. {@code events[3].recipientId}
 * @param message what is wrong with it
 */
public record FieldProblem(String field, String message) {

}
