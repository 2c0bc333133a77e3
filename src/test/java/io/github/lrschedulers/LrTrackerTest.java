package io.github.lrschedulers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lrschedulers.spec.ScheduleSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The tracker's mapping of DJL updates to PyTorch steps, and its independence of call order. */
class LrTrackerTest {

    private static LrTracker tracker(String spec, int k, double... lrs) {
        return LrTracker.builder()
                .setSchedule(ScheduleSpec.parse(spec))
                .optBaseLrs(lrs)
                .optStepsPerEpoch(k)
                .build();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5})
    void updateNUsesTheRateAfterFloorOfNMinusOneOverKSteps(int k) {
        String spec =
                "SequentialLR(schedulers=[LinearLR(start_factor=0.2, total_iters=3),"
                        + " ExponentialLR(gamma=0.9)], milestones=[3])";
        LrTracker t = tracker(spec, k, 0.1, 0.05);
        LrCurve perStep =
                LrCurve.compute(
                        ScheduleSpec.parse(spec),
                        new double[] {0.1, 0.05},
                        40,
                        1,
                        new double[0],
                        0);
        for (int n = 1; n <= 40 * k && (n - 1) / k < 40; n++) {
            for (int g = 0; g < 2; g++) {
                assertEquals(perStep.getLr((n - 1) / k, g), t.getLr(g, n), "update " + n);
            }
            assertEquals((float) perStep.getLr((n - 1) / k, 0), t.getNewValue(n));
        }
    }

    @Test
    void valuesDoNotDependOnTheCallPattern() {
        String[] specs = {
            "ExponentialLR(gamma=0.97)",
            "CosineAnnealingLR(T_max=7, eta_min=0.001)",
            "OneCycleLR(max_lr=0.3, total_steps=300, three_phase=True)",
            "ChainedScheduler([ConstantLR(factor=0.5, total_iters=4), ExponentialLR(gamma=0.99)])",
            "CyclicLR(base_lr=0.01, max_lr=0.1, step_size_up=7, mode='triangular2')",
        };
        for (String spec : specs) {
            LrTracker forward = tracker(spec, 1, 0.1);
            float[] expected = new float[300];
            for (int n = 1; n <= 300; n++) {
                expected[n - 1] = forward.getNewValue(n);
            }
            LrTracker backward = tracker(spec, 1, 0.1);
            float[] got = new float[300];
            for (int n = 300; n >= 1; n--) {
                got[n - 1] = backward.getNewValue(n);
            }
            assertArrayEquals(expected, got, spec + " backward");
            LrTracker random = tracker(spec, 1, 0.1);
            List<Integer> order = new ArrayList<>();
            for (int n = 1; n <= 300; n++) {
                order.add(n);
                order.add(n);
            }
            Collections.shuffle(order, new Random(42));
            for (int n : order) {
                assertEquals(expected[n - 1], random.getNewValue("p" + n, n), spec + " at " + n);
            }
        }
    }

    @Test
    void manyThreadsGetTheSameValues() throws Exception {
        String spec = "MultiplicativeLR(lr_lambda=lambda e: 0.99 if e % 3 else 1.01)";
        LrTracker reference = tracker(spec, 2, 0.1);
        float[] expected = new float[2000];
        for (int n = 1; n <= expected.length; n++) {
            expected[n - 1] = reference.getNewValue(n);
        }
        LrTracker shared = tracker(spec, 2, 0.1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                long seed = t;
                results.add(
                        pool.submit(
                                () -> {
                                    Random r = new Random(seed);
                                    int bad = 0;
                                    for (int i = 0; i < 20_000; i++) {
                                        int n =
                                                seed % 2 == 0
                                                        ? 1 + i % expected.length
                                                        : 1 + r.nextInt(expected.length);
                                        if (shared.getNewValue(n) != expected[n - 1]) {
                                            bad++;
                                        }
                                    }
                                    return bad;
                                }));
            }
            for (Future<Integer> f : results) {
                assertEquals(0, f.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void numUpdateStartsAtOne() {
        LrTracker t = tracker("StepLR(step_size=2)", 1, 0.1);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> t.getNewValue(0));
        assertEquals("numUpdate must be >= 1 (DJL's first update is 1), but was 0", e.getMessage());
        assertEquals(0.1f, t.getNewValue(1));
        assertEquals(0.1f, t.getNewValue(2));
        assertEquals((float) (0.1 * 0.1), t.getNewValue(3));
    }

    @Test
    void oneCycleIsDefinedUpToTotalStepsPlusOneUpdates() {
        LrTracker t =
                LrTracker.builder()
                        .setSchedule(ScheduleSpec.parse("OneCycleLR(max_lr=0.1, total_steps=10)"))
                        .build();
        t.getNewValue(11);
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> t.getNewValue(12));
        assertTrue(e.getMessage().contains("total_steps is 10"), e.getMessage());
        // The tracker recovers for valid updates afterwards.
        assertEquals((float) (0.1 / 25), t.getNewValue(1));
    }

    @Test
    void anErrorPyTorchRaisesAtALaterStepIsRaisedAtTheUpdateThatNeedsIt() {
        LrTracker t = tracker("ConstantLR(factor=0.0, total_iters=3)", 1, 0.1);
        assertEquals(0f, t.getNewValue(3));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> t.getNewValue(4));
        assertTrue(e.getMessage().contains("ZeroDivisionError"), e.getMessage());
    }

    @Test
    void baseLrIsRequiredWhereTheScheduleUsesIt() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                LrTracker.builder()
                                        .setSchedule(ScheduleSpec.parse("StepLR(3)"))
                                        .build());
        assertEquals(
                "baseLr must be set for StepLR: PyTorch takes it from the optimizer's lr",
                e.getMessage());
        LrTracker cyclic =
                LrTracker.builder()
                        .setSchedule(
                                ScheduleSpec.parse(
                                        "CyclicLR(base_lr=[0.01, 0.02], max_lr=0.1, step_size_up=4)"))
                        .build();
        assertEquals(2, cyclic.getGroups());
        assertEquals(0.02, cyclic.getLr(1, 1));
    }

    @Test
    void perGroupListsMustMatchTheGroups() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                tracker(
                                        "OneCycleLR(max_lr=[0.1, 0.2, 0.3], total_steps=10)",
                                        1,
                                        0.1,
                                        0.2));
        assertEquals(
                "OneCycleLR max_lr must have one value per parameter group (2), but has 3: [0.1, 0.2, 0.3]",
                e.getMessage());
    }

    @Test
    void plateauTakesReportedMetrics() {
        LrTracker t = tracker("ReduceLROnPlateau(patience=1, factor=0.5)", 3, 0.1);
        assertEquals(0.1f, t.getNewValue(3));
        IllegalStateException missing =
                assertThrows(IllegalStateException.class, () -> t.getNewValue(4));
        assertTrue(missing.getMessage().contains("reportMetric"), missing.getMessage());
        for (double m : new double[] {1.0, 1.0, 1.0}) {
            t.reportMetric(m);
        }
        assertEquals(0.1f, t.getNewValue(4));
        assertEquals(0.1f, t.getNewValue(7));
        assertEquals(0.05f, t.getNewValue(10));
        assertThrows(
                IllegalStateException.class, () -> tracker("StepLR(3)", 1, 0.1).reportMetric(1));
    }

    @Test
    void momentumFollowsCyclicSchedulesAndStaysElsewhere() {
        LrTracker oneCycle =
                LrTracker.builder()
                        .setSchedule(ScheduleSpec.parse("OneCycleLR(max_lr=0.1, total_steps=10)"))
                        .optBaseMomentum(0.9)
                        .build();
        assertEquals(0.95, oneCycle.getMomentum(0, 1));
        assertEquals(0.85, oneCycle.getMomentum(0, 3));
        LrTracker step = tracker("StepLR(3)", 1, 0.1);
        assertEquals(0.0, step.getMomentum(0, 7));
    }

    @Test
    void copyHasTheConfigurationAndFreshState() {
        LrTracker t =
                LrTracker.builder()
                        .setSchedule(ScheduleSpec.parse("ReduceLROnPlateau(patience=0)"))
                        .optBaseLrs(0.1, 0.2)
                        .optStepAtEpochEnds()
                        .build();
        t.reportMetric(1);
        t.reportMetric(2);
        t.epochEnded(3);
        t.epochEnded(6);
        float reduced = t.getNewValue(7);
        LrTracker fresh = t.copy();
        assertEquals(t.toString(), fresh.toString());
        assertEquals(0, fresh.getMetricCount());
        assertEquals(0, fresh.getLatestUpdate());
        assertEquals(0.1f, fresh.getNewValue(7));
        assertTrue(reduced < 0.1f);
    }

    @Test
    void toStringNamesTheScheduleAndSettings() {
        assertEquals(
                "LrTracker(StepLR(step_size=3, gamma=0.1), base_lrs=[0.1], steps_per_epoch=2)",
                tracker("StepLR(3)", 2, 0.1).toString());
        assertEquals(
                Map.of("step_size", 3L, "gamma", 0.1),
                ScheduleSpec.parse("StepLR(3)").getArguments());
    }
}
