package io.stagedoor.encoder;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real nginx with Debian's RTMP module, started on free ports for one test. It records every publish to its own
 * FLV file. With a stream key, it asks a small HTTP endpoint of the test before accepting a publish ({@code on_publish}),
 * which answers 403 for any other key, as an ingest checking keys would.
 */
public final class NginxRtmp implements AutoCloseable {

    static final Path MODULE = Path.of("/usr/lib/nginx/modules/ngx_rtmp_module.so");

    private final Process process;
    private final int port;
    private final Path recordDir;
    private final HttpServer keyCheck;

    private NginxRtmp(Process process, int port, Path recordDir, HttpServer keyCheck) {
        this.process = process;
        this.port = port;
        this.recordDir = recordDir;
        this.keyCheck = keyCheck;
    }

    /** @param acceptedKey the only stream key the server lets publish */
    public static NginxRtmp start(Path dir, String acceptedKey) throws Exception {
        if (!Files.isExecutable(Path.of("/usr/sbin/nginx")) || !Files.exists(MODULE)) {
            throw new AssertionError("These tests need a real RTMP server: install Debian's nginx and"
                    + " libnginx-mod-rtmp (./stagedoor test does).");
        }
        var keyCheck = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        keyCheck.createContext("/on_publish", exchange -> {
            var body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            boolean ok = false;
            for (var pair : body.split("&")) {
                if (pair.startsWith("name=")) {
                    ok = URLDecoder.decode(pair.substring(5), StandardCharsets.UTF_8)
                            .equals(acceptedKey);
                }
            }
            exchange.sendResponseHeaders(ok ? 200 : 403, -1);
            exchange.close();
        });
        keyCheck.start();
        var recordDir = Files.createDirectories(dir.resolve("recordings"));
        Files.createDirectories(dir.resolve("logs"));
        // nginx's worker runs as an unprivileged user and must write the recordings.
        Files.setPosixFilePermissions(recordDir, PosixFilePermissions.fromString("rwxrwxrwx"));
        int port = freePort();
        var config = """
                load_module %s;
                %s
                error_log %s info;
                pid %s;
                worker_processes 1;
                events { worker_connections 64; }
                rtmp {
                  server {
                    listen 127.0.0.1:%d;
                    chunk_size 4096;
                    application live {
                      live on;
                      record all;
                      record_path %s;
                      record_unique on;
                      on_publish http://127.0.0.1:%d/on_publish;
                    }
                  }
                }
                """.formatted(
                        MODULE,
                        "root".equals(System.getProperty("user.name")) ? "user root;" : "",
                        dir.resolve("logs/error.log"),
                        dir.resolve("nginx.pid"),
                        port,
                        recordDir,
                        keyCheck.getAddress().getPort());
        var conf = Files.writeString(dir.resolve("nginx.conf"), config);
        var process = new ProcessBuilder(
                        "/usr/sbin/nginx", "-p", dir.toString(), "-c", conf.toString(), "-g", "daemon off;")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("logs/stdout.log").toFile())
                .start();
        var nginx = new NginxRtmp(process, port, recordDir, keyCheck);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (var probe = new Socket("127.0.0.1", port)) {
                return nginx;
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    nginx.close();
                    throw new AssertionError("nginx did not start: "
                            + Files.readString(dir.resolve("logs/stdout.log"))
                            + Files.readString(dir.resolve("logs/error.log")));
                }
                Thread.sleep(50);
            }
        }
        nginx.close();
        throw new AssertionError("nginx did not listen on port " + port + " within 10 s");
    }

    public int port() {
        return port;
    }

    public String url(String key) {
        return "rtmp://127.0.0.1:" + port + "/live/" + key;
    }

    /** The recorded publishes, oldest first. nginx finishes a file when the publisher leaves. */
    public List<Path> recordings() throws IOException {
        try (Stream<Path> files = Files.list(recordDir)) {
            return files.filter(f -> f.toString().endsWith(".flv"))
                    .sorted(Comparator.comparing(NginxRtmp::lastModified))
                    .toList();
        }
    }

    private static long lastModified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        keyCheck.stop(0);
    }
}
