package io.stagedoor.server.bench;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.microsoft.playwright.Page;
import io.stagedoor.api.events.EventDraft;
import io.stagedoor.api.events.TicketAccess;
import io.stagedoor.api.events.TicketTypeDraft;
import io.stagedoor.api.live.RenditionHealth;
import io.stagedoor.api.sales.Buyer;
import io.stagedoor.api.sales.CheckoutItem;
import io.stagedoor.api.sales.CheckoutRequest;
import io.stagedoor.api.sales.PaymentChoice;
import io.stagedoor.client.StagedoorClient;
import io.stagedoor.server.StagedoorServer;
import io.stagedoor.server.testing.Browser;
import io.stagedoor.server.testing.Organisers;
import io.stagedoor.server.testing.TestDatabase;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a ticket holder's playback costs and how far behind the publisher it is, against nginx in the same run:
 *
 * <ol>
 *   <li>token-checked segment and playlist requests per second (wrk over loopback) against nginx serving the very
 *       same files statically;
 *   <li>glass-to-glass latency, from the publisher's clock burnt into each picture to the picture the browser shows,
 *       on the ticket page in headless Chromium, against nginx-rtmp's own HLS played by the same hls.js.
 * </ol>
 *
 * Everything a real viewer goes through is set up through the API: an event with a ticket type, a ticket bought with
 * the test card, its link read from the e-mail (GreenMail), a stream published over RTMP by Debian's ffmpeg, and a
 * viewing session started the way the ticket page starts it.
 *
 * <p>{@code ./mvnw -q -Pbench -pl server -am verify -DskipTests -Dbench.only=playback} (see docs/BENCHMARKS.md).
 */
public final class PlaybackBenchmark {

    static final int WRK_THREADS = 2;
    static final List<Integer> CONNECTIONS = Arrays.stream(
                    System.getProperty("bench.wrk.connections", "16,64").split(","))
            .map(String::strip)
            .map(Integer::valueOf)
            .toList();
    static final Duration WRK_WARM_UP = Duration.ofSeconds(Integer.getInteger("bench.wrk.warmup", 5));
    static final Duration WRK_MEASURED = Duration.ofSeconds(Integer.getInteger("bench.wrk.seconds", 15));
    static final int LATENCY_SAMPLES = Integer.getInteger("bench.latency.samples", 60);
    /** Which parts run: 1 requests per second, 2 glass-to-glass latency. */
    static final String PARTS = System.getProperty("bench.parts", "1,2");

    /** Playback counts as settled this long after the first picture with a readable clock. */
    static final Duration SETTLE = Duration.ofSeconds(15);

    static final String RENDITION = "source";
    static final String NGINX_KEY = "bench";

    private static final Pattern TICKET_LINK = Pattern.compile("/t/([A-Za-z0-9_-]{43})");
    private static final Pattern SEGMENT = Pattern.compile("(?m)^(seg-\\d+\\.ts)$");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /**
     * Reads the clock code off the picture the video element shows now: draws its top left strip onto a canvas and
     * reads each block's middle. Returns null before there is a picture, else {@code [nowMillis, code, unclear,
     * bufferedAheadMillis, behindEdgeMillis]}, where {@code unclear} counts blocks neither clearly black nor clearly
     * white (a picture to be thrown away), then how much media the player holds beyond the picture shown, and how far
     * the picture is behind the end of the newest playlist the player has loaded.
     */
    private static final String READ_CLOCK = """
            ([bits, block]) => {
              const video = document.getElementById('video');
              if (!video || video.readyState < 2 || !video.videoWidth) return null;
              const canvas = window.benchCanvas || (window.benchCanvas = document.createElement('canvas'));
              canvas.width = bits * block;
              canvas.height = block;
              const g = canvas.getContext('2d', { willReadFrequently: true });
              g.drawImage(video, 0, 0, bits * block, block, 0, 0, bits * block, block);
              const now = Date.now();
              const pixels = g.getImageData(0, 0, bits * block, block).data;
              let code = 0, unclear = 0;
              for (let b = 0; b < bits; b++) {
                let sum = 0, n = 0;
                for (let y = block / 4; y < block * 3 / 4; y += 2) {
                  for (let x = b * block + block / 4; x < (b + 1) * block - block / 4; x += 2) {
                    const i = (y * bits * block + x) * 4;
                    sum += (pixels[i] + pixels[i + 1] + pixels[i + 2]) / 3;
                    n++;
                  }
                }
                const level = sum / n;
                if (level > 64 && level < 192) unclear++;
                if (level >= 128) code += 2 ** b;
              }
              const ranges = video.buffered;
              const ahead = ranges.length ? ranges.end(ranges.length - 1) - video.currentTime : 0;
              const seekable = video.seekable;
              const behind = seekable.length ? seekable.end(seekable.length - 1) - video.currentTime : -1;
              return [now, code, unclear, Math.round(ahead * 1000), Math.round(behind * 1000)];
            }
            """;

