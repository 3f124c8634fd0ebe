package io.stagedoor.packaging;

import static io.stagedoor.packaging.Commands.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** What the shared libraries in a directory tree need from the system they are installed on. */
final class NativeLibraries {

    private static final Pattern NEEDED = Pattern.compile("\\(NEEDED\\)\\s+Shared library: \\[(.+)]");

    private NativeLibraries() {}

    /** The sonames the tree's libraries name as {@code NEEDED} (read with binutils' readelf) that it does not hold. */
    static SortedSet<String> neededFromTheSystem(Path root) throws IOException, InterruptedException {
        List<Path> libraries;
        try (var files = Files.walk(root)) {
            libraries = files.filter(file -> Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                            && file.getFileName().toString().matches(".*\\.so(\\..*)?"))
                    .toList();
        }
        var bundled = new HashSet<String>();
        libraries.forEach(library -> bundled.add(library.getFileName().toString()));
        var needed = new TreeSet<String>();
        for (var library : libraries) {
            NEEDED.matcher(run("readelf", "--dynamic", library.toString()))
                    .results()
                    .map(match -> match.group(1))
                    .filter(name -> !bundled.contains(name))
                    .forEach(needed::add);
        }
        return needed;
    }
}
