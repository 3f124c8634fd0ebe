package io.stagedoor.app.events;

import io.stagedoor.api.events.Event;

/**
 * One line of the events list, already in words.
 *
 * @param soldOfQuota e.g. {@code 12 / 100}
 * @param revenue gross sales, e.g. {@code €180.00}
 */
public record EventRow(Event event, String title, String status, String startsAt, String soldOfQuota, String revenue) {}
