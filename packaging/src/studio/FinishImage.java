import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Completes the app image jpackage made (run by the build as a single-file Java program, so it works wherever the
 * JDK does):
 *
 *   java FinishImage.java IMAGE RUNTIME_NATIVES JAVAFX_NATIVES FFMPEG_DIR
 *
 * puts JavaFX's native libraries (unpacked to JAVAFX_NATIVES) into IMAGE/RUNTIME_NATIVES, where JavaFX looks before
 * unpacking its own into the user's home; makes the ffmpeg program in IMAGE/FFMPEG_DIR executable (unpacking a jar
 * keeps no file modes); and on Linux, when binutils' strip is installed, strips the symbol tables of the runtime's
 * native libraries (libjvm.so alone drops from 29 to 25 MB; their exported symbols stay).
 */
public class FinishImage {

    public static void main(String[] args) throws IOException, InterruptedException {
        var image = Path.of(args[0]);
        var runtimeNatives = image.resolve(args[1]);
        var javafxNatives = Path.of(args[2]);
        var ffmpegDir = image.resolve(args[3]);

        try (Stream<Path> files = Files.list(javafxNatives)) {
            for (var file : files.toList()) {
                Files.copy(file, runtimeNatives.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        for (var name : List.of("ffmpeg", "ffmpeg.exe")) {
            var program = ffmpegDir.resolve(name);
            if (Files.isRegularFile(program) && !program.toFile().setExecutable(true, false)) {
                throw new IOException("Could not make " + program + " executable");
            }
        }
        if (System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("linux")) {
            strip(image.resolve("lib/runtime"));
        }
    }

    private static void strip(Path runtime) throws IOException, InterruptedException {
        var libraries = new ArrayList<String>();
        try (Stream<Path> files = Files.walk(runtime)) {
            files.filter(f -> f.getFileName().toString().endsWith(".so")).forEach(f -> libraries.add(f.toString()));
        }
        var command = new ArrayList<>(List.of("strip", "--strip-unneeded"));
        command.addAll(libraries);
        Process process;
        try {
            process = new ProcessBuilder(command).inheritIO().start();
        } catch (IOException e) {
            System.out.println("FinishImage: strip (binutils) is not installed; the runtime's libraries keep their"
                    + " symbol tables");
            return;
        }
        if (process.waitFor() != 0) {
            throw new UncheckedIOException(new IOException("strip failed on " + runtime));
        }
        System.out.println("FinishImage: stripped " + libraries.size() + " native libraries in " + runtime);
    }
}
