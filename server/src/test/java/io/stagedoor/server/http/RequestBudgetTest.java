package io.stagedoor.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.jetty.http.pathmap.PathSpec;
import org.junit.jupiter.api.Test;

class RequestBudgetTest {

    @Test
    void longLivedRequestsAreNotCountedAndEverythingElseIs() {
        var event = "0b2c7d7e-6f7c-4d2b-9b9f-1e2d3c4b5a69";
        for (var path : new String[] {
            "/t/Zm9vYmFyYmF6cXV4cXV1eGZvb2JhcmJhenF1eHF1dXg/events",
            "/api/v1/events/" + event + "/health/events",
            "/live/" + event + "/token/health/events",
            "/live/" + event + "/token/live.m3u8",
            "/live/" + event + "/token/720p/segment-00042.m4s",
            "/live/" + event + "/live.m3u8"
        }) {
            assertThat(uncounted(path)).as(path).isTrue();
        }
        for (var path : new String[] {
            "/api/v1/checkout",
            "/api/v1/health",
            "/api/v1/events/" + event + "/health",
            "/api/v1/events/" + event + "/health/events/more",
            "/t/secret",
            "/t/secret/sessions",
            "/t/a/b/events",
            "/e/opening-night",
            "/lively",
            "/outbox"
        }) {
            assertThat(uncounted(path)).as(path).isFalse();
        }
    }

    private static boolean uncounted(String path) {
        return RequestBudget.UNCOUNTED.stream()
                .anyMatch(spec -> PathSpec.from(spec).matches(path));
    }
}
