package io.github.lrschedulers.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lrschedulers.LrTracker;
import io.github.lrschedulers.StepUnit;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample with the article's scheduler of its own: it trains on Fashion-MNIST with the
 * registered {@code LinearThenTenth}, stepping per epoch, and every update's rate is the
 * scheduler's {@code get_lr} of the epoch.
 */
class TrainOwnSchedulerTest {

    @TempDir Path dir;

    @Test
    void trainsWithTheArticlesSchedulerStepPerEpoch() throws Exception {
        SampleRun run =
                TrainOwnScheduler.run(
                        new String[] {
                            "--data-dir", SampleTestData.FASHION_DATA_DIR.toString(),
                            "--output-dir", dir.toString(),
                            "--schedule", "LinearThenTenth(epochs=2)",
                            "--lr", "0.1",
                            "--batch-size", "32",
                            "--max-batches", "3",
                            "--epochs", "4",
                            "--log-every", "0"
                        });
        LrTracker tracker = run.tracker();
        assertEquals("LinearThenTenth(epochs=2)", tracker.getSchedule().toString());
        assertEquals(StepUnit.EPOCH, tracker.getSchedule().getStepUnit());
        assertEquals(12, tracker.getLatestUpdate());
        double[] perEpoch = {0.1, 0.1 * (1 - 0.9 * 1 / 2), 0.1 * 0.1, 0.1 * 0.1};
        for (int u = 1; u <= 12; u++) {
            assertEquals(perEpoch[(u - 1) / 3], tracker.getLr(0, u), "update " + u);
        }
        assertTrue(run.validationAccuracy() >= 0);
    }

    @Test
    void withoutAScheduleItRunsTheArticlesTenEpochs() throws Exception {
        SampleRun run =
                TrainOwnScheduler.run(
                        new String[] {
                            "--data-dir", SampleTestData.FASHION_DATA_DIR.toString(),
                            "--output-dir", dir.toString(),
                            "--batch-size", "32",
                            "--max-batches", "2",
                            "--epochs", "1",
                            "--log-every", "0"
                        });
        assertEquals(TrainOwnScheduler.DEFAULT_SCHEDULE, run.tracker().getSchedule().toString());
    }
}
