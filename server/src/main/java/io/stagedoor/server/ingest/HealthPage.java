package io.stagedoor.server.ingest;

/** The technician's page for one event's stream: its title, and where its updates come from. */
public record HealthPage(String title, String eventsUrl) {}
