package io.stagedoor.server.config;

import io.stagedoor.media.rtmp.RtmpLimits;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Loads {@link ServerConfig} from, in rising precedence: the commented defaults ({@code stagedoor.conf} on the
 * class path), a file named by {@code --config=} or {@code STAGEDOOR_CONFIG}, {@code STAGEDOOR_*} environment
 * variables, and {@code --key=value} flags. Unknown keys and invalid values are all reported at once, each with the
 * place it came from.
 */
public final class ConfigLoader {

    public static final String DEFAULTS_RESOURCE = "stagedoor.conf";
    private static final String ENV_PREFIX = "STAGEDOOR_";
    private static final String CONFIG_FLAG = "config";
    private static final long MIB = 1024L * 1024;

    private final Map<String, String> env;
    private final String osName;
    private final String userHome;

    public ConfigLoader(Map<String, String> env, String osName, String userHome) {
        this.env = Map.copyOf(env);
        this.osName = osName;
        this.userHome = userHome;
    }

    /** A loader for this process: its environment, operating system and home directory. */
    public static ConfigLoader forThisProcess() {
        return new ConfigLoader(System.getenv(), System.getProperty("os.name"), System.getProperty("user.home"));
    }

    /** The defaults file, comments included, as shipped: what {@code --help} prints. */
    public static String defaultsText() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULTS_RESOURCE + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param args {@code --key=value} flags; keys may use dots or dashes ({@code --http.port=0}, {@code --http-port=0})
     * @throws InvalidConfigurationException naming every unknown key and invalid value
     */
    public ServerConfig load(List<String> args) {
        var settings = new LinkedHashMap<String, Setting>();
        parse(defaultsText(), "the defaults").forEach((key, value) -> settings.put(key, new Setting(value, "default")));

        var errors = new ArrayList<String>();
        var flags = parseFlags(args, errors);
        var configFile = flags.containsKey(CONFIG_FLAG)
                ? flags.remove(CONFIG_FLAG)
                : new Setting(env.getOrDefault(ENV_PREFIX + "CONFIG", ""), "STAGEDOOR_CONFIG");
        if (!configFile.value().isBlank()) {
            overrideFromFile(settings, configFile, errors);
        }
        for (var key : settings.keySet()) {
            var name = envName(key);
            var value = env.get(name);
            if (value != null) {
                settings.put(key, new Setting(value, "environment variable " + name));
            }
        }
        flags.forEach((flag, setting) -> {
            var key = findKey(settings, flag);
            if (key == null) {
                errors.add("Unknown option --" + flag + ". Known options: " + knownFlags(settings) + ", --config");
            } else {
                settings.put(key, setting);
            }
        });

        var config = build(settings, errors);
        if (!errors.isEmpty()) {
            throw new InvalidConfigurationException("Invalid configuration:\n  - " + String.join("\n  - ", errors));
        }
        return config;
    }

