package io.stagedoor.app.start;

import java.nio.file.Path;

/**
 * Runs {@link TokenStores#forThisUser} in a process of its own, so that a test can give it a desktop session (a D-Bus
 * bus and a keyring daemon) that the test's own process does not have. Prints what it did, one {@code key=value} per
 * line.
 *
 * <p>Arguments: {@code <configDir> save <server> <token>}, {@code <configDir> read <server>} or {@code <configDir>
 * forget <server>}.
 */
public final class KeyringProbe {

    private KeyringProbe() {}

    public static void main(String[] args) {
        // Ends by itself only if the store lets go of what it holds open: the studio's process must too.
        try (var store = TokenStores.forThisUser(Path.of(args[0]))) {
            System.out.println("store=" + store.describe());
            var server = args[2];
            switch (args[1]) {
                case "save" -> store.save(server, args[3]);
                case "read" -> System.out.println("token=" + store.token(server).orElse("(none)"));
                case "forget" -> store.forget(server);
                default -> throw new IllegalArgumentException("save, read or forget, not " + args[1]);
            }
            System.out.println("done=" + args[1]);
        }
    }
}
