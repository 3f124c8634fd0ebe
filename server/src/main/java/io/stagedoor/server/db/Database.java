package io.stagedoor.server.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.stagedoor.api.DatabaseHealth;
import io.stagedoor.server.StartupException;
import io.stagedoor.server.config.DatabaseConfig;
import java.sql.SQLException;
import java.time.Duration;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's database: a connection pool, the schema brought up to date by Flyway on open, and Jdbi for queries.
 * One set of migrations ({@code db/migration}) serves the embedded H2 and PostgreSQL.
 */
public final class Database implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Database.class);
    private static final Duration HEALTH_QUERY_TIMEOUT = Duration.ofSeconds(2);

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final String product;
    private final @Nullable String schemaVersion;

    private Database(HikariDataSource dataSource, String product, @Nullable String schemaVersion) {
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource);
        this.product = product;
        this.schemaVersion = schemaVersion;
    }

    /**
     * Connects and migrates.
     *
     * @throws StartupException when the database cannot be reached, is held by another process, or cannot be migrated
     */
    public static Database open(DatabaseConfig config) {
        var dataSource = new HikariDataSource(poolConfig(config));
        try {
            String product;
            try (var connection = dataSource.getConnection()) {
                var meta = connection.getMetaData();
                product = meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion();
            }
            var result = Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
            var version = result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
            if (result.migrationsExecuted > 0) {
                log.info("Database schema migrated to version {} ({} migrations)", version, result.migrationsExecuted);
            }
            return new Database(dataSource, product, version);
        } catch (SQLException | RuntimeException e) {
            dataSource.close();
            throw new StartupException(explain(config, e), e);
        }
    }

    private static HikariConfig poolConfig(DatabaseConfig config) {
        var pool = new HikariConfig();
        pool.setPoolName("stagedoor-db");
        pool.setJdbcUrl(config.url());
        if (!config.user().isEmpty()) {
            pool.setUsername(config.user());
        }
        if (!config.password().isEmpty()) {
            pool.setPassword(config.password());
        }
        pool.setMaximumPoolSize(config.poolSize());
        pool.setMinimumIdle(Math.min(2, config.poolSize()));
        pool.setConnectionTimeout(Duration.ofSeconds(10).toMillis());
        // Fail fast with our own message instead of Hikari's generic one.
        pool.setInitializationFailTimeout(-1);
        return pool;
    }

    private static String explain(DatabaseConfig config, Exception e) {
        var message = rootMessage(e);
        if (config.isEmbedded() && (message.contains("file is locked") || message.contains("already in use"))) {
            return "The embedded database at " + config.embeddedLocation()
                    + " is in use by another process, probably another Stagedoor server on the same data directory."
                    + " Stop that server, or start this one with another --data-dir.";
        }
        if (e instanceof FlywayException) {
            return "Could not bring the database schema up to date: " + message;
        }
        return "Could not open the database " + config.url() + ": " + message
                + ". Check database.url, database.user and database.password.";
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /** Runs a trivial query now, bounded in time, and reports the outcome. */
    public DatabaseHealth health() {
        try (var connection = dataSource.getConnection();
                var statement = connection.createStatement()) {
            statement.setQueryTimeout((int) HEALTH_QUERY_TIMEOUT.toSeconds());
            statement.execute("SELECT 1");
            return new DatabaseHealth(true, product, schemaVersion, null);
        } catch (SQLException e) {
            return new DatabaseHealth(false, product, schemaVersion, rootMessage(e));
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
