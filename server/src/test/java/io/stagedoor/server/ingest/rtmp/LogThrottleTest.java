package io.stagedoor.server.ingest.rtmp;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LogThrottleTest {

    private final AtomicLong now = new AtomicLong(-5_000_000_000L); // nanoTime may be negative
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger("LogThrottleTest");
    private LogThrottle throttle;

    @BeforeEach
    void attach() {
        logger.addAppender(lines);
        lines.start();
        throttle = new LogThrottle(logger, "evictions", Duration.ofSeconds(10), now::get);
    }

    @AfterEach
    void detach() {
        logger.detachAppender(lines);
    }

    private void advance(Duration duration) {
        now.addAndGet(duration.toNanos());
    }

    @Test
    void aFloodOfLinesBecomesOneLinePerIntervalThatCountsTheRest() {
        for (int i = 0; i < 1000; i++) {
            throttle.warn("line " + i);
        }
        advance(Duration.ofSeconds(10));
        throttle.warn("line 1000");

        assertThat(lines.list)
                .extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("line 0", "line 1000 (999 more evictions not logged before it)");
        assertThat(throttle.total()).isEqualTo(1001);
    }

    @Test
    void whatWasLeftOutIsToldOnceTheIntervalHasPassedEvenIfNothingMoreComes() {
        throttle.warn("first");
        throttle.warn("second");
        throttle.warn("third");
        throttle.flush();
        advance(Duration.ofSeconds(9));
        throttle.flush();
        assertThat(lines.list).hasSize(1);

        advance(Duration.ofSeconds(1));
        throttle.flush();
        throttle.flush();

        assertThat(lines.list)
                .extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("first", "2 more evictions not logged one by one");
    }

    @Test
    void linesFarApartAreAllWritten() {
        throttle.warn("one");
        advance(Duration.ofSeconds(11));
        throttle.warn("two");
        advance(Duration.ofSeconds(11));
        throttle.warn("three");

        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly("one", "two", "three");
    }
}
