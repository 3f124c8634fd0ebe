package io.stagedoor.server.config;

/** How the server program writes its log to standard output. */
public enum LogFormat {
    /** One readable line per message. */
    TEXT,
    /** One JSON object per line, for log collectors (journald, Loki, Elasticsearch). */
    JSON
}
