package io.github.lrschedulers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lrschedulers.spec.ScheduleSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The tracker's reasons appear exactly at the discrete changes of PyTorch's rates: for every kind
 * of PyTorch scheduler, the updates where the golden's rate changes by the schedule's rule (a jump,
 * a ramp's end, a turn of a cycle) are derived from the golden's rates alone, and the reasons must
 * be there and nowhere else.
 */
class ReasonsGoldenTest {

    static Stream<GoldenCase> cases() {
        return Stream.of(
                        GoldenCase.load("/golden/pytorch-cases.jsonl"),
                        GoldenCase.load("/golden/pytorch2-compositions.jsonl"),
                        GoldenCase.load("/golden/swalr.jsonl"))
                .flatMap(List::stream)
                .filter(c -> c.expectedError == null);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reasonsAtTheDiscreteChanges(GoldenCase c) {
        Schedule schedule = c.schedule();
        LrTracker tracker = tracker(c, schedule);
        String kind = schedule.getPyTorchName();
        int steps = (c.expectedLr.length + c.stepsPerEpoch - 1) / c.stepsPerEpoch;
        for (int g = 0; g < c.lrs.length; g++) {
            double[] r = new double[steps];
            for (int s = 0; s < steps; s++) {
                r[s] = c.expectedLr[s * c.stepsPerEpoch][g];
            }
            Set<Integer> actual = reasonSteps(tracker, c, g, steps);
            switch (kind) {
                case "LambdaLR", "MultiplicativeLR", "ExponentialLR" ->
                        assertEquals(Set.of(), actual, c + " has no discrete events");
                case "StepLR", "MultiStepLR", "ConstantLR", "ReduceLROnPlateau" ->
                        assertEquals(
                                jumps(r), actual, c + " group " + g + ": every change is an event");
                case "LinearLR", "PolynomialLR", "SWALR" ->
                        assertEquals(rampEnds(r), actual, c + " group " + g + ": the ramp's end");
                case "CosineAnnealingLR" ->
                        assertEquals(
                                turns(r, true),
                                actual,
                                c + " group " + g + ": eta_min at each bottom");
                case "CyclicLR" -> checkCyclic(c, schedule, g, r, actual);
                case "CosineAnnealingWarmRestarts" ->
                        assertEquals(reversals(r), actual, c + " group " + g + ": each restart");
                case "OneCycleLR" -> checkOneCycle(c, schedule, g, r, actual);
                case "SequentialLR" -> checkSequential(c, schedule, tracker, g, r, actual);
                case "ChainedScheduler" -> checkChained(c, schedule, g, r, actual);
                default -> throw new AssertionError("no rule for " + kind);
            }
        }
    }

    private static LrTracker tracker(GoldenCase c, Schedule schedule) {
        LrTracker t =
                LrTracker.builder()
                        .setSchedule(schedule)
                        .optBaseLrs(c.lrs)
                        .optStepsPerEpoch(c.stepsPerEpoch)
                        .build();
        if (t.usesMetrics()) {
            int steps = c.expectedLr.length / c.stepsPerEpoch + 1;
            for (int i = 0; i < steps; i++) {
                t.reportMetric(c.metrics[Math.min(i, c.metrics.length - 1)]);
            }
        }
        return t;
    }

    /**
     * Returns the scheduler steps (inner ones: 1 to steps - 2, where the rule can be read off) at
     * which the tracker gives a reason, checking that reasons come only at an epoch's first update.
     */
    private static Set<Integer> reasonSteps(LrTracker t, GoldenCase c, int g, int steps) {
        Set<Integer> out = new TreeSet<>();
        for (int n = 1; n <= c.expectedLr.length; n++) {
            List<LrReason> reasons = t.getReasons(g, n);
            if (reasons.isEmpty()) {
                continue;
            }
            assertEquals(1, (n - 1) % c.stepsPerEpoch + 1, c + ": a reason within an epoch");
            for (LrReason reason : reasons) {
                assertFalse(reason.getMessage().isBlank());
            }
            int s = (n - 1) / c.stepsPerEpoch;
            if (s >= 1 && s <= steps - 2) {
                out.add(s);
            }
        }
        return out;
    }

    private static int sign(double d) {
        return d > 0 ? 1 : d < 0 ? -1 : 0;
    }

    /** The inner steps whose rate differs from the step before's. */
    static Set<Integer> jumps(double[] r) {
        Set<Integer> out = new TreeSet<>();
        for (int s = 1; s < r.length - 1; s++) {
            if (r[s] != r[s - 1]) {
                out.add(s);
            }
        }
        return out;
    }

    /** The inner steps that change the rate for the last time before it stays. */
    static Set<Integer> rampEnds(double[] r) {
        Set<Integer> out = new TreeSet<>();
        for (int s = 1; s < r.length - 1; s++) {
            if (r[s] != r[s - 1] && r[s + 1] == r[s]) {
                out.add(s);
            }
        }
        return out;
    }

    /** The direction of the first motion of the rate, 0 if it never moves. */
    private static int firstMotion(double[] r) {
        for (int s = 1; s < r.length; s++) {
            if (r[s] != r[s - 1]) {
                return sign(r[s] - r[s - 1]);
            }
        }
        return 0;
    }

    /**
     * The inner steps where the rate turns: against its first motion ({@code away}: the far end of
     * an annealing) or back into it (the start of a new cycle).
     */
    static Set<Integer> turns(double[] r, boolean away) {
        int d = firstMotion(r);
        int from = away ? d : -d;
        Set<Integer> out = new TreeSet<>();
        for (int s = 1; s < r.length - 1 && d != 0; s++) {
            if (sign(r[s] - r[s - 1]) == from && sign(r[s + 1] - r[s]) == -from) {
                out.add(s);
            }
        }
        return out;
    }

    /**
     * CyclicLR: each cycle starts at a turn back into the first motion; a custom scale_fn may turn
     * the rate within a cycle too, so there every reason is such a turn.
     */
    private static void checkCyclic(
            GoldenCase c, Schedule schedule, int g, double[] r, Set<Integer> actual) {
        Set<Integer> turns = turns(r, false);
        if (schedule.getArguments().get("scale_fn") == null) {
            assertEquals(turns, actual, c + " group " + g + ": each cycle's start");
        } else {
            assertTrue(turns.containsAll(actual), c + " group " + g + ": " + actual);
        }
    }

    /** The inner steps where the rate moves against its first motion: a restart. */
    static Set<Integer> reversals(double[] r) {
        int d = firstMotion(r);
        Set<Integer> out = new TreeSet<>();
        for (int s = 1; s < r.length - 1 && d != 0; s++) {
            if (sign(r[s] - r[s - 1]) == -d) {
                out.add(s);
            }
        }
        return out;
    }

    /**
     * OneCycleLR: phase 2 begins at the peak or at the step after it, whichever the rule of phase 2
     * computes first (the peak step {@code pct_start * total_steps - 1} need not be whole); a flat
     * top (two equal rates) changes nothing. Three phases may add one reason: the start of phase 3
     * keeps the direction, so the rates cannot show it.
     */
    private static void checkOneCycle(
            GoldenCase c, Schedule schedule, int g, double[] r, Set<Integer> actual) {
        int peaks = 0;
        int flat = 0;
        int last = 0;
        for (int s = 1; s < r.length - 1; s++) {
            int motion = sign(r[s] - r[s - 1]);
            if (last == 1 && motion >= 0 && r[s + 1] < r[s]) {
                if (motion == 0) {
                    flat++;
                } else {
                    peaks++;
                    assertTrue(
                            actual.contains(s) != actual.contains(s + 1),
                            c + " group " + g + ": phase 2 at peak " + s + ": " + actual);
                }
            }
            last = motion != 0 ? motion : last;
        }
        boolean threePhase = (Boolean) schedule.getArguments().get("three_phase");
        int most = peaks + flat + (threePhase ? 1 : 0);
        assertTrue(actual.size() <= most, c + " group " + g + ": " + actual);
        if (peaks == 1 && !threePhase) {
            assertEquals(1, actual.size(), c + " group " + g + ": " + actual);
        }
    }

    /**
     * SequentialLR: a switch at each milestone where the rate changes, and otherwise only reasons
     * of the running child; the milestones are read from the spec.
     */
    private static void checkSequential(
            GoldenCase c,
            Schedule schedule,
            LrTracker tracker,
            int g,
            double[] r,
            Set<Integer> actual) {
        List<?> milestones = (List<?>) schedule.getArguments().get("milestones");
        long before = 0;
        boolean simple = true;
        for (Object m : milestones) {
            simple &= ((Number) m).longValue() > before;
            before = ((Number) m).longValue();
        }
        if (!simple) {
            return; // PyTorch bisects unsorted milestones: no simple rule on the rates
        }
        for (int s : actual) {
            List<LrReason> reasons = tracker.getReasons(g, s * c.stepsPerEpoch + 1);
            int running = 0;
            while (running < milestones.size()
                    && ((Number) milestones.get(running)).longValue() <= s) {
                running++;
            }
            for (LrReason reason : reasons) {
                String m = reason.getMessage();
                assertTrue(
                        m.contains("switched to schedulers[" + running + "]")
                                || m.startsWith("schedulers[" + running + "] ("),
                        c + " at step " + s + ": " + m);
            }
        }
        for (Object m : milestones) {
            int at = ((Number) m).intValue();
            if (at < r.length - 1 && r[at] != r[at - 1]) {
                assertTrue(actual.contains(at), c + " group " + g + ": switch at " + at);
            }
        }
    }

    /**
     * ChainedScheduler: each reason names the child it comes from, and every jump of a child that
     * jumps alone (StepLR, MultiStepLR, ConstantLR, at the same steps) is a reason of the chain.
     */
    private static void checkChained(
            GoldenCase c, Schedule schedule, int g, double[] r, Set<Integer> actual) {
        List<Schedule> children = children(schedule);
        LrTracker chain = tracker(c, schedule);
        for (int s : actual) {
            for (LrReason reason : chain.getReasons(g, s * c.stepsPerEpoch + 1)) {
                assertTrue(reason.getMessage().startsWith("schedulers["), reason.getMessage());
            }
        }
        for (Schedule child : children) {
            String name = child.getPyTorchName();
            if (!Set.of("StepLR", "MultiStepLR", "ConstantLR").contains(name)) {
                continue;
            }
            LrTracker alone = LrTracker.builder().setSchedule(child).optBaseLrs(c.lrs).build();
            for (int s = 1; s < r.length - 1; s++) {
                if (!alone.getReasons(g, s + 1).isEmpty() && r[s] != r[s - 1]) {
                    assertTrue(actual.contains(s), c + " group " + g + ": " + name + " at " + s);
                }
            }
        }
    }

    private static List<Schedule> children(Schedule schedule) {
        List<Schedule> out = new ArrayList<>();
        for (Object o : (List<?>) schedule.getArguments().get("schedulers")) {
            out.add((Schedule) o);
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void lastChangeIsTheLatestUpdateWithAReason(GoldenCase c) {
        if (c.expectedLr.length > 60) {
            return; // quadratic in the updates; the short cases cover every kind
        }
        LrTracker t = tracker(c, c.schedule());
        OptionalInt last = OptionalInt.empty();
        for (int n = 1; n <= c.expectedLr.length; n++) {
            if (!t.getReasons(0, n).isEmpty()) {
                last = OptionalInt.of(n);
            }
            assertEquals(last, t.getLastChange(0, n), c + " update " + n);
        }
    }

    /** Reasons carry their numbers, and compose immutably. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reasonsAreValues(GoldenCase c) {
        if (!c.name.endsWith("default-001")) {
            return;
        }
        LrTracker t = tracker(c, c.schedule());
        for (int n = 2; n <= c.expectedLr.length; n++) {
            for (LrReason r : t.getReasons(0, n)) {
                assertTrue(tracker(c, c.schedule()).getReasons(0, n).contains(r), r.getMessage());
                assertFalse(r.getValues().isEmpty(), r.getMessage());
                Map<String, Double> v = r.getValues();
                assertEquals(v, r.within("x").getValues());
                assertEquals("x: " + r.getMessage(), r.within("x").getMessage());
            }
        }
    }

    /** GroupSchedules: each group has the reasons of its own schedule, a fixed rate none. */
    @Test
    void groupSchedulesGiveEachGroupItsOwnReasons() {
        Schedule s =
                ScheduleSpec.parse(
                        "lrschedulers.GroupSchedules(schedules=[StepLR(step_size=3),"
                                + " MultiStepLR(milestones=[4]), 0.01])");
        LrTracker t = LrTracker.builder().setSchedule(s).optBaseLrs(0.1, 0.1, 0.1).build();
        for (int n = 2; n <= 10; n++) {
            int step = n - 1;
            assertEquals(step % 3 == 0, !t.getReasons(0, n).isEmpty(), "StepLR update " + n);
            assertEquals(step == 4, !t.getReasons(1, n).isEmpty(), "MultiStepLR update " + n);
            assertEquals(List.of(), t.getReasons(2, n), "fixed rate update " + n);
        }
        assertEquals(LrReason.Kind.MILESTONE, t.getReasons(1, 5).get(0).getKind());
        assertEquals(OptionalInt.of(10), t.getLastChange(0, 10));
        assertEquals(OptionalInt.of(5), t.getLastChange(1, 10));
        assertEquals(OptionalInt.empty(), t.getLastChange(2, 10));
    }
}
