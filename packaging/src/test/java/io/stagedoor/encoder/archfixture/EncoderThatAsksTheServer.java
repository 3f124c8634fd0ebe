package io.stagedoor.encoder.archfixture;

import io.stagedoor.server.BuildInfo;

/** Breaks "the encoder knows nothing of the server", for ArchitectureRulesBiteTest. */
public class EncoderThatAsksTheServer {
    String version() {
        return BuildInfo.version();
    }
}
