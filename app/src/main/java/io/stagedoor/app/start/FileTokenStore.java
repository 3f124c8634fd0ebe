package io.stagedoor.app.start;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * Tokens in a properties file that only the user can read or write (POSIX mode 600, in a directory of mode 700),
 * for systems without a keyring. The file is replaced atomically and never exists with wider permissions, not
 * even for a moment.
 */
public final class FileTokenStore implements TokenStore {

    static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");

    private final Path file;

    public FileTokenStore(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized Optional<String> token(String server) {
        return Optional.ofNullable(read().getProperty(server));
    }

    @Override
    public synchronized void save(String server, String token) {
        var tokens = read();
        tokens.setProperty(server, token);
        write(tokens);
    }

    @Override
    public synchronized void forget(String server) {
        var tokens = read();
        if (tokens.remove(server) != null) {
            write(tokens);
        }
    }

    @Override
    public String describe() {
        return "the file " + file + " (readable by its owner only)";
    }

    private Properties read() {
        var tokens = new Properties();
        if (Files.exists(file)) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                tokens.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + file, e);
            }
        }
        return tokens;
    }

    private void write(Properties tokens) {
        var posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        try {
            var dir = file.toAbsolutePath().getParent();
            if (posix) {
                if (!Files.exists(dir)) {
                    Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
                }
            } else {
                Files.createDirectories(dir);
            }
            var temporary = posix
                    ? Files.createTempFile(
                            dir, ".tokens", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE))
                    : Files.createTempFile(dir, ".tokens", ".tmp");
            try (Writer out =
                    Files.newBufferedWriter(temporary, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING)) {
                tokens.store(out, "Stagedoor Studio session tokens; keep this file private");
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }
}
