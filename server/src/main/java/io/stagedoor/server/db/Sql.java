package io.stagedoor.server.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jspecify.annotations.Nullable;

/** Conversions every store needs, identical on H2 and PostgreSQL. Times are stored as UTC instants. */
public final class Sql {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String CHECK_VIOLATION = "23514";

    private Sql() {}

    /** An instant as a bind value for a {@code TIMESTAMP WITH TIME ZONE} column. */
    public static @Nullable OffsetDateTime time(@Nullable Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /**
     * Binds a UUID that may be null. A plain null would travel as text, which PostgreSQL refuses for a UUID column;
     * this one has no type, which both databases accept.
     */
    public static <S extends SqlStatement<S>> S bindUuid(S statement, String name, @Nullable UUID value) {
        return value == null ? statement.bindNull(name, Types.OTHER) : statement.bind(name, value);
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        var value = rs.getObject(column, OffsetDateTime.class);
        if (value == null) {
            throw new SQLException(column + " is null");
        }
        return value.toInstant();
    }

    public static @Nullable Instant nullableInstant(ResultSet rs, String column) throws SQLException {
        var value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    public static UUID uuid(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, UUID.class);
    }

    public static @Nullable UUID nullableUuid(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, UUID.class);
    }

    public static @Nullable Integer nullableInt(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    public static @Nullable Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    /** Whether a statement failed on a UNIQUE constraint (SQLSTATE 23505 on both databases). */
    public static boolean isUniqueViolation(Throwable e) {
        return hasState(e, UNIQUE_VIOLATION);
    }

    /** Whether a statement failed on a CHECK constraint (SQLSTATE 23514). */
    public static boolean isCheckViolation(Throwable e) {
        return hasState(e, CHECK_VIOLATION);
    }

    private static boolean hasState(Throwable e, String state) {
        Throwable t = e;
        for (int depth = 0; t != null && depth < 20; depth++, t = t.getCause()) {
            if (t instanceof SQLException sql && state.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
