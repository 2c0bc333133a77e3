package io.github.lrschedulers.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.github.lrschedulers.GroupSchedules;
import io.github.lrschedulers.LrTracker;
import io.github.lrschedulers.ParameterGroups;
import io.github.lrschedulers.Schedule;
import io.github.lrschedulers.listener.LrHistory;
import io.github.lrschedulers.listener.LrLoggingListener;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-group sample: each parameter group, assigned by name, follows its own schedule at every
 * update, and the log's history and the plot's CSV hold every group's rate.
 */
class TrainPerGroupTest {

    @TempDir Path dir;

    @Test
    void eachGroupFollowsItsOwnScheduleAtEveryUpdate() throws Exception {
        SampleRun run =
                TrainPerGroup.run(
                        new String[] {
                            "--data-dir", SampleTestData.FASHION_DATA_DIR.toString(),
                            "--output-dir", dir.toString(),
                            "--batch-size", "32",
                            "--max-batches", "3",
                            "--epochs", "2",
                            "--log-every", "1",
                            "--plot"
                        });
        LrTracker tracker = run.tracker();
        assertEquals(3, tracker.getGroups());
        assertEquals(6, tracker.getLatestUpdate());
        Schedule cosine =
                (Schedule)
                        ((GroupSchedules) tracker.getSchedule())
                                .getSchedules()
                                .get(TrainPerGroup.FIRST_WEIGHTS);
        LrTracker alone = LrTracker.builder().setSchedule(cosine).build();
        LrHistory history = run.history();
        assertEquals(3, history.getGroups());
        float[] first = history.getUpdateRates(TrainPerGroup.FIRST_WEIGHTS);
        float[] biases = history.getUpdateRates(TrainPerGroup.BIASES);
        float[] others = history.getUpdateRates(TrainPerGroup.OTHER_WEIGHTS);
        assertEquals(6, first.length);
        for (int u = 1; u <= 6; u++) {
            assertEquals(alone.getNewValue(u), first[u - 1], "update " + u);
            assertEquals((float) TrainPerGroup.BIAS_LR, biases[u - 1], "update " + u);
            assertEquals((float) TrainPerGroup.WEIGHT_LR, others[u - 1], "update " + u);
        }
        assertTrue(first[0] > first[5], "the cosine group decays: " + first[0] + ", " + first[5]);
        List<String> csv =
                Files.readAllLines(dir.resolve(LrLoggingListener.CSV_FILE), StandardCharsets.UTF_8);
        assertEquals(LrHistory.csvHeader(3), csv.get(0));
        assertTrue(Files.size(dir.resolve(LrLoggingListener.PNG_FILE)) > 0);
        assertTrue(run.validationAccuracy() >= 0);
    }

    @Test
    void groupsByParameterName() {
        Block block = TrainFashionMnist.mlp();
        ParameterGroups groups = TrainPerGroup.groups(block);
        boolean firstWeight = true;
        for (Pair<String, Parameter> p : block.getParameters()) {
            int want;
            if (p.getKey().endsWith("bias")) {
                want = TrainPerGroup.BIASES;
            } else if (firstWeight) {
                want = TrainPerGroup.FIRST_WEIGHTS;
                firstWeight = false;
            } else {
                want = TrainPerGroup.OTHER_WEIGHTS;
            }
            assertEquals(want, groups.groupOf(p.getValue().getId()), p.getKey());
        }
        assertTrue(!firstWeight, "the MLP has weights");
    }
}
