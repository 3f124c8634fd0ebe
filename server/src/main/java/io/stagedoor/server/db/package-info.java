/** The database: connection pool, Flyway migrations (one set for H2 and PostgreSQL) and Jdbi. */
@NullMarked
package io.stagedoor.server.db;

import org.jspecify.annotations.NullMarked;