    private ServerConfig build(Map<String, Setting> settings, List<String> errors) {
        var values = new Values(settings, errors);
        var dataDirText = values.text("data.dir");
        Path dataDir;
        try {
            dataDir = (dataDirText.isBlank() ? PlatformDirectories.data(osName, userHome, env) : Path.of(dataDirText))
                    .toAbsolutePath()
                    .normalize();
        } catch (InvalidPathException e) {
            errors.add(values.describe("data.dir") + ": not a valid path (" + e.getMessage() + ")");
            dataDir = Path.of("").toAbsolutePath();
        }
        var host = values.text("http.host");
        if (host.isBlank()) {
            errors.add(values.describe("http.host") + ": must name an interface, e.g. 0.0.0.0 or 127.0.0.1");
        }
        var trustedProxies = values.list("http.trusted-proxies");
        try {
            trustedProxies.forEach(IpRange::parse);
        } catch (IllegalArgumentException e) {
            errors.add(values.describe("http.trusted-proxies") + ": " + e.getMessage());
            trustedProxies = List.of();
        }
        var http = new HttpConfig(
                host,
                (int) values.number("http.port", 0, 65_535),
                values.number("http.max-request-bytes", 1024, 1L << 30),
                trustedProxies,
                new HttpConfig.Capacity(
                        (int) values.number("http.accept-queue", 1, 65_535),
                        (int) values.number("http.max-concurrent-requests", 1, 100_000),
                        (int) values.number("http.max-waiting-requests", 0, 1_000_000),
                        Duration.ofMillis(values.number("http.max-wait-ms", 1, 60_000))));
        var url = values.text("database.url");
        if (!url.isBlank() && !url.startsWith("jdbc:")) {
            errors.add(values.describe("database.url") + ": must be a JDBC URL such as "
                    + "jdbc:postgresql://host:5432/stagedoor, or empty for the embedded database");
        }
        var database = new DatabaseConfig(
                url.isBlank() ? embeddedDatabaseUrl(dataDir, values.bool("database.sync-writes")) : url,
                values.text("database.user"),
                values.text("database.password"),
                (int) values.number("database.pool-size", 1, 200));
        var auth = auth(values);
        var smtpHost = values.text("mail.smtp.host");
        var smtp = smtpHost.isBlank()
                ? Optional.<SmtpConfig>empty()
                : Optional.of(new SmtpConfig(
                        smtpHost,
                        (int) values.number("mail.smtp.port", 1, 65_535),
                        values.choice("mail.smtp.security", SmtpConfig.Security.class),
                        values.text("mail.smtp.user"),
                        values.text("mail.smtp.password")));
        var mail = new MailConfig(
                values.text("mail.from"),
                smtp,
                Duration.ofMinutes(values.number("mail.retry-max-minutes", 1, 60)),
                Duration.ofHours(values.number("mail.give-up-after-hours", 1, 30 * 24)));
        var stripeKey = values.text("payments.stripe.secret-key");
        var stripe = Optional.<StripeConfig>empty();
        if (!stripeKey.isBlank()) {
            var webhookSecret = values.text("payments.stripe.webhook-secret");
            if (webhookSecret.isBlank()) {
                errors.add(values.describe("payments.stripe.webhook-secret")
                        + ": must be given with payments.stripe.secret-key, so that payment notifications can be"
                        + " verified (Stripe dashboard → Developers → Webhooks → Signing secret)");
            }
            stripe = Optional.of(new StripeConfig(
                    stripeKey,
                    webhookSecret,
                    values.url("payments.stripe.api-base").toString()));
        }
        var payments = new PaymentsConfig(
                values.bool("payments.test.enabled"),
                stripe,
                Duration.ofMinutes(values.number("checkout.hold-minutes", 5, 24 * 60)),
                checkoutLimits(values));
        if (payments.conflict().isPresent()) {
            errors.add(
                    values.describe("payments.test.enabled") + " and " + values.describe("payments.stripe.secret-key")
                            + ": " + payments.conflict().get());
        }
        var publicUrlText = values.text("public.url");
        var publicUrl = publicUrlText.isBlank() ? Optional.<URI>empty() : Optional.of(values.url("public.url"));
        return new ServerConfig(
                dataDir,
                http,
                database,
                publicUrl,
                auth,
                mail,
                payments,
                ingest(values, errors),
                values.choice("log.format", LogFormat.class),
                new EventStreamLimits(
                        (int) values.number("event-streams.per-address", 1, 1_000_000),
                        (int) values.number("event-streams.per-event", 1, 1_000_000),
                        (int) values.number("event-streams.total", 1, 1_000_000)));
    }

    private static AuthConfig auth(Values values) {
        int permits = (int) values.number("auth.hashing.permits", 0, 1024);
        return new AuthConfig(
                Duration.ofHours(values.number("auth.session-hours", 1, 24 * 365)),
                values.list("auth.admin-emails").stream()
                        .map(email -> email.toLowerCase(Locale.ROOT))
                        .collect(Collectors.toSet()),
                values.choice("auth.registration", AuthConfig.Registration.class),
                new AuthConfig.Hashing(
                        permits == 0 ? Math.max(1, Runtime.getRuntime().availableProcessors() / 2) : permits,
                        Duration.ofMillis(values.number("auth.hashing.max-wait-ms", 0, 60_000))),
                new AuthConfig.SignInLimits(
                        (int) values.number("auth.sign-in.failures-per-address", 1, 100_000),
                        (int) values.number("auth.sign-in.failures-per-account-and-address", 1, 1_000),
                        (int) values.number("auth.sign-in.failures-per-account", 1, 100_000),
                        Duration.ofMinutes(values.number("auth.sign-in.window-minutes", 1, 24 * 60))),
                new AuthConfig.SignUpLimits(
                        (int) values.number("auth.sign-up.per-address-per-hour", 1, 100_000),
                        (int) values.number("auth.sign-up.per-hour", 1, 1_000_000),
                        Duration.ofHours(1)));
    }

    private static CheckoutLimitsConfig checkoutLimits(Values values) {
        return new CheckoutLimitsConfig(
                (int) values.number("checkout.purchases-per-address", 1, 1_000_000),
                (int) values.number("checkout.quotes-per-address", 1, 1_000_000),
                Duration.ofMinutes(values.number("checkout.address-window-minutes", 1, 24 * 60)),
                (int) values.number("checkout.purchases-per-minute", 1, 1_000_000),
                (int) values.number("checkout.quotes-per-minute", 1, 1_000_000),
                (int) values.number("checkout.concurrent-purchases", 1, 1_000),
                Duration.ofSeconds(values.number("checkout.queue-seconds", 0, 600)));
    }

