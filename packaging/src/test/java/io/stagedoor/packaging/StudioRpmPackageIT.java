package io.stagedoor.packaging;

import static io.stagedoor.packaging.Commands.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.stagedoor.server.BuildInfo;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The studio's .rpm, built where {@code rpmbuild} is installed (the test command installs Debian's {@code rpm}): its
 * header and files as rpm reads them. Not installed: this is a Debian machine.
 */
class StudioRpmPackageIT {

    private static Path rpm;

    @BeforeAll
    static void findThePackage() throws Exception {
        var rpmbuild = run("sh", "-c", "command -v rpmbuild || true");
        assumeTrue(!rpmbuild.isEmpty(), "rpmbuild is not installed, so the build made no .rpm");
        var version = BuildInfo.version().replaceFirst("-.*", "");
        rpm = Path.of(System.getProperty("stagedoor.studioPackages"))
                .resolve("stagedoor-studio-" + version + "-1.x86_64.rpm");
        assertThat(rpm).as("the .rpm, as rpmbuild is installed").isRegularFile();
    }

    @Test
    void declaresItselfAndHoldsTheImage() throws Exception {
        var header = run(
                "rpm",
                "--query",
                "--package",
                "--queryformat",
                "%{NAME} %{VERSION} %{ARCH} %{LICENSE}",
                rpm.toString());
        assertThat(header)
                .startsWith("stagedoor-studio " + BuildInfo.version().replaceFirst("-.*", "") + " x86_64 ")
                .contains("GPLv2+");

        var files = run("rpm", "--query", "--package", "--list", rpm.toString());
        assertThat(files)
                .contains("/opt/stagedoor-studio/bin/Stagedoor")
                .contains("/opt/stagedoor-studio/lib/runtime/lib/server/libjvm.so")
                .contains("/opt/stagedoor-studio/lib/app/ffmpeg/libavcodec.so.")
                .contains("/opt/stagedoor-studio/lib/app/stagedoor-app-" + BuildInfo.version() + ".jar")
                .contains("/opt/stagedoor-studio/lib/stagedoor-studio-Stagedoor.desktop");
    }

    @Test
    void requiresEveryLibraryTheImageLinksAgainstBySoname() throws Exception {
        var image = Path.of(System.getProperty("stagedoor.appImage"));
        var needed = NativeLibraries.neededFromTheSystem(image);
        assertThat(needed).as("libraries from the system").contains("libgtk-3.so.0", "libasound.so.2");

        var requires = Set.copyOf(List.of(
                run("rpm", "--query", "--package", "--requires", rpm.toString()).split("\\s*\n\\s*")));
        assertThat(requires).contains("xdg-utils");
        assertThat(needed.stream().map(name -> name + "()(64bit)"))
                .as("sonames the .rpm requires")
                .allSatisfy(soname -> assertThat(requires).contains(soname));
    }
}
