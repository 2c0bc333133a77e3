package io.github.lrschedulers.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lrschedulers.LrTracker;
import io.github.lrschedulers.Schedule;
import io.github.lrschedulers.spec.ScheduleSpec;
import org.junit.jupiter.api.Test;

/** The samples' schedules with lengths relative to the run, resolved for the run's options. */
class RelativeLengthsTest {

    private static Schedule schedule(String spec, String... more) {
        String[] argv = new String[more.length + 4];
        argv[0] = "--schedule";
        argv[1] = spec;
        argv[2] = "--epochs";
        argv[3] = "3";
        System.arraycopy(more, 0, argv, 4, more.length);
        return ScheduleSetup.schedule(SampleArguments.parse(argv, "t"), 469);
    }

    @Test
    void aLengthCountsTheStepsOfTheRunsStepUnit() {
        // Stepped per update: the run is 3 x 469 updates.
        assertEquals(
                ScheduleSpec.parse("OneCycleLR(max_lr=0.1, total_steps=1407)"),
                schedule("OneCycleLR(max_lr=0.1, total_steps=1.0*run)"));
        // Stepped per epoch (CosineAnnealingLR's default): the run is 3 steps.
        assertEquals(
                ScheduleSpec.parse("CosineAnnealingLR(T_max=3)"),
                schedule("CosineAnnealingLR(T_max=1.0*run)"));
        assertEquals(
                ScheduleSpec.parse("CosineAnnealingLR(T_max=1407)"),
                schedule("CosineAnnealingLR(T_max=1.0*run)", "--step-unit", "update"));
        assertEquals(
                ScheduleSpec.parse("MultiStepLR(milestones=[469, 938])"),
                schedule("MultiStepLR(milestones=[1*epoch, 2*epoch])", "--step-unit", "update"));
        // Every 100 updates: 1407 / 100 rounds half up to 14 steps.
        assertEquals(
                ScheduleSpec.parse("StepLR(step_size=14)"),
                schedule("StepLR(step_size=1.0*run)", "--steps-per-epoch", "100"));
    }

    @Test
    void theTrackerOfTheDefaultScheduleSpansTheRun() {
        SampleArguments args = SampleArguments.parse(new String[] {"--epochs", "2"}, "t");
        LrTracker tracker = ScheduleSetup.tracker(args, ScheduleSetup.schedule(args, 10), null);
        assertEquals(
                ScheduleSpec.parse("OneCycleLR(max_lr=0.1, total_steps=20)"),
                tracker.getSchedule());
        assertTrue(tracker.getLr(0, 20) > 0);
    }

    @Test
    void aResolvedLengthTheScheduleRejectsNamesItsOrigin() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> schedule("StepLR(step_size=0.1*run)"));
        assertTrue(e.getMessage().contains("step_size=0.1*run is 0"), e.getMessage());
    }
}
