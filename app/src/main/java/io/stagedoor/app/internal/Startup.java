package io.stagedoor.app.internal;

import java.lang.management.ManagementFactory;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs how long after the JVM started the studio reached a milestone, once per milestone per process. The start-up
 * benchmark (docs/BENCHMARKS.md) reads these lines.
 */
public final class Startup {

    private static final Logger log = LoggerFactory.getLogger(Startup.class);
    private static final Set<String> REACHED = ConcurrentHashMap.newKeySet();

    private Startup() {}

    /** E.g. {@code reached("workspace interactive")} logs {@code Startup: workspace interactive after 2150 ms}. */
    public static void reached(String milestone) {
        if (REACHED.add(milestone)) {
            long millis = System.currentTimeMillis()
                    - ManagementFactory.getRuntimeMXBean().getStartTime();
            log.info("Startup: {} after {} ms", milestone, millis);
        }
    }
}
