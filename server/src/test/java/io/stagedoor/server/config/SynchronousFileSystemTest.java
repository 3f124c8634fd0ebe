package io.stagedoor.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The embedded database's URL: the same files as before, written synchronously. */
class SynchronousFileSystemTest {

    /** The embedded URL of the releases before commits were made durable. */
    private static String earlierUrl(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.resolve("db").resolve("stagedoor")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    }

    /** O_DSYNC on Linux, as /proc/PID/fdinfo shows open flags (octal). */
    private static final int O_DSYNC = 010000;

    @TempDir
    Path dataDir;

    @Test
    void aDatabaseOfAnEarlierReleaseOpensWithItsRowsAndStillOpensTheOldWayAfterwards() throws Exception {
        try (var earlier = connect(earlierUrl(dataDir))) {
            execute(earlier, "CREATE TABLE sold (id INT PRIMARY KEY, buyer VARCHAR(40))");
            execute(earlier, "INSERT INTO sold VALUES (1, 'before the upgrade')");
        }
        new DatabaseConfig(ConfigLoader.embeddedDatabaseUrl(dataDir, true), "", "", 1); // registers, as loading does
        try (var now = connect(ConfigLoader.embeddedDatabaseUrl(dataDir, true))) {
            assertThat(buyers(now)).containsExactly("before the upgrade");
            execute(now, "INSERT INTO sold VALUES (2, 'after the upgrade')");
        }
        try (var earlier = connect(earlierUrl(dataDir))) {
            assertThat(buyers(earlier)).containsExactly("before the upgrade", "after the upgrade");
        }
        try (var files = Files.walk(dataDir)) {
            assertThat(files.filter(Files::isRegularFile)
                            .map(f -> dataDir.relativize(f).toString()))
                    .as("one database file, where it always was")
                    .containsExactly(Path.of("db", "stagedoor.mv.db").toString());
        }
        assertThat(Path.of("sync:"))
                .as("no file system prefix taken for a directory")
                .doesNotExist();
    }

    @Test
    void theDatabaseFileIsOpenedForSynchronousWritesUnlessTurnedOffAndTheOldUrlsFileIsNot() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/fdinfo")), "open flags are read from Linux's /proc");
        var config = new DatabaseConfig(ConfigLoader.embeddedDatabaseUrl(dataDir, true), "", "", 1);
        try (var connection = connect(config.url())) {
            execute(connection, "CREATE TABLE sold (id INT PRIMARY KEY)");
            assertThat(openFlags(dataDir.resolve("db").resolve("stagedoor.mv.db")))
                    .singleElement()
                    .satisfies(flags -> assertThat(flags & O_DSYNC).isEqualTo(O_DSYNC));
        }
        var turnedOff = dataDir.resolve("turned-off");
        var plain = dataDir.resolve("plain");
        for (var url : List.of(ConfigLoader.embeddedDatabaseUrl(turnedOff, false), earlierUrl(plain))) {
            try (var connection = connect(url)) {
                execute(connection, "CREATE TABLE sold (id INT PRIMARY KEY)");
            }
        }
        try (var off = connect(ConfigLoader.embeddedDatabaseUrl(turnedOff, false));
                var earlier = connect(earlierUrl(plain))) {
            for (var dir : List.of(turnedOff, plain)) {
                assertThat(openFlags(dir.resolve("db").resolve("stagedoor.mv.db")))
                        .as(dir.getFileName().toString())
                        .singleElement()
                        .satisfies(flags -> assertThat(flags & O_DSYNC).isZero());
            }
        }
    }

    @ParameterizedTest(name = "sync-writes={0}")
    @ValueSource(booleans = {true, false})
    void aCommitByAnInterruptedThreadIsWrittenAndTheDatabaseStaysOpen(boolean synchronousWrites) throws Exception {
        // Every commit is written by the thread that commits; Java closes a file when a thread blocked on it is
        // interrupted, which would leave H2 unable to write anything more.
        var url = new DatabaseConfig(ConfigLoader.embeddedDatabaseUrl(dataDir, synchronousWrites), "", "", 1).url();
        try (var connection = connect(url)) {
            execute(connection, "CREATE TABLE sold (id INT PRIMARY KEY, buyer VARCHAR(40))");
            Thread.currentThread().interrupt();
            try {
                execute(connection, "INSERT INTO sold VALUES (1, 'while interrupted')");
            } finally {
                Thread.interrupted();
            }
            execute(connection, "INSERT INTO sold VALUES (2, 'afterwards')");
        }
        try (var connection = connect(url)) {
            assertThat(buyers(connection)).containsExactly("while interrupted", "afterwards");
        }
    }

    private static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, "", "");
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static List<String> buyers(Connection connection) throws SQLException {
        var buyers = new ArrayList<String>();
        try (var statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT buyer FROM sold ORDER BY id")) {
            while (rows.next()) {
                buyers.add(rows.getString(1));
            }
        }
        return buyers;
    }

    /** The open flags of each of this process's descriptors on {@code file}. */
    private static List<Integer> openFlags(Path file) throws IOException {
        var flags = new ArrayList<Integer>();
        try (var descriptors = Files.list(Path.of("/proc/self/fd"))) {
            for (var fd : descriptors.toList()) {
                Path target;
                try {
                    target = Files.readSymbolicLink(fd);
                } catch (IOException e) {
                    continue; // closed meanwhile
                }
                if (target.equals(file.toAbsolutePath())) {
                    var info = Files.readAllLines(Path.of("/proc/self/fdinfo").resolve(fd.getFileName()));
                    info.stream()
                            .filter(line -> line.startsWith("flags:"))
                            .map(line -> Integer.parseInt(
                                    line.substring("flags:".length()).trim(), 8))
                            .forEach(flags::add);
                }
            }
        }
        return flags;
    }
}
