package io.github.lrschedulers.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Smoke tests of {@link TrainMnist} on small idx files written in MNIST's published format. */
class TrainMnistTest {

    @TempDir Path dir;

    @Test
    void trainsTwoBatchesFromPublishedIdxFiles() throws Exception {
        SampleTestData.writeMnist(dir.resolve("data"), 96, 64);
        SampleRun run =
                TrainMnist.run(
                        new String[] {
                            "--data-dir", dir.resolve("data").toString(),
                            "--output-dir", dir.resolve("out").toString(),
                            "--schedule", "OneCycleLR(max_lr=0.1, total_steps=4)",
                            "--batch-size", "32",
                            "--max-batches", "2",
                            "--epochs", "2",
                            "--plot"
                        });
        assertEquals(4, run.tracker().getLatestUpdate());
        assertTrue(Files.isRegularFile(dir.resolve("data/mnist/train_data")));
        assertTrue(Files.isRegularFile(dir.resolve("out/lr-plot.png")));
        assertTrue(run.validationAccuracy() >= 0);
    }

    @Test
    void fullSmallDataSetHasAPartialLastBatch() throws Exception {
        SampleTestData.writeMnist(dir.resolve("data"), 80, 64);
        SampleRun run =
                TrainMnist.run(
                        new String[] {
                            "--data-dir", dir.resolve("data").toString(),
                            "--output-dir", dir.resolve("out").toString(),
                            "--schedule", "StepLR(step_size=1, gamma=0.5)",
                            "--batch-size", "32",
                            "--epochs", "2",
                            "--log-every", "0"
                        });
        // 80 examples: batches of 32, 32 and 16; StepLR steps at the real epoch ends.
        assertEquals(6, run.tracker().getLatestUpdate());
        assertEquals(3, run.tracker().getEpochEnds()[0]);
        assertEquals(0.05, run.tracker().getLr(0, 4));
    }

    @Test
    void missingDataOfflineSaysWhatToDo() {
        IOException e = assertThrows(IOException.class, () -> SampleData.mnist(dir));
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte"), e.getMessage());
        assertTrue(e.getMessage().contains("DJL_OFFLINE=false"), e.getMessage());
    }
}
