package io.github.lrschedulers.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.training.optimizer.Optimizer;
import io.github.lrschedulers.LrTracker;
import io.github.lrschedulers.Schedule;
import io.github.lrschedulers.StepUnit;
import io.github.lrschedulers.optimizer.ScheduledAdam;
import io.github.lrschedulers.optimizer.ScheduledSgd;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every scheduler of the library through the samples' {@code --schedule} path (spec, step unit,
 * tracker, optimizer), without training.
 */
class ScheduleSetupTest {

    /** One spec of each of the 15 schedulers, and the step unit the samples default to. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            LambdaLR(lr_lambda=lambda epoch: 0.95 ** epoch)                                              | EPOCH
            MultiplicativeLR(lr_lambda=lambda epoch: 0.95)                                               | EPOCH
            StepLR(step_size=1, gamma=0.5)                                                               | EPOCH
            MultiStepLR(milestones=[1, 2], gamma=0.1)                                                    | EPOCH
            ConstantLR(factor=0.5, total_iters=2)                                                        | EPOCH
            LinearLR(start_factor=0.25, total_iters=2)                                                   | EPOCH
            ExponentialLR(gamma=0.9)                                                                     | EPOCH
            SequentialLR(schedulers=[LinearLR(start_factor=0.1, total_iters=2), ExponentialLR(gamma=0.9)], milestones=[2]) | EPOCH
            PolynomialLR(total_iters=3, power=2.0)                                                       | EPOCH
            CosineAnnealingLR(T_max=3, eta_min=0.001)                                                    | EPOCH
            ChainedScheduler(schedulers=[ConstantLR(factor=0.5, total_iters=2), ExponentialLR(gamma=0.9)]) | EPOCH
            ReduceLROnPlateau(mode='min', factor=0.5, patience=0)                                        | EPOCH
            CyclicLR(base_lr=0.001, max_lr=0.1, step_size_up=4)                                          | UPDATE
            OneCycleLR(max_lr=0.1, total_steps=100)                                                      | UPDATE
            CosineAnnealingWarmRestarts(T_0=2, T_mult=2)                                                 | EPOCH
            SequentialLR(schedulers=[ConstantLR(factor=0.5, total_iters=10), OneCycleLR(max_lr=0.1, total_steps=90)], milestones=[10]) | UPDATE
            """)
    void everySchedulerBuildsATrackerAndOptimizer(String spec, StepUnit expectedUnit) {
        for (String optimizer : List.of("sgd", "adam")) {
            SampleArguments args =
                    SampleArguments.parse(
                            new String[] {"--schedule", spec, "--optimizer", optimizer}, "t");
            Schedule schedule = ScheduleSetup.schedule(args, 469);
            assertEquals(expectedUnit, ScheduleSetup.stepUnit(args, schedule), spec);
            LrTracker tracker = ScheduleSetup.tracker(args, schedule, null);
            assertEquals(expectedUnit == StepUnit.EPOCH, tracker.stepsAtEpochEnds(), spec);
            assertEquals(
                    schedule.usesMetrics() || expectedUnit == StepUnit.EPOCH,
                    ScheduleSetup.needsScheduleListener(tracker));
            if (schedule.usesMetrics()) {
                tracker.reportMetric(1.0);
            }
            // Before the first epoch end every update has the rate of PyTorch's construction.
            double first = tracker.getLr(0, 1);
            assertTrue(first > 0 && Double.isFinite(first), spec + ": " + first);
            Optimizer o = ScheduleSetup.optimizer(args, tracker, 0);
            Class<?> expected = optimizer.equals("sgd") ? ScheduledSgd.class : ScheduledAdam.class;
            assertEquals(expected, o.getClass());
        }
    }

    @Test
    void defaultScheduleIsOneCycleOverTheRun() {
        SampleArguments args = SampleArguments.parse(new String[] {"--epochs", "3"}, "t");
        Schedule schedule = ScheduleSetup.schedule(args, 469);
        assertEquals("OneCycleLR", schedule.getPyTorchName());
        assertEquals(1407L, schedule.getArguments().get("total_steps"));
        assertEquals(0.1, schedule.getArguments().get("max_lr"));
    }

    @Test
    void epochUnitWithStepsPerEpochStepsEveryKUpdates() {
        SampleArguments args =
                SampleArguments.parse(
                        new String[] {
                            "--schedule", "StepLR(step_size=1, gamma=0.5)", "--steps-per-epoch", "3"
                        },
                        "t");
        LrTracker tracker = ScheduleSetup.tracker(args, ScheduleSetup.schedule(args, 3), null);
        assertFalse(tracker.stepsAtEpochEnds());
        assertFalse(ScheduleSetup.needsScheduleListener(tracker));
        assertEquals(0.1, tracker.getLr(0, 3));
        assertEquals(0.05, tracker.getLr(0, 4));
    }

    @Test
    void updateUnitOverridesTheDefault() {
        SampleArguments args =
                SampleArguments.parse(
                        new String[] {
                            "--schedule", "StepLR(step_size=1, gamma=0.5)", "--step-unit", "update"
                        },
                        "t");
        LrTracker tracker = ScheduleSetup.tracker(args, ScheduleSetup.schedule(args, 3), null);
        assertEquals(0.05, tracker.getLr(0, 2));
    }

    @Test
    void plateauPerUpdateIsRejected() {
        SampleArguments args =
                SampleArguments.parse(
                        new String[] {"--schedule", "ReduceLROnPlateau()", "--step-unit", "update"},
                        "t");
        Schedule schedule = ScheduleSetup.schedule(args, 3);
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> ScheduleSetup.tracker(args, schedule, null));
        assertTrue(e.getMessage().contains("--step-unit epoch"), e.getMessage());
    }

    @Test
    void badSpecNamesThePosition() {
        SampleArguments args =
                SampleArguments.parse(new String[] {"--schedule", "OneCycleLR(max_lrr=0.1)"}, "t");
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> ScheduleSetup.schedule(args, 3));
        assertTrue(e.getMessage().contains("max_lrr"), e.getMessage());
    }

    @Test
    void badOptionsAreNamed() {
        Set<String> messages = new HashSet<>();
        for (String[] argv :
                new String[][] {
                    {"--epochs", "0"},
                    {"--optimizer", "rmsprop"},
                    {"--lr", "0.1,x"},
                    {"--step-unit", "batch"},
                    {"--bogus", "1"},
                    {"--epochs"},
                    {"--step-unit", "update", "--steps-per-epoch", "3"}
                }) {
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class, () -> SampleArguments.parse(argv, "t"));
            assertTrue(e.getMessage().contains(argv[0]), e.getMessage());
            messages.add(e.getMessage());
        }
        assertEquals(7, messages.size());
    }
}
