package io.stagedoor.server.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The renditions of a stream, kept beside its segments so that replay's master playlist outlives the stream. */
final class RenditionsFile {

    static final String NAME = "renditions.txt";

    private RenditionsFile() {}

    static void write(Path streamDir, List<Rendition> renditions) throws IOException {
        if (renditions.isEmpty()) {
            return;
        }
        var text = new StringBuilder();
        for (var r : renditions) {
            text.append(String.format(
                    Locale.ROOT,
                    "%s;%d;%d;%d;%s;%.3f%n",
                    r.name(),
                    r.width(),
                    r.height(),
                    r.bandwidth(),
                    r.codecs(),
                    r.frameRate()));
        }
        var temporary = streamDir.resolve(NAME + ".new");
        Files.writeString(temporary, text, StandardCharsets.UTF_8);
        Files.move(
                temporary,
                streamDir.resolve(NAME),
                StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    static List<Rendition> read(Path streamDir) throws IOException {
        var file = streamDir.resolve(NAME);
        var list = new ArrayList<Rendition>();
        if (!Files.exists(file)) {
            return list;
        }
        for (var line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            var p = line.split(";");
            if (p.length == 6 && Files.isDirectory(streamDir.resolve(p[0]))) {
                list.add(new Rendition(
                        p[0],
                        Integer.parseInt(p[1]),
                        Integer.parseInt(p[2]),
                        Long.parseLong(p[3]),
                        p[4],
                        Double.parseDouble(p[5])));
            }
        }
        return list;
    }
}
