package io.github.lrschedulers.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.TranslateException;
import io.github.lrschedulers.LrCurve;
import io.github.lrschedulers.LrTracker;
import io.github.lrschedulers.Schedule;
import io.github.lrschedulers.spec.ScheduleSpec;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A schedule whose lengths are relative to the run, trained on the PyTorch engine: the tracker
 * learns the run's length from {@link LrScheduleListener} at training start, and DJL's optimizer
 * gets at every update the rate of the schedule with the lengths counted by hand.
 */
class RunLengthListenerTest {

    private static final int SAMPLES = 40;
    private static final int BATCH = 8;
    private static final int EPOCHS = 3;
    private static final int PER_EPOCH = SAMPLES / BATCH;

    /** Records the rate DJL's optimizer asks of each update (the last asked). */
    private static final class Recording implements Tracker {
        final LrTracker delegate;
        final Map<Integer, Float> asked = new TreeMap<>();

        Recording(LrTracker delegate) {
            this.delegate = delegate;
        }

        @Override
        public float getNewValue(int numUpdate) {
            return getNewValue("", numUpdate);
        }

        @Override
        public synchronized float getNewValue(String parameterId, int numUpdate) {
            float v = delegate.getNewValue(parameterId, numUpdate);
            asked.put(numUpdate, v);
            return v;
        }
    }

    private static Map<Integer, Float> train(LrTracker tracker)
            throws IOException, TranslateException {
        assertEquals("PyTorch", Engine.getInstance().getEngineName());
        Engine.getInstance().setRandomSeed(7);
        Recording recording = new Recording(tracker);
        LrScheduleListener listener =
                LrScheduleListener.builder()
                        .setTracker(tracker)
                        .optRunLength(EPOCHS, PER_EPOCH)
                        .build();
        try (Model model = Model.newInstance("run-length");
                NDManager manager = NDManager.newBaseManager()) {
            model.setBlock(Linear.builder().setUnits(1).build());
            NDArray x = manager.randomNormal(0, 1, new Shape(SAMPLES, 3), DataType.FLOAT32);
            NDArray y = x.sum(new int[] {1}, true);
            ArrayDataset trainSet =
                    new ArrayDataset.Builder()
                            .setData(x)
                            .optLabels(y)
                            .setSampling(BATCH, false)
                            .build();
            DefaultTrainingConfig config =
                    new DefaultTrainingConfig(Loss.l2Loss())
                            .optOptimizer(Optimizer.sgd().setLearningRateTracker(recording).build())
                            .addTrainingListeners(listener);
            assertTrue(tracker.awaitsRunLength());
            // DJL's trainer begins training (onTrainingBegin) as it is made.
            try (Trainer trainer = model.newTrainer(config)) {
                assertFalse(tracker.awaitsRunLength());
                trainer.initialize(new Shape(BATCH, 3));
                EasyTrain.fit(trainer, EPOCHS, trainSet, null);
            }
        }
        return recording.asked;
    }

    private static void assertRates(Map<Integer, Float> asked, Schedule absolute, int k) {
        int updates = EPOCHS * PER_EPOCH;
        assertEquals(updates, asked.size());
        LrCurve curve = LrCurve.compute(absolute, new double[] {0.1}, updates, k, new double[0], 0);
        for (int n = 1; n <= updates; n++) {
            assertEquals((float) curve.getLr(n - 1, 0), asked.get(n), "update " + n);
        }
    }

    @Test
    void aWholeRunOneCycleStepsPerUpdateOverTheTrainersUpdates() throws Exception {
        LrTracker tracker =
                LrTracker.builder()
                        .setSchedule(
                                ScheduleSpec.parse("OneCycleLR(max_lr=0.1, total_steps=1.0*run)"))
                        .build();
        Map<Integer, Float> asked = train(tracker);
        Schedule absolute = ScheduleSpec.parse("OneCycleLR(max_lr=0.1, total_steps=15)");
        assertEquals(absolute, tracker.getSchedule());
        assertRates(asked, absolute, 1);
    }

    @Test
    void lengthsOfAScheduleSteppedAtEpochEndsCountEpochs() throws Exception {
        LrTracker tracker =
                LrTracker.builder()
                        .setSchedule(
                                ScheduleSpec.parse(
                                        "SequentialLR(schedulers=[LinearLR(start_factor=0.1,"
                                                + " total_iters=1*epoch),"
                                                + " CosineAnnealingLR(T_max=0.5*run)],"
                                                + " milestones=[5*update])"))
                        .optBaseLr(0.1)
                        .optStepAtEpochEnds()
                        .build();
        Map<Integer, Float> asked = train(tracker);
        // An epoch is a step; half the run is 1.5 steps, rounded half up; 5 updates are a step.
        Schedule absolute =
                ScheduleSpec.parse(
                        "SequentialLR(schedulers=[LinearLR(start_factor=0.1, total_iters=1),"
                                + " CosineAnnealingLR(T_max=2)], milestones=[1])");
        assertEquals(absolute, tracker.getSchedule());
        assertRates(asked, absolute, PER_EPOCH);
    }

    @Test
    void aListenerForATrackerAwaitingItsRunNeedsTheRunsLength() {
        LrTracker tracker =
                LrTracker.builder()
                        .setSchedule(ScheduleSpec.parse("StepLR(step_size=0.5*run)"))
                        .optBaseLr(0.1)
                        .build();
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> LrScheduleListener.builder().setTracker(tracker).build());
        assertTrue(
                e.getMessage().contains("optRunLength(epochs, updatesPerEpoch)"), e.getMessage());
    }
}
