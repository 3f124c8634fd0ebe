package io.stagedoor.misc;

/** Breaks "every class lives in its module's package", for ArchitectureRulesBiteTest. */
public class Stray {}
