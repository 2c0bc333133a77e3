package io.github.lrschedulers.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link OutputFiles} leaves: the content, the usual permissions, nothing else. */
class OutputFilesTest {

    @TempDir Path dir;

    @Test
    void aWrittenFileHasThePermissionsOfAnyNewFile() throws IOException {
        Path plain = Files.createFile(dir.resolve("plain.csv"));
        Path written = dir.resolve("written.csv");
        OutputFiles.write(written, out -> out.write("a,b\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals("a,b\n", Files.readString(written));
        // A temporary file made by Files.createTempFile is owner-only (rw-------): the CSV and
        // plots of a run must be readable as any file the user creates.
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(written));
        assertEquals(List.of(plain, written), listing());
    }

    @Test
    void aFailedWriteLeavesThePreviousFileAndNoTemporaryOne() throws IOException {
        Path file = dir.resolve("kept.csv");
        Files.writeString(file, "old");
        assertThrows(
                IOException.class,
                () ->
                        OutputFiles.write(
                                file,
                                out -> {
                                    out.write('x');
                                    throw new IOException("disk full");
                                }));
        assertEquals("old", Files.readString(file));
        assertEquals(List.of(file), listing());
    }

    private List<Path> listing() throws IOException {
        try (var files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }
}