    private static IngestConfig ingest(Values values, List<String> errors) {
        var keyStore = values.text("ingest.rtmps.key-store");
        var rtmps = Optional.<IngestConfig.Rtmps>empty();
        if (!keyStore.isBlank()) {
            var path = Path.of(keyStore).toAbsolutePath();
            if (!Files.isReadable(path)) {
                errors.add(values.describe("ingest.rtmps.key-store") + ": cannot read " + path
                        + "; give a PKCS#12 file with the certificate and its private key");
            }
            rtmps = Optional.of(new IngestConfig.Rtmps(
                    (int) values.number("ingest.rtmps.port", 0, 65_535),
                    path,
                    values.text("ingest.rtmps.key-store-password")));
        }
        var ladder = new ArrayList<IngestConfig.Rung>();
        for (var rung : values.list("ingest.ladder")) {
            try {
                ladder.add(IngestConfig.Rung.parse(rung));
            } catch (IllegalArgumentException e) {
                errors.add(values.describe("ingest.ladder") + ": " + e.getMessage());
            }
        }
        var ffmpeg = values.text("ingest.ffmpeg");
        int maxPending = (int) values.number("ingest.max-pending-connections", 1, 100_000);
        long maxBuffered = values.number("ingest.max-buffered-mib", 16, 1L << 20) * 1024 * 1024;
        // Connections that have not published may hold half the budget; all of them together must fit in it, or a
        // flood of them would leave a real publisher's first commands without room.
        long strangersAtMost = (long) maxPending * RtmpLimits.DEFAULTS.maxBytesBeforePublish();
        if (strangersAtMost > maxBuffered / 2) {
            errors.add(values.describe("ingest.max-buffered-mib") + ": half of it is for connections that have not"
                    + " published, and " + maxPending + " of them (ingest.max-pending-connections) may hold "
                    + RtmpLimits.DEFAULTS.maxBytesBeforePublish() / 1024 + " KiB each: give at least "
                    + Math.ceilDiv(2 * strangersAtMost, 1024 * 1024) + ", or lower ingest.max-pending-connections");
        }
        return new IngestConfig(
                values.bool("ingest.enabled"),
                values.text("ingest.host"),
                (int) values.number("ingest.port", 0, 65_535),
                rtmps,
                values.text("ingest.public-host"),
                (int) values.number("ingest.max-publishers", 1, 10_000),
                maxPending,
                (int) values.number("ingest.max-pending-per-address", 1, 100_000),
                Duration.ofSeconds(values.number("ingest.publish-deadline-seconds", 2, 120)),
                maxBuffered,
                Duration.ofMillis(values.number("ingest.segment-ms", 1000, 10_000)),
                (int) values.number("ingest.live-window-segments", 3, 30),
                Duration.ofMinutes(values.number("ingest.dvr-minutes", 1, 24 * 60)),
                ladder,
                values.bool("ingest.keep-recording"),
                Duration.ofMinutes(values.number("ingest.end-after-minutes", 1, 7 * 24 * 60)),
                ffmpeg.isBlank()
                        ? Optional.empty()
                        : Optional.of(Path.of(ffmpeg).toAbsolutePath()),
                values.text("metrics.token"),
                new IngestConfig.Budgets(
                        values.number("ingest.event-disk-budget-mib", 1, 1L << 30) * MIB,
                        values.number("ingest.disk-reserve-mib", 0, 1L << 30) * MIB,
                        (int) values.number("ingest.max-transcodes-per-organiser", 0, 10_000)));
    }

    /**
     * H2 in PostgreSQL mode, so that one set of migrations and queries serves both databases. Every commit is written
     * before it returns: {@code WRITE_DELAY=0} makes H2 write it at once (its default waits up to 500 ms, which a
     * killed process loses), and with {@code synchronousWrites} the {@link SynchronousFileSystem} makes that write
     * reach the disk; without, H2's {@code retry:} file system alone reopens a file an interrupted thread closed. The
     * files are the same either way, so databases of earlier releases open unchanged.
     */
    static String embeddedDatabaseUrl(Path dataDir, boolean synchronousWrites) {
        return "jdbc:h2:file:" + (synchronousWrites ? SynchronousFileSystem.PREFIX : DatabaseConfig.REOPENING_PREFIX)
                + dataDir.resolve("db").resolve("stagedoor")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0";
    }

