package io.stagedoor.server.bench;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Debian's nginx as the playback benchmark's reference, on free loopback ports, configured in a directory of its
 * own: static files over HTTP the way a CDN origin would serve them ({@code /streams/…} from the Stagedoor server's
 * data directory, anything else from {@code www/}), and an RTMP application with nginx's own HLS
 * ({@code /hls/<key>.m3u8}).
 */
final class Nginx implements AutoCloseable {

    static final Path EXECUTABLE = Path.of("/usr/sbin/nginx");
    static final Path RTMP_MODULE = Path.of("/usr/lib/nginx/modules/ngx_rtmp_module.so");

    /** The segment length asked of nginx-rtmp's HLS; it cuts at the first keyframe after it. */
    static final String HLS_FRAGMENT = "2s";

    private final Process process;
    private final Path dir;
    private final int httpPort;
    private final int rtmpPort;

    private Nginx(Process process, Path dir, int httpPort, int rtmpPort) {
        this.process = process;
        this.dir = dir;
        this.httpPort = httpPort;
        this.rtmpPort = rtmpPort;
    }

    static void requireInstalled() {
        if (!Files.isExecutable(EXECUTABLE) || !Files.exists(RTMP_MODULE)) {
            throw new IllegalStateException(
                    "The playback benchmark compares with Debian's nginx and its RTMP module,"
                            + " and they are not installed. Install them with: sudo apt-get install -y nginx libnginx-mod-rtmp");
        }
    }

    /**
     * Starts nginx in the foreground with two workers.
     *
     * @param dir its own directory: configuration, logs, {@code www/} and {@code hls/}
     * @param dataDir the Stagedoor server's data directory, whose {@code streams/} it serves as they are
     */
    static Nginx start(Path dir, Path dataDir) throws IOException, InterruptedException {
        requireInstalled();
        Files.createDirectories(dir.resolve("www"));
        Files.createDirectories(dir.resolve("hls"));
        Files.createDirectories(dir.resolve("logs"));
        int httpPort = Ffmpeg.freePort();
        int rtmpPort = Ffmpeg.freePort();
        // Keep-alive without a request limit (nginx closes a connection after 1000 by default; Jetty does not), no
        // access log (the server writes none per request either), sendfile as any production nginx has it.
        var config = """
                load_module %s;
                %s
                worker_processes 2;
                error_log %s warn;
                pid %s;
                events { worker_connections 1024; }
                rtmp {
                  server {
                    listen 127.0.0.1:%d;
                    chunk_size 4096;
                    application live {
                      live on;
                      hls on;
                      hls_path %s;
                      hls_fragment %s;
                    }
                  }
                }
                http {
                  access_log off;
                  sendfile on;
                  tcp_nopush on;
                  keepalive_timeout 65;
                  keepalive_requests 1000000;
                  types {
                    text/html html;
                    text/javascript js;
                    application/vnd.apple.mpegurl m3u8;
                    video/mp2t ts;
                  }
                  default_type application/octet-stream;
                  server {
                    listen 127.0.0.1:%d;
                    location /streams/ { root %s; }
                    location /hls/ { root %s; add_header Cache-Control no-cache; }
                    location / { root %s; add_header Cache-Control no-cache; }
                  }
                }
                """.formatted(
                        RTMP_MODULE,
                        // nginx's workers run as an unprivileged user when started by root; they must read the
                        // server's files and write the HLS directory, both private to this user.
                        "root".equals(System.getProperty("user.name")) ? "user root;" : "",
                        dir.resolve("logs/error.log"),
                        dir.resolve("nginx.pid"),
                        rtmpPort,
                        dir.resolve("hls"),
                        HLS_FRAGMENT,
                        httpPort,
                        dataDir,
                        dir,
                        dir.resolve("www"));
        var conf = Files.writeString(dir.resolve("nginx.conf"), config);
        var process = new ProcessBuilder(
                        EXECUTABLE.toString(), "-p", dir.toString(), "-c", conf.toString(), "-g", "daemon off;")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("logs/stdout.log").toFile())
                .start();
        var nginx = new Nginx(process, dir, httpPort, rtmpPort);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (var probe = new Socket("127.0.0.1", httpPort)) {
                return nginx;
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    nginx.close();
                    throw new IOException("nginx did not start: " + Files.readString(dir.resolve("logs/stdout.log"))
                            + Files.readString(dir.resolve("logs/error.log")));
                }
                Thread.sleep(50);
            }
        }
        nginx.close();
        throw new IOException("nginx did not listen on port " + httpPort + " within 10 s");
    }

    String http(String path) {
        return "http://127.0.0.1:" + httpPort + path;
    }

    String rtmp(String key) {
        return "rtmp://127.0.0.1:" + rtmpPort + "/live/" + key;
    }

    /** Where a file served from {@code /} goes. */
    Path www() {
        return dir.resolve("www");
    }

    Path hls() {
        return dir.resolve("hls");
    }

    static String version() {
        try {
            return Ffmpeg.run(java.util.List.of(EXECUTABLE.toString(), "-v")).stream()
                    .findFirst()
                    .orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    @Override
    public void close() throws InterruptedException {
        Ffmpeg.stop(process);
    }
}
