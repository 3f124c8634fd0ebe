package io.stagedoor.server.health;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the operator should fix in the server's set-up, found as it starts or as requests arrive: each warning is
 * logged once, the first time it is raised, and listed in the administrator's health answer from then on.
 * Thread-safe.
 */
public final class SetupWarnings {

    private static final Logger log = LoggerFactory.getLogger(SetupWarnings.class);

    private final Map<String, String> raised = new ConcurrentHashMap<>();

    /**
     * Raises a warning of this kind, unless one was raised already.
     *
     * @param kind what the warning is about, so that it is given once however often its cause recurs
     * @param message what is wrong and what to do, for the log and the health answer
     */
    public void raise(String kind, String message) {
        if (!raised.containsKey(kind) && raised.putIfAbsent(kind, message) == null) {
            log.warn(message);
        }
    }

    public boolean isRaised(String kind) {
        return raised.containsKey(kind);
    }

    /** The warnings raised so far, in a stable order. */
    public List<String> current() {
        return raised.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(Map.Entry::getValue)
                .toList();
    }
}
