package io.github.lrschedulers.listener;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.metric.Metrics;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.translate.TranslateException;
import io.github.lrschedulers.LrCurve;
import io.github.lrschedulers.LrTracker;
import io.github.lrschedulers.spec.ScheduleSpec;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * ReduceLROnPlateau fed by a real DJL training run: the listener reports the validation loss DJL
 * computes, wherever it sits among the listeners, and the rate follows PyTorch's rule.
 */
class LrScheduleListenerTest {

    private static final int SAMPLES = 32;
    private static final int BATCH = 8;
    private static final int EPOCHS = 6;

    /** The outcome of one run. */
    private static final class Run {
        LrTracker tracker;
        double[] validationLosses = new double[EPOCHS];
    }

    /**
     * Trains y = x·w with a linear model without bias. With {@code stalled}, the validation inputs
     * are 0, so the prediction is 0 and the validation loss the same every epoch whatever the model
     * learns; else the validation set follows the training relation and its loss falls.
     */
    private static Run train(boolean stalled, boolean listenerFirst)
            throws IOException, TranslateException {
        Run run = new Run();
        ai.djl.engine.Engine.getInstance().setRandomSeed(42);
        run.tracker =
                LrTracker.builder()
                        .setSchedule(
                                ScheduleSpec.parse("ReduceLROnPlateau(patience=1, factor=0.5)"))
                        .optBaseLr(0.05)
                        .optStepAtEpochEnds()
                        .build();
        LrScheduleListener listener = LrScheduleListener.builder().setTracker(run.tracker).build();
        try (Model model = Model.newInstance("plateau");
                NDManager manager = NDManager.newBaseManager()) {
            model.setBlock(Linear.builder().setUnits(1).optBias(false).build());
            NDArray w = manager.create(new float[] {1.5f, -2f, 0.5f}, new Shape(3, 1));
            NDArray x =
                    manager.randomNormal(
                            0, 1, new Shape(SAMPLES, 3), ai.djl.ndarray.types.DataType.FLOAT32);
            NDArray y = x.matMul(w);
            NDArray vx =
                    manager.randomNormal(
                            0, 1, new Shape(SAMPLES, 3), ai.djl.ndarray.types.DataType.FLOAT32);
            ArrayDataset trainSet =
                    new ArrayDataset.Builder()
                            .setData(x)
                            .optLabels(y)
                            .setSampling(BATCH, false)
                            .build();
            ArrayDataset validateSet =
                    new ArrayDataset.Builder()
                            .setData(stalled ? vx.zerosLike() : vx)
                            .optLabels(vx.matMul(w))
                            .setSampling(BATCH, false)
                            .build();
            DefaultTrainingConfig config =
                    new DefaultTrainingConfig(Loss.l2Loss())
                            .optInitializer(Initializer.ZEROS, Parameter.Type.WEIGHT)
                            .optOptimizer(
                                    Optimizer.sgd().setLearningRateTracker(run.tracker).build());
            if (listenerFirst) {
                config.addTrainingListeners(listener)
                        .addTrainingListeners(TrainingListener.Defaults.basic());
            } else {
                config.addTrainingListeners(TrainingListener.Defaults.basic())
                        .addTrainingListeners(listener);
            }
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.setMetrics(new Metrics());
                trainer.initialize(new Shape(BATCH, 3));
                EasyTrain.fit(trainer, EPOCHS, trainSet, validateSet);
                var values = trainer.getMetrics().getMetric("validate_epoch_L2Loss");
                for (int e = 0; e < EPOCHS; e++) {
                    run.validationLosses[e] = values.get(e).getValue().floatValue();
                }
            }
        }
        return run;
    }

    private static void checkAgainstPyTorchsRule(Run run) {
        // The metrics reported are DJL's validation losses of each epoch.
        double[] reported = run.tracker.getReportedMetrics();
        assertEquals(EPOCHS, reported.length);
        for (int e = 0; e < EPOCHS; e++) {
            assertEquals((float) run.validationLosses[e], (float) reported[e], "epoch " + (e + 1));
        }
        // And the rate of every update is ReduceLROnPlateau's for those metrics, stepped per epoch.
        int perEpoch = SAMPLES / BATCH;
        assertArrayEquals(new int[] {4, 8, 12, 16, 20, 24}, run.tracker.getEpochEnds());
        LrCurve curve =
                LrCurve.compute(
                        run.tracker.getSchedule(),
                        new double[] {0.05},
                        EPOCHS * perEpoch,
                        perEpoch,
                        reported,
                        0);
        for (int n = 1; n <= EPOCHS * perEpoch; n++) {
            assertEquals(curve.getLr(n - 1, 0), run.tracker.getLr(0, n), "update " + n);
        }
    }

    @Test
    void aStalledValidationLossReducesTheRate() throws Exception {
        Run run = train(true, false);
        checkAgainstPyTorchsRule(run);
        for (int e = 1; e < EPOCHS; e++) {
            assertEquals(run.validationLosses[0], run.validationLosses[e], "stalled loss");
        }
        // patience 1: bad epochs 2 and 3 reduce after epoch 3, 5 (cooldown 0, counter reset).
        assertEquals(0.05, run.tracker.getLr(0, 12));
        assertEquals(0.025, run.tracker.getLr(0, 13));
        assertTrue(run.tracker.getLr(0, 24) < 0.025, "reduced again");
    }

    @Test
    void aFallingValidationLossKeepsTheRate() throws Exception {
        Run run = train(false, true);
        checkAgainstPyTorchsRule(run);
        for (int e = 1; e < EPOCHS; e++) {
            assertTrue(run.validationLosses[e] < run.validationLosses[e - 1], "falling loss");
        }
        assertEquals(0.05, run.tracker.getLr(0, EPOCHS * SAMPLES / BATCH));
    }

    @Test
    void theListenerMaySitAnywhere() throws Exception {
        assertArrayEquals(
                train(true, true).tracker.getReportedMetrics(),
                train(true, false).tracker.getReportedMetrics());
    }
}
