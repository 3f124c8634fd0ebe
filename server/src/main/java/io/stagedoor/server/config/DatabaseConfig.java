package io.stagedoor.server.config;

/**
 * @param url the JDBC URL, always set: the embedded H2 file database unless configured otherwise
 * @param user the database user, empty for none
 * @param password the database password, empty for none; never printed
 * @param poolSize connections kept open
 */
public record DatabaseConfig(String url, String user, String password, int poolSize) {

    /** Whether this is the embedded database that lives in the data directory. */
    public boolean isEmbedded() {
        return url.startsWith("jdbc:h2:file:");
    }

    @Override
    public String toString() {
        return "DatabaseConfig[url=" + url + ", user=" + user + ", password=" + (password.isEmpty() ? "" : "***")
                + ", poolSize=" + poolSize + "]";
    }
}
