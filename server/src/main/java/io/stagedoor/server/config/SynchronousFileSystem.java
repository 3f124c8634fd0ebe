package io.stagedoor.server.config;

import java.io.IOException;
import java.nio.channels.FileChannel;
import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;

/**
 * H2's own disk files, except that the database file is opened for synchronous writes ({@code O_DSYNC}): a write
 * returns once its data is on the storage device. With {@code WRITE_DELAY=0}, H2 writes every commit before the
 * commit returns; through this file system that write is also on the disk, so a committed order survives a power cut
 * and not only a killed process. H2 offers no setting for this; a file system prefix in the URL is its way (decision
 * 38).
 *
 * <p>The files are opened through H2's {@code retry:} file system too. With {@code WRITE_DELAY=0} the thread that
 * commits writes the file itself, and Java closes a file when a thread using it is interrupted (a worker stopped with
 * {@code shutdownNow}, say): without reopening it, H2 could write nothing more until restarted.
 *
 * <p>The files are the very ones a plain URL names: {@code jdbc:h2:file:sync:/data/db/stagedoor} and
 * {@code jdbc:h2:file:/data/db/stagedoor} open the same database, so tools such as H2's shell still open it without
 * this class. Only this JVM needs it registered, which {@link DatabaseConfig} does before any URL of its can be used.
 */
public final class SynchronousFileSystem extends FilePathWrapper {

    /** What a database name starts with to be opened through this file system. */
    public static final String PREFIX = "sync:";

    private static final String DATABASE_FILE_SUFFIX = ".mv.db";
    private static final String REOPENED_WHEN_INTERRUPTED = "retry:";

    /** Makes the {@code sync:} prefix known to H2 in this JVM; repeating it changes nothing. */
    static void register() {
        FilePath.register(new SynchronousFileSystem());
    }

    @Override
    public String getScheme() {
        return "sync";
    }

    /**
     * The database file in read-write mode gets {@code rwd}; everything else (temporary result files, the trace
     * file) H2's usual mode, as losing those loses nothing committed.
     */
    @Override
    public FileChannel open(String mode) throws IOException {
        boolean databaseFile = name.endsWith(DATABASE_FILE_SUFFIX);
        return FilePath.get(REOPENED_WHEN_INTERRUPTED + getBase().name)
                .open(databaseFile && mode.equals("rw") ? "rwd" : mode);
    }
}
