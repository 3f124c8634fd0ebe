package io.stagedoor.server.sse;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server-sent event stream written on the request's own (virtual) thread until the client goes away or the server
 * stops.
 *
 * <p>The stream is held by the handler rather than handed to another thread and completed later: a request completed
 * from outside after its client went away is one Jetty has already recycled, and finishing it then sent Javalin's
 * error handling round in a loop. Here the handler simply returns when a write fails, and the request ends as any
 * other does.
 */
public final class EventStream {

    /** What a stream sends, for as long as it is allowed to. */
    @FunctionalInterface
    public interface Body {
        void run(EventStream stream) throws IOException, InterruptedException;
    }

    private static final Logger log = LoggerFactory.getLogger(EventStream.class);

    private final OutputStream out;

    private EventStream(OutputStream out) {
        this.out = out;
    }

    /** Answers {@code ctx} with an event stream and runs {@code body} on it until the client or the server goes. */
    public static void serve(Context ctx, Body body) {
        var res = ctx.res();
        res.setStatus(200);
        res.setCharacterEncoding("UTF-8");
        res.setContentType("text/event-stream");
        res.setHeader("Cache-Control", "no-cache");
        // nginx and similar proxies would otherwise hold events back to fill a buffer.
        res.setHeader("X-Accel-Buffering", "no");
        try {
            res.flushBuffer();
            body.run(new EventStream(res.getOutputStream()));
        } catch (IOException e) {
            // The route's pattern, not the path: a ticket's events are addressed by its secret.
            log.debug("Event stream on {} ended: {}", ctx.endpoint().path, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends one event named {@code event}; a line break in {@code data} becomes a second {@code data:} line. */
    public void send(String event, String data) throws IOException {
        var text = new StringBuilder(data.length() + event.length() + 16)
                .append("event: ")
                .append(event)
                .append('\n');
        for (var line : data.split("\r\n|\r|\n", -1)) {
            text.append("data: ").append(line).append('\n');
        }
        text.append('\n');
        out.write(text.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
