package io.github.lrschedulers.optimizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.LocalParameterServer;
import ai.djl.training.optimizer.Optimizer;
import io.github.lrschedulers.LrTracker;
import io.github.lrschedulers.spec.ScheduleSpec;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The scheduled optimizers on the PyTorch engine: each update is PyTorch's SGD or Adam with the
 * tracker's rate and momentum, recomputed here in double from the same gradients; and DJL's
 * parameter server with two copies of a parameter takes one schedule step per trainer step.
 */
class ScheduledOptimizerTest {

    private static final int N = 6;
    private static final int STEPS = 12;

    private static LrTracker tracker(String spec) {
        return LrTracker.builder().setSchedule(ScheduleSpec.parse(spec)).build();
    }

    private static float[][] gradients(long seed) {
        Random r = new Random(seed);
        float[][] g = new float[STEPS][N];
        for (float[] row : g) {
            for (int i = 0; i < N; i++) {
                row[i] = (float) r.nextGaussian();
            }
        }
        return g;
    }

    @Test
    void sgdFollowsTheCycledMomentumAsPyTorchDoes() {
        LrTracker lr = tracker("CyclicLR(base_lr=0.01, max_lr=0.1, step_size_up=3)");
        Optimizer sgd = ScheduledSgd.builder().setLearningRateTracker(lr).optMomentum(0.5f).build();
        float[][] grads = gradients(1);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray w = manager.ones(new Shape(N));
            double[] want = new double[N];
            java.util.Arrays.fill(want, 1);
            double[] buf = null;
            for (int n = 1; n <= STEPS; n++) {
                sgd.update("w", w, manager.create(grads[n - 1]));
                float rate = lr.getNewValue(n);
                float m = lr.getNewMomentum("w", n);
                assertEquals((float) lr.getMomentum(0, n), m);
                if (buf == null) {
                    buf = new double[N];
                    for (int i = 0; i < N; i++) {
                        buf[i] = grads[0][i];
                    }
                } else {
                    for (int i = 0; i < N; i++) {
                        buf[i] = m * buf[i] + grads[n - 1][i];
                    }
                }
                for (int i = 0; i < N; i++) {
                    want[i] -= rate * buf[i];
                }
                float[] got = w.toFloatArray();
                for (int i = 0; i < N; i++) {
                    assertEquals(want[i], got[i], 1e-5, "update " + n + ", element " + i);
                }
            }
            // The momentum really cycled: 0.9 at the start, 0.8 at the peak (update 4).
            assertEquals(0.9f, lr.getNewMomentum("w", 1));
            assertEquals(0.8f, lr.getNewMomentum("w", 4));
        }
    }

    @Test
    void adamTakesBeta1FromOneCycle() {
        LrTracker lr = tracker("OneCycleLR(max_lr=0.05, total_steps=12)");
        Optimizer adam = ScheduledAdam.builder().setLearningRateTracker(lr).build();
        float[][] grads = gradients(2);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray w = manager.zeros(new Shape(N));
            double[] want = new double[N];
            double[] m = new double[N];
            double[] v = new double[N];
            for (int t = 1; t <= STEPS; t++) {
                adam.update("w", w, manager.create(grads[t - 1]));
                double rate = lr.getNewValue(t);
                double b1 = lr.getNewMomentum("w", t);
                double b2 = 0.999f;
                for (int i = 0; i < N; i++) {
                    double g = grads[t - 1][i];
                    m[i] = b1 * m[i] + (1 - b1) * g;
                    v[i] = b2 * v[i] + (1 - b2) * g * g;
                    double denom = Math.sqrt(v[i]) / Math.sqrt(1 - Math.pow(b2, t)) + 1e-8f;
                    want[i] -= rate / (1 - Math.pow(b1, t)) * m[i] / denom;
                }
                float[] got = w.toFloatArray();
                for (int i = 0; i < N; i++) {
                    assertEquals(want[i], got[i], 1e-5, "update " + t + ", element " + i);
                }
            }
        }
    }

    @Test
    void twoCopiesTakeOneScheduleStepPerTrainerStepAndTheSameRate() {
        LrTracker ours = tracker("OneCycleLR(max_lr=0.1, total_steps=12, cycle_momentum=False)");
        LrTracker djls = tracker("OneCycleLR(max_lr=0.1, total_steps=24)");
        float[][] grads = gradients(3);
        try (NDManager manager = NDManager.newBaseManager();
                LocalParameterServer scheduled =
                        new LocalParameterServer(
                                ScheduledSgd.builder().setLearningRateTracker(ours).build());
                LocalParameterServer plain =
                        new LocalParameterServer(
                                Optimizer.sgd().setLearningRateTracker(djls).build())) {
            NDArray[] copies = {manager.ones(new Shape(N)), manager.ones(new Shape(N))};
            NDArray[] plainCopies = {manager.ones(new Shape(N)), manager.ones(new Shape(N))};
            double[] want = new double[N];
            java.util.Arrays.fill(want, 1);
            for (int n = 1; n <= STEPS; n++) {
                NDArray g = manager.create(grads[n - 1]);
                scheduled.update("w", new NDArray[] {g.duplicate(), g.duplicate()}, copies);
                plain.update("w", new NDArray[] {g.duplicate(), g.duplicate()}, plainCopies);
                // One step per trainer step, whatever the number of copies.
                assertEquals(n, ours.getLatestUpdate());
                // Both copies got the same rate: they stay equal, and equal to one SGD step with
                // the sum of the copies' gradients (the server adds them) at update n's rate.
                for (int i = 0; i < N; i++) {
                    want[i] -= ours.getNewValue(n) * 2.0 * grads[n - 1][i];
                }
                assertArrayEquals(copies[0].toFloatArray(), copies[1].toFloatArray());
                float[] got = copies[0].toFloatArray();
                for (int i = 0; i < N; i++) {
                    assertEquals(want[i], got[i], 1e-5, "update " + n);
                }
            }
            // DJL's own optimizer counts each copy: its schedule runs twice as fast and the copies
            // drift apart.
            assertEquals(2 * STEPS, djls.getLatestUpdate());
            assertEquals(
                    false,
                    java.util.Arrays.equals(
                            plainCopies[0].toFloatArray(), plainCopies[1].toFloatArray()));
        }
    }
}
