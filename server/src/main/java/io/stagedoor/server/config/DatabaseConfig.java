package io.stagedoor.server.config;

/**
 * @param url the JDBC URL, always set: the embedded H2 file database unless configured otherwise
 * @param user the database user, empty for none
 * @param password the database password, empty for none; never printed
 * @param poolSize connections kept open
 */
public record DatabaseConfig(String url, String user, String password, int poolSize) {

    /** H2's own file system that reopens a file closed because the thread using it was interrupted. */
    static final String REOPENING_PREFIX = "retry:";

    static {
        // Before any of these URLs can reach H2: the embedded one names its files through this file system.
        SynchronousFileSystem.register();
    }

    /** Whether this is the embedded database that lives in the data directory. */
    public boolean isEmbedded() {
        return url.startsWith("jdbc:h2:file:");
    }

    /** Where the embedded database's files are, without H2's prefixes and settings; for messages. */
    public String embeddedLocation() {
        var name = url.split(";")[0].substring("jdbc:h2:file:".length());
        for (var prefix : new String[] {SynchronousFileSystem.PREFIX, REOPENING_PREFIX}) {
            if (name.startsWith(prefix)) {
                return name.substring(prefix.length());
            }
        }
        return name;
    }

    @Override
    public String toString() {
        return "DatabaseConfig[url=" + url + ", user=" + user + ", password=" + (password.isEmpty() ? "" : "***")
                + ", poolSize=" + poolSize + "]";
    }
}
