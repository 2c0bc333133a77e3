package io.github.lrschedulers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lrschedulers.spec.ScheduleSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each parameter group on its own schedule: every group follows its entry run alone. */
class GroupSchedulesTest {

    private static final String COSINE_LIST = "mindspore.nn.cosine_decay_lr(0.0, 0.1, 80, 5, 4)";
    private static final String KERAS_EXP =
            "keras.optimizers.schedules.ExponentialDecay(initial_learning_rate=0.1,"
                    + " decay_steps=10, decay_rate=0.5, staircase=True)";

    private static Schedule parse(String spec) {
        return ScheduleSpec.parse(spec);
    }

    @Test
    void eachGroupFollowsItsEntryRunAloneAcrossFamilies() {
        List<String> entries =
                List.of(
                        COSINE_LIST,
                        "StepLR(step_size=3, gamma=0.5)",
                        "OneCycleLR(max_lr=0.2, total_steps=60)",
                        "0.0001",
                        "CosineAnnealingLR(T_max=7)",
                        "0.001");
        double[] base = {0.0, 0.05, 0.0, 0.0, 0.03, 0.0};
        Schedule s =
                parse(
                        "lrschedulers.GroupSchedules(schedules=["
                                + String.join(", ", entries)
                                + "])");
        assertFalse(s.isReadAtUpdateCounter());
        assertEquals(StepUnit.UPDATE, s.getStepUnit());
        assertTrue(s.cyclesMomentum());
        assertEquals(Optional.empty(), s.getOwnStartRates());
        assertEquals(
                parse("OneCycleLR(max_lr=0.2, total_steps=60)").getStepLimit(), s.getStepLimit());
        int updates = 50;
        LrCurve all = LrCurve.compute(s, base, updates, 1, new double[0], 0.9);
        for (int g = 0; g < entries.size(); g++) {
            boolean fixed = Character.isDigit(entries.get(g).charAt(0));
            LrCurve alone =
                    fixed
                            ? null
                            : LrCurve.compute(
                                    parse(entries.get(g)),
                                    new double[] {base[g]},
                                    updates,
                                    1,
                                    new double[0],
                                    0.9);
            for (int k = 0; k < updates; k++) {
                double want =
                        alone == null ? Double.parseDouble(entries.get(g)) : alone.getLr(k, 0);
                assertEquals(want, all.getLr(k, g), "group " + g + " update " + (k + 1));
                double wantMomentum = alone == null ? 0.9 : alone.getMomentum(k, 0);
                assertEquals(wantMomentum, all.getMomentum(k, g), "momentum of group " + g);
            }
        }
    }

    @Test
    void fixedRatesAndCounterReadEntriesNeedNoBaseRatesAndGroupByName() {
        Schedule cosine = parse(COSINE_LIST);
        Schedule keras = parse(KERAS_EXP);
        GroupSchedules s =
                GroupSchedules.builder()
                        .addSchedule(cosine)
                        .addFixed(1e-4)
                        .addSchedule(keras)
                        .addFixed(1e-3)
                        .build();
        assertTrue(s.isReadAtUpdateCounter());
        double cosineStart = cosine.getOwnStartRates().orElseThrow().get(0);
        double kerasStart = keras.getOwnStartRates().orElseThrow().get(0);
        assertEquals(
                Optional.of(List.of(cosineStart, 1e-4, kerasStart, 1e-3)), s.getOwnStartRates());
        ParameterGroups groups =
                ParameterGroups.of(Map.of("conv_weight", 0, "bn_gamma", 1, "fc1", 2, "fc2", 3));
        LrTracker tracker = LrTracker.builder().setSchedule(s).optParameterGroups(groups).build();
        assertEquals(4, tracker.getGroups());
        LrTracker cosineAlone = LrTracker.builder().setSchedule(cosine).build();
        LrTracker kerasAlone = LrTracker.builder().setSchedule(keras).build();
        for (int n = 1; n <= 80; n++) {
            assertEquals(cosineAlone.getNewValue(n), tracker.getNewValue("conv_weight", n));
            assertEquals(1e-4f, tracker.getNewValue("bn_gamma", n));
            assertEquals(kerasAlone.getNewValue(n), tracker.getNewValue("fc1", n));
            assertEquals(1e-3f, tracker.getNewValue("fc2", n));
        }
        // Past the list's end the cosine group fails, as it does alone.
        assertThrows(IllegalStateException.class, () -> tracker.getNewValue("conv_weight", 81));
        // A fresh tracker asked for a far update first (skipping ahead) agrees.
        LrTracker far = tracker.copy();
        assertEquals(kerasAlone.getNewValue(77), far.getNewValue("fc1", 77));
        assertEquals(cosineAlone.getNewValue(63), far.getNewValue("conv_weight", 63));
    }

