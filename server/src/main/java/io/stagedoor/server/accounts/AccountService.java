package io.stagedoor.server.accounts;

import io.stagedoor.api.accounts.Account;
import io.stagedoor.api.accounts.AccountRole;
import io.stagedoor.api.accounts.Session;
import io.stagedoor.api.accounts.SignInRequest;
import io.stagedoor.api.accounts.SignUpRequest;
import io.stagedoor.server.config.AuthConfig;
import io.stagedoor.server.db.Sql;
import io.stagedoor.server.error.ConflictException;
import io.stagedoor.server.error.InputCheck;
import io.stagedoor.server.error.NotFoundException;
import io.stagedoor.server.error.UnauthenticatedException;
import io.stagedoor.server.secrets.Tokens;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Organiser accounts and their sessions: sign-up, sign-in (throttled), sign-out, and turning a bearer token back
 * into its caller on every request.
 */
public final class AccountService {

    static final int MIN_PASSWORD = 10;
    static final int MAX_PASSWORD = 200;

    private final Jdbi jdbi;
    private final Clock clock;
    private final AuthConfig config;
    private final PasswordHasher passwords = new PasswordHasher();
    private final LoginThrottle throttle;

    public AccountService(Jdbi jdbi, Clock clock, AuthConfig config) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.config = config;
        this.throttle = new LoginThrottle(clock, 5, 30, Duration.ofMinutes(15));
    }

    /**
     * Creates an organiser account. It is the platform administrator when its address is configured as one, or
     * when it is the first account and none is configured.
     */
    public Account signUp(SignUpRequest request) {
        var check = new InputCheck();
        var email = check.email("email", request.email());
        var name = check.text("name", request.name(), 200);
        var password = request.password();
        if (password == null || password.isEmpty()) {
            check.fail("password", "must be given");
        } else if (password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD) {
            check.fail("password", "must be " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters long");
        } else if (password.equalsIgnoreCase(email)) {
            check.fail("password", "must not be the e-mail address");
        }
        check.throwIfInvalid();
        // Hashing is slow on purpose: do it before taking any lock.
        var hash = passwords.hash(password);
        var id = UUID.randomUUID();
        var now = clock.instant();
        try {
            return jdbi.inTransaction(handle -> {
                // Serialises sign-ups so that two "first" accounts cannot both become administrator.
                handle.createQuery("SELECT singleton FROM platform_settings FOR UPDATE")
                        .mapTo(Boolean.class)
                        .one();
                var role = roleForNewAccount(handle, email);
                handle.createUpdate("""
                                INSERT INTO account (id, email, name, password_hash, role, created_at)
                                VALUES (:id, :email, :name, :hash, :role, :now)
                                """)
                        .bind("id", id)
                        .bind("email", email)
                        .bind("name", name)
                        .bind("hash", hash)
                        .bind("role", role.name())
                        .bind("now", Sql.time(now))
                        .execute();
                return new Account(id, email, name, role, now);
            });
        } catch (RuntimeException e) {
            if (Sql.isUniqueViolation(e)) {
                throw new ConflictException(
                        "email-taken",
                        "E-mail already registered",
                        "An account with " + email + " exists already. Sign in instead.");
            }
            throw e;
        }
    }

    private AccountRole roleForNewAccount(Handle handle, String email) {
        if (!config.adminEmails().isEmpty()) {
            return config.adminEmails().contains(email) ? AccountRole.ADMIN : AccountRole.ORGANISER;
        }
        int admins = handle.createQuery("SELECT COUNT(*) FROM account WHERE role = 'ADMIN'")
                .mapTo(Integer.class)
                .one();
        return admins == 0 ? AccountRole.ADMIN : AccountRole.ORGANISER;
    }

    /**
     * Checks the password and opens a session.
     *
     * @throws io.stagedoor.server.error.TooManyRequestsException after too many failures for the account or from
     *     the address
     * @throws UnauthenticatedException when the e-mail or password is wrong (which of the two is not told)
     */
    public Session signIn(SignInRequest request, String clientAddress) {
        var check = new InputCheck();
        var email = check.text("email", request.email(), 254).toLowerCase(Locale.ROOT);
        var password = check.text("password", request.password(), MAX_PASSWORD);
        check.throwIfInvalid();
        throttle.check(email, clientAddress);

        var found = jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT id, email, name, role, created_at, password_hash FROM account WHERE email = :email")
                .bind("email", email)
                .map((rs, ctx) -> new StoredAccount(account(rs), rs.getString("password_hash")))
                .findOne());
        boolean matches = found.isPresent()
                ? passwords.matches(password, found.get().passwordHash())
                : spendTimeAndFail(password);
        if (!matches) {
            throttle.failed(email, clientAddress);
            throw new UnauthenticatedException("The e-mail address or the password is wrong.");
        }
        throttle.succeeded(email);
        var account = found.get().account();
        var token = Tokens.newSecret();
        var now = clock.instant();
        var expiresAt = now.plus(config.sessionTtl());
        jdbi.useHandle(handle -> handle.createUpdate("""
                        INSERT INTO account_session (id, account_id, token_hash, created_at, expires_at)
                        VALUES (:id, :account, :hash, :now, :expires)
                        """)
                .bind("id", UUID.randomUUID())
                .bind("account", account.id())
                .bind("hash", Tokens.hash(token))
                .bind("now", Sql.time(now))
                .bind("expires", Sql.time(expiresAt))
                .execute());
        return new Session(token, expiresAt, account);
    }

    private boolean spendTimeAndFail(String password) {
        passwords.spendVerificationTime(password);
        return false;
    }

    /** Ends the caller's session: its token stops working at once. */
    public void signOut(Caller caller) {
        jdbi.useHandle(handle -> handle.createUpdate(
                        "UPDATE account_session SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL")
                .bind("now", Sql.time(clock.instant()))
                .bind("id", caller.sessionId())
                .execute());
    }

    /** The caller behind a bearer token, if the token belongs to a session that is valid now. */
    public Optional<Caller> authenticate(String bearerToken) {
        if (!Tokens.looksLikeSecret(bearerToken)) {
            return Optional.empty();
        }
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT a.id, a.email, a.role, s.id AS session_id
                        FROM account_session s JOIN account a ON a.id = s.account_id
                        WHERE s.token_hash = :hash AND s.revoked_at IS NULL AND s.expires_at > :now
                        """)
                .bind("hash", Tokens.hash(bearerToken))
                .bind("now", Sql.time(clock.instant()))
                .map((rs, ctx) -> new Caller(
                        Sql.uuid(rs, "id"),
                        rs.getString("email"),
                        AccountRole.valueOf(rs.getString("role")),
                        Sql.uuid(rs, "session_id")))
                .findOne());
    }

    public Account account(UUID id) {
        return jdbi.withHandle(handle -> handle.createQuery(
                                "SELECT id, email, name, role, created_at FROM account WHERE id = :id")
                        .bind("id", id)
                        .map((rs, ctx) -> account(rs))
                        .findOne())
                .orElseThrow(() -> new NotFoundException("There is no account " + id + "."));
    }

    private static Account account(ResultSet rs) throws SQLException {
        return new Account(
                Sql.uuid(rs, "id"),
                rs.getString("email"),
                rs.getString("name"),
                AccountRole.valueOf(rs.getString("role")),
                Sql.instant(rs, "created_at"));
    }

    private record StoredAccount(Account account, String passwordHash) {}
}
