package io.github.lrschedulers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lrschedulers.spec.ScheduleSpec;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A tracker started from the state of update 10^7 ({@link LrTracker#startFrom(PyTorchState)}, as a
 * checkpoint restore does) gives the rates and scheduler state of the run that got there step by
 * step, for every PyTorch scheduler, without replaying from update 1. The time it takes belongs in
 * a benchmark; this prints it.
 */
class FarRestoreTest {

    private static final int FAR = 10_000_000;

    static Stream<String> specs() {
        return Stream.of(
                "LambdaLR(lr_lambda=lambda e: 1.0 / (1.0 + e))",
                "MultiplicativeLR(lr_lambda=lambda e: 0.9999999)",
                "StepLR(step_size=1000, gamma=0.999)",
                "MultiStepLR(milestones=[10, 5000000, 9999999], gamma=0.5)",
                "ConstantLR(factor=0.5, total_iters=20000000)",
                "LinearLR(start_factor=0.1, total_iters=20000000)",
                "ExponentialLR(gamma=0.9999999)",
                "SequentialLR(schedulers=[LinearLR(start_factor=0.1, total_iters=1000),"
                        + " CosineAnnealingLR(T_max=300000)], milestones=[1000])",
                "PolynomialLR(total_iters=20000000, power=2.0)",
                "CosineAnnealingLR(T_max=1000)",
                "ChainedScheduler(schedulers=[StepLR(step_size=100000, gamma=0.9),"
                        + " CosineAnnealingLR(T_max=1000000)])",
                "CyclicLR(base_lr=0.01, max_lr=0.1, step_size_up=1000)",
                "OneCycleLR(max_lr=0.1, total_steps=20000000)",
                "CosineAnnealingWarmRestarts(T_0=1000, T_mult=2)",
                "SWALR(swa_lr=0.05, anneal_epochs=100)");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void startingFromTheStateOfUpdate10To7GivesTheRunsRates(String spec) {
        LrTracker run =
                LrTracker.builder()
                        .setSchedule(ScheduleSpec.parse(spec))
                        .optBaseLrs(0.1, 0.05)
                        .optBaseMomentum(0.9)
                        .build();
        PyTorchState saved = run.getPyTorchState(FAR - 1); // the state of update FAR
        assertEquals(FAR - 1, saved.getSteps(), spec);
        LrTracker restored = run.copy();
        long start = System.nanoTime();
        restored.startFrom(saved);
        float first = restored.getNewValue(FAR);
        long took = System.nanoTime() - start;
        System.out.printf("%s: restored at update %d in %.2f ms%n", spec, FAR, took / 1e6);
        assertEquals(Float.floatToIntBits(run.getNewValue(FAR)), Float.floatToIntBits(first));
        for (int n = FAR; n < FAR + 200; n++) {
            for (int g = 0; g < 2; g++) {
                assertEquals(
                        Double.doubleToLongBits(run.getLr(g, n)),
                        Double.doubleToLongBits(restored.getLr(g, n)),
                        spec + " update " + n);
                assertEquals(
                        Double.doubleToLongBits(run.getMomentum(g, n)),
                        Double.doubleToLongBits(restored.getMomentum(g, n)),
                        spec + " update " + n);
            }
        }
        assertEquals(run.getPyTorchState(FAR + 199), restored.getPyTorchState(FAR + 199), spec);
        // Updates before the state still replay from the configuration.
        assertEquals(
                Double.doubleToLongBits(run.getLr(1, 5)),
                Double.doubleToLongBits(restored.getLr(1, 5)),
                spec);
    }

    @Test
    void aPlateauRestoredFromItsStateTakesTheLaterMetrics() {
        LrTracker run =
                LrTracker.builder()
                        .setSchedule(ScheduleSpec.parse("ReduceLROnPlateau(patience=3)"))
                        .optBaseLr(0.1)
                        .optStepsPerEpoch(1000)
                        .build();
        int epochs = FAR / 1000;
        for (int e = 0; e < epochs + 50; e++) {
            run.reportMetric(1.0 / (1 + e % 97));
        }
        PyTorchState saved = run.getPyTorchState(FAR - 1);
        LrTracker restored = run.copy();
        for (double m : run.getReportedMetrics()) {
            restored.reportMetric(m);
        }
        restored.startFrom(saved);
        for (int n = FAR; n < FAR + 50_000; n += 100) {
            assertEquals(
                    Double.doubleToLongBits(run.getLr(0, n)),
                    Double.doubleToLongBits(restored.getLr(0, n)),
                    "update " + n);
        }
        assertEquals(run.getSchedulerState(FAR + 40_000), restored.getSchedulerState(FAR + 40_000));
    }

    @Test
    void aStateOfAnotherConfigurationIsRefused() {
        LrTracker a = LrTracker.of(ScheduleSpec.parse("CosineAnnealingLR(T_max=1000)"), 0.1);
        LrTracker b = LrTracker.of(ScheduleSpec.parse("CosineAnnealingLR(T_max=999)"), 0.1);
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class, () -> b.startFrom(a.getPyTorchState(100)));
        assertTrue(
                e.getMessage().contains("scheduler.T_max must be 999")
                        && e.getMessage().contains("but was 1000"),
                e.getMessage());
        LrTracker c = LrTracker.of(ScheduleSpec.parse("CosineAnnealingLR(T_max=1000)"), 0.2);
        IllegalArgumentException lr =
                assertThrows(
                        IllegalArgumentException.class, () -> c.startFrom(a.getPyTorchState(100)));
        assertTrue(lr.getMessage().contains("scheduler.base_lrs must be [0.2]"), lr.getMessage());
    }
}
