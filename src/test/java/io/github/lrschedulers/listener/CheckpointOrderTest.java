package io.github.lrschedulers.listener;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListenerAdapter;
import io.github.lrschedulers.LrTracker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A run stopped at an epoch end and resumed from its checkpoint gets every rate of the
 * uninterrupted run, whatever the order of the listeners, and whatever previews of future rates
 * were asked of the tracker.
 */
class CheckpointOrderTest {

    private static final int EPOCHS = 4;

    @TempDir Path dir;

    static Stream<Arguments> schedulesAndOrders() {
        return Stream.of(
                Arguments.of("StepLR(step_size=1, gamma=0.5)", true),
                Arguments.of("StepLR(step_size=1, gamma=0.5)", false),
                Arguments.of("ReduceLROnPlateau(patience=0, factor=0.5)", true),
                Arguments.of("ReduceLROnPlateau(patience=0, factor=0.5)", false));
    }

    private CheckpointRuns.Setup setup(String spec, boolean checkpointFirst) {
        CheckpointRuns.Setup s = new CheckpointRuns.Setup().spec(spec, true);
        s.dir = dir;
        s.epochs = EPOCHS;
        s.checkpointFirst = checkpointFirst;
        return s;
    }

    private void clear() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.delete(p);
            }
        }
    }

    private static void assertSameRun(
            CheckpointRuns.Result want, CheckpointRuns.Result got, String what) {
        LrTracker a = want.tracker();
        LrTracker b = got.tracker();
        assertArrayEquals(a.getEpochEnds(), b.getEpochEnds(), what + ": epoch ends");
        assertArrayEquals(a.getReportedMetrics(), b.getReportedMetrics(), what + ": metrics");
        for (int n = 1; n <= EPOCHS * CheckpointRuns.PER_EPOCH; n++) {
            assertEquals(a.getLr(0, n), b.getLr(0, n), what + ": the rate of update " + n);
        }
        assertArrayEquals(want.weights(), got.weights(), what + ": the final weights");
    }

    @ParameterizedTest(name = "{0}, checkpoint listener first: {1}")
    @MethodSource("schedulesAndOrders")
    void aRunResumedAtAnEpochEndGetsEveryRateInEitherListenerOrder(
            String spec, boolean checkpointFirst) throws Exception {
        CheckpointRuns.Result straight = CheckpointRuns.run(setup(spec, checkpointFirst));
        assertTrue(
                straight.tracker().getLr(0, EPOCHS * CheckpointRuns.PER_EPOCH) < 0.05,
                spec + " reduced the rate: " + straight.tracker());
        clear();
        CheckpointRuns.Setup first = setup(spec, checkpointFirst);
        first.epochs = 2;
        CheckpointRuns.run(first);
        CheckpointRuns.Setup rest = setup(spec, checkpointFirst);
        rest.resume = true;
        CheckpointRuns.Result resumed = CheckpointRuns.run(rest);
        assertEquals(new CheckpointListener.Restored(8, 2, 0), resumed.at());
        assertSameRun(straight, resumed, spec + ", checkpoint first: " + checkpointFirst);
    }

    /** Asks the tracker for the rate of update 100 at the run's first batch, as a preview does. */
    private static final class Preview extends TrainingListenerAdapter {
        private final LrTracker tracker;

        Preview(LrTracker tracker) {
            this.tracker = tracker;
        }

        @Override
        public void onTrainingBatch(Trainer trainer, BatchData batchData) {
            tracker.getNewValue("preview", 100);
        }
    }

    @Test
    void progressComesFromTheBatchesTrainedNotFromAPreviewOfTheTracker() throws Exception {
        for (String spec : new String[] {"ExponentialLR(gamma=0.9)", "StepLR(step_size=1)"}) {
            boolean ends = spec.startsWith("Step");
            CheckpointRuns.Setup plain = new CheckpointRuns.Setup().spec(spec, ends);
            plain.dir = dir;
            CheckpointRuns.Result straight = CheckpointRuns.run(plain);
            clear();
            CheckpointRuns.Setup first = new CheckpointRuns.Setup().spec(spec, ends);
            first.dir = dir;
            first.stopAfterUpdates = 7;
            first.saveEvery = 3;
            first.extra.add(Preview::new);
            CheckpointRuns.Result stopped = CheckpointRuns.run(first);
            assertEquals(100, stopped.tracker().getLatestUpdate(), "the preview moved it");
            if (ends) {
                assertArrayEquals(new int[] {4}, stopped.tracker().getEpochEnds(), spec);
            }
            CheckpointRuns.Setup rest = new CheckpointRuns.Setup().spec(spec, ends);
            rest.dir = dir;
            rest.resume = true;
            CheckpointRuns.Result resumed = CheckpointRuns.run(rest);
            assertEquals(new CheckpointListener.Restored(6, 1, 2), resumed.at(), spec);
            assertSameRun(straight, resumed, spec);
            clear();
        }
    }

    @Test
    void anLrScheduleListenerAloneCountsTheBatchesNotAPreview() throws Exception {
        CheckpointRuns.Setup s = new CheckpointRuns.Setup().spec("StepLR(step_size=1)", true);
        s.dir = dir;
        s.checkpoints = false;
        s.extra.add(Preview::new);
        LrTracker tracker = CheckpointRuns.run(s).tracker();
        assertEquals(100, tracker.getLatestUpdate(), "the preview moved it");
        assertArrayEquals(new int[] {4, 8, 12, 16}, tracker.getEpochEnds());
    }

    /** Reports a plateau metric (the epoch's number) in its onEpoch, as code of a user might. */
    private static final class ReportsAfterTheListeners extends TrainingListenerAdapter {
        private final LrTracker tracker;

        ReportsAfterTheListeners(LrTracker tracker) {
            this.tracker = tracker;
        }

        @Override
        public void onEpoch(Trainer trainer) {
            tracker.reportMetric(tracker.getMetricCount()); // rising: never an improvement
            tracker.epochEnded(tracker.getEpochEnds().length * CheckpointRuns.PER_EPOCH + 4);
        }
    }

    @Test
    void anEpochEndReportedAfterTheCheckpointListenerIsSavedAtTheNextBatch() throws Exception {
        String spec = "ReduceLROnPlateau(patience=0, factor=0.5)";
        CheckpointRuns.Setup plain = new CheckpointRuns.Setup().spec(spec, true);
        plain.dir = dir;
        plain.scheduleListener = false;
        plain.extra.add(ReportsAfterTheListeners::new);
        CheckpointRuns.Result straight = CheckpointRuns.run(plain);
        clear();
        CheckpointRuns.Setup first = new CheckpointRuns.Setup().spec(spec, true);
        first.dir = dir;
        first.scheduleListener = false;
        first.extra.add(ReportsAfterTheListeners::new);
        first.stopAfterUpdates = 9;
        CheckpointRuns.run(first);
        CheckpointRuns.Setup rest = new CheckpointRuns.Setup().spec(spec, true);
        rest.dir = dir;
        rest.scheduleListener = false;
        rest.extra.add(ReportsAfterTheListeners::new);
        rest.resume = true;
        CheckpointRuns.Result resumed = CheckpointRuns.run(rest);
        assertEquals(new CheckpointListener.Restored(8, 2, 0), resumed.at());
        assertSameRun(straight, resumed, spec + " reported by other code");
    }
}
