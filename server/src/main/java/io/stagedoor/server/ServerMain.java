package io.stagedoor.server;

import io.stagedoor.server.config.ConfigLoader;
import io.stagedoor.server.config.InvalidConfigurationException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/** {@code stagedoor-server [--key=value ...]}: runs the server until the process is stopped. */
public final class ServerMain {

    static final int EXIT_USAGE = 2;
    static final int EXIT_CANNOT_START = 1;

    /** How long a stop asked for while the server starts waits for it to have started, to close it. */
    private static final Duration STARTING_AT_MOST = Duration.ofMinutes(2);

    private ServerMain() {}

    public static void main(String[] args) {
        var arguments = List.of(args);
        if (arguments.contains("--help") || arguments.contains("-h")) {
            System.out.println(usage());
            return;
        }
        if (arguments.contains("--version")) {
            System.out.println("Stagedoor server " + BuildInfo.version());
            return;
        }
        // The hook is in place before the server starts: a SIGTERM while it starts waits for it, then closes it, rather
        // than finding no hook (and adding one then fails, as the shutdown is already under way).
        var server = new AtomicReference<@Nullable StagedoorServer>();
        var started = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            try {
                                started.await(STARTING_AT_MOST.toSeconds(), TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            var running = server.get();
                            if (running != null) {
                                running.close();
                            }
                        },
                        "stagedoor-shutdown"));
        try {
            var config = ConfigLoader.forThisProcess().load(arguments);
            ConsoleLog.use(config.logFormat());
            server.set(StagedoorServer.start(config));
        } catch (StartupException e) {
            started.countDown();
            System.err.println("Stagedoor server cannot start. " + e.getMessage());
            System.exit(e instanceof InvalidConfigurationException ? EXIT_USAGE : EXIT_CANNOT_START);
            return;
        } finally {
            started.countDown();
        }
    }

    static String usage() {
        return """
                Usage: stagedoor-server [--key=value ...]

                Runs the Stagedoor server until it is stopped (Ctrl-C or SIGTERM).
                Every setting below can be given as --key=value, as a STAGEDOOR_* environment variable,
                or in a file named with --config=PATH.

                """ + ConfigLoader.defaultsText();
    }
}
