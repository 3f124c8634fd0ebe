package io.stagedoor.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for the tests: Debian's {@code postgresql} package, started once per test JVM as a
 * private cluster in a temporary directory on a free local port, and stopped when the JVM exits. Each caller gets
 * a database of its own. Durability settings are off: these databases are thrown away.
 */
public final class Postgres {

    static final String USER = "stagedoor";
    static final String PASSWORD = "stagedoor-test-" + UUID.randomUUID();

    private static Postgres instance;

    private final int port;

    private Postgres(int port) {
        this.port = port;
    }

    public static synchronized Postgres shared() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    /** A new, empty database: its JDBC URL. */
    public String newDatabase() {
        var name = "test_" + UUID.randomUUID().toString().replace("-", "");
        try (var connection = DriverManager.getConnection(url("postgres"), USER, PASSWORD);
                var statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create a test database on PostgreSQL", e);
        }
        return url(name);
    }

    public String user() {
        return USER;
    }

    public String password() {
        return PASSWORD;
    }

    private String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    private static Postgres start() {
        var bin = binaries();
        try {
            var dir = Files.createTempDirectory("stagedoor-postgres-");
            var data = dir.resolve("data");
            var passwordFile = dir.resolve("password");
            Files.writeString(passwordFile, PASSWORD);
            boolean root = System.getProperty("user.name").equals("root");
            if (root) {
                // PostgreSQL refuses to run as root: the cluster belongs to Debian's postgres user.
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
                Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-r--r--"));
            }
            run(
                    root,
                    List.of(
                            bin.resolve("initdb").toString(),
                            "-D",
                            data.toString(),
                            "-U",
                            USER,
                            "--pwfile=" + passwordFile,
                            "--auth-local=trust",
                            "--auth-host=scram-sha-256",
                            "--encoding=UTF8",
                            "--locale=C"));
            int port = freePort();
            var log = dir.resolve("postgres.log");
            run(
                    root,
                    List.of(
                            bin.resolve("pg_ctl").toString(),
                            "-D",
                            data.toString(),
                            "-l",
                            log.toString(),
                            "-w",
                            "-t",
                            "60",
                            "-o",
                            "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off"
                                    + " -c synchronous_commit=off -c full_page_writes=off -c max_connections=200",
                            "start"));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(root, bin, data, dir), "postgres-stop"));
            return new Postgres(port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void stop(boolean root, Path bin, Path data, Path dir) {
        try {
            run(root, List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "stop"));
        } catch (RuntimeException e) {
            // Stopping is best effort: the JVM is going away anyway.
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind
        }
    }

    private static Path binaries() {
        var root = Path.of("/usr/lib/postgresql");
        try (Stream<Path> versions = Files.isDirectory(root) ? Files.list(root) : Stream.empty()) {
            return versions.map(version -> version.resolve("bin"))
                    .filter(bin -> Files.isExecutable(bin.resolve("initdb")))
                    .max(Comparator.comparing(bin ->
                            Integer.parseInt(bin.getParent().getFileName().toString())))
                    .orElseThrow(() -> new IllegalStateException(
                            "PostgreSQL is not installed: the tests need Debian's postgresql package"
                                    + " (./stagedoor test installs it)."));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void run(boolean asPostgresUser, List<String> command) {
        var full = new ArrayList<String>();
        if (asPostgresUser) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        try {
            var process = new ProcessBuilder(full).redirectErrorStream(true).start();
            var output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("PostgreSQL command failed: "
                        + String.join(" ", full).toLowerCase(Locale.ROOT) + "\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
