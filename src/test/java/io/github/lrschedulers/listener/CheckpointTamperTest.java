package io.github.lrschedulers.listener;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.lrschedulers.LrTracker;
import io.github.lrschedulers.optimizer.ScheduledSgd;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every edited, foreign or hostile checkpoint is refused with a message naming the file, or (for an
 * edit that changes nothing, such as whitespace) restores the very same state.
 */
class CheckpointTamperTest {

    private static final String EXPONENTIAL = "ExponentialLR(gamma=0.9)";
    private static final String PLATEAU = "ReduceLROnPlateau(patience=0, factor=0.5)";

    @TempDir Path dir;

    private Path json() {
        return dir.resolve("model-schedule.json");
    }

    /**
     * Writes a checkpoint: ExponentialLR after update 6 (epoch 2, batch 2), or ReduceLROnPlateau
     * stepped at epoch ends after update 9 (epoch 3, batch 1, two metrics and epoch ends).
     */
    private String save(String spec) throws Exception {
        CheckpointRuns.Setup s = new CheckpointRuns.Setup().spec(spec, spec.equals(PLATEAU));
        s.dir = dir;
        s.saveEvery = 3;
        s.stopAfterUpdates = spec.equals(PLATEAU) ? 10 : 7;
        CheckpointRuns.run(s);
        return Files.readString(json(), StandardCharsets.UTF_8);
    }

    private static boolean plateau(String spec) {
        return spec.equals(PLATEAU);
    }

    private CheckpointListener.Restored restore(Model model, String spec) throws IOException {
        return CheckpointListener.restore(
                model, dir, "model", CheckpointRuns.tracker(spec, plateau(spec)));
    }

