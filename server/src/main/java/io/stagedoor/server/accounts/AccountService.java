package io.stagedoor.server.accounts;

import io.stagedoor.api.accounts.Account;
import io.stagedoor.api.accounts.AccountRole;
import io.stagedoor.api.accounts.AccountStatus;
import io.stagedoor.api.accounts.Session;
import io.stagedoor.api.accounts.SignInRequest;
import io.stagedoor.api.accounts.SignUpRequest;
import io.stagedoor.server.accounts.limits.ClientNetwork;
import io.stagedoor.server.accounts.limits.HashingSlots;
import io.stagedoor.server.accounts.limits.LoginThrottle;
import io.stagedoor.server.accounts.limits.SignUpThrottle;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.Nullable;

/**
 * Organiser accounts and their sessions: sign-up as the registration mode allows, sign-in (throttled), sign-out, and
 * turning a bearer token back into its caller on every request. Every password hash runs behind
 * {@link HashingSlots}, and every attempt is counted by its throttle before its password is hashed.
 */
public final class AccountService {

    static final int MIN_PASSWORD = 10;
    static final int MAX_PASSWORD = 200;
    static final String ACCOUNT_COLUMNS = "id, email, name, role, status, created_at";

    /** How long a network where an account signed in counts as its owner's, for {@link LoginThrottle}. */
    static final Duration KNOWN_NETWORK_FOR = Duration.ofDays(90);

    private final Jdbi jdbi;
    private final Clock clock;
    private final AuthConfig config;
    private final ServerReach reach;
    private final PasswordHasher passwords = new PasswordHasher();
    private final HashingSlots hashing;
    private final LoginThrottle signIns;
    private final SignUpThrottle signUps;
    private final SetupCode setupCode = new SetupCode();
    private final Invitations invitations;
    private final Registrations registrations;