    /** One wrk run of ours and the same of nginx's, back to back. */
    record Pair(String target, int connections, Wrk.Result ours, Wrk.Result nginx) {}

    /** Glass-to-glass samples of one player, in milliseconds, and how many pictures could not be read. */
    record Latency(
            String player,
            List<Long> millis,
            List<Long> bufferedMillis,
            List<Long> behindEdgeMillis,
            int unreadable,
            String settings) {
        Latency with(String settings) {
            return new Latency(player, millis, bufferedMillis, behindEdgeMillis, unreadable, settings);
        }
    }

    private final Path work;
    private final Path dataDir;

    private PlaybackBenchmark(Path work) {
        this.work = work;
        this.dataDir = work.resolve("server");
    }

    public static void main(String[] args) throws Exception {
        if (!Benchmarks.selected("playback")) {
            return;
        }
        Wrk.requireInstalled();
        Nginx.requireInstalled();
        var startedAt = Instant.now();
        var load = Files.readString(Path.of("/proc/loadavg")).strip();
        var work = Files.createTempDirectory("stagedoor-playback-bench-");
        try {
            new PlaybackBenchmark(work).run(startedAt, load);
        } finally {
            Benchmarks.deleteTree(work);
        }
        // The server's JavaCV and HTTP client threads, and Playwright's, are not all daemons.
        System.exit(0);
    }

