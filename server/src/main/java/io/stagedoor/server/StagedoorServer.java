package io.stagedoor.server;

import io.stagedoor.server.config.ServerConfig;
import io.stagedoor.server.db.Database;
import io.stagedoor.server.db.Installation;
import io.stagedoor.server.health.HealthEndpoint;
import io.stagedoor.server.health.HealthService;
import io.stagedoor.server.http.ApiRoutes;
import io.stagedoor.server.http.HttpServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every part of the server with plain constructors, in start order, and closes them
 * in reverse. Used by {@link ServerMain}, by the desktop app's local server, and by tests (with port 0).
 */
public final class StagedoorServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StagedoorServer.class);

    private final ServerConfig config;
    private final Database database;
    private final HttpServer http;
    private final AtomicBoolean closed = new AtomicBoolean();

    private StagedoorServer(ServerConfig config, Database database, HttpServer http) {
        this.config = config;
        this.database = database;
        this.http = http;
    }

    /**
     * Starts a server and returns once it accepts requests.
     *
     * @throws StartupException when a setting, the data directory, the database or the port stands in the way
     */
    public static StagedoorServer start(ServerConfig config) {
        return start(config, Clock.systemUTC());
    }

    public static StagedoorServer start(ServerConfig config, Clock clock) {
        createDataDirectory(config.dataDir());
        var database = Database.open(config.database());
        try {
            var installation = Installation.ensure(database.jdbi(), clock);
            var health = new HealthService(BuildInfo.version(), clock, database);
            var http = HttpServer.start(config.http(), new ApiRoutes.Endpoints(new HealthEndpoint(health)));
            var server = new StagedoorServer(config, database, http);
            log.info(
                    "Stagedoor server {} listening on {} ({}; installation {}, data in {})",
                    BuildInfo.version(),
                    server.baseUri(),
                    server.listensOnEveryInterface()
                            ? "every interface, port " + server.httpPort()
                            : "this address only",
                    installation.id(),
                    config.dataDir());
            return server;
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    private static void createDataDirectory(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new StartupException(
                    "Cannot create the data directory " + dataDir + " (" + e + "). Choose another with --data-dir"
                            + " or STAGEDOOR_DATA_DIR.",
                    e);
        }
    }

    public ServerConfig config() {
        return config;
    }

    /** The port the HTTP listener is bound to; the real one when the configured port was 0. */
    public int httpPort() {
        return http.port();
    }

    /**
     * An address for reaching this server from the same machine: the loopback address when it listens on every
     * interface.
     */
    public URI baseUri() {
        var host = config.http().host();
        if (listensOnEveryInterface()) {
            host = "127.0.0.1";
        } else if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + httpPort() + "/");
    }

    private boolean listensOnEveryInterface() {
        var host = config.http().host();
        return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
    }

    /** Stops accepting requests, then releases the database. Safe to call more than once, from any thread. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            http.close();
        } finally {
            database.close();
            log.info("Stagedoor server stopped");
        }
    }
}
