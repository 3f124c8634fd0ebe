package io.stagedoor.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagedoor.server.testing.ServerExtension;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Whatever an anonymous client sends, broken or hostile, the answer tells nothing of how the server is built: no stack
 * trace, exception or class name, no SQL, no database or library names. Sent over a plain socket, so that requests no
 * well-behaved client would send can be made.
 */
class NoInternalsIT {

    @RegisterExtension
    static final ServerExtension server = new ServerExtension();

    /** What internals look like in an answer. */
    private static final Pattern INTERNALS = Pattern.compile(
            "(?i)exception|\\bat [a-z]+\\.[a-z]|\\bjava\\.|\\bjavax?\\.|\\borg\\.(eclipse|h2|jdbi|postgresql)|tools\\.jackson"
                    + "|io\\.stagedoor|io\\.javalin|\\bselect\\b.+\\bfrom\\b|\\binsert into\\b|\\bsqlstate\\b|\\bjdbc\\b"
                    + "|\\bh2 \\d|hikari|jetty|javalin|jackson|\\bnull pointer|\\.java:\\d+|StreamRead|JsonToken|REDACTED");

    @Test
    void noAnswerToAnAnonymousClientShowsInternals() throws IOException {
        var deep = "[".repeat(5000) + "]".repeat(5000);
        var requests = new ArrayList<String>(List.of(
                get("/%zz"),
                get("/api/v1/%zz"),
                get("/api/v1/public/events/%27%20OR%201%3D1%20--"),
                get("/api/v1/public/events/" + "a".repeat(5000)),
                get("/api/v1/tickets/%00"),
                get("/api/v1/orders/not-an-id"),
                get("/api/v1/events/not-an-id"),
                get("/t/%2e%2e%2f%2e%2e%2fetc%2fpasswd"),
                get("/e/%ff%fe"),
                get("/live/x/y/z/../../../../etc/passwd"),
                get("/api/v1/health").replace("\r\n\r\n", "\r\nX-Filler: " + "x".repeat(20_000) + "\r\n\r\n"),
                "GET /api/v1/health HTTP/9.9\r\nHost: localhost\r\n\r\n",
                "BREW /api/v1/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
                "GET /api/v1/health HTTP/1.1\r\nConnection: close\r\n\r\n",
                post("/api/v1/accounts", "application/json", "{"),
                post("/api/v1/accounts", "application/json", "[]"),
                post("/api/v1/accounts", "application/json", "{\"email\":{\"$gt\":\"\"}}"),
                post("/api/v1/accounts", "application/json", deep),
                post("/api/v1/accounts", "application/json", "{\"email\":\"" + "\\u0000".repeat(10) + "\"}"),
                post("/api/v1/accounts", "text/plain", "hello"),
                post("/api/v1/sessions", "application/json", "{\"email\":\"a@b.c\",\"password\":1e999999}"),
                post("/api/v1/checkout", "application/json", "{\"eventId\":\"00000000-0000-0000-0000-000000000000\"}"),
                post(
                        "/api/v1/checkout",
                        "application/json",
                        "{\"eventId\":\"0b2c7d7e-6f7c-4d2b-9b9f-1e2d3c4b5a69\",\"buyer\":{\"name\":\"x\","
                                + "\"email\":\"x@example.org\"},\"items\":[{\"ticketTypeId\":"
                                + "\"0b2c7d7e-6f7c-4d2b-9b9f-1e2d3c4b5a69\",\"quantity\":99999999999}]}"),
                post("/api/v1/checkout/quote", "application/json", "{\"items\":[null,null]}"),
                post("/api/v1/payments/stripe/webhook", "application/json", "{\"id\":\"evt\"}"),
                post("/e/nothing/checkout", "application/x-www-form-urlencoded", "name=%ZZ&email=' OR 1=1"),
                post("/t/nothing/sessions", "application/json", "{"),
                post("/tv", "application/x-www-form-urlencoded", "code=%00%00"),
                "POST /api/v1/accounts HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Content-Length: -5\r\nConnection: close\r\n\r\n",
                "POST /api/v1/accounts HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n{}\r\n0\r\n\r\n"));

        var leaks = new ArrayList<String>();
        for (var request : requests) {
            var answer = send(request);
            var status =
                    answer.isEmpty() ? "no answer" : answer.lines().findFirst().orElse("");
            var body = answer.contains("\r\n\r\n") ? answer.substring(answer.indexOf("\r\n\r\n")) : answer;
            var found = INTERNALS.matcher(body);
            if (found.find()) {
                leaks.add(request.lines().findFirst().orElse("") + " → " + status + ": …" + excerpt(body, found.start())
                        + "…");
            }
            var requestLine = request.lines().findFirst().orElse("");
            assertThat(status).as(requestLine).doesNotContain(" 500 ");
            if (requestLine.contains(" /api/") && !status.matches("HTTP/1\\.1 [23]\\d\\d .*")) {
                assertThat(answer).as(requestLine).containsIgnoringCase("Content-Type: application/problem+json");
            }
        }
        assertThat(leaks).isEmpty();
    }

    private static String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
    }

    private static String post(String path, String contentType, String body) {
        var bytes = body.getBytes(StandardCharsets.UTF_8);
        return "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + contentType + "\r\nContent-Length: "
                + bytes.length + "\r\nConnection: close\r\n\r\n" + body;
    }

    private static String send(String request) throws IOException {
        try (var socket = new Socket("127.0.0.1", server.server().httpPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            try {
                return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        }
    }

    private static String excerpt(String text, int at) {
        return text.substring(Math.max(0, at - 60), Math.min(text.length(), at + 60))
                .replaceAll("\\s+", " ");
    }
}