    private void run(Instant startedAt, String load) throws Exception {
        System.out.println("Preparing the 720p30 3 Mbps recording …");
        var recording = Ffmpeg.pattern(1280, 720, 3000, 60).toAbsolutePath();
        var smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        var pairs = new ArrayList<Pair>();
        var latencies = new ArrayList<Latency>();
        String segmentInfo = "";
        try (var server = StagedoorServer.start(TestDatabase.H2.config(
                        Files.createDirectories(dataDir),
                        // The source only: no transcoding competing for the two cores while wrk runs.
                        "--ingest.ladder=",
                        "--mail.smtp.host=127.0.0.1",
                        "--mail.smtp.port=" + smtp.getSmtp().getPort(),
                        "--mail.smtp.security=none"));
                var organiser = Organisers.signedIn(server.baseUri(), "Bench Organiser");
                var nginx = Nginx.start(work.resolve("nginx"), dataDir)) {
            var ids = eventOnSale(organiser);
            var event = ids[0];
            var secret = buyTicket(server, smtp, event, ids[1]);
            var publishUrl = organiser.streams().endpoint(event).publishUrl();
            var logs = Files.createDirectories(work.resolve("logs"));

            // Latency first: its publisher is then the stream's first, so the player sees one unbroken publish (a
            // new publish adds a discontinuity to the live playlist).
            if (PARTS.contains("2")) {
                long clockEpoch = System.currentTimeMillis();
                var publisher = Ffmpeg.publishClock(
                        clockEpoch, List.of(publishUrl, nginx.rtmp(NGINX_KEY)), logs.resolve("publisher-clock.log"));
                try {
                    awaitSegments(organiser, event, health(organiser, event) + 3);
                    var nginxPlaylist = nginx.hls().resolve(NGINX_KEY + ".m3u8");
                    waitFor("nginx's HLS playlist", Duration.ofSeconds(30), () -> {
                        try {
                            return Files.exists(nginxPlaylist)
                                    && SEGMENT_ANY
                                                    .matcher(Files.readString(nginxPlaylist))
                                                    .results()
                                                    .count()
                                            >= 3;
                        } catch (IOException e) {
                            return false;
                        }
                    });
                    writeReferencePage(server, nginx);
                    try (var browser = Browser.launch()) {
                        var ours = latency(
                                browser,
                                server.baseUri().resolve("/t/" + secret).toString(),
                                "ours: the ticket page, hls.js via player.js",
                                clockEpoch);
                        // The page has been closed: a session of our own reads the playlist it was playing.
                        var playing = get(startSession(server, secret) + RENDITION + "/live.m3u8");
                        latencies.add(ours.with("--ingest.segment-ms=2000, live playlist of 6 segments (defaults),"
                                + " hls.js defaults (liveSyncDurationCount 3); " + describe(playing)));
                        // The organiser's preview: the same player.js on a page of its own, without the ticket page
                        // around it, and with a token of the organiser's (no session), to tell the page from the rest.
                        var preview = latency(
                                browser,
                                URI.create(organiser.streams().endpoint(event).previewUrl())
                                        .resolve("watch")
                                        .toString(),
                                "ours: the organiser's preview page (`player.js`, hls.js)",
                                clockEpoch);
                        latencies.add(preview.with("the same stream and playlists"));
                        var reference = latency(
                                browser,
                                nginx.http("/player.html"),
                                "nginx-rtmp's HLS, the same hls.js on a plain page",
                                clockEpoch);
                        latencies.add(reference.with("hls_fragment " + Nginx.HLS_FRAGMENT
                                + ", hls_playlist_length 30s (default), hls.js defaults (liveSyncDurationCount 3); "
                                + describe(Files.readString(nginxPlaylist))));
                    }
                } finally {
                    Ffmpeg.stop(publisher);
                }
            }
            if (PARTS.contains("1")) {
                var publisher = Ffmpeg.publishLooped(recording, publishUrl, logs.resolve("publisher-looped.log"));
                try {
                    awaitSegments(organiser, event, health(organiser, event) + 3);
                    var base = startSession(server, secret);
                    var playlistUrl = base + RENDITION + "/live.m3u8";
                    var playlist = get(playlistUrl);
                    var m = SEGMENT.matcher(playlist);
                    if (!m.find()) {
                        throw new IllegalStateException("No segment in our live playlist:\n" + playlist);
                    }
                    var segment = m.group(1);
                    var ourSegment = base + RENDITION + "/" + segment;
                    var nginxSegment = nginx.http("/streams/" + event + "/" + RENDITION + "/" + segment);
                    // nginx serves our playlist as it was at this moment, as a static file.
                    Files.writeString(nginx.www().resolve("live.m3u8"), playlist);
                    var nginxPlaylist = nginx.http("/live.m3u8");
                    long size = getBytes(ourSegment).length;
                    if (size != getBytes(nginxSegment).length) {
                        throw new IllegalStateException("ours and nginx serve different files for " + segment);
                    }
                    segmentInfo = String.format(
                            Locale.ROOT,
                            "segment `%s` of %d bytes (%.2f s of 720p30 at 3 Mbps); live playlist of %d bytes"
                                    + " (%d segments)",
                            segment,
                            size,
                            durationOf(playlist, segment),
                            playlist.getBytes(java.nio.charset.StandardCharsets.UTF_8).length,
                            SEGMENT.matcher(playlist).results().count());
                    for (int connections : CONNECTIONS) {
                        pairs.add(pair("segment", connections, ourSegment, nginxSegment));
                        pairs.add(pair("playlist", connections, playlistUrl, nginxPlaylist));
                    }
                } finally {
                    Ffmpeg.stop(publisher);
                }
            }

        } finally {
            smtp.stop();
        }
        var report = report(startedAt, load, segmentInfo, pairs, latencies);
        Benchmarks.publish("playback", report);
    }

    private static final Pattern SEGMENT_ANY = Pattern.compile("(?m)^[^#\\s].*\\.ts$");

    // ---- setting up a viewer as a real one is set up

    /** An event starting in ten minutes (its doors are open) with one ticket type; its id and the type's. */
    private static UUID[] eventOnSale(StagedoorClient organiser) {
        var event = organiser
                .events()
                .create(new EventDraft(
                        "Playback benchmark",
                        "Live.",
                        Instant.now().plus(Duration.ofMinutes(10)),
                        "Europe/Vienna",
                        120,
                        "#224466",
                        null));
        var type = organiser
                .ticketTypes()
                .create(
                        event.id(),
                        new TicketTypeDraft(
                                "Stream", 1000L, "EUR", 100, null, null, new TicketAccess(true, 48, false, 0)));
        organiser.events().publish(event.id());
        return new UUID[] {event.id(), type.id()};
    }

