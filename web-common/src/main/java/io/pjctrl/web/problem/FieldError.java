package io.pjctrl.web.problem;

/**
 * One offending input of a 400 problem: {@code field} is what the client sent it as (a query parameter such as
 * {@code limit}, a JSON body path in snake case such as {@code due_date} or {@code items[2].name}, a header such as
 * {@code If-Match}, or {@code body} for the body as a whole) and {@code message} says what is wrong with it.
 */
public record FieldError(String field, String message) {
}
