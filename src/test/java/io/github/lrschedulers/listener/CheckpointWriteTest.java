package io.github.lrschedulers.listener;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import io.github.lrschedulers.LrTracker;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint that could not resume the run is refused when it would be written: one of a tracker
 * the optimizer does not use, or of a restored tracker whose listener was not told where the run
 * stands.
 */
class CheckpointWriteTest {

    @TempDir Path dir;

    private void fit(LrTracker optimizerTracker, CheckpointListener checkpoints) throws Exception {
        Engine.getInstance().setRandomSeed(7);
        try (Model model = CheckpointRuns.model(1, 3)) {
            NDArray x =
                    model.getNDManager()
                            .randomNormal(
                                    0, 1, new Shape(CheckpointRuns.SAMPLES, 3), DataType.FLOAT32);
            ArrayDataset data =
                    new ArrayDataset.Builder()
                            .setData(x)
                            .optLabels(x.sum(new int[] {1}, true).add(0.5f))
                            .setSampling(CheckpointRuns.BATCH, false)
                            .build();
            DefaultTrainingConfig config =
                    new DefaultTrainingConfig(Loss.l2Loss())
                            .optInitializer(Initializer.ONES, Parameter.Type.WEIGHT)
                            .optOptimizer(
                                    Optimizer.sgd()
                                            .setLearningRateTracker(optimizerTracker)
                                            .build())
                            .addTrainingListeners(checkpoints);
            if (checkpoints.tracker().usesMetrics()) {
                config.addTrainingListeners(
                        LrScheduleListener.builder()
                                .setTracker(checkpoints.tracker())
                                .optMonitoredMetric("trainLoss")
                                .build());
            }
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(CheckpointRuns.BATCH, 3));
                EasyTrain.fit(trainer, 2, data, null);
            }
        }
    }

    @Test
    void aTrackerTheOptimizerDoesNotUseIsRefused() throws Exception {
        LrTracker used = CheckpointRuns.tracker("ExponentialLR(gamma=0.9)", false);
        CheckpointListener checkpoints =
                CheckpointListener.builder().setTracker(used.copy()).setOutputDir(dir).build();
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> fit(used, checkpoints));
        assertTrue(
                e.getMessage()
                        .startsWith(
                                "refusing to write a checkpoint that would not resume this run:"
                                        + " 4 updates were done (one per training batch), but the"
                                        + " optimizer asked the tracker for update 0 at most"),
                e.getMessage());
        assertFalse(CheckpointListener.exists(dir, "model"));
    }

    @Test
    void aRestoredTrackerWithoutContinueFromIsRefused() throws Exception {
        String spec = "ReduceLROnPlateau(patience=0, factor=0.5)";
        LrTracker tracker = CheckpointRuns.tracker(spec, true);
        tracker.reportMetric(1.0); // as a restore of one epoch would have
        tracker.epochEnded(4);
        CheckpointListener checkpoints =
                CheckpointListener.builder().setTracker(tracker).setOutputDir(dir).build();
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> fit(tracker, checkpoints));
        assertTrue(
                e.getMessage()
                        .startsWith(
                                "refusing to checkpoint this run: 0 epochs are done, but 1 metrics"
                                        + " were reported"),
                e.getMessage());
        assertTrue(e.getMessage().contains("call continueFrom after a restore"), e.getMessage());
        assertFalse(CheckpointListener.exists(dir, "model"));
    }
}
