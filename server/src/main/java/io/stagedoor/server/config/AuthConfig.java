package io.stagedoor.server.config;

import java.time.Duration;
import java.util.Set;

/**
 * @param sessionTtl how long a sign-in lasts
 * @param adminEmails accounts that are platform administrators; empty for "the first account"
 */
public record AuthConfig(Duration sessionTtl, Set<String> adminEmails) {

    public AuthConfig {
        adminEmails = Set.copyOf(adminEmails);
    }
}
