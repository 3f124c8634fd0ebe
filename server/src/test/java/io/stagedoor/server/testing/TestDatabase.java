package io.stagedoor.server.testing;

import io.stagedoor.server.config.ServerConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The databases the server supports; tests that touch data run on each. */
public enum TestDatabase {
    /** The embedded default: an H2 file in the data directory. */
    H2,
    /** Production's choice: Debian's PostgreSQL, started by {@link Postgres}. */
    POSTGRESQL;

    /** A server configuration on a free port with a fresh, empty database of this kind. */
    public ServerConfig config(Path dataDir, String... extraFlags) {
        var flags = new ArrayList<String>();
        if (this == POSTGRESQL) {
            var postgres = Postgres.shared();
            flags.add("--database.url=" + postgres.newDatabase());
            flags.add("--database.user=" + postgres.user());
            flags.add("--database.password=" + postgres.password());
        }
        flags.addAll(List.of(extraFlags));
        return TestServers.config(dataDir, flags.toArray(String[]::new));
    }
}
