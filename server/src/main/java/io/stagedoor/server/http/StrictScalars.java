package io.stagedoor.server.http;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.function.Function;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * Readers for the scalars whose Jackson readers are lenient in ways its coercion settings do not reach. Text is read
 * only from a JSON string (Jackson's own reader turns numbers and booleans into text, and its reader of lists of text
 * takes a nested list's first item as the text). Dates are read only as ISO-8601 date-times with an offset
 * ({@code 2026-12-01T19:30:00+01:00} or {@code ...Z}): Jackson's own also take numbers and digit strings as seconds
 * since 1970, so that {@code "-1"} would become a date in 1969.
 */
final class StrictScalars {

    private StrictScalars() {}

    static SimpleModule module() {
        return new SimpleModule("strict-scalars")
                .addDeserializer(String.class, new FromJsonString<>(String.class, LogicalType.Textual, text -> text))
                .addDeserializer(
                        Instant.class,
                        new FromJsonString<>(
                                Instant.class,
                                LogicalType.DateTime,
                                text -> OffsetDateTime.parse(text).toInstant()))
                .addDeserializer(
                        OffsetDateTime.class,
                        new FromJsonString<>(OffsetDateTime.class, LogicalType.DateTime, OffsetDateTime::parse));
    }

    /** A value read from a JSON string, by a parser that throws {@link DateTimeParseException} for text it refuses. */
    private static final class FromJsonString<T> extends StdScalarDeserializer<T> {

        private final Class<T> type;
        private final LogicalType logicalType;
        private final Function<String, T> parse;

        FromJsonString(Class<T> type, LogicalType logicalType, Function<String, T> parse) {
            super(type);
            this.type = type;
            this.logicalType = logicalType;
            this.parse = parse;
        }

        @Override
        public LogicalType logicalType() {
            return logicalType;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T deserialize(JsonParser p, DeserializationContext ctxt) {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return (T) ctxt.handleUnexpectedToken(type, p);
            }
            var text = p.getString();
            try {
                return parse.apply(text);
            } catch (DateTimeParseException e) {
                return (T) ctxt.handleWeirdStringValue(type, text, "not an ISO-8601 date-time with an offset");
            }
        }
    }
}
