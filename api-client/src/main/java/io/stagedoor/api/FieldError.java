package io.stagedoor.api;

/**
 * One invalid input field in a {@link Problem}.
 *
 * @param field the JSON path of the field, e.g. {@code "ticketTypes[1].priceMinor"}
 * @param message what is wrong with it and what is accepted
 */
public record FieldError(String field, String message) {}
