package io.stagedoor.server.http;

import io.stagedoor.api.Problem;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;

/**
 * The answers Jetty gives itself, before a request reaches the routes (a malformed request line or address, headers
 * too large, an unknown HTTP version, no Host): problem details like every other failure, instead of Jetty's page,
 * which names the server and may show an exception's text.
 */
final class ProtocolErrors extends ErrorHandler {

    private final ProblemResponses problems;

    ProtocolErrors(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    protected void generateResponse(
            Request request,
            Response response,
            int code,
            @Nullable String message,
            @Nullable Throwable cause,
            Callback callback) {
        var reason = HttpStatus.getMessage(code);
        var json = problems.json(Problem.ofStatus(
                code,
                reason,
                code >= 500
                        ? "The server could not answer this request."
                        : "The request could not be read (" + reason + "). Check its address, headers and body.",
                null));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)), callback);
    }
}
