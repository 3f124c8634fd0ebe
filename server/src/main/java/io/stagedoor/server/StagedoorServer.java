package io.stagedoor.server;

import io.stagedoor.server.accounts.AccountService;
import io.stagedoor.server.accounts.ServerReach;
import io.stagedoor.server.config.AuthConfig;
import io.stagedoor.server.config.InvalidConfigurationException;
import io.stagedoor.server.config.PublicUrl;
import io.stagedoor.server.config.ServerConfig;
import io.stagedoor.server.db.Database;
import io.stagedoor.server.db.Installation;
import io.stagedoor.server.events.CoverImages;
import io.stagedoor.server.events.EventService;
import io.stagedoor.server.events.PromoCodeService;
import io.stagedoor.server.events.ShowClock;
import io.stagedoor.server.events.TicketTypeService;
import io.stagedoor.server.health.HealthService;
import io.stagedoor.server.health.SetupWarnings;
import io.stagedoor.server.http.ApiRoutes;
import io.stagedoor.server.http.ClientAddress;
import io.stagedoor.server.http.HttpServer;
import io.stagedoor.server.http.RateLimiter;
import io.stagedoor.server.ingest.HlsRoutes;
import io.stagedoor.server.ingest.IngestService;
import io.stagedoor.server.mail.EventMail;
import io.stagedoor.server.mail.LocalOutboxTransport;
import io.stagedoor.server.mail.MailTransport;
import io.stagedoor.server.mail.OutboxWorker;
import io.stagedoor.server.mail.SmtpTransport;
import io.stagedoor.server.pages.PurchasePages;
import io.stagedoor.server.pages.ViewerPages;
import io.stagedoor.server.payments.PaymentProvider;
import io.stagedoor.server.payments.Payments;
import io.stagedoor.server.payments.StripeProvider;
import io.stagedoor.server.payments.TestCardProvider;
import io.stagedoor.server.platform.PlatformSettingsStore;
import io.stagedoor.server.sales.CheckoutLimits;
import io.stagedoor.server.sales.CheckoutService;
import io.stagedoor.server.sales.EventCancellations;
import io.stagedoor.server.sales.OrderLifecycle;
import io.stagedoor.server.sales.OrderService;
import io.stagedoor.server.sales.PaymentNotifications;
import io.stagedoor.server.sales.Refunds;
import io.stagedoor.server.sales.SalesHousekeeping;
import io.stagedoor.server.sales.SalesReports;
import io.stagedoor.server.secrets.ServerSecret;
import io.stagedoor.server.signals.Signals;
import io.stagedoor.server.sse.Followers;
import io.stagedoor.server.tickets.TicketService;
import io.stagedoor.server.viewing.ViewingService;
import io.stagedoor.server.viewing.WatchPages;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every part of the server with plain constructors, in start order, and closes them
 * in reverse. Used by {@link ServerMain}, by the desktop app's local server, and by tests (with port 0).
 */
