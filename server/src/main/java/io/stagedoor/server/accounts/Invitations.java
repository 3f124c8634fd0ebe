package io.stagedoor.server.accounts;

import io.stagedoor.api.Page;
import io.stagedoor.api.accounts.Invitation;
import io.stagedoor.api.accounts.InvitationDraft;
import io.stagedoor.api.accounts.InvitationState;
import io.stagedoor.api.accounts.IssuedInvitation;
import io.stagedoor.server.db.PageRequest;
import io.stagedoor.server.db.Sql;
import io.stagedoor.server.error.ConflictException;
import io.stagedoor.server.error.InputCheck;
import io.stagedoor.server.error.NotFoundException;
import io.stagedoor.server.secrets.Tokens;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Single-use invitations to sign up, made by an administrator: a 256-bit code shown once and stored only as its
 * SHA-256 hash, valid until it is used, expires or is revoked.
 */
public final class Invitations {

    static final int DEFAULT_DAYS = 7;
    static final int MAX_DAYS = 90;
    /** The longest text that could be a code; anything longer is refused before hashing. */
    static final int MAX_CODE_LENGTH = 100;

    private static final String COLUMNS = """
            i.id, i.note, i.created_at, i.expires_at, i.used_at, i.revoked_at, a.email AS used_by
            FROM invitation i LEFT JOIN account a ON a.id = i.used_by""";

    private final Jdbi jdbi;
    private final Clock clock;

    Invitations(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    public IssuedInvitation create(Caller administrator, InvitationDraft draft) {
        var check = new InputCheck();
        var note = check.optionalText("note", draft.note(), 200);
        long days = draft.validDays() == null
                ? DEFAULT_DAYS
                : check.between("validDays", draft.validDays().longValue(), 1, MAX_DAYS);
        check.throwIfInvalid();
        var code = Tokens.newSecret();
        var id = UUID.randomUUID();
        var now = clock.instant();
        var expiresAt = now.plus(Duration.ofDays(days));
        jdbi.useHandle(handle -> handle.createUpdate("""
                        INSERT INTO invitation (id, code_hash, note, created_by, created_at, expires_at)
                        VALUES (:id, :hash, :note, :by, :now, :expires)
                        """)
                .bind("id", id)
                .bind("hash", Tokens.hash(code))
                .bind("note", note)
                .bind("by", administrator.accountId())
                .bind("now", Sql.time(now))
                .bind("expires", Sql.time(expiresAt))
                .execute());
        return new IssuedInvitation(code, new Invitation(id, note, InvitationState.OPEN, now, expiresAt, null, null));
    }

    /** Every invitation, newest first. */
    public Page<Invitation> list(PageRequest page) {
        var now = clock.instant();
        return jdbi.withHandle(handle -> {
            long total = handle.createQuery("SELECT COUNT(*) FROM invitation")
                    .mapTo(Long.class)
                    .one();
            var items = handle.createQuery(
                            "SELECT " + COLUMNS + " ORDER BY i.created_at DESC, i.id LIMIT :size" + " OFFSET :offset")
                    .bind("size", page.size())
                    .bind("offset", page.offset())
                    .map((rs, ctx) -> invitation(rs, now))
                    .list();
            return new Page<>(items, page.page(), page.size(), total);
        });
    }

    /**
     * Stops an invitation from working; revoking one twice changes nothing.
     *
     * @throws ConflictException when it was used already
     */
    public void revoke(UUID id) {
        var now = clock.instant();
        jdbi.useHandle(handle -> {
            int revoked = handle.createUpdate("""
                            UPDATE invitation SET revoked_at = :now
                            WHERE id = :id AND revoked_at IS NULL AND used_at IS NULL
                            """)
                    .bind("now", Sql.time(now))
                    .bind("id", id)
                    .execute();
            if (revoked == 1) {
                return;
            }
            var invitation = handle.createQuery("SELECT " + COLUMNS + " WHERE i.id = :id")
                    .bind("id", id)
                    .map((rs, ctx) -> invitation(rs, now))
                    .findOne()
                    .orElseThrow(() -> new NotFoundException("There is no invitation " + id + "."));
            if (invitation.state() == InvitationState.USED) {
                throw new ConflictException(
                        "invitation-used",
                        "Invitation used",
                        "This invitation was used by "
                                + (invitation.usedBy() == null ? "a sign-up since rejected" : invitation.usedBy())
                                + " already; revoking it changes nothing.");
            }
        });
    }

    /**
     * The invitation a code belongs to, when it may be used now.
     *
     * @throws RegistrationException saying why it may not
     */
    UUID usable(Handle handle, String code, Instant now) {
        if (code.length() > MAX_CODE_LENGTH) {
            throw RegistrationException.invitationInvalid("There is no such invitation: check the code.");
        }
        var found = handle.createQuery("SELECT " + COLUMNS + " WHERE i.code_hash = :hash")
                .bind("hash", Tokens.hash(code))
                .map((rs, ctx) -> invitation(rs, now))
                .findOne()
                .orElseThrow(
                        () -> RegistrationException.invitationInvalid("There is no such invitation: check the code."));
        return switch (found.state()) {
            case OPEN -> found.id();
            case USED -> throw RegistrationException.invitationInvalid("This invitation was used already.");
            case EXPIRED -> throw RegistrationException.invitationInvalid("This invitation has expired.");
            case REVOKED -> throw RegistrationException.invitationInvalid("This invitation was revoked.");
        };
    }

    /** Marks the invitation used by the new account, in the transaction that makes it. */
    void use(Handle handle, UUID invitation, UUID account, Instant now) {
        int updated = handle.createUpdate("""
                        UPDATE invitation SET used_at = :now, used_by = :account
                        WHERE id = :id AND used_at IS NULL AND revoked_at IS NULL AND expires_at > :now
                        """)
                .bind("now", Sql.time(now))
                .bind("account", account)
                .bind("id", invitation)
                .execute();
        if (updated != 1) {
            throw RegistrationException.invitationInvalid("This invitation was used or revoked a moment ago.");
        }
    }

    private static Invitation invitation(ResultSet rs, Instant now) throws SQLException {
        var usedAt = Sql.nullableInstant(rs, "used_at");
        var revokedAt = Sql.nullableInstant(rs, "revoked_at");
        var expiresAt = Sql.instant(rs, "expires_at");
        InvitationState state;
        if (usedAt != null) {
            state = InvitationState.USED;
        } else if (revokedAt != null) {
            state = InvitationState.REVOKED;
        } else if (!expiresAt.isAfter(now)) {
            state = InvitationState.EXPIRED;
        } else {
            state = InvitationState.OPEN;
        }
        return new Invitation(
                Sql.uuid(rs, "id"),
                rs.getString("note"),
                state,
                Sql.instant(rs, "created_at"),
                expiresAt,
                usedAt,
                rs.getString("used_by"));
    }
}
