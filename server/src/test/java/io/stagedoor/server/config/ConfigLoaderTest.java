package io.stagedoor.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stagedoor.server.StagedoorServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    private static final String HOME = "/home/alice";

    private static ServerConfig load(Map<String, String> env, String... args) {
        return new ConfigLoader(env, "Linux", HOME).load(List.of(args));
    }

    @Test
    void defaultsComeFromTheCommentedFile() {
        var config = load(Map.of());

        assertThat(config.http())
                .isEqualTo(new HttpConfig(
                        "0.0.0.0",
                        8080,
                        1_048_576,
                        List.of(),
                        new HttpConfig.Capacity(1024, 20, 1024, Duration.ofSeconds(5))));
        assertThat(config.dataDir()).isEqualTo(Path.of(HOME, ".local/share/stagedoor"));
        assertThat(config.database().url())
                .startsWith("jdbc:h2:file:sync:" + Path.of(HOME, ".local/share/stagedoor/db/stagedoor") + ";")
                .contains("MODE=PostgreSQL")
                .as("every commit written before it returns")
                .contains(";WRITE_DELAY=0");
        assertThat(config.database().isEmbedded()).isTrue();
        assertThat(config.database().embeddedLocation())
                .isEqualTo(Path.of(HOME, ".local/share/stagedoor/db/stagedoor").toString());

        var unsynchronised = load(Map.of(), "--database.sync-writes=false").database();
        assertThat(unsynchronised.url())
                .as("still written at each commit, and reopened after an interrupt")
                .startsWith("jdbc:h2:file:retry:" + Path.of(HOME, ".local/share/stagedoor/db/stagedoor") + ";")
                .contains(";WRITE_DELAY=0");
        assertThat(unsynchronised.embeddedLocation())
                .isEqualTo(config.database().embeddedLocation());
        assertThat(config.database().poolSize()).isEqualTo(10);
    }

    @Test
    void logsAreTextUnlessJsonIsAskedForAndOtherFormatsAreRefused() {
        assertThat(load(Map.of()).logFormat()).isEqualTo(LogFormat.TEXT);
        assertThat(load(Map.of("STAGEDOOR_LOG_FORMAT", "json")).logFormat()).isEqualTo(LogFormat.JSON);
        assertThat(load(Map.of(), "--log-format=JSON").logFormat()).isEqualTo(LogFormat.JSON);
        assertThatThrownBy(() -> load(Map.of(), "--log-format=xml"))
                .hasMessageContaining("log.format (from flag --log-format): must be one of text, json");
    }

    @Test
    void laterSourcesWinFileThenEnvironmentThenFlags(@TempDir Path dir) throws Exception {
        var file = dir.resolve("stagedoor.conf");
        Files.writeString(file, "# mine\nhttp.port = 7000\nhttp.host=127.0.0.1\ndatabase.pool-size=3\n");

        var config = load(
                Map.of(
                        "STAGEDOOR_CONFIG",
                        file.toString(),
                        "STAGEDOOR_HTTP_PORT",
                        "7001",
                        "STAGEDOOR_DATA_DIR",
                        "/srv/sd"),
                "--http.port=7002");

        assertThat(config.http().port()).isEqualTo(7002);
        assertThat(config.http().host()).isEqualTo("127.0.0.1");
        assertThat(config.database().poolSize()).isEqualTo(3);
        assertThat(config.dataDir()).isEqualTo(Path.of("/srv/sd"));
    }

    @Test
    void flagsAcceptDashesForDotsAndAConfigFileFlag(@TempDir Path dir) throws Exception {
        var file = dir.resolve("other.conf");
        Files.writeString(file, "http.max-request-bytes=2048\n");

        var config = load(Map.of(), "--http-port=0", "--data-dir=" + dir, "--config=" + file);

        assertThat(config.http().port()).isZero();
        assertThat(config.http().maxRequestBytes()).isEqualTo(2048);
        assertThat(config.dataDir()).isEqualTo(dir);
    }

    @Test
    void everyProblemIsReportedAtOnceWithWhereItCameFrom() {
        assertThatThrownBy(() -> load(
                        Map.of("STAGEDOOR_HTTP_PORT", "eighty"), "--database.pool-size=0", "--colour=blue", "serve"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("http.port (from environment variable STAGEDOOR_HTTP_PORT): must be a whole"
                        + " number from 0 to 65535, was \"eighty\"")
                .hasMessageContaining("database.pool-size (from flag --database.pool-size): must be a whole number"
                        + " from 1 to 200, was \"0\"")
                .hasMessageContaining("Unknown option --colour. Known options: --data-dir, --http-host, --http-port")
                .hasMessageContaining("Unexpected argument \"serve\"");
    }

    @Test
    void theTestCardIsOffByDefaultAndOnlyForServersWithoutStripe() {
        var defaults = load(Map.of());
        assertThat(defaults.payments().testProviderEnabled()).isFalse();
        assertThat(defaults.payments().stripe()).isEmpty();
        assertThat(defaults.payments().limits()).isEqualTo(CheckoutLimitsConfig.DEFAULTS);
        assertThat(load(Map.of(), "--payments-test-enabled=true").payments().testProviderEnabled())
                .isTrue();

        assertThatThrownBy(() -> load(
                        Map.of("STAGEDOOR_PAYMENTS_STRIPE_SECRET_KEY", "sk_live_x"),
                        "--payments.stripe.webhook-secret=whsec_x",
                        "--payments.test.enabled=true"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("payments.test.enabled (from flag --payments.test.enabled) and"
                        + " payments.stripe.secret-key (from environment variable"
                        + " STAGEDOOR_PAYMENTS_STRIPE_SECRET_KEY)")
                .hasMessageContaining("Set payments.test.enabled=false on a server that sells real tickets")
                .hasMessageNotContaining("sk_live_x");
        assertThat(load(Map.of(), "--payments.stripe.secret-key=sk_live_x", "--payments.stripe.webhook-secret=w")
                        .payments()
                        .testProviderEnabled())
                .isFalse();
    }

    @Test
    void aServerConfiguredInCodeWithTheTestCardBesideStripeRefusesToStart(@TempDir Path dir) {
        var withStripe = load(
                Map.of(),
                "--data-dir=" + dir,
                "--payments.stripe.secret-key=sk_live_x",
                "--payments.stripe.webhook-secret=whsec_x");
        var both = withStripe.withPayments(withStripe.payments().withTestProvider(true));

        assertThatThrownBy(() -> StagedoorServer.start(both))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining(
                        "payments.test.enabled=true and payments.stripe.secret-key cannot be set" + " together");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void checkoutLimitsAreReadAndChecked() {
        var limits = load(
                        Map.of(),
                        "--checkout.purchases-per-address=5",
                        "--checkout.quotes-per-address=7",
                        "--checkout.address-window-minutes=2",
                        "--checkout.purchases-per-minute=900",
                        "--checkout.quotes-per-minute=1800",
                        "--checkout.concurrent-purchases=4",
                        "--checkout.queue-seconds=3")
                .payments()
                .limits();
        assertThat(limits)
                .isEqualTo(new CheckoutLimitsConfig(5, 7, Duration.ofMinutes(2), 900, 1800, 4, Duration.ofSeconds(3)));
        assertThatThrownBy(() -> load(Map.of(), "--checkout.purchases-per-minute=0"))
                .hasMessageContaining("checkout.purchases-per-minute (from flag --checkout.purchases-per-minute): must"
                        + " be a whole number from 1 to 1000000");
    }

    @Test
    void theCapacityForARushIsSetAndChecked() {
        var capacity = load(
                        Map.of("STAGEDOOR_HTTP_ACCEPT_QUEUE", "4096"),
                        "--http.max-concurrent-requests=8",
                        "--http.max-waiting-requests=0",
                        "--http.max-wait-ms=250")
                .http()
                .capacity();
        assertThat(capacity).isEqualTo(new HttpConfig.Capacity(4096, 8, 0, Duration.ofMillis(250)));
        assertThatThrownBy(() -> load(Map.of(), "--http.accept-queue=0", "--http.max-wait-ms=0"))
                .hasMessageContaining(
                        "http.accept-queue (from flag --http.accept-queue): must be a whole number from 1")
                .hasMessageContaining("http.max-wait-ms (from flag --http.max-wait-ms): must be a whole number from 1");
    }

    @Test
    void unknownKeysInAFileAndUnreadableFilesAreErrors(@TempDir Path dir) throws Exception {
        var file = dir.resolve("typo.conf");
        Files.writeString(file, "http.prot=80\n");

        assertThatThrownBy(() -> load(Map.of(), "--config=" + file))
                .hasMessageContaining("Unknown setting \"http.prot\" in file " + file);
        assertThatThrownBy(() -> load(Map.of(), "--config=" + dir.resolve("missing.conf")))
                .hasMessageContaining("Cannot read the configuration file")
                .hasMessageContaining("missing.conf");
    }

    @Test
    void aLineWithoutEqualsNamesItsLine(@TempDir Path dir) throws Exception {
        var file = dir.resolve("broken.conf");
        Files.writeString(file, "http.port=1\njust some words\n");

        assertThatThrownBy(() -> load(Map.of(), "--config=" + file))
                .hasMessageContaining("line 2: expected key=value, found \"just some words\"");
    }

    @Test
    void aDatabaseUrlMustBeJdbcAndItsPasswordIsNeverPrinted() {
        assertThatThrownBy(() -> load(Map.of(), "--database-url=postgres://x"))
                .hasMessageContaining("database.url (from flag --database-url): must be a JDBC URL");

        var config =
                load(Map.of("STAGEDOOR_DATABASE_PASSWORD", "s3cret"), "--database.url=jdbc:postgresql://db/stagedoor");
        assertThat(config.database().isEmbedded()).isFalse();
        assertThat(config.database().password()).isEqualTo("s3cret");
        assertThat(config.toString()).doesNotContain("s3cret").contains("password=***");
    }

    @Test
    void mailIsRetriedForDaysAtMostMinutesApartAndBothLimitsAreBounded() {
        var mail = load(Map.of()).mail();
        assertThat(mail.retryMaxInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(mail.giveUpAfter()).isEqualTo(Duration.ofDays(5));

        var changed = load(Map.of(), "--mail.retry-max-minutes=15", "--mail.give-up-after-hours=48")
                .mail();
        assertThat(changed.retryMaxInterval()).isEqualTo(Duration.ofMinutes(15));
        assertThat(changed.giveUpAfter()).isEqualTo(Duration.ofHours(48));
        assertThatThrownBy(() -> load(Map.of(), "--mail.retry-max-minutes=0", "--mail.give-up-after-hours=9999"))
                .hasMessageContaining("mail.retry-max-minutes (from flag --mail.retry-max-minutes): must be a whole"
                        + " number from 1 to 60")
                .hasMessageContaining("mail.give-up-after-hours (from flag --mail.give-up-after-hours): must be a"
                        + " whole number from 1 to 720");
    }

    @Test
    void eachPlatformHasItsOwnDataDirectory() {
        assertThat(PlatformDirectories.data("Linux", HOME, Map.of("XDG_DATA_HOME", "/xdg")))
                .isEqualTo(Path.of("/xdg/stagedoor"));
        assertThat(PlatformDirectories.data("Mac OS X", HOME, Map.of()))
                .isEqualTo(Path.of(HOME, "Library/Application Support/Stagedoor"));
        assertThat(PlatformDirectories.data("Windows 11", HOME, Map.of("LOCALAPPDATA", "C:\\Users\\a\\AppData\\Local")))
                .isEqualTo(Path.of("C:\\Users\\a\\AppData\\Local", "Stagedoor"));
    }

    @Test
    void environmentNamesFollowTheKeys() {
        assertThat(ConfigLoader.envName("http.max-request-bytes")).isEqualTo("STAGEDOOR_HTTP_MAX_REQUEST_BYTES");
    }

    @Test
    void theLadderIsReadRungByRungAndMistakesAreNamed() {
        var config = load(Map.of());
        assertThat(config.ingest().ladder())
                .extracting(IngestConfig.Rung::name)
                .containsExactly("720p30", "480p30", "360p30", "160p30");
        assertThat(config.ingest().ladder().getFirst().bitrate()).isEqualTo(3_000_000);
        assertThat(config.ingest().port()).isEqualTo(1935);
        assertThat(config.ingest().rtmps()).isEmpty();
        assertThat(load(Map.of(), "--ingest.ladder=").ingest().ladder()).isEmpty();

        assertThatThrownBy(() -> load(Map.of(), "--ingest.ladder=720p:3000k,1080p30:99999999k"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining(
                        "\"720p:3000k\" is not a rung: write height, frame rate and bitrate like 720p30:3000k");
        assertThatThrownBy(() -> load(Map.of(), "--ingest.rtmps.key-store=/nowhere/ingest.p12"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("cannot read /nowhere/ingest.p12");
    }

    @Test
    void accountsWaitForApprovalAndHashingAndGuessingHaveLimitsByDefault() {
        var auth = load(Map.of()).auth();
        assertThat(auth.registration()).isEqualTo(AuthConfig.Registration.APPROVAL);
        assertThat(auth.adminEmails()).isEmpty();
        assertThat(auth.hashing())
                .isEqualTo(new AuthConfig.Hashing(
                        Math.max(1, Runtime.getRuntime().availableProcessors() / 2), Duration.ofSeconds(2)));
        assertThat(auth.signIn()).isEqualTo(new AuthConfig.SignInLimits(30, 5, 20, Duration.ofMinutes(15)));
        assertThat(auth.signUp()).isEqualTo(new AuthConfig.SignUpLimits(10, 100, Duration.ofHours(1)));

        var changed = load(
                        Map.of("STAGEDOOR_AUTH_REGISTRATION", "invite"),
                        "--auth.hashing.permits=3",
                        "--auth.admin-emails=Boss@Example.org, deputy@example.org")
                .auth();
        assertThat(changed.registration()).isEqualTo(AuthConfig.Registration.INVITE);
        assertThat(changed.hashing().permits()).isEqualTo(3);
        assertThat(changed.adminEmails()).containsExactlyInAnyOrder("boss@example.org", "deputy@example.org");

        assertThatThrownBy(() -> load(Map.of(), "--auth.registration=public", "--auth.sign-in.window-minutes=0"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining(
                        "auth.registration (from flag --auth.registration): must be one of open, approval, invite,"
                                + " closed, was \"public\"")
                .hasMessageContaining("auth.sign-in.window-minutes (from flag --auth.sign-in.window-minutes): must be"
                        + " a whole number from 1 to 1440");
    }

    @Test
    void ingestConnectionLimitsHaveSafeDefaultsAndAnImpossibleBudgetIsNamed() {
        var ingest = load(Map.of()).ingest();
        assertThat(ingest.maxPublishers()).isEqualTo(32);
        assertThat(ingest.maxPendingConnections()).isEqualTo(512);
        assertThat(ingest.maxPendingPerAddress()).isEqualTo(16);
        assertThat(ingest.publishDeadline()).isEqualTo(java.time.Duration.ofSeconds(10));
        assertThat(ingest.maxBufferedBytes()).isEqualTo(256L * 1024 * 1024);

        var changed = load(
                        Map.of("STAGEDOOR_INGEST_PUBLISH_DEADLINE_SECONDS", "4"),
                        "--ingest.max-pending-connections=2000",
                        "--ingest.max-pending-per-address=2000",
                        "--ingest.max-buffered-mib=1024")
                .ingest();
        assertThat(changed.publishDeadline()).isEqualTo(java.time.Duration.ofSeconds(4));
        assertThat(changed.maxPendingConnections()).isEqualTo(2000);
        assertThat(changed.maxPendingPerAddress()).isEqualTo(2000);
        assertThat(changed.withPort(0).maxBufferedBytes()).isEqualTo(1024L * 1024 * 1024);

        assertThatThrownBy(() -> load(Map.of(), "--ingest.max-pending-connections=4096"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("ingest.max-buffered-mib")
                .hasMessageContaining("4096 of them (ingest.max-pending-connections) may hold 64 KiB each: give at"
                        + " least 512, or lower ingest.max-pending-connections");
        assertThatThrownBy(() -> load(Map.of(), "--ingest.publish-deadline-seconds=0"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("must be a whole number from 2 to 120");
    }
}
