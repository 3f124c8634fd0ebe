package io.stagedoor.app.localserver;

import io.stagedoor.server.StagedoorServer;
import io.stagedoor.server.config.ConfigLoader;
import io.stagedoor.server.http.PortUnavailableException;
import io.stagedoor.server.ingest.IngestUnavailableException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Stagedoor server inside the studio's own process, with the embedded database in the user's data directory.
 * It listens on the loopback interface unless told otherwise, and moves to a free port when its usual one is
 * taken, so that starting the studio never fails for that reason. It is a server for trying things out and for the
 * first run's guide, so it offers the test card (off by default on a real server) unless Stripe is set up or the flags
 * say otherwise.
 */
public final class LocalServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalServer.class);

    private final StagedoorServer server;
    private final @Nullable String notice;

    private LocalServer(StagedoorServer server, @Nullable String notice) {
        this.server = server;
        this.notice = notice;
    }

    /**
     * @param flags server settings as {@code --key=value}, as the server's command line takes them
     * @throws io.stagedoor.server.StartupException when the settings are invalid or the database cannot be opened
     */
    public static LocalServer start(List<String> flags) {
        var args = new ArrayList<String>();
        args.add("--http.host=127.0.0.1");
        args.add("--ingest.host=127.0.0.1");
        args.addAll(flags);
        var config = ConfigLoader.forThisProcess().load(args);
        if (config.payments().stripe().isEmpty() && !namesTestCard(flags)) {
            config = config.withPayments(config.payments().withTestProvider(true));
        }
        try {
            return new LocalServer(StagedoorServer.start(config), null);
        } catch (IngestUnavailableException e) {
            if (config.ingest().port() == 0) {
                throw e;
            }
            var server = StagedoorServer.start(config.withIngest(config.ingest().withPort(0)));
            var notice = "Port " + config.ingest().port() + " was in use, so the local server takes publishers on port "
                    + server.ingest().rtmpPort().orElse(0) + " instead.";
            log.warn(notice);
            return new LocalServer(server, notice);
        } catch (PortUnavailableException e) {
            if (config.http().port() == 0) {
                throw e;
            }
            var server = StagedoorServer.start(config.withHttp(config.http().withPort(0)));
            var notice = "Port " + config.http().port() + " was in use, so the local server listens on port "
                    + server.httpPort() + " instead.";
            log.warn(notice);
            return new LocalServer(server, notice);
        }
    }

    /** Whether the flags turn the test card on or off themselves. */
    static boolean namesTestCard(List<String> flags) {
        return flags.stream()
                .anyMatch(flag ->
                        flag.startsWith("--payments.test.enabled=") || flag.startsWith("--payments-test-enabled="));
    }

    public URI baseUri() {
        return server.baseUri();
    }

    /** The port publishers connect to (RTMP). */
    public int rtmpPort() {
        return (int) server.ingest().rtmpPort().orElse(0);
    }

    public Path dataDir() {
        return server.config().dataDir();
    }

    /** The {@code ffmpeg} program this server packages streams with; empty: the one inside JavaCV's FFmpeg. */
    public Optional<Path> ffmpeg() {
        return server.config().ingest().ffmpeg();
    }

    /** Something the user should know about how the server was started, such as a changed port. */
    public Optional<String> notice() {
        return Optional.ofNullable(notice);
    }

    @Override
    public void close() {
        server.close();
    }
}
