package io.stagedoor.server.archfixture;

import io.stagedoor.client.StagedoorClient;

/** Breaks "the server uses only the API records", for ArchitectureRulesBiteTest. */
public class ServerThatCallsItself {
    StagedoorClient client() {
        return StagedoorClient.builder("http://localhost:8080").build();
    }
}
