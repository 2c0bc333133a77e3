package io.github.lrschedulers.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lrschedulers.LrCurve;
import io.github.lrschedulers.LrTracker;
import io.github.lrschedulers.StepUnit;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The articles' TensorFlow schedule in a real Fashion-MNIST run: the Object Detection API's warmup
 * + hold + cosine ({@code cosine_decay_with_warmup}), written as its users write it. It carries its
 * own rate, steps per update, and every update's rate is the schedule's float32 value.
 */
class WarmupHoldCosineTest {

    static final String SPEC =
            "object_detection.utils.learning_schedules.cosine_decay_with_warmup("
                    + "learning_rate_base=0.1, total_steps=12, warmup_learning_rate=0.01,"
                    + " warmup_steps=3, hold_base_rate_steps=2)";

    @TempDir Path dir;

    @Test
    void trainsFashionMnistWithWarmupHoldAndCosine() throws Exception {
        SampleRun run =
                TrainFashionMnist.run(
                        new String[] {
                            "--data-dir",
                            SampleTestData.FASHION_DATA_DIR.toString(),
                            "--output-dir",
                            dir.toString(),
                            "--schedule",
                            SPEC,
                            "--batch-size",
                            "32",
                            "--max-batches",
                            "6",
                            "--epochs",
                            "2",
                            "--log-every",
                            "1",
                            "--plot"
                        });
        LrTracker tracker = run.tracker();
        assertEquals(StepUnit.UPDATE, tracker.getSchedule().getStepUnit());
        assertEquals(12, tracker.getLatestUpdate());
        LrCurve curve =
                LrCurve.compute(
                        tracker.getSchedule(), new double[] {0.1}, 12, 1, new double[0], 0.9);
        for (int u = 1; u <= 12; u++) {
            assertEquals(curve.getLr(u - 1, 0), tracker.getLr(0, u), "update " + u);
        }
        assertEquals((float) 0.01, (float) tracker.getLr(0, 1), "warmup starts there");
        assertEquals(tracker.getLr(0, 4), tracker.getLr(0, 5), "the hold");
        assertTrue(tracker.getLr(0, 12) < tracker.getLr(0, 6), "the cosine");
        assertTrue(Files.size(dir.resolve("lr-plot.png")) > 0);
    }
}