    @Test
    void basesRatesReachTheEntriesThatStartFromThem() {
        Schedule s =
                parse("lrschedulers.GroupSchedules(schedules=[ExponentialLR(gamma=0.9), 0.5])");
        LrTracker tracker = LrTracker.builder().setSchedule(s).optBaseLrs(0.2, 99.0).build();
        LrTracker alone =
                LrTracker.builder()
                        .setSchedule(parse("ExponentialLR(gamma=0.9)"))
                        .optBaseLr(0.2)
                        .build();
        for (int n = 1; n <= 20; n++) {
            assertEquals(alone.getNewValue(n), (float) tracker.getLr(0, n));
            assertEquals(0.5, tracker.getLr(1, n));
        }
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> LrTracker.builder().setSchedule(s).build());
        assertEquals(
                "baseLr must be set for lrschedulers.GroupSchedules: PyTorch takes it from the optimizer's lr",
                e.getMessage());
    }

    @Test
    void oneEntryPerGroupOrAClearError() {
        Schedule s =
                parse("lrschedulers.GroupSchedules(schedules=[StepLR(step_size=2), 0.001, 0.01])");
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> LrTracker.builder().setSchedule(s).optBaseLrs(0.1, 0.1).build());
        assertEquals(
                "lrschedulers.GroupSchedules schedules must hold one entry per parameter group, but has 3"
                        + " entries for 2 groups",
                e.getMessage());
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> GroupSchedules.builder().setSchedules().build());
        assertEquals(
                "lrschedulers.GroupSchedules schedules must hold one entry per parameter group, but was empty",
                e.getMessage());
    }

    @Test
    void entriesAreSchedulesOrRatesAtLeastZero() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> GroupSchedules.builder().setSchedules(0.1, -0.5).build());
        assertEquals(
                "lrschedulers.GroupSchedules schedules[1] must be a schedule or a finite number >= 0, but was"
                        + " -0.5",
                e.getMessage());
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> GroupSchedules.builder().setSchedules(0.1, "StepLR").build());
        assertEquals(
                "lrschedulers.GroupSchedules schedules[1] must be a schedule or a number, but was StepLR",
                e.getMessage());
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                ScheduleSpec.parse(
                                        "lrschedulers.GroupSchedules(schedules=[0.1, 'x'])"));
        assertTrue(
                e.getMessage()
                        .startsWith(
                                "lrschedulers.GroupSchedules schedules items must be a schedule or a number,"
                                        + " but was 'x'"),
                e.getMessage());
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                GroupSchedules.builder()
                                        .addSchedule(
                                                parse(
                                                        "OneCycleLR(max_lr=[0.1, 0.2], total_steps=9)"))
                                        .build());
        assertTrue(
                e.getMessage()
                        .startsWith(
                                "lrschedulers.GroupSchedules schedules[0] runs on one parameter group, but it"
                                        + " sets 2 start rates"),
                e.getMessage());
    }

    @Test
    void mustBeTheTrackersSchedule() {
        Schedule inner = parse("lrschedulers.GroupSchedules(schedules=[0.1])");
        Schedule chained = ChainedScheduler.builder().setSchedulers(inner).build();
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> LrTracker.builder().setSchedule(chained).optBaseLr(0.1).build());
        assertEquals(
                "lrschedulers.GroupSchedules must be the tracker's schedule, not a child of ChainedScheduler",
                e.getMessage());
    }

    @Test
    void printsASpecThatParsesBackEqual() {
        GroupSchedules s =
                GroupSchedules.builder()
                        .setSchedules(parse(COSINE_LIST), 1e-4, 0.001, parse("StepLR(step_size=2)"))
                        .build();
        assertEquals(
                "lrschedulers.GroupSchedules(schedules=[mindspore.nn.cosine_decay_lr(min_lr=0.0, max_lr=0.1,"
                        + " total_step=80, step_per_epoch=5, decay_epoch=4), 0.0001, 0.001,"
                        + " StepLR(step_size=2, gamma=0.1)])",
                s.toString());
        Schedule back = ScheduleSpec.parse(s.toString());
        assertEquals(s, back);
        assertEquals(s.hashCode(), back.hashCode());
        assertEquals(4, s.getSchedules().size());
    }
}