    /** Writes an edited state and asserts that restore refuses it, naming the file and more. */
    private IllegalStateException refused(Model model, String spec, String text, String... says)
            throws IOException {
        Files.writeString(json(), text, StandardCharsets.UTF_8);
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> restore(model, spec), text);
        assertTrue(e.getMessage().contains(json().toString()), e.getMessage());
        for (String s : says) {
            assertTrue(e.getMessage().contains(s), "expected \"" + s + "\" in " + e.getMessage());
        }
        return e;
    }

    /** Gives an edited state the digest of its content, as a forger would. */
    private static String forge(String text) {
        JsonObject o = JsonParser.parseString(text).getAsJsonObject();
        o.remove("sha256");
        String sha =
                CheckpointFiles.sha256Hex(
                        CheckpointFiles.canonical(o).getBytes(StandardCharsets.UTF_8));
        return text.replaceFirst("\"sha256\": \"[0-9a-f]{64}\"", "\"sha256\": \"" + sha + "\"");
    }

    private static String edit(String text, String regex, String replacement) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), regex + " in " + text);
        return m.replaceFirst(replacement);
    }

    @Test
    void theStateFileIsReadableAndRestoresAsSaved() throws Exception {
        String text = save(EXPONENTIAL);
        assertTrue(text.contains("\"schedule\": \"ExponentialLR(gamma=0.9)\""), text);
        assertFalse(text.contains("\\u003d"), text);
        try (Model model = CheckpointRuns.model(1, 3)) {
            assertEquals(new CheckpointListener.Restored(6, 1, 2), restore(model, EXPONENTIAL));
            assertEquals(text, forge(text), "forge reproduces the saved digest");
        }
    }

    @Test
    void editedFieldsAreRefusedEvenWithAForgedDigest() throws Exception {
        String text = save(PLATEAU);
        String spec = PLATEAU;
        try (Model model = CheckpointRuns.model(1, 3)) {
            String[][] cases = {
                {
                    "(?s)\"rates\": \\{.*?\n  \\}",
                    "\"rates\": {}",
                    "rates must hold updates [9, 10]"
                },
                {"\"updates\": 9", "\"updates\": -7", "updates must be an integer in [0, "},
                {"\"epochs_done\": 2", "\"epochs_done\": -5", "epochs_done must be an integer in"},
                {
                    "\"batches_in_epoch\": 1",
                    "\"batches_in_epoch\": 999",
                    "batches_in_epoch must be an integer in [0, 9]"
                },
                {"\"metrics\": \\[", "\"metrics\": [\"0.5\", ", "has 3 metrics"},
                {"\"epoch_ends\": \\[", "\"epoch_ends\": [1, ", "has 3 epoch ends"},
                {
                    "\"epoch_ends\": \\[\\s*4,\\s*8",
                    "\"epoch_ends\": [4, 9",
                    "epoch 2 ended after update 9, so 9 updates make 0 batches in epoch 3"
                },
                {
                    "\"epoch_ends\": \\[\\s*4",
                    "\"epoch_ends\": [9",
                    "epoch 2 ends after update 8, before"
                },
                {"\"epochs_done\": 2", "\"epochs_done\": 3", "has 2 metrics"},
                {"\"params_file\": \"", "\"params_file\": \"../", "params_file must be model."},
                {"\"generation\": ", "\"generation\": 1", "params_file must be model.1"},
                {"\"base_lrs\": \\[\\s*\"0.05\"", "\"base_lrs\": [\"0.050\"", "base_lrs"},
                {"\"format\": \"[^\"]*\"", "\"format\": \"other\"", "format: other"},
                {"\"schedule\": ", "\"extra\": 1, \"schedule\": ", "unknown [extra]"},
                {"\"metrics\": \\[\\s*\"", "\"metrics\": [\"0x1p3\", \"", "metrics[0] must be"},
            };
            for (String[] c : cases) {
                String edited = edit(text, c[0], c[1]);
                refused(model, spec, forge(edited), c[2]);
                refused(model, spec, edited);
            }
            // A duplicate key cannot be forged: the strict reader refuses it.
            refused(
                    model,
                    spec,
                    edit(text, "\"updates\": 9", "\"updates\": 9, \"updates\": 9"),
                    "the key \"updates\" appears twice");
            refused(model, spec, edit(text, "\"lr\"", "\"lr\": [], \"lr\""), "appears twice");
            // Whitespace the reader skips changes nothing: the same state restores.
            Files.writeString(
                    json(),
                    edit(text, "\"steps_per_epoch\": 1", "\"steps_per_epoch\":\t1 "),
                    StandardCharsets.UTF_8);
            assertEquals(new CheckpointListener.Restored(9, 2, 1), restore(model, spec));
            Files.writeString(json(), text, StandardCharsets.UTF_8);
            assertEquals(new CheckpointListener.Restored(9, 2, 1), restore(model, spec));
        }
        String exp = save(EXPONENTIAL);
        try (Model model = CheckpointRuns.model(1, 3)) {
            refused(
                    model,
                    EXPONENTIAL,
                    edit(exp, "\"epochs_done\": 1", "\"epochs_done\": 0"),
                    "batches_in_epoch must be updates (6) in the first epoch");
            refused(
                    model,
                    EXPONENTIAL,
                    edit(exp, "\"epochs_done\": 1", "\"epochs_done\": 2"),
                    "was edited or corrupted: it was saved with sha256");
        }
    }

    /**
     * Edits every byte of a saved state file (three ways each: flip the lowest bit, replace by a
     * space, replace by a digit) and restores: every edit is refused with a message naming the
     * file, or restores exactly the saved state (whitespace the JSON reader ignores).
     */
    @ParameterizedTest
    @ValueSource(strings = {EXPONENTIAL, PLATEAU})
    void everySingleByteEditIsRefusedOrChangesNothing(String spec) throws Exception {
        save(spec);
        byte[] saved = Files.readAllBytes(json());
        CheckpointListener.Restored want;
        LrTracker wantTracker = CheckpointRuns.tracker(spec, plateau(spec));
        float[] wantWeights;
        try (Model model = CheckpointRuns.model(1, 3)) {
            want = CheckpointListener.restore(model, dir, "model", wantTracker);
            wantWeights = CheckpointRuns.weights(model);
        }
        int refused = 0;
        int same = 0;
        try (Model model = CheckpointRuns.model(1, 3);
                RandomAccessFile file = new RandomAccessFile(json().toFile(), "rw")) {
            for (int i = 0; i < saved.length; i++) {
                for (int variant = 0; variant < 3; variant++) {
                    byte old = saved[i];
                    byte b = (byte) (variant == 0 ? old ^ 1 : variant == 1 ? ' ' : '7');
                    if (b == old) {
                        continue;
                    }
                    file.seek(i);
                    file.write(b); // in place: the file keeps its length
                    LrTracker tracker = CheckpointRuns.tracker(spec, plateau(spec));
                    CheckpointListener.Restored got;
                    try {
                        got = CheckpointListener.restore(model, dir, "model", tracker);
                    } catch (IllegalStateException e) {
                        assertTrue(
                                e.getMessage().contains(json().toString()),
                                "byte " + i + ": " + e.getMessage());
                        refused++;
                        continue;
                    } finally {
                        file.seek(i);
                        file.write(old);
                    }
                    String what = "byte " + i + " edited to " + (char) b + " was accepted";
                    assertEquals(want, got, what);
                    assertArrayEquals(
                            wantTracker.getReportedMetrics(), tracker.getReportedMetrics(), what);
                    assertArrayEquals(wantTracker.getEpochEnds(), tracker.getEpochEnds(), what);
                    assertArrayEquals(wantWeights, CheckpointRuns.weights(model), what);
                    same++;
                }
            }
        }
        assertArrayEquals(saved, Files.readAllBytes(json()));
        System.out.printf(
                "%s: %d bytes, %d edits refused, %d restored the same state%n",
                spec, saved.length, refused, same);
        assertTrue(refused > 2 * saved.length, "edits refused: " + refused);
    }

    @Test
    void editedParameterAndOptimizerFilesAreRefused() throws Exception {
        String text = save(EXPONENTIAL);
        JsonObject o = JsonParser.parseString(text).getAsJsonObject();
        Path params = dir.resolve(o.get("params_file").getAsString());
        Path optimizer = dir.resolve(o.get("optimizer_file").getAsString());
        byte[] p = Files.readAllBytes(params);
        byte[] q = Files.readAllBytes(optimizer);
        try (Model model = CheckpointRuns.model(1, 3)) {
            for (int i = 0; i < p.length; i += Math.max(1, p.length / 40)) {
                byte[] b = p.clone();
                b[i] ^= 1;
                Files.write(params, b);
                IllegalStateException e =
                        assertThrows(
                                IllegalStateException.class, () -> restore(model, EXPONENTIAL));
                assertTrue(e.getMessage().contains("params_sha256"), e.getMessage());
                assertTrue(e.getMessage().contains(params.toString()), e.getMessage());
            }
            Files.write(params, p);
            restore(model, EXPONENTIAL);
            LrTracker tracker = CheckpointRuns.tracker(EXPONENTIAL, false);
            ScheduledSgd sgd = ScheduledSgd.builder().setLearningRateTracker(tracker).build();
            byte[] b = q.clone();
            b[b.length / 2] ^= 1;
            Files.write(optimizer, b);
            IllegalStateException e =
                    assertThrows(
                            IllegalStateException.class,
                            () -> CheckpointListener.restoreOptimizer(model, dir, "model", sgd));
            assertTrue(e.getMessage().contains("optimizer_sha256"), e.getMessage());
            assertTrue(e.getMessage().contains(optimizer.toString()), e.getMessage());
        }
    }

    @Test
    void aCheckpointOfAModelOfAnotherShapeIsRefused() throws Exception {
        CheckpointRuns.Setup s = new CheckpointRuns.Setup();
        s.dir = dir;
        s.units = 5;
        s.inputs = 3;
        s.epochs = 1;
        CheckpointRuns.run(s);
        try (Model model = CheckpointRuns.model(3, 5)) {
            IllegalStateException e =
                    assertThrows(IllegalStateException.class, () -> restore(model, EXPONENTIAL));
            assertTrue(
                    e.getMessage()
                            .contains(
                                    "parameter weight has shape (5, 3) in the checkpoint,"
                                            + " but (3, 5) in the model"),
                    e.getMessage());
            assertEquals(
                    "(3, 5)",
                    model.getBlock().getParameters().get("weight").getArray().getShape().toString(),
                    "the model is untouched");
        }
    }

    @Test
    void hostileFilesAreRefusedWithoutReadingThem() throws Exception {
        String text = save(EXPONENTIAL);
        JsonObject o = JsonParser.parseString(text).getAsJsonObject();
        Path params = dir.resolve(o.get("params_file").getAsString());
        Path zero = Path.of("/dev/zero");
        try (Model model = CheckpointRuns.model(1, 3)) {
            try (RandomAccessFile f = new RandomAccessFile(json().toFile(), "rw")) {
                f.setLength(300L << 20); // 300 MB, sparse
            }
            IllegalStateException big =
                    assertThrows(IllegalStateException.class, () -> restore(model, EXPONENTIAL));
            assertTrue(big.getMessage().contains(json().toString()), big.getMessage());
            assertTrue(big.getMessage().contains("314572800 bytes, more than"), big.getMessage());
            Files.writeString(json(), text, StandardCharsets.UTF_8);

            if (Files.exists(zero)) {
                Files.delete(params);
                Files.createSymbolicLink(params, zero);
                IllegalStateException dev =
                        assertTimeoutPreemptively(
                                Duration.ofSeconds(20),
                                () ->
                                        assertThrows(
                                                IllegalStateException.class,
                                                () -> restore(model, EXPONENTIAL)));
                assertTrue(dev.getMessage().contains(params.toString()), dev.getMessage());
                assertTrue(dev.getMessage().contains("is not a regular file"), dev.getMessage());

                Files.delete(json());
                Files.createSymbolicLink(json(), zero);
                IllegalStateException state =
                        assertTimeoutPreemptively(
                                Duration.ofSeconds(20),
                                () ->
                                        assertThrows(
                                                IllegalStateException.class,
                                                () -> restore(model, EXPONENTIAL)));
                assertTrue(state.getMessage().contains(json().toString()), state.getMessage());
            }

            for (String name : new String[] {"../model", "a/model", "..", "", "a\\b", ".hidden"}) {
                IllegalArgumentException e =
                        assertThrows(
                                IllegalArgumentException.class,
                                () ->
                                        CheckpointListener.restore(
                                                model,
                                                dir,
                                                name,
                                                CheckpointRuns.tracker(EXPONENTIAL, false)));
                assertTrue(e.getMessage().startsWith("name must be a file name"), e.getMessage());
                assertTrue(e.getMessage().contains("\"" + name + "\""), e.getMessage());
                assertThrows(
                        IllegalArgumentException.class, () -> CheckpointListener.exists(dir, name));
                IllegalArgumentException b =
                        assertThrows(
                                IllegalArgumentException.class,
                                () -> CheckpointListener.builder().optModelName(name));
                assertTrue(b.getMessage().startsWith("modelName must be"), b.getMessage());
            }
        }
    }
}
