package io.github.lrschedulers.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListenerAdapter;
import io.github.lrschedulers.listener.LrHistory;
import io.github.lrschedulers.listener.LrLoggingListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code --resume}: a run interrupted after a checkpoint and resumed gives every later update the
 * very rate and momentum of an uninterrupted run, bit for bit, whether the checkpoint was taken at
 * an epoch end or in the middle of an epoch.
 */
class ResumeTest {

    @TempDir Path dir;

    private String[] args(String schedule, Path out, String checkpointEvery, String... more) {
        String[] common = {
            "--data-dir",
            SampleTestData.FASHION_DATA_DIR.toString(),
            "--output-dir",
            out.toString(),
            "--schedule",
            schedule,
            "--batch-size",
            "32",
            "--max-batches",
            "5",
            "--epochs",
            "3",
            "--log-every",
            "1",
            "--checkpoint-every",
            checkpointEvery
        };
        String[] all = new String[common.length + more.length];
        System.arraycopy(common, 0, all, 0, common.length);
        System.arraycopy(more, 0, all, common.length, more.length);
        return all;
    }

    private static Map<Integer, LrHistory.Row> byUpdate(LrHistory history) {
        Map<Integer, LrHistory.Row> rows = new TreeMap<>();
        for (LrHistory.Row r : TrainFashionMnistTest.updateRows(history)) {
            rows.put(r.update(), r);
        }
        return rows;
    }

