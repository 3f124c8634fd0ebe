package io.stagedoor.server.db;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** The identity of this installation, created on first start and stable afterwards. */
public record Installation(UUID id, OffsetDateTime createdAt) {

    /** Returns the installation record, creating it on the first start of a new database. */
    public static Installation ensure(Jdbi jdbi, Clock clock) {
        return jdbi.inTransaction(handle -> {
            handle.createUpdate("""
                            INSERT INTO installation (id, created_at)
                            SELECT :id, :createdAt WHERE NOT EXISTS (SELECT 1 FROM installation)
                            """)
                    .bind("id", UUID.randomUUID().toString())
                    .bind("createdAt", OffsetDateTime.now(clock))
                    .execute();
            return handle.createQuery("SELECT id, created_at FROM installation")
                    .map((rs, ctx) -> new Installation(
                            UUID.fromString(rs.getString("id")), rs.getObject("created_at", OffsetDateTime.class)))
                    .one();
        });
    }
}
