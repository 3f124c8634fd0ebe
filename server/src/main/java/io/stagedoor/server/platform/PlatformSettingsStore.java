package io.stagedoor.server.platform;

import io.stagedoor.api.accounts.PlatformSettings;
import io.stagedoor.server.db.Sql;
import io.stagedoor.server.error.InputCheck;
import java.time.Clock;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** The platform's one row of settings. */
public final class PlatformSettingsStore {

    /** The most a platform may take of an order: half. */
    static final int MAX_FEE_BASIS_POINTS = 5_000;

    private final Jdbi jdbi;
    private final Clock clock;

    public PlatformSettingsStore(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    public PlatformSettings settings() {
        return jdbi.withHandle(handle -> new PlatformSettings(feeBasisPoints(handle)));
    }

    /** The fee rate now, read inside the caller's transaction so that an order keeps the rate it was paid at. */
    public static int feeBasisPoints(Handle handle) {
        return handle.createQuery("SELECT fee_basis_points FROM platform_settings")
                .mapTo(Integer.class)
                .one();
    }

    public PlatformSettings update(PlatformSettings changes) {
        var check = new InputCheck();
        int fee = check.between("feeBasisPoints", changes.feeBasisPoints(), 0, MAX_FEE_BASIS_POINTS);
        check.throwIfInvalid();
        jdbi.useHandle(
                handle -> handle.createUpdate("UPDATE platform_settings SET fee_basis_points = :fee, updated_at = :now")
                        .bind("fee", fee)
                        .bind("now", Sql.time(clock.instant()))
                        .execute());
        return settings();
    }
}