public final class StagedoorServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StagedoorServer.class);

    private final ServerConfig config;
    private final HttpServer http;
    private final OutboxWorker outbox;
    private final SalesHousekeeping housekeeping;
    private final IngestService ingest;
    private final Deque<AutoCloseable> parts;
    private final AtomicBoolean closed = new AtomicBoolean();

    private StagedoorServer(
            ServerConfig config,
            HttpServer http,
            OutboxWorker outbox,
            SalesHousekeeping housekeeping,
            IngestService ingest,
            Deque<AutoCloseable> parts) {
        this.config = config;
        this.http = http;
        this.outbox = outbox;
        this.housekeeping = housekeeping;
        this.ingest = ingest;
        this.parts = parts;
    }

    /**
     * Starts a server and returns once it accepts requests.
     *
     * @throws StartupException when a setting, the data directory, the database or the port stands in the way
     */
    public static StagedoorServer start(ServerConfig config) {
        return start(config, Clock.systemUTC());
    }

    public static StagedoorServer start(ServerConfig config, Clock clock) {
        var paymentsConflict = config.payments().conflict();
        if (paymentsConflict.isPresent()) {
            throw new InvalidConfigurationException(paymentsConflict.get());
        }
        createDataDirectory(config.dataDir());
        // Closed in reverse order of starting, also when a later part fails to start.
        var started = new ArrayDeque<AutoCloseable>();
        try {
            var database = Database.open(config.database());
            started.push(database);
            var jdbi = database.jdbi();
            var installation = Installation.ensure(jdbi, clock);
            var publicUrl = new PublicUrl(config.publicUrl());

            var providers = new ArrayList<PaymentProvider>();
            if (config.payments().testProviderEnabled()) {
                providers.add(new TestCardProvider());
            }
            var stripe = config.payments()
                    .stripe()
                    .map(settings -> new StripeProvider(
                            settings, clock, config.payments().hold()))
                    .orElse(null);
            if (stripe != null) {
                providers.add(stripe);
            }
            var payments = new Payments(providers);
            var accounts = new AccountService(jdbi, clock, config.auth(), ServerReach.of(config));
            var setupCode = accounts.issueSetupCode();
            var signals = new Signals();
            var events = new EventService(jdbi, clock, signals);
            var tickets = new TicketService(jdbi);
            var refunds = new Refunds(jdbi, clock, payments);
            var lifecycle = new OrderLifecycle(jdbi, clock, payments, refunds, publicUrl);
            // One set of limits for the API and the event page's form, so that switching between them gains nothing.
            var checkoutLimits = new CheckoutLimits(
                    config.payments().limits(),
                    (limit, window, what) -> new RateLimiter(clock, limit, window, what)::acquire);
            var checkout = new CheckoutService(
                    jdbi,
                    clock,
                    payments,
                    lifecycle,
                    publicUrl,
                    config.payments().hold(),
                    checkoutLimits);

            MailTransport transport = config.mail().smtp().isPresent()
                    ? new SmtpTransport(
                            config.mail().smtp().get(), config.mail().from())
                    : new LocalOutboxTransport();
            var outbox = new OutboxWorker(jdbi, clock, transport, config.mail(), Duration.ofSeconds(1));
            started.push(outbox);
            outbox.start();
            var housekeeping = new SalesHousekeeping(jdbi, clock, lifecycle, refunds, checkout, Duration.ofSeconds(30));
            started.push(housekeeping);

            var secret = ServerSecret.loadOrCreate(config.dataDir());
            var ingest = new IngestService(
                    jdbi, clock, config.ingest(), events, signals, secret, publicUrl, config.dataDir());
            started.push(ingest);
            ingest.start();
            var showClock = new ShowClock(events, Duration.ofSeconds(1));
            started.push(showClock);
            showClock.start();
            var limits = config.eventStreams();
            var followers = new Followers(limits.perAddress(), limits.perEvent(), limits.total());
            var delivery = new HlsRoutes(
                    ingest,
                    events,
                    accounts::authenticate,
                    config.ingest().metricsToken(),
                    followers,
                    ClientAddress::of);

            var setupWarnings = new SetupWarnings();
            ClientAddress.checkSetup(config.http(), config.publicUrl(), setupWarnings);
            var services = new ApiRoutes.Services(
                    new HealthService(BuildInfo.version(), clock, database, setupWarnings),
                    accounts,
                    new PlatformSettingsStore(jdbi, clock),
                    events,
                    new TicketTypeService(jdbi, clock),
                    new PromoCodeService(jdbi, clock),
                    new CoverImages(jdbi, clock),
                    checkout,
                    new OrderService(jdbi, lifecycle, clock),
                    new SalesReports(jdbi),
                    new EventCancellations(jdbi, clock, lifecycle, refunds, signals),
                    tickets,
                    new PaymentNotifications(jdbi, clock, lifecycle, stripe),
                    ingest,
                    new EventMail(jdbi, clock));
            var pages = new ViewerPages(transport.keepsMessages() ? outbox : null);
            var viewing = new ViewingService(jdbi, clock, ingest);
            delivery.gate(viewing);
            var watchPages = new WatchPages(viewing, clock, delivery.player(), signals, followers);
            var purchasePages =
                    new PurchasePages(events, checkout, checkoutLimits, lifecycle, payments, publicUrl, clock);
            var http = HttpServer.start(
                    config.http(),
                    setupWarnings,
                    ApiRoutes.table(services),
                    routes -> {
                        // Playlists and segments first: the router tries routes in order, one pattern at a time, and
                        // they are most of the requests (every viewer, every 2 s). No other route starts with /live.
                        delivery.register(routes);
                        pages.register(routes);
                        watchPages.register(routes);
                        purchasePages.register(routes);
                    },
                    accounts::authenticate);
            started.push(http);

            var server = new StagedoorServer(config, http, outbox, housekeeping, ingest, started);
            publicUrl.listeningAt(server.baseUri());
            log.info(
                    "Stagedoor server {} listening on {} ({}; installation {}, data in {})",
                    BuildInfo.version(),
                    server.baseUri(),
                    server.listensOnEveryInterface()
                            ? "every interface, port " + server.httpPort()
                            : "this address only",
                    installation.id(),
                    config.dataDir());
            if (config.mail().smtp().isEmpty()) {
                log.info("No SMTP server configured: e-mail is kept at {}outbox", server.baseUri());
            }
            setupCode.ifPresent(code -> logSetupCode(code, server.baseUri(), config.auth()));
            return server;
        } catch (RuntimeException e) {
            closeAll(started);
            throw e;
        }
    }

    /**
     * Says, where an operator looks first, how to make the first administrator of a server others can reach. One line
     * per statement, so that each stays whole in the journal and in JSON logs; the code's line is the one to grep.
     */
    private static void logSetupCode(String code, URI base, AuthConfig auth) {
        log.warn("==== This server can be reached from other machines and has no administrator yet. ====");
        log.warn("The first administrator signs up with this one-time setup code. It works once, and only until the"
                + " server stops; each start without an administrator prints a new one.");
        log.warn("Setup code: {}", code);
        log.warn(
                "Make the administrator on this machine with: curl -s {}api/v1/accounts -H 'Content-Type:"
                        + " application/json' -d '{\"email\":\"you@example.org\",\"password\":\"a long password\","
                        + "\"name\":\"Your Name\",\"setupCode\":\"{}\"}'",
                base,
                code);
        log.warn(
                "==== Everyone else signs up as auth.registration={} allows; see stagedoor.conf. ====",
                auth.registration().name().toLowerCase(Locale.ROOT));
    }

    private static void createDataDirectory(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new StartupException(
                    "Cannot create the data directory " + dataDir + " (" + e + "). Choose another with --data-dir"
                            + " or STAGEDOOR_DATA_DIR.",
                    e);
        }
    }

    /** Live ingest: its RTMP ports, and its packager processes (for monitoring). */
    public IngestService ingest() {
        return ingest;
    }

    public ServerConfig config() {
        return config;
    }

    /** The port the HTTP listener is bound to; the real one when the configured port was 0. */
    public int httpPort() {
        return http.port();
    }

    /**
     * An address for reaching this server from the same machine: the loopback address when it listens on every
     * interface.
     */
    public URI baseUri() {
        var host = config.http().host();
        if (listensOnEveryInterface()) {
            host = "127.0.0.1";
        } else if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + httpPort() + "/");
    }

    /** Delivers the outbox now instead of at the next tick; returns how many messages went out. */
    public int deliverMailNow() {
        return outbox.deliverDue();
    }

    /**
     * Runs the sales upkeep now (expired holds, refunds due, old idempotent answers); returns the orders it cancelled.
     */
    public int runHousekeepingNow() {
        return housekeeping.runOnce();
    }

    private boolean listensOnEveryInterface() {
        var host = config.http().host();
        return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
    }

    /** Stops accepting requests, then the workers, then releases the database. Safe to call more than once. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closeAll(parts);
        log.info("Stagedoor server stopped");
    }

    private static void closeAll(Deque<AutoCloseable> parts) {
        while (!parts.isEmpty()) {
            try {
                parts.pop().close();
            } catch (Exception e) {
                log.warn("Could not close a part of the server cleanly", e);
            }
        }
    }
}
