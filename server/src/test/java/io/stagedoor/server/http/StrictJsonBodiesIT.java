package io.stagedoor.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagedoor.server.testing.Organisers;
import io.stagedoor.server.testing.ServerExtension;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every JSON body of the route table is read strictly. The test walks each route's body record (nested records and
 * lists too) and, for every field, sends values of the wrong JSON type one at a time: each must be a 400 whose field
 * error names that field and says what it must be. A route or field added later is covered without a new test; a
 * field of a type this test has no wrong values for fails it until some are added below.
 */
class StrictJsonBodiesIT {

    @RegisterExtension
    static final ServerExtension server = new ServerExtension();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Wrong values for each scalar type: other JSON types, and text that lenient readers would coerce. */
    private static final Map<Class<?>, List<String>> WRONG = Map.of(
            String.class,
            List.of("5", "1.5", "true", "{}", "[]", "[\"a\"]"),
            Long.class,
            List.of("\"5\"", "\"\"", "1.5", "true", "{}", "[]", "[5]"),
            Integer.class,
            List.of("\"5\"", "\"\"", "1.5", "true", "{}", "[]", "[5]"),
            Boolean.class,
            List.of("\"true\"", "\"\"", "1", "0", "{}", "[]", "[true]"),
            Instant.class,
            List.of(
                    "\"-1\"",
                    "-1",
                    "\"1700000000\"",
                    "1700000000",
                    "1700000000.5",
                    "\"2026-12-01T19:30:00\"",
                    "\"2026-12-01\"",
                    "\"\"",
                    "true",
                    "{}",
                    "[]"),
            UUID.class,
            List.of("5", "true", "\"\"", "\"not-an-id\"", "{}", "[]"),
            Enum.class,
            List.of("0", "\"0\"", "\"\"", "\"NOT_ONE_OF_THEM\"", "true", "{}", "[]"));

    /** A request to make: the route, the field it probes, the body, and the message the field must get. */
    private record Probe(ApiRoute<?> route, String field, String body, String expected) {}

    private static final List<HttpClient> CLIENTS = new ArrayList<>();

    @AfterAll
    static void closeClients() {
        CLIENTS.forEach(HttpClient::close);
    }

    @Test
    void everyFieldOfEveryBodyRefusesEveryWrongType() throws Exception {
        var admin = Organisers.signedIn(server.baseUri(), "Admin"); // the first account: the administrator
        var probes = new ArrayList<Probe>();
        var bodyTypes = new LinkedHashSet<Class<?>>();
        for (var route : routeTable()) {
            if (route.bodyType().isRecord()) {
                bodyTypes.add(route.bodyType());
                probeRecord(route, route.bodyType(), "", UnaryOperator.identity(), probes);
            }
        }
        assertThat(bodyTypes).as("request records found in the route table").hasSizeGreaterThanOrEqualTo(10);

        var failures = new ArrayList<String>();
        int sent = 0;
        for (var probe : probes) {
            var answer = send(probe, admin.token(), sent++);
            var described = probe.route().method() + " " + probe.route().path() + " " + probe.body() + " → "
                    + answer.statusCode() + " " + answer.body();
            if (answer.statusCode() != 400) {
                failures.add(described);
                continue;
            }
            var errors = JSON.readTree(answer.body()).path("errors");
            var named = errors.valueStream()
                    .filter(e -> e.path("field").asString().equals(probe.field()))
                    .map(e -> e.path("message").asString())
                    .toList();
            if (!named.equals(List.of(probe.expected()))) {
                failures.add(described + " (expected " + probe.field() + ": " + probe.expected() + ")");
            }
        }
        assertThat(failures).as("bodies read leniently, of " + probes.size()).isEmpty();
        assertThat(probes.stream().map(Probe::field))
                .as("the walk reaches nested records and list items")
                .contains("buyer.email", "items[0].quantity", "access.live", "startsAt", "clear[0]");
    }

