package io.stagedoor.server.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.stagedoor.api.Problem;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The OpenAPI 3.1 document of the API, made from the route table and the records of {@code api-client}, so that
 * it describes exactly what the server does. Objects are closed ({@code additionalProperties: false}): a field the
 * document does not name would be drift, and a test that checks real responses against it would catch it.
 */
public final class OpenApi {

    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([A-Za-z]+)}");
    private static final String SCHEMAS = "#/components/schemas/";

    private final Map<String, Object> schemas = new TreeMap<>();

    private OpenApi() {}

    public static Map<String, Object> document(List<ApiRoute<?>> routes, String version) {
        return new OpenApi().build(routes, version);
    }

    private Map<String, Object> build(List<ApiRoute<?>> routes, String version) {
        var paths = new TreeMap<String, Map<String, Object>>();
        for (var route : routes) {
            paths.computeIfAbsent(route.path(), p -> new LinkedHashMap<>())
                    .put(route.method().name().toLowerCase(Locale.ROOT), operation(route));
        }
        var document = new LinkedHashMap<String, Object>();
        document.put("openapi", "3.1.0");
        document.put(
                "info",
                Map.of(
                        "title",
                        "Stagedoor API",
                        "version",
                        version,
                        "description",
                        "Accounts, events, ticket sales and tickets. Money is in whole minor units"
                                + " (cents) with an ISO 4217 currency. Every error is RFC 9457 problem details."));
        document.put("servers", List.of(Map.of("url", ApiRoutes.PREFIX)));
        document.put("paths", paths);
        document.put(
                "components",
                Map.of(
                        "schemas",
                        schemas,
                        "securitySchemes",
                        Map.of(
                                "bearer",
                                Map.of(
                                        "type",
                                        "http",
                                        "scheme",
                                        "bearer",
                                        "description",
                                        "The token from POST /sessions."))));
        return document;
    }

    private Map<String, Object> operation(ApiRoute<?> route) {
        var operation = new LinkedHashMap<String, Object>();
        operation.put("summary", route.summary());
        operation.put("operationId", operationId(route));
        if (!route.tag().isEmpty()) {
            operation.put("tags", List.of(route.tag()));
        }
        if (route.access() != Access.PUBLIC) {
            operation.put("security", List.of(Map.of("bearer", List.of())));
        }
        var parameters = new ArrayList<Map<String, Object>>();
        var matcher = PATH_PARAMETER.matcher(route.path());
        while (matcher.find()) {
            var name = matcher.group(1);
            var schema = name.endsWith("Id") ? Map.of("type", "string", "format", "uuid") : Map.of("type", "string");
            parameters.add(Map.of("in", "path", "name", name, "required", true, "schema", schema));
        }
        for (var parameter : route.parameters()) {
            parameters.add(Map.of(
                    "in", parameter.in(),
                    "name", parameter.name(),
                    "description", parameter.description(),
                    "required", parameter.required(),
                    "schema", Map.of("type", "string")));
        }
        if (!parameters.isEmpty()) {
            operation.put("parameters", parameters);
        }
        if (route.bodyType() != Void.class) {
            var schema = route.bodyType() == byte[].class || route.bodyType() == String.class
                    ? Map.<String, Object>of("type", "string", "format", "binary")
                    : schema(route.bodyType(), Map.of());
            var content = new LinkedHashMap<String, Object>();
            route.bodyMediaTypes().forEach(type -> content.put(type, Map.of("schema", schema)));
            operation.put("requestBody", Map.of("required", true, "content", content));
        }
        var responses = new LinkedHashMap<String, Object>();
        if (route.responseType() == Void.class) {
            responses.put(String.valueOf(route.status()), Map.of("description", "Done"));
        } else {
            var schema = route.responseType() == byte[].class
                    ? Map.<String, Object>of("type", "string", "format", "binary")
                    : schema(route.responseType(), Map.of());
            responses.put(
                    String.valueOf(route.status()),
                    Map.of(
                            "description",
                            "Success",
                            "content",
                            Map.of(route.responseMediaType(), Map.of("schema", schema))));
        }
        var problem = Map.of(Problem.MEDIA_TYPE, Map.of("schema", schema(Problem.class, Map.of())));
        responses.put(
                "4XX", Map.of("description", "The request was refused; the problem says why", "content", problem));
        responses.put("5XX", Map.of("description", "The server or a service it needs failed", "content", problem));
        operation.put("responses", responses);
        return operation;
    }

    private static String operationId(ApiRoute<?> route) {
        var words = new StringBuilder(route.method().name().toLowerCase(Locale.ROOT));
        for (var part : route.path().split("[/.{}-]+")) {
            if (!part.isEmpty()) {
                words.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return words.toString();
    }

    /** The schema of a Java type as Jackson writes it; records become named components. */
    Map<String, Object> schema(Type type, Map<TypeVariable<?>, Type> bindings) {
        if (type instanceof TypeVariable<?> variable && bindings.containsKey(variable)) {
            return schema(bindings.get(variable), bindings);
        }
        if (type instanceof ParameterizedType parameterized) {
            var raw = (Class<?>) parameterized.getRawType();
            var arguments = parameterized.getActualTypeArguments();
            if (List.class.isAssignableFrom(raw)) {
                return Map.of("type", "array", "items", schema(arguments[0], bindings));
            }
            if (Map.class.isAssignableFrom(raw)) {
                return Map.of("type", "object");
            }
            if (raw.isRecord()) {
                var names = new StringBuilder(raw.getSimpleName()).append("Of");
                var bound = new HashMap<TypeVariable<?>, Type>(bindings);
                var variables = raw.getTypeParameters();
                for (int i = 0; i < variables.length; i++) {
                    bound.put(variables[i], arguments[i]);
                    names.append(arguments[i] instanceof Class<?> c ? c.getSimpleName() : "Item");
                }
                return component(names.toString(), raw, bound);
            }
        }
        if (!(type instanceof Class<?> c)) {
            throw new IllegalArgumentException("No schema for " + type);
        }
        if (c == String.class) {
            return Map.of("type", "string");
        }
        if (c == int.class || c == Integer.class) {
            return Map.of("type", "integer", "format", "int32");
        }
        if (c == long.class || c == Long.class) {
            return Map.of("type", "integer", "format", "int64");
        }
        if (c == double.class || c == Double.class) {
            return Map.of("type", "number", "format", "double");
        }
        if (c == boolean.class || c == Boolean.class) {
            return Map.of("type", "boolean");
        }
        if (c == Instant.class) {
            return Map.of("type", "string", "format", "date-time");
        }
        if (c == LocalDate.class) {
            return Map.of("type", "string", "format", "date");
        }
        if (c == UUID.class) {
            return Map.of("type", "string", "format", "uuid");
        }
        if (c == URI.class) {
            return Map.of("type", "string", "format", "uri");
        }
        if (c.isEnum()) {
            return Map.of(
                    "type",
                    "string",
                    "enum",
                    Arrays.stream(c.getEnumConstants()).map(String::valueOf).toList());
        }
        if (Map.class.isAssignableFrom(c)) {
            return Map.of("type", "object");
        }
        if (c.isRecord()) {
            return component(c.getSimpleName(), c, bindings);
        }
        throw new IllegalArgumentException("No schema for " + c);
    }

    private Map<String, Object> component(String name, Class<?> record, Map<TypeVariable<?>, Type> bindings) {
        if (!schemas.containsKey(name)) {
            schemas.put(name, Map.of()); // reserved, for records that refer to themselves
            var include = record.getAnnotation(JsonInclude.class);
            boolean omitsEmpty = include != null && include.value() == JsonInclude.Include.NON_EMPTY;
            var properties = new LinkedHashMap<String, Object>();
            var required = new ArrayList<String>();
            for (RecordComponent component : record.getRecordComponents()) {
                boolean nullable = component.getAnnotatedType().isAnnotationPresent(Nullable.class);
                var schema = schema(component.getGenericType(), bindings);
                properties.put(component.getName(), nullable && !omitsEmpty ? orNull(schema) : schema);
                boolean mayBeOmitted = omitsEmpty && (nullable || List.class.isAssignableFrom(component.getType()));
                if (!mayBeOmitted) {
                    required.add(component.getName());
                }
            }
            var schema = new LinkedHashMap<String, Object>();
            schema.put("type", "object");
            schema.put("properties", properties);
            schema.put("required", required);
            schema.put("additionalProperties", false);
            schemas.put(name, schema);
        }
        return Map.of("$ref", SCHEMAS + name);
    }

    private static Map<String, Object> orNull(Map<String, Object> schema) {
        return Map.of("anyOf", List.of(schema, Map.of("type", "null")));
    }
}