    /** Buys one ticket with the test card and returns the secret of its link, read from the e-mail. */
    private static String buyTicket(StagedoorServer server, GreenMail smtp, UUID event, UUID type) throws Exception {
        try (var buyer = StagedoorClient.builder(server.baseUri()).build()) {
            buyer.checkout()
                    .place(
                            new CheckoutRequest(
                                    event,
                                    new Buyer("Bench Viewer", "viewer@example.org"),
                                    List.of(new CheckoutItem(type, 1)),
                                    null,
                                    new PaymentChoice("test", "4242 4242 4242 4242")),
                            "bench-" + event);
        }
        server.deliverMailNow();
        if (!smtp.waitForIncomingEmail(10_000, 1)) {
            throw new IllegalStateException("The ticket e-mail did not arrive");
        }
        var text = new StringBuilder();
        collectText(smtp.getReceivedMessages()[0], text);
        var m = TICKET_LINK.matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("No ticket link in the e-mail:\n" + text);
        }
        return m.group(1);
    }

    private static void collectText(Part part, StringBuilder out) throws Exception {
        var content = part.getContent();
        if (content instanceof String s) {
            out.append(s).append('\n');
        } else if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                collectText(multipart.getBodyPart(i), out);
            }
        }
    }

    /** POSTs a viewing session as the ticket page does, and returns the playlists' base with its token. */
    private static String startSession(StagedoorServer server, String secret) throws Exception {
        var response = HTTP.send(
                HttpRequest.newBuilder(server.baseUri().resolve("/t/" + secret + "/sessions"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(
                    "Starting a session answered " + response.statusCode() + ": " + response.body());
        }
        var json = JSON.readTree(response.body());
        return server.baseUri()
                .resolve(json.get("base").asString() + json.get("token").asString() + "/")
                .toString();
    }

    private static int health(StagedoorClient organiser, UUID event) {
        return (int) organiser.streams().health(event).renditions().stream()
                .filter(r -> r.name().equals(RENDITION))
                .mapToLong(RenditionHealth::segments)
                .findFirst()
                .orElse(0);
    }

    private static void awaitSegments(StagedoorClient organiser, UUID event, int segments) throws Exception {
        waitFor(
                segments + " segments of ours",
                Duration.ofSeconds(20 + 2L * segments),
                () -> health(organiser, event) >= segments);
    }

    // ---- part 1: requests per second

    private static Pair pair(String target, int connections, String ours, String nginx) throws Exception {
        System.out.printf(Locale.ROOT, "wrk: %s, %d connections …%n", target, connections);
        var oursResult = wrk(ours, connections);
        var nginxResult = wrk(nginx, connections);
        var pair = new Pair(target, connections, oursResult, nginxResult);
        System.out.println("  " + pair);
        return pair;
    }

    /** A warm-up run, thrown away, then the measured one. */
    private static Wrk.Result wrk(String url, int connections) throws Exception {
        Wrk.run(url, WRK_THREADS, connections, WRK_WARM_UP);
        return Wrk.run(url, WRK_THREADS, connections, WRK_MEASURED);
    }

    private static double durationOf(String playlist, String segment) {
        var m = Pattern.compile("#EXTINF:([0-9.]+),\\n" + Pattern.quote(segment))
                .matcher(playlist);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    // ---- part 2: glass to glass

    /** A plain page on nginx playing its HLS with the hls.js build and the settings the ticket page uses. */
    private static void writeReferencePage(StagedoorServer server, Nginx nginx) throws Exception {
        for (var file : List.of("hls.light.min.js", "hls.worker.js")) {
            Files.write(
                    nginx.www().resolve(file),
                    getBytes(server.baseUri().resolve("/static/" + file).toString()));
        }
        Files.writeString(nginx.www().resolve("player.html"), """
                <!doctype html>
                <html><body>
                <video id="video" muted playsinline></video>
                <script src="hls.light.min.js"></script>
                <script>
                  var video = document.getElementById('video');
                  // As player.js configures hls.js; everything else at hls.js's defaults.
                  var hls = new Hls({ liveDurationInfinity: true, capLevelToPlayerSize: false,
                                      workerPath: 'hls.worker.js' });
                  hls.on(Hls.Events.MANIFEST_PARSED, function () { video.play(); });
                  hls.loadSource('/hls/%s.m3u8');
                  hls.attachMedia(video);
                </script>
                </body></html>
                """.formatted(NGINX_KEY));
    }

    private static Latency latency(Browser browser, String url, String player, long clockEpoch) throws Exception {
        System.out.println("Glass to glass: " + player + " …");
        var page = browser.open(url);
        try {
            waitFor(
                    "a picture with a readable clock on " + url + ", " + browser.console(),
                    Duration.ofSeconds(60),
                    () -> {
                        var sample = readClock(page);
                        return sample != null && sample[2] == 0 && sample[1] > 0;
                    });
            Thread.sleep(SETTLE.toMillis());
            var millis = new ArrayList<Long>();
            var buffered = new ArrayList<Long>();
            var behind = new ArrayList<Long>();
            int unreadable = 0;
            long next = System.nanoTime();
            for (int i = 0; i < LATENCY_SAMPLES; i++) {
                next += TimeUnit.SECONDS.toNanos(1);
                var sample = readClock(page);
                if (sample == null || sample[2] != 0) {
                    unreadable++;
                } else {
                    millis.add(sample[0] - clockEpoch - sample[1]);
                    buffered.add(sample[3]);
                    behind.add(sample[4]);
                }
                long left = next - System.nanoTime();
                if (left > 0) {
                    TimeUnit.NANOSECONDS.sleep(left);
                }
            }
            var latency = new Latency(player, millis, buffered, behind, unreadable, "");
            System.out.println("  " + summary(latency));
            return latency;
        } finally {
            page.close();
        }
    }

    private static long[] readClock(Page page) {
        var result = page.evaluate(READ_CLOCK, List.of(Ffmpeg.CLOCK_BITS, Ffmpeg.CLOCK_BLOCK));
        if (!(result instanceof List<?> values)) {
            return null;
        }
        return values.stream().mapToLong(v -> ((Number) v).longValue()).toArray();
    }

    /** A media playlist's target duration and its newest segments' durations. */
    private static String describe(String playlist) {
        var target = Pattern.compile("#EXT-X-TARGETDURATION:(\\d+)").matcher(playlist);
        var durations = Pattern.compile("#EXTINF:([0-9.]+)")
                .matcher(playlist)
                .results()
                .map(r -> r.group(1))
                .toList();
        return "playlist's target duration " + (target.find() ? target.group(1) : "?") + " s, newest segments "
                + String.join(", ", durations.subList(Math.max(0, durations.size() - 6), durations.size())) + " s";
    }

    // ---- helpers

    private static String get(String url) throws Exception {
        var response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + url + " answered " + response.statusCode());
        }
        return response.body();
    }

    private static byte[] getBytes(String url) throws Exception {
        var response =
                HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + url + " answered " + response.statusCode());
        }
        return response.body();
    }

    private static void waitFor(String what, Duration timeout, BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("No " + what + " after " + timeout.toSeconds() + " s");
    }

    // ---- the report

    private static long percentile(List<Long> values, double quantile) {
        var sorted = values.stream().sorted().toList();
        if (sorted.isEmpty()) {
            return -1;
        }
        int index = (int) Math.ceil(quantile * sorted.size()) - 1;
        return sorted.get(Math.max(0, index));
    }

    private static String summary(Latency l) {
        return String.format(
                Locale.ROOT,
                "p50 %d ms, p95 %d ms, min %d ms, max %d ms, %d samples (%d unreadable)",
                percentile(l.millis(), 0.50),
                percentile(l.millis(), 0.95),
                l.millis().stream().mapToLong(Long::longValue).min().orElse(-1),
                l.millis().stream().mapToLong(Long::longValue).max().orElse(-1),
                l.millis().size(),
                l.unreadable());
    }

    private static String report(
            Instant startedAt, String load, String segmentInfo, List<Pair> pairs, List<Latency> latencies)
            throws IOException, InterruptedException {
        var r = new StringBuilder();
        r.append(Benchmarks.header("Playback", startedAt, load))
                .append("\n\n")
                .append(Nginx.version())
                .append("; ")
                .append(Ffmpeg.run(List.of(Wrk.EXECUTABLE.toString(), "-v")).stream()
                        .filter(line -> line.startsWith("wrk"))
                        .findFirst()
                        .orElse("wrk"))
                .append("; Debian's ")
                .append(Ffmpeg.version(Ffmpeg.DEBIAN))
                .append('\n');
        if (!pairs.isEmpty()) {
            r.append("\n### 1. Token-checked requests against nginx serving the same files\n\n")
                    .append(String.format(
                            Locale.ROOT,
                            "wrk -t%d -c<connections> -d%ds --latency over loopback after a %d s warm-up run of the same;"
                                    + " ours then nginx for each row, while the publisher sends the stream (a 720p30"
                                    + " 3 Mbps recording, `-re -stream_loop -1 -c copy`). %s. nginx serves the segment"
                                    + " from the server's data directory and a copy of our live playlist as a static"
                                    + " file; ours checks the token's HMAC and expiry and the viewing session, and"
                                    + " renders the playlist on every request.%n%n",
                            WRK_THREADS,
                            WRK_MEASURED.toSeconds(),
                            WRK_WARM_UP.toSeconds(),
                            segmentInfo))
                    .append("| request | connections | ours req/s | nginx req/s | ours / nginx | ours p50 / p99 ms")
                    .append(" | nginx p50 / p99 ms | ours MB/s | nginx MB/s | errors (ours, nginx) |\n")
                    .append("|---|---|---|---|---|---|---|---|---|---|\n");
            for (var p : pairs) {
                r.append(String.format(
                        Locale.ROOT,
                        "| %s | %d | %.0f | %.0f | %.2f× | %.2f / %.2f | %.2f / %.2f | %.1f | %.1f | %d, %d |%n",
                        p.target(),
                        p.connections(),
                        p.ours().perSecond(),
                        p.nginx().perSecond(),
                        p.ours().perSecond() / p.nginx().perSecond(),
                        p.ours().p50Millis(),
                        p.ours().p99Millis(),
                        p.nginx().p50Millis(),
                        p.nginx().p99Millis(),
                        p.ours().bytesPerSecond() / 1e6,
                        p.nginx().bytesPerSecond() / 1e6,
                        p.ours().non2xx() + p.ours().socketErrors(),
                        p.nginx().non2xx() + p.nginx().socketErrors()));
            }
        }
        if (!latencies.isEmpty()) {
            r.append("\n### 2. Glass to glass\n\n")
                    .append("From the publisher's wall clock, stamped on each picture as it leaves the test source")
                    .append(" (before x264), to the picture the page's video element shows when read, on the same")
                    .append(" clock; one sample a second, after ")
                    .append(SETTLE.toSeconds())
                    .append(" s of playback. One publisher (x264 veryfast 720p30 3 Mbps, keyframe every 2 s) sends")
                    .append(" to both at once.\n\n")
                    .append("| player | p50 ms | p95 ms | min ms | max ms | samples (unreadable) | buffered ahead,")
                    .append(" median ms | behind the playlist's end, median ms | settings |\n")
                    .append("|---|---|---|---|---|---|---|---|---|\n");
            for (var l : latencies) {
                r.append(String.format(
                        Locale.ROOT,
                        "| %s | %d | %d | %d | %d | %d (%d) | %d | %d | %s |%n",
                        l.player(),
                        percentile(l.millis(), 0.50),
                        percentile(l.millis(), 0.95),
                        l.millis().stream().mapToLong(Long::longValue).min().orElse(-1),
                        l.millis().stream().mapToLong(Long::longValue).max().orElse(-1),
                        l.millis().size(),
                        l.unreadable(),
                        percentile(l.bufferedMillis(), 0.5),
                        percentile(l.behindEdgeMillis(), 0.5),
                        l.settings()));
            }
            if (latencies.size() == 3) {
                r.append(String.format(
                        Locale.ROOT,
                        "%nours (the ticket page) / nginx at p50: %.2f×%n",
                        percentile(latencies.get(0).millis(), 0.5)
                                / (double) percentile(latencies.getLast().millis(), 0.5)));
            }
        }
        return r.toString();
    }
}