    public AccountService(Jdbi jdbi, Clock clock, AuthConfig config, ServerReach reach) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.config = config;
        this.reach = reach;
        this.hashing =
                new HashingSlots(config.hashing().permits(), config.hashing().maxWait());
        this.signIns = new LoginThrottle(clock, config.signIn(), this::signedInFrom);
        this.signUps = new SignUpThrottle(clock, config.signUp());
        this.invitations = new Invitations(jdbi, clock);
        this.registrations = new Registrations(jdbi);
    }

    public Invitations invitations() {
        return invitations;
    }

    public Registrations registrations() {
        return registrations;
    }

    /**
     * On a server others can reach that has no administrator yet (see {@link ServerReach}), a new one-time code with
     * which the first administrator signs up; for the start-up log. Empty when no code is needed.
     */
    public Optional<String> issueSetupCode() {
        if (reach == ServerReach.LOOPBACK_ONLY || jdbi.withHandle(AccountService::administratorExists)) {
            setupCode.retire();
            return Optional.empty();
        }
        return Optional.of(setupCode.issue());
    }

    /**
     * Creates an account, as the registration mode allows (see {@link #admit}).
     *
     * @param clientAddress who asks, for the sign-up throttle
     * @throws RegistrationException when the mode, the invitation or the setup code does not allow it
     * @throws io.stagedoor.server.error.TooManyRequestsException when the address or everyone together signed up too
     *     often of late, or the server is too busy hashing passwords
     */
    public Account signUp(SignUpRequest request, String clientAddress) {
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
        var invitation = blankToNull(check.optionalText("invitationCode", request.invitationCode(), 200));
        var code = blankToNull(check.optionalText("setupCode", request.setupCode(), 200));
        check.throwIfInvalid();

        // The holder of the setup code is the operator: nothing stands in their way. Everyone else is counted first.
        var counted = new ArrayList<SignUpThrottle.Counted>();
        if (code == null || !setupCode.matches(code)) {
            counted.add(signUps.fromAddress(ClientNetwork.of(clientAddress)));
        }
        // Refused before a hash is spent on it; asked again, authoritatively, in the transaction below.
        jdbi.useHandle(handle -> admit(handle, email, code, invitation, clock.instant()));
        if (code == null) {
            counted.add(signUps.inTotal());
        }
        String hash;
        try {
            hash = hashing.run(() -> passwords.hash(password));
        } catch (RuntimeException e) {
            counted.forEach(SignUpThrottle.Counted::takeBack);
            throw e;
        }
        var id = UUID.randomUUID();
        try {
            return jdbi.inTransaction(handle -> {
                // Serialises sign-ups, so that two "first" accounts cannot both become administrator.
                handle.createQuery("SELECT singleton FROM platform_settings FOR UPDATE")
                        .mapTo(Boolean.class)
                        .one();
                var now = clock.instant();
                var admitted = admit(handle, email, code, invitation, now);
                handle.createUpdate("""
                                INSERT INTO account (id, email, name, password_hash, role, status, created_at)
                                VALUES (:id, :email, :name, :hash, :role, :status, :now)
                                """)
                        .bind("id", id)
                        .bind("email", email)
                        .bind("name", name)
                        .bind("hash", hash)
                        .bind("role", admitted.role().name())
                        .bind("status", admitted.status().name())
                        .bind("now", Sql.time(now))
                        .execute();
                if (admitted.invitation() != null) {
                    invitations.use(handle, admitted.invitation(), id, now);
                }
                if (admitted.withSetupCode() && !setupCode.use(code)) {
                    throw RegistrationException.setupCodeInvalid("This setup code was used a moment ago.");
                }
                if (admitted.role() == AccountRole.ADMIN && admitted.status() == AccountStatus.ACTIVE) {
                    setupCode.retire();
                }
                return new Account(id, email, name, admitted.role(), admitted.status(), now);
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

    /** What a new account will be, and what it uses up. */
    private record Admission(
            AccountRole role,
            AccountStatus status,
            @Nullable UUID invitation,
            boolean withSetupCode) {}

    /**
     * Who may sign up, and as what:
     *
     * <ol>
     *   <li>With the setup code, while no administrator exists: the administrator, whatever the mode.
     *   <li>On a loopback-only server: as before, the addresses in {@code auth.admin-emails} are administrators, or
     *       when none are configured, the first account is.
     *   <li>Everyone else as the registration mode says: closed refuses; invite needs an invitation; approval makes
     *       the account wait unless it brings an invitation; open lets it in.
     *   <li>On a server others can reach, an address from {@code auth.admin-emails} becomes an administrator only once
     *       an administrator approves it: nobody becomes one by typing someone else's address.
     * </ol>
     */
    private Admission admit(
            Handle handle, String email, @Nullable String code, @Nullable String invitationCode, Instant now) {
        boolean administratorExists = administratorExists(handle);
        if (code != null) {
            if (administratorExists) {
                throw RegistrationException.setupCodeInvalid("This server has an administrator already, so the setup"
                        + " code is spent. Sign up without it, or ask the administrator.");
            }
            if (!setupCode.matches(code)) {
                throw RegistrationException.setupCodeInvalid("That setup code is not valid. Copy it from the log of"
                        + " the server's latest start; it works once.");
            }
            return new Admission(AccountRole.ADMIN, AccountStatus.ACTIVE, null, true);
        }
        boolean configured = config.adminEmails().contains(email);
        if (reach == ServerReach.LOOPBACK_ONLY
                && (config.adminEmails().isEmpty() ? !administratorExists : configured)) {
            return new Admission(AccountRole.ADMIN, AccountStatus.ACTIVE, null, false);
        }
        if (config.registration() == AuthConfig.Registration.CLOSED) {
            throw RegistrationException.closed();
        }
        var invitation = invitationCode == null ? null : invitations.usable(handle, invitationCode, now);
        if (config.registration() == AuthConfig.Registration.INVITE && invitation == null) {
            throw RegistrationException.invitationRequired();
        }
        var role = configured ? AccountRole.ADMIN : AccountRole.ORGANISER;
        boolean waits = configured || (config.registration() == AuthConfig.Registration.APPROVAL && invitation == null);
        return new Admission(role, waits ? AccountStatus.PENDING : AccountStatus.ACTIVE, invitation, false);
    }

    private static boolean administratorExists(Handle handle) {
        return handle.createQuery("SELECT COUNT(*) FROM account WHERE role = 'ADMIN' AND status = 'ACTIVE'")
                        .mapTo(Integer.class)
                        .one()
                > 0;
    }

    /**
     * Checks the password and opens a session.
     *
     * @param clientAddress who asks, for the throttle and to remember where the account was used
     * @throws io.stagedoor.server.error.TooManyRequestsException after too many failures from the address, for the
     *     account from the address, or for the account from places it was never used from; or when the server is too
     *     busy hashing passwords
     * @throws UnauthenticatedException when the e-mail or password is wrong (which of the two is not told)
     * @throws RegistrationException when the password is right but the account waits for approval
     */
    public Session signIn(SignInRequest request, String clientAddress) {
        var check = new InputCheck();
        var email = check.text("email", request.email(), 254).toLowerCase(Locale.ROOT);
        var password = check.text("password", request.password(), MAX_PASSWORD);
        check.throwIfInvalid();
        var network = ClientNetwork.of(clientAddress);
        var attempt = signIns.begin(email, network);

        Optional<StoredAccount> found;
        boolean matches;
        try {
            found = jdbi.withHandle(handle -> handle.createQuery(
                            "SELECT " + ACCOUNT_COLUMNS + ", password_hash FROM account WHERE email = :email")
                    .bind("email", email)
                    .map((rs, ctx) -> new StoredAccount(account(rs), rs.getString("password_hash")))
                    .findOne());
            matches = hashing.run(() -> found.isPresent()
                    ? passwords.matches(password, found.get().passwordHash())
                    : spendTimeAndFail(password));
        } catch (RuntimeException e) {
            attempt.abandoned();
            throw e;
        }
        if (!matches) {
            throw new UnauthenticatedException("The e-mail address or the password is wrong.");
        }
        attempt.succeeded();
        var account = found.get().account();
        if (account.status() == AccountStatus.PENDING) {
            throw RegistrationException.approvalPending();
        }
        var token = Tokens.newSecret();
        var now = clock.instant();
        var expiresAt = now.plus(config.sessionTtl());
        jdbi.useHandle(handle -> handle.createUpdate("""
                        INSERT INTO account_session (id, account_id, token_hash, created_at, expires_at, client_network)
                        VALUES (:id, :account, :hash, :now, :expires, :network)
                        """)
                .bind("id", UUID.randomUUID())
                .bind("account", account.id())
                .bind("hash", Tokens.hash(token))
                .bind("now", Sql.time(now))
                .bind("expires", Sql.time(expiresAt))
                .bind("network", network)
                .execute());
        return new Session(token, expiresAt, account);
    }

    private boolean spendTimeAndFail(String password) {
        passwords.spendVerificationTime(password);
        return false;
    }

    /** Whether the account signed in from {@code network} lately: its owner's place, for {@link LoginThrottle}. */
    private boolean signedInFrom(String email, String network) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                                SELECT COUNT(*) FROM account_session s JOIN account a ON a.id = s.account_id
                                WHERE a.email = :email AND s.client_network = :network AND s.created_at > :since
                                """)
                        .bind("email", email)
                        .bind("network", network)
                        .bind("since", Sql.time(clock.instant().minus(KNOWN_NETWORK_FOR)))
                        .mapTo(Integer.class)
                        .one())
                > 0;
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
                          AND a.status = 'ACTIVE'
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
        return jdbi.withHandle(
                        handle -> handle.createQuery("SELECT " + ACCOUNT_COLUMNS + " FROM account WHERE id = :id")
                                .bind("id", id)
                                .map((rs, ctx) -> account(rs))
                                .findOne())
                .orElseThrow(() -> new NotFoundException("There is no account " + id + "."));
    }

    static Account account(ResultSet rs) throws SQLException {
        return new Account(
                Sql.uuid(rs, "id"),
                rs.getString("email"),
                rs.getString("name"),
                AccountRole.valueOf(rs.getString("role")),
                AccountStatus.valueOf(rs.getString("status")),
                Sql.instant(rs, "created_at"));
    }

    private static @Nullable String blankToNull(String text) {
        return text.isEmpty() ? null : text;
    }

    private record StoredAccount(Account account, String passwordHash) {}
}
