package io.github.lrschedulers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.github.lrschedulers.spec.ScheduleSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Trains a real DJL model on the PyTorch engine with an {@link LrTracker} and checks, update by
 * update, that the rate DJL's SGD applied to each parameter is the tracker's.
 */
class TrainerIntegrationTest {

    /** A tracker that records what DJL's optimizer asks. */
    private static final class Recording implements Tracker {
        final LrTracker delegate;
        final List<String> calls = new ArrayList<>();

        Recording(LrTracker delegate) {
            this.delegate = delegate;
        }

        @Override
        public float getNewValue(int numUpdate) {
            return getNewValue("?", numUpdate);
        }

        @Override
        public synchronized float getNewValue(String parameterId, int numUpdate) {
            calls.add(parameterId + "@" + numUpdate);
            return delegate.getNewValue(parameterId, numUpdate);
        }
    }

    @Test
    void sgdAppliesTheTrackersRateToEachGroupAtEveryUpdate() {
        assertEquals("PyTorch", Engine.getInstance().getEngineName());
        Linear block = Linear.builder().setUnits(2).build();
        Map<String, Parameter> byName = new HashMap<>();
        try (Model model = Model.newInstance("lr-test")) {
            model.setBlock(block);
            for (var p : block.getParameters()) {
                byName.put(p.getKey(), p.getValue());
            }
            ParameterGroups groups =
                    ParameterGroups.byName(block, name -> name.equals("weight") ? 0 : 1);
            LrTracker lr =
                    LrTracker.builder()
                            .setSchedule(
                                    ScheduleSpec.parse(
                                            "SequentialLR(schedulers=[LinearLR(start_factor=0.1,"
                                                    + " total_iters=3), CosineAnnealingLR(T_max=4)],"
                                                    + " milestones=[3])"))
                            .optBaseLrs(0.1, 0.02)
                            .optParameterGroups(groups)
                            .build();
            Recording recording = new Recording(lr);
            Optimizer sgd = Optimizer.sgd().setLearningRateTracker(recording).build();
            DefaultTrainingConfig config =
                    new DefaultTrainingConfig(Loss.l2Loss()).optOptimizer(sgd);
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(4, 3));
                NDManager manager = trainer.getManager();
                int updates = 8;
                for (int n = 1; n <= updates; n++) {
                    NDArray x = manager.randomNormal(new Shape(4, 3));
                    NDArray y = manager.randomNormal(new Shape(4, 2));
                    Map<String, float[]> before = new HashMap<>();
                    Map<String, float[]> grads = new HashMap<>();
                    try (GradientCollector gc = trainer.newGradientCollector()) {
                        NDArray pred = trainer.forward(new NDList(x)).singletonOrThrow();
                        NDArray loss = trainer.getLoss().evaluate(new NDList(y), new NDList(pred));
                        gc.backward(loss);
                    }
                    for (Map.Entry<String, Parameter> e : byName.entrySet()) {
                        NDArray w = e.getValue().getArray();
                        before.put(e.getKey(), w.toFloatArray());
                        grads.put(e.getKey(), w.getGradient().toFloatArray());
                    }
                    trainer.step();
                    for (Map.Entry<String, Parameter> e : byName.entrySet()) {
                        int group = e.getKey().equals("weight") ? 0 : 1;
                        float want = (float) lr.getLr(group, n);
                        float[] w0 = before.get(e.getKey());
                        float[] g = grads.get(e.getKey());
                        float[] w1 = e.getValue().getArray().toFloatArray();
                        int checked = 0;
                        for (int i = 0; i < w0.length; i++) {
                            if (Math.abs(g[i]) > 1e-3f) {
                                float applied = (w0[i] - w1[i]) / g[i];
                                assertEquals(
                                        want,
                                        applied,
                                        Math.abs(want) * 1e-3f,
                                        e.getKey() + " at update " + n);
                                checked++;
                            }
                        }
                        assertTrue(checked > 0, "no gradient to check for " + e.getKey());
                    }
                }
                // DJL asks once per parameter per update, numbering updates from 1.
                List<String> expected = new ArrayList<>();
                assertEquals(2 * updates, recording.calls.size());
                for (String c : recording.calls) {
                    expected.add(c.substring(c.indexOf('@') + 1));
                }
                for (int n = 1; n <= updates; n++) {
                    assertEquals(2, java.util.Collections.frequency(expected, String.valueOf(n)));
                }
            }
        }
    }
}
