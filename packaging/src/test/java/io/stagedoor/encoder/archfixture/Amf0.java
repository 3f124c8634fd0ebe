package io.stagedoor.encoder.archfixture;

/** Breaks "wire formats live once, in the media module", for ArchitectureRulesBiteTest. */
public final class Amf0 {
    private Amf0() {}
}
