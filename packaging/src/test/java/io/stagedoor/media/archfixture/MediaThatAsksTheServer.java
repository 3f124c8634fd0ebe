package io.stagedoor.media.archfixture;

import io.stagedoor.server.BuildInfo;

/** Breaks "the media module depends on nothing of ours", for ArchitectureRulesBiteTest. */
public class MediaThatAsksTheServer {
    String version() {
        return BuildInfo.version();
    }
}
