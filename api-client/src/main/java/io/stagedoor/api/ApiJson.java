package io.stagedoor.api;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/** The JSON conventions both sides of the API share: ISO-8601 instants and durations as strings. */
public final class ApiJson {

    private ApiJson() {}

    /**
     * A builder with the shared conventions. The server tightens it (unknown fields are errors); the client
     * keeps it tolerant so that a newer server adding fields does not break an older client.
     */
    public static JsonMapper.Builder builder() {
        return JsonMapper.builder()
                .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DateTimeFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    }
}