    /** Dates are taken as ISO-8601 date-times with an offset, in any of its spellings. */
    @Test
    void datesWithAnOffsetAreAccepted() throws Exception {
        var json = HttpServer.serverJson();
        for (var text : List.of("2026-12-01T19:30:00+01:00", "2026-12-01T18:30:00Z", "2026-12-01T18:30Z")) {
            assertThat(json.readValue("\"" + text + "\"", Instant.class))
                    .as(text)
                    .isEqualTo(Instant.parse("2026-12-01T18:30:00Z"));
        }
        assertThat(json.readValue("\"2026-12-01T19:30:00.250+01:00\"", OffsetDateTime.class))
                .isEqualTo(OffsetDateTime.parse("2026-12-01T19:30:00.250+01:00"));
        assertThat(json.readValue("null", Instant.class)).isNull();
    }

    private static void probeRecord(
            ApiRoute<?> route, Class<?> record, String prefix, UnaryOperator<String> around, List<Probe> probes) {
        for (var component : record.getRecordComponents()) {
            var name = component.getName();
            var field = prefix + name;
            UnaryOperator<String> inField = value -> around.apply("{\"" + name + "\":" + value + "}");
            probeValue(route, component.getGenericType(), field, inField, probes);
        }
    }

    private static void probeValue(
            ApiRoute<?> route, Type type, String field, UnaryOperator<String> around, List<Probe> probes) {
        if (type instanceof ParameterizedType list && list.getRawType() == List.class) {
            for (var wrong : List.of("\"a\"", "5", "true", "{}")) {
                probes.add(new Probe(route, field, around.apply(wrong), JsonBodies.expectation(List.class)));
            }
            UnaryOperator<String> inList = value -> around.apply("[" + value + "]");
            probeValue(route, list.getActualTypeArguments()[0], field + "[0]", inList, probes);
            return;
        }
        var raw = (Class<?>) type;
        if (raw.isRecord()) {
            for (var wrong : List.of("\"a\"", "5", "true", "[]")) {
                probes.add(new Probe(route, field, around.apply(wrong), JsonBodies.expectation(raw)));
            }
            probeRecord(route, raw, field + ".", around, probes);
            return;
        }
        var values = WRONG.get(raw.isEnum() ? Enum.class : boxed(raw));
        assertThat(values)
                .as("wrong values for " + raw.getName() + " (" + field + " of " + route.path() + "): add them to WRONG")
                .isNotNull();
        for (var wrong : values) {
            probes.add(new Probe(route, field, around.apply(wrong), JsonBodies.expectation(raw)));
        }
    }

    private static Class<?> boxed(Class<?> type) {
        if (type == int.class) {
            return Integer.class;
        }
        if (type == long.class) {
            return Long.class;
        }
        if (type == boolean.class) {
            return Boolean.class;
        }
        return type;
    }

    /**
     * The server's own route table. Its services are never called here: bodies are read before a row's handler
     * runs, so the table is built with none.
     */
    static List<ApiRoute<?>> routeTable() throws ReflectiveOperationException {
        var components = ApiRoutes.Services.class.getRecordComponents();
        var types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
        }
        var none = ApiRoutes.Services.class.getDeclaredConstructor(types).newInstance(new Object[components.length]);
        return ApiRoutes.table(none);
    }

    /**
     * Sends a probe from one of many loopback addresses in turn, so that limits counted per client address (on
     * sign-in, on checkout) do not answer in place of the body's reader.
     */
    private static HttpResponse<String> send(Probe probe, @Nullable String token, int sequence) throws Exception {
        var path = ApiRoutes.PREFIX
                + probe.route().path().replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
        var request = HttpRequest.newBuilder(URI.create(server.baseUri() + path.substring(1)))
                .method(probe.route().method().name(), HttpRequest.BodyPublishers.ofString(probe.body()))
                .header("Content-Type", "application/json");
        if (probe.route().access() != Access.PUBLIC && token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return client(sequence).send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpClient client(int sequence) throws Exception {
        int index = sequence % 64;
        while (CLIENTS.size() <= index) {
            var address = InetAddress.getByAddress(new byte[] {127, 0, 9, (byte) (CLIENTS.size() + 1)});
            CLIENTS.add(HttpClient.newBuilder().localAddress(address).build());
        }
        return CLIENTS.get(index);
    }
}
