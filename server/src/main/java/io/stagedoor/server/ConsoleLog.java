package io.stagedoor.server;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import io.stagedoor.server.config.LogFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server program's log on standard output. {@code logback.xml} writes text; for {@link LogFormat#JSON} the root
 * logger's appenders are replaced by one that writes a JSON object per line. Logger levels stay as configured.
 */
final class ConsoleLog {

    private ConsoleLog() {}

    static void use(LogFormat format) {
        if (format == LogFormat.TEXT || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        var encoder = new JsonEncoder();
        encoder.setContext(context);
        // The message with its arguments filled in, once; the context, sequence number and nanoseconds are noise.
        encoder.setWithMessage(false);
        encoder.setWithArguments(false);
        encoder.setWithFormattedMessage(true);
        encoder.setWithContext(false);
        encoder.setWithSequenceNumber(false);
        encoder.setWithNanoseconds(false);
        encoder.start();
        var appender = new ConsoleAppender<ILoggingEvent>();
        appender.setContext(context);
        appender.setName("console-json");
        appender.setEncoder(encoder);
        appender.start();
        var root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.detachAndStopAllAppenders();
        root.addAppender(appender);
    }
}
