package io.stagedoor.server.config;

/**
 * Server-sent event streams (a ticket page following its show, a health page following its stream) open at once.
 *
 * @param perAddress from one client address
 * @param perEvent about one event, all its viewers' pages and health pages together
 * @param total on the whole server
 */
public record EventStreamLimits(int perAddress, int perEvent, int total) {}
