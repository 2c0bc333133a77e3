package io.github.lrschedulers.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes an output file whole or not at all: into a temporary file beside it, moved into place once
 * complete. A failure leaves the previous file, if any, and no partial one. Used for every file the
 * library writes (histories, plots, range-test results).
 */
public final class OutputFiles {

    /** Writes a file's content to a stream. */
    @FunctionalInterface
    public interface Content {
        /**
         * Writes the content.
         *
         * @param out the stream, closed by the caller
         * @throws IOException if writing fails
         */
        void writeTo(OutputStream out) throws IOException;
    }

    /** Makes the temporary names of concurrent writes in this process distinct. */
    private static final AtomicLong COUNTER = new AtomicLong();

    private OutputFiles() {}

    /**
     * Writes a file through a temporary file in the same directory, replacing the file if it
     * exists.
     *
     * @param file the file to write
     * @param content what to write
     * @throws IOException if the file cannot be written; the temporary file is removed
     */
    public static void write(Path file, Content content) throws IOException {
        Path target = file.toAbsolutePath();
        // Not Files.createTempFile, whose owner-only permissions the moved file would keep: the
        // file gets the permissions any new file gets (the umask's).
        Path tmp =
                target.resolveSibling(
                        "."
                                + target.getFileName()
                                + "."
                                + ProcessHandle.current().pid()
                                + "-"
                                + COUNTER.incrementAndGet()
                                + ".tmp");
        try {
            try (OutputStream out =
                    new BufferedOutputStream(
                            Files.newOutputStream(
                                    tmp,
                                    StandardOpenOption.CREATE_NEW,
                                    StandardOpenOption.WRITE))) {
                content.writeTo(out);
            }
            try {
                Files.move(
                        tmp,
                        target,
                        StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException | Error e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }
}
