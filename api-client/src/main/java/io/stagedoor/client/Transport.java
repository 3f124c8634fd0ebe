package io.stagedoor.client;

import io.stagedoor.api.Problem;
import java.io.IOException;
import java.util.Objects;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * One HTTP exchange with the API: builds the request, reads the JSON answer into a record, and turns every
 * failure into {@link ApiProblemException} or {@link ApiUnreachableException}. Every response is closed.
 */
final class Transport {

    static final MediaType JSON = MediaType.get("application/json");
    private static final String API_PREFIX = "api/v1/";

    private final HttpUrl baseUrl;
    private final OkHttpClient http;
    private final JsonMapper json;

    Transport(HttpUrl baseUrl, OkHttpClient http, JsonMapper json) {
        this.baseUrl = baseUrl;
        this.http = http;
        this.json = json;
    }

    HttpUrl baseUrl() {
        return baseUrl;
    }

    OkHttpClient http() {
        return http;
    }

    JsonMapper json() {
        return json;
    }

    /** A call to {@code path} below {@code /api/v1/}, e.g. {@code events/{id}} with its segments encoded. */
    Call call(String method, String... pathSegments) {
        var url = Objects.requireNonNull(baseUrl.resolve(API_PREFIX)).newBuilder();
        for (var segment : pathSegments) {
            url.addPathSegment(segment);
        }
        return new Call(method, url);
    }

    /** A request being put together; {@code send} methods perform it. */
    final class Call {
        private final String method;
        private final HttpUrl.Builder url;
        private final Request.Builder request = new Request.Builder().header("Accept", "application/json");
        private @Nullable RequestBody body;

        private Call(String method, HttpUrl.Builder url) {
            this.method = method;
            this.url = url;
        }

        Call query(String name, @Nullable Object value) {
            if (value != null) {
                url.addQueryParameter(name, value.toString());
            }
            return this;
        }

        Call header(String name, @Nullable String value) {
            if (value != null) {
                request.header(name, value);
            }
            return this;
        }

        Call json(Object value) {
            body = RequestBody.create(json.writeValueAsBytes(value), JSON);
            return this;
        }

        Call bytes(byte[] content, String contentType) {
            body = RequestBody.create(content, MediaType.get(contentType));
            return this;
        }

        <T> T send(Class<T> type) {
            return send(json.constructType(type), Set.of(200, 201));
        }

        <T> T send(TypeReference<T> type) {
            return send(json.constructType(type), Set.of(200, 201));
        }

        <T> T send(Class<T> type, Set<Integer> accepted) {
            return send(json.constructType(type), accepted);
        }

        /** For calls answered with 204. */
        void sendExpectingNothing() {
            exchange(response -> null, Set.of(204, 200));
        }

        /** For calls answered with a file: its bytes. */
        byte[] sendForBytes() {
            return exchange(response -> response.body().bytes(), Set.of(200));
        }

        private <T> T send(JavaType type, Set<Integer> accepted) {
            return exchange(response -> json.readValue(response.body().byteStream(), type), accepted);
        }

        private <T> T exchange(ResponseReader<T> reader, Set<Integer> accepted) {
            var built = request.url(url.build())
                    .method(method, body != null ? body : bodyless(method))
                    .build();
            try (Response response = http.newCall(built).execute()) {
                if (accepted.contains(response.code())) {
                    return reader.read(response);
                }
                throw new ApiProblemException(readProblem(response));
            } catch (IOException e) {
                throw new ApiUnreachableException(
                        "Could not reach the Stagedoor server at " + baseUrl + " (" + describe(e)
                                + "). Check the address and that the server is running.",
                        e);
            } catch (JacksonException e) {
                throw new ApiUnreachableException(
                        "The server at " + baseUrl + " sent a response this client cannot read: is it a Stagedoor"
                                + " server of a compatible version? (" + e.getOriginalMessage() + ")",
                        e);
            }
        }

        private static @Nullable RequestBody bodyless(String method) {
            return switch (method) {
                case "POST", "PUT", "PATCH" -> RequestBody.create(new byte[0], null);
                default -> null;
            };
        }
    }

    @FunctionalInterface
    private interface ResponseReader<T> {
        T read(Response response) throws IOException;
    }

    /** The problem details of a failed response that was not made through {@link Call}. */
    Problem problemOf(Response response) throws IOException {
        return readProblem(response);
    }

    private Problem readProblem(Response response) throws IOException {
        var contentType = response.header("Content-Type", "");
        var body = response.body().string();
        if (contentType.startsWith(Problem.MEDIA_TYPE) || contentType.startsWith("application/json")) {
            try {
                var problem = json.readValue(body, Problem.class);
                if (problem.status() != 0 && problem.title() != null) {
                    return problem;
                }
            } catch (JacksonException ignored) {
                // Not problem details after all; describe the raw response below.
            }
        }
        var reason = response.message().isBlank() ? "HTTP error" : response.message();
        var excerpt = body.length() > 200 ? body.substring(0, 200) + "…" : body;
        return Problem.ofStatus(
                response.code(),
                reason,
                "The server answered " + response.code() + " without problem details"
                        + (excerpt.isBlank() ? "." : ": " + excerpt),
                response.request().url().encodedPath());
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
