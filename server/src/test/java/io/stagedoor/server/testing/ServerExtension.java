package io.stagedoor.server.testing;

import io.stagedoor.server.StagedoorServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Objects;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real server for a whole test class, on a free port with a fresh H2 file database:
 * {@code @RegisterExtension static final ServerExtension server = new ServerExtension();}
 */
public final class ServerExtension implements BeforeAllCallback, AfterAllCallback {

    private final TestDatabase database;
    private final String[] flags;
    private @Nullable Path dataDir;
    private @Nullable StagedoorServer server;

    /** A server on the embedded H2 database. */
    public ServerExtension() {
        this(TestDatabase.H2);
    }

    public ServerExtension(TestDatabase database, String... flags) {
        this.database = database;
        this.flags = flags.clone();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dataDir = Files.createTempDirectory("stagedoor-test-");
        server = StagedoorServer.start(database.config(dataDir, flags));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
        }
        if (dataDir != null) {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public StagedoorServer server() {
        return Objects.requireNonNull(server, "the server starts before the first test");
    }

    public URI baseUri() {
        return server().baseUri();
    }
}
