package io.github.lrschedulers.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.lrschedulers.StepUnit;
import io.github.lrschedulers.listener.LrHistory;
import io.github.lrschedulers.listener.LrLoggingListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Smoke tests of {@link TrainFashionMnist} on the real Fashion-MNIST (Debian's
 * dataset-fashion-mnist), 2 batches per epoch as DJL's TrainMnistTest; the full 3-epoch accuracy
 * run only with {@code -Dnightly=true}.
 */
class TrainFashionMnistTest {

    @TempDir Path out;

    private SampleRun train(String... args) throws Exception {
        String[] common = {
            "--data-dir",
            SampleTestData.FASHION_DATA_DIR.toString(),
            "--output-dir",
            out.toString(),
            "--batch-size",
            "32",
            "--log-every",
            "1"
        };
        String[] all = new String[common.length + args.length];
        System.arraycopy(common, 0, all, 0, common.length);
        System.arraycopy(args, 0, all, common.length, args.length);
        return TrainFashionMnist.run(all);
    }

    /**
     * The rows of the updates, in order: with {@code --log-every 1}, one per update (an epoch's row
     * takes the place of its last update's).
     */
    static List<LrHistory.Row> updateRows(LrHistory history) {
        List<LrHistory.Row> rows = history.rows();
        for (int i = 1; i < rows.size(); i++) {
            assertTrue(rows.get(i - 1).update() < rows.get(i).update(), "one row per update");
        }
        return rows;
    }

    @Test
    void oneCycleTwoBatchesWithPlot() throws Exception {
        SampleRun run =
                train(
                        "--schedule",
                        "OneCycleLR(max_lr=0.1, total_steps=2)",
                        "--epochs",
                        "1",
                        "--max-batches",
                        "2",
                        "--plot");
        assertEquals(StepUnit.UPDATE, run.stepUnit());
        assertEquals(2, run.tracker().getLatestUpdate());
        List<LrHistory.Row> rows = updateRows(run.history());
        assertEquals(2, rows.size());
        for (LrHistory.Row r : rows) {
            assertEquals(run.tracker().getLr(0, r.update()), r.lr(0));
            assertEquals(run.tracker().getMomentum(0, r.update()), r.momentum()[0]);
        }
        double acc = run.validationAccuracy();
        assertTrue(acc >= 0 && acc <= 1, "accuracy " + acc);
        Path csv = out.resolve(LrLoggingListener.CSV_FILE);
        Path png = out.resolve(LrLoggingListener.PNG_FILE);
        assertTrue(Files.size(png) > 1000, "PNG written");
        assertTrue(Files.size(out.resolve(LrLoggingListener.SVG_FILE)) > 1000, "SVG written");
        assertEquals(run.history().rows(), LrHistory.readCsv(csv).rows());
        byte[] magic = new byte[4];
        System.arraycopy(Files.readAllBytes(png), 0, magic, 0, 4);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, magic);
    }

    @Test
    void noPlotWritesNoFiles() throws Exception {
        train("--epochs", "1", "--max-batches", "2");
        assertTrue(Files.notExists(out.resolve(LrLoggingListener.CSV_FILE)));
    }

    @Test
    void stepLrStepsAtRealEpochEnds() throws Exception {
        SampleRun run =
                train(
                        "--schedule", "StepLR(step_size=1, gamma=0.5)",
                        "--epochs", "3",
                        "--max-batches", "2");
        assertEquals(StepUnit.EPOCH, run.stepUnit());
        assertArrayEquals(new int[] {2, 4, 6}, run.tracker().getEpochEnds());
        double[] expected = {0.1, 0.1, 0.05, 0.05, 0.025, 0.025};
        List<LrHistory.Row> rows = updateRows(run.history());
        assertEquals(6, rows.size());
        for (int i = 0; i < 6; i++) {
            assertEquals(i + 1, rows.get(i).update());
            assertEquals(expected[i], rows.get(i).lr(0), "update " + (i + 1));
        }
        // SGD's momentum where the schedule does not cycle it.
        assertEquals((double) 0.9f, rows.get(0).momentum()[0], 1e-7);
    }

    @Test
    void reduceLrOnPlateauGetsTheValidationLoss() throws Exception {
        SampleRun run =
                train(
                        "--schedule", "ReduceLROnPlateau(factor=0.5, patience=0)",
                        "--epochs", "3",
                        "--max-batches", "2");
        double[] metrics = run.tracker().getReportedMetrics();
        List<LrHistory.Row> epochs =
                run.history().rows().stream().filter(r -> !Double.isNaN(r.trainLoss())).toList();
        assertEquals(3, metrics.length);
        assertEquals(3, epochs.size());
        for (int e = 0; e < 3; e++) {
            assertEquals(epochs.get(e).validateLoss(), metrics[e], 1e-6, "epoch " + (e + 1));
        }
        // PyTorch's rule, patience 0: halve after every epoch that does not improve the best.
        double lr = 0.1;
        double best = Double.POSITIVE_INFINITY;
        for (int e = 0; e < 3; e++) {
            if (metrics[e] < best * (1 - 1e-4)) {
                best = metrics[e];
            } else {
                lr *= 0.5;
            }
            assertEquals(lr, run.tracker().getLr(0, 2 * (e + 1) + 1), 1e-12, "after epoch " + e);
        }
    }

    @Test
    void sequentialLrWithAdam() throws Exception {
        SampleRun run =
                train(
                        "--schedule",
                                "SequentialLR(schedulers=[LinearLR(start_factor=0.5,"
                                        + " total_iters=2), ExponentialLR(gamma=0.9)],"
                                        + " milestones=[2])",
                        "--optimizer", "adam",
                        "--lr", "0.001",
                        "--epochs", "3",
                        "--max-batches", "2");
        assertEquals(StepUnit.EPOCH, run.stepUnit());
        List<LrHistory.Row> rows = updateRows(run.history());
        assertEquals(0.0005, rows.get(0).lr(0), 1e-15);
        assertEquals(0.00075, rows.get(2).lr(0), 1e-15);
        assertEquals(0.001, rows.get(4).lr(0), 1e-15);
    }

    @Test
    void cyclicLrCyclesSgdMomentumPerUpdate() throws Exception {
        SampleRun run =
                train(
                        "--schedule", "CyclicLR(base_lr=0.01, max_lr=0.1, step_size_up=2)",
                        "--epochs", "1",
                        "--max-batches", "4");
        List<LrHistory.Row> rows = updateRows(run.history());
        assertEquals(4, rows.size());
        assertEquals(0.01, rows.get(0).lr(0), 1e-12);
        assertEquals(0.1, rows.get(2).lr(0), 1e-12);
        assertEquals(0.9, rows.get(0).momentum()[0], 1e-12);
        assertEquals(0.8, rows.get(2).momentum()[0], 1e-12);
    }

    @Test
    void nightlyAccuracyAfterThreeEpochs() throws IOException, Exception {
        assumeTrue(Boolean.getBoolean("nightly"), "full run only with -Dnightly=true");
        SampleRun run =
                TrainFashionMnist.run(
                        new String[] {
                            "--data-dir",
                            SampleTestData.FASHION_DATA_DIR.toString(),
                            "--output-dir",
                            out.toString(),
                            "--schedule",
                            "OneCycleLR(max_lr=0.1, total_steps=1407)",
                            "--epochs",
                            "3",
                            "--plot"
                        });
        assertEquals(1407, run.tracker().getLatestUpdate());
        assertTrue(run.validationAccuracy() >= 0.86, "accuracy " + run.validationAccuracy());
    }
}
