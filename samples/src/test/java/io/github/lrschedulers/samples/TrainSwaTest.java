package io.github.lrschedulers.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lrschedulers.LrTracker;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SWA sample on a few batches: SWALR takes over at the SWA start epoch, every later epoch end
 * is averaged, and both the last and the averaged weights are evaluated.
 */
class TrainSwaTest {

    @TempDir Path dir;

    @Test
    void averagesTheSwalrEpochsAndEvaluatesBothWeights() throws Exception {
        TrainSwa.Result r =
                TrainSwa.run(
                        new String[] {
                            "--data-dir", SampleTestData.FASHION_DATA_DIR.toString(),
                            "--output-dir", dir.toString(),
                            "--batch-size", "32",
                            "--max-batches", "3",
                            "--epochs", "3",
                            "--log-every", "1"
                        });
        assertEquals(1, TrainSwa.swaStart(3));
        assertEquals(2, r.averaged(), "the ends of epochs 1 and 2 (0-based)");
        LrTracker tracker = r.tracker();
        assertEquals(9, tracker.getLatestUpdate());
        assertEquals(0.1, tracker.getLr(0, 1), "the cosine's start");
        assertEquals(TrainSwa.SWA_LR, tracker.getLr(0, 9), "SWALR after its anneal epoch");
        assertTrue(r.lastAccuracy() >= 0 && r.lastAccuracy() <= 1, "" + r.lastAccuracy());
        assertTrue(r.swaAccuracy() >= 0 && r.swaAccuracy() <= 1, "" + r.swaAccuracy());
    }
}
