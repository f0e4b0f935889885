package io.pjctrl.project.web;

/** One offending input field of a 400 problem: its JSON name (snake_case, dotted path) and what is wrong. */
public record FieldError(String field, String message) {
}
