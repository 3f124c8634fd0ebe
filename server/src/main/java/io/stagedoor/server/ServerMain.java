package io.stagedoor.server;

import io.stagedoor.server.config.ConfigLoader;
import io.stagedoor.server.config.InvalidConfigurationException;
import java.util.List;

/** {@code stagedoor-server [--key=value ...]}: runs the server until the process is stopped. */
public final class ServerMain {

    static final int EXIT_USAGE = 2;
    static final int EXIT_CANNOT_START = 1;

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
        StagedoorServer server;
        try {
            var config = ConfigLoader.forThisProcess().load(arguments);
            ConsoleLog.use(config.logFormat());
            server = StagedoorServer.start(config);
        } catch (StartupException e) {
            System.err.println("Stagedoor server cannot start. " + e.getMessage());
            System.exit(e instanceof InvalidConfigurationException ? EXIT_USAGE : EXIT_CANNOT_START);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "stagedoor-shutdown"));
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
