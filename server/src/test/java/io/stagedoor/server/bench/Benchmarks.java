package io.stagedoor.server.bench;

import java.util.Locale;

/** What the server's benchmarks share: which of them this run is for. */
final class Benchmarks {

    private Benchmarks() {}

    /**
     * Whether the benchmark called {@code name} runs: all of them unless {@code -Dbench.only=<name>} picks one
     * ({@code all} or nothing means all).
     */
    static boolean selected(String name) {
        var only = System.getProperty("bench.only", "all").strip().toLowerCase(Locale.ROOT);
        boolean selected = only.isEmpty() || only.equals("all") || only.equals(name);
        if (!selected) {
            System.out.println("Benchmark " + name + " skipped (-Dbench.only=" + only + ")");
        }
        return selected;
    }
}