    private Map<String, Setting> parseFlags(List<String> args, List<String> errors) {
        var flags = new LinkedHashMap<String, Setting>();
        for (var arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 3) {
                errors.add("Unexpected argument \"" + arg + "\": options look like --http-port=8080");
                continue;
            }
            flags.put(arg.substring(2, eq), new Setting(arg.substring(eq + 1), "flag " + arg.substring(0, eq)));
        }
        return flags;
    }

    private void overrideFromFile(Map<String, Setting> settings, Setting configFile, List<String> errors) {
        Path path;
        String text;
        try {
            path = Path.of(configFile.value());
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException | InvalidPathException e) {
            errors.add("Cannot read the configuration file \"" + configFile.value() + "\" (from " + configFile.source()
                    + "): " + e.getMessage());
            return;
        }
        var source = "file " + path;
        try {
            parse(text, source).forEach((key, value) -> {
                if (settings.containsKey(key)) {
                    settings.put(key, new Setting(value, source));
                } else {
                    errors.add("Unknown setting \"" + key + "\" in " + source + ". Known settings: "
                            + String.join(", ", settings.keySet()));
                }
            });
        } catch (InvalidConfigurationException e) {
            errors.add(e.getMessage());
        }
    }

    /** Parses {@code key=value} lines; {@code #} starts a comment line. No escapes: Windows paths stay intact. */
    static Map<String, String> parse(String text, String source) {
        var values = new LinkedHashMap<String, String>();
        var lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            var line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new InvalidConfigurationException(
                        source + ", line " + (i + 1) + ": expected key=value, found \"" + line + "\"");
            }
            values.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
        }
        return values;
    }

    static String envName(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static String canonical(String key) {
        return key.replace('.', '-');
    }

    private static @Nullable String findKey(Map<String, Setting> settings, String flag) {
        var wanted = canonical(flag);
        return settings.keySet().stream()
                .filter(key -> canonical(key).equals(wanted))
                .findFirst()
                .orElse(null);
    }

    private static String knownFlags(Map<String, Setting> settings) {
        return String.join(
                ", ", settings.keySet().stream().map(k -> "--" + canonical(k)).toList());
    }

    private record Setting(String value, String source) {}

    /** Typed reads of the merged settings that record every problem instead of stopping at the first. */
    private record Values(Map<String, Setting> settings, List<String> errors) {

        String text(String key) {
            return Objects.requireNonNull(settings.get(key), key).value();
        }

        String describe(String key) {
            return key + " (from " + settings.get(key).source() + ")";
        }

        boolean bool(String key) {
            var text = text(key).toLowerCase(Locale.ROOT);
            if (text.equals("true") || text.equals("false")) {
                return Boolean.parseBoolean(text);
            }
            errors.add(describe(key) + ": must be true or false, was \"" + text(key) + "\"");
            return false;
        }

        List<String> list(String key) {
            return Arrays.stream(text(key).split(","))
                    .map(String::strip)
                    .filter(item -> !item.isEmpty())
                    .toList();
        }

        <E extends Enum<E>> E choice(String key, Class<E> type) {
            var text = text(key);
            for (var constant : type.getEnumConstants()) {
                if (constant.name().equalsIgnoreCase(text)) {
                    return constant;
                }
            }
            errors.add(describe(key) + ": must be one of "
                    + Arrays.stream(type.getEnumConstants())
                            .map(c -> c.name().toLowerCase(Locale.ROOT))
                            .collect(Collectors.joining(", "))
                    + ", was \"" + text + "\"");
            return type.getEnumConstants()[0];
        }

        URI url(String key) {
            var text = text(key);
            try {
                var uri = new URI(text.endsWith("/") ? text : text + "/");
                if ((uri.getScheme() != null
                                && (uri.getScheme().equals("http")
                                        || uri.getScheme().equals("https")))
                        && uri.getHost() != null) {
                    return uri;
                }
            } catch (URISyntaxException ignored) {
                // reported below
            }
            errors.add(describe(key) + ": must be an http or https address such as https://tickets.example.org/,"
                    + " was \"" + text + "\"");
            return URI.create("http://localhost/");
        }

        long number(String key, long min, long max) {
            var text = text(key);
            try {
                long value = Long.parseLong(text.replace("_", ""));
                if (value >= min && value <= max) {
                    return value;
                }
            } catch (NumberFormatException ignored) {
                // reported below, with the accepted range
            }
            errors.add(
                    describe(key) + ": must be a whole number from " + min + " to " + max + ", was \"" + text + "\"");
            return min;
        }
    }
}