    @ParameterizedTest(name = "{0}, crash before update {2}, checkpoint every {1}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            OneCycleLR(max_lr=0.1, total_steps=15)          | 7 | 10 | 8
            OneCycleLR(max_lr=0.1, total_steps=15)          | 0 | 13 | 11
            StepLR(step_size=1, gamma=0.5)                  | 3 | 8  | 7
            CosineAnnealingWarmRestarts(T_0=1, T_mult=2)    | 4 | 14 | 13
            ReduceLROnPlateau(factor=0.5, patience=0)       | 0 | 12 | 11
            """)
    void resumedRatesEqualAnUninterruptedRun(
            String schedule, String every, int crashAt, int firstResumed) throws Exception {
        SampleRun full = TrainFashionMnist.run(args(schedule, dir.resolve("full"), every));
        assertEquals(15, full.tracker().getLatestUpdate());

        Path out = dir.resolve("interrupted");
        IllegalStateException e =
                assertThrows(
                        IllegalStateException.class,
                        () ->
                                TrainFashionMnist.run(
                                        args(schedule, out, every), new CrashAt(crashAt)));
        assertTrue(e.getMessage().contains("crash before update " + crashAt), e.getMessage());

        SampleRun resumed = TrainFashionMnist.run(args(schedule, out, every, "--resume"));
        assertEquals(firstResumed - 1, resumed.firstUpdate());
        assertEquals(15, resumed.tracker().getLatestUpdate());
        Map<Integer, LrHistory.Row> expected = byUpdate(full.history());
        Map<Integer, LrHistory.Row> actual = byUpdate(resumed.history());
        assertEquals(
                List.copyOf(expected.keySet()).subList(firstResumed - 1, 15),
                List.copyOf(actual.keySet()));
        for (int u = firstResumed; u <= 15; u++) {
            LrHistory.Row x = expected.get(u);
            LrHistory.Row y = actual.get(u);
            assertEquals(
                    Double.doubleToRawLongBits(x.lr(0)),
                    Double.doubleToRawLongBits(y.lr(0)),
                    "lr of update " + u);
            assertEquals(
                    Double.doubleToRawLongBits(x.momentum()[0]),
                    Double.doubleToRawLongBits(y.momentum()[0]),
                    "momentum of update " + u);
            assertEquals(
                    Float.floatToRawIntBits(full.tracker().getNewValue(u)),
                    Float.floatToRawIntBits(resumed.tracker().getNewValue(u)),
                    "float rate of update " + u);
        }
        assertArrayEquals(full.tracker().getEpochEnds(), resumed.tracker().getEpochEnds());
    }

    /**
     * {@code --resume --plot}: the resumed run's history and CSV go on from the interrupted run's
     * (rows after the checkpoint dropped), with the epoch numbers of an uninterrupted run.
     */
    @Test
    void resumeContinuesTheHistoryAndTheEpochNumbers() throws Exception {
        String schedule = "OneCycleLR(max_lr=0.1, total_steps=15)";
        SampleRun full = TrainFashionMnist.run(args(schedule, dir.resolve("full"), "3", "--plot"));
        Path out = dir.resolve("interrupted");
        assertThrows(
                IllegalStateException.class,
                () -> TrainFashionMnist.run(args(schedule, out, "3", "--plot"), new CrashAt(9)));
        assertEquals(
                List.of(1, 2, 3, 4, 5, 6, 7, 8),
                LrHistory.readCsv(out.resolve(LrLoggingListener.CSV_FILE)).rows().stream()
                        .map(LrHistory.Row::update)
                        .toList());

        SampleRun resumed = TrainFashionMnist.run(args(schedule, out, "3", "--plot", "--resume"));
        assertEquals(6, resumed.firstUpdate());
        List<LrHistory.Row> want = full.history().rows();
        List<LrHistory.Row> got = resumed.history().rows();
        assertEquals(
                want.stream().map(r -> r.update() + "/" + r.epoch()).toList(),
                got.stream().map(r -> r.update() + "/" + r.epoch()).toList());
        for (int i = 0; i < want.size(); i++) {
            assertArrayEquals(want.get(i).lr(), got.get(i).lr(), "row " + i);
        }
        assertEquals(got, LrHistory.readCsv(out.resolve(LrLoggingListener.CSV_FILE)).rows());
        assertArrayEquals(full.history().getUpdateRates(0), resumed.history().getUpdateRates(0));
    }

    @Test
    void resumingAFinishedRunSaysSoAndWritesNothing() throws Exception {
        Path out = dir.resolve("finished");
        String[] argv = args("StepLR(step_size=1, gamma=0.5)", out, "0", "--plot");
        argv[Arrays.asList(argv).indexOf("--epochs") + 1] = "2";
        TrainFashionMnist.run(argv);
        Map<Path, String> before = snapshot(out);
        assertTrue(before.keySet().stream().anyMatch(p -> p.toString().endsWith(".csv")));

        String[] again = Arrays.copyOf(argv, argv.length + 1);
        again[argv.length] = "--resume";
        SampleErrorsTest.Outcome o = SampleErrorsTest.main(TrainFashionMnist::main, again);

        assertEquals(SampleMain.EXIT_OK, o.code(), o.err());
        assertEquals(1, o.out().lines().count(), o.out());
        assertTrue(o.out().contains("is finished: its checkpoint is after 2 epochs"), o.out());
        assertTrue(o.out().contains("--epochs is 2 (10 updates)"), o.out());
        assertEquals(before, snapshot(out));
    }

    /** Every file of a folder with its size, modification time and content hash. */
    private static Map<Path, String> snapshot(Path folder) throws IOException {
        Map<Path, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(
                        folder.relativize(p),
                        Files.size(p)
                                + " "
                                + Files.getLastModifiedTime(p)
                                + " "
                                + Arrays.hashCode(Files.readAllBytes(p)));
            }
        }
        return files;
    }

    /** Throws at the batch that would do update {@code n} of a fresh run, as a crash would. */
    static final class CrashAt extends TrainingListenerAdapter {
        private final int n;
        private int batches;

        CrashAt(int n) {
            this.n = n;
        }

        @Override
        public void onTrainingBatch(Trainer trainer, BatchData batchData) {
            if (++batches == n) {
                throw new IllegalStateException("crash before update " + n);
            }
        }
    }
}
