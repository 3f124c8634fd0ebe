package io.stagedoor.server.http;

import io.stagedoor.server.error.InvalidInputException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.exc.UnexpectedEndOfInputException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

/** Reads request bodies, turning every way JSON can be wrong into a field-level message. */
final class JsonBodies {

    private final JsonMapper json;

    JsonBodies(JsonMapper json) {
        this.json = json;
    }

    <T> T read(byte[] body, Class<T> type) {
        if (body.length == 0) {
            throw InvalidInputException.of("body", "must be a JSON object; the request had no body");
        }
        try {
            var value = json.readValue(body, type);
            if (value == null) {
                throw InvalidInputException.of("body", "must be a JSON object, was null");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw InvalidInputException.of(
                    path(e), "is not a field of this request; known fields: " + knownFields(e.getKnownPropertyIds()));
        } catch (MismatchedInputException e) {
            throw InvalidInputException.of(path(e), expectation(e.getTargetType()));
        } catch (StreamReadException e) {
            var location = e.getLocation();
            throw InvalidInputException.of(
                    "body",
                    "is not valid JSON at line " + location.getLineNr() + ", column " + location.getColumnNr() + ": "
                            + (e instanceof UnexpectedEndOfInputException ? "it ends too soon" : syntaxError(e)));
        } catch (StreamConstraintsException e) {
            throw InvalidInputException.of("body", "is too large or nested too deeply to be read");
        } catch (JacksonException e) {
            // Jackson's own words name its classes and ours: not for the caller.
            throw InvalidInputException.of(path(e), "cannot be read as sent");
        }
    }

    /** What the parser found wrong, without where it says it found it (that is given as line and column). */
    private static String syntaxError(StreamReadException e) {
        var message = String.valueOf(e.getOriginalMessage());
        for (var locationStart : new String[] {" (start marker at", " [Source:", "\n"}) {
            int at = message.indexOf(locationStart);
            if (at >= 0) {
                message = message.substring(0, at);
            }
        }
        return message;
    }

    private static String knownFields(Collection<Object> ids) {
        return ids.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
    }

    static String path(JacksonException e) {
        var path = new StringBuilder();
        for (var reference : e.getPath()) {
            if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            } else if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    static String expectation(Class<?> type) {
        if (type == null) {
            return "has the wrong type";
        }
        if (type == Long.class || type == long.class || type == Integer.class || type == int.class) {
            return "must be a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        if (type == String.class) {
            return "must be text";
        }
        if (type == Instant.class || type == OffsetDateTime.class) {
            return "must be a date and time with its offset, such as 2026-12-01T19:30:00+01:00";
        }
        if (type == UUID.class) {
            return "must be an ID such as 0b2c7d7e-6f7c-4d2b-9b9f-1e2d3c4b5a69";
        }
        if (type.isEnum()) {
            return "must be one of "
                    + Arrays.stream(type.getEnumConstants())
                            .map(String::valueOf)
                            .collect(Collectors.joining(", "));
        }
        if (List.class.isAssignableFrom(type) || type.isArray()) {
            return "must be a list";
        }
        return "must be an object (" + type.getSimpleName().toLowerCase(Locale.ROOT) + ")";
    }
}
