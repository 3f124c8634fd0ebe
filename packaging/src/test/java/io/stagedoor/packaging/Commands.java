package io.stagedoor.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The system's commands (dpkg and friends) as the package tests run them. */
final class Commands {

    private Commands() {}

    /** Runs a command to its end and returns what it printed; fails the test when it fails. */
    static String run(String... command) throws IOException, InterruptedException {
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        assertThat(exit).as(String.join(" ", command) + ": " + output).isZero();
        return output.strip();
    }

    /** Fails unless the Debian package is absent: a test that installs and purges it must not remove a real one. */
    static void assertNotInstalled(String debianPackage) throws IOException, InterruptedException {
        assertThat(run("sh", "-c", "dpkg-query -W -f='${Status}' " + debianPackage + " 2>/dev/null || true"))
                .as("the package is not installed on this machine already")
                .doesNotContain("installed");
    }
}
