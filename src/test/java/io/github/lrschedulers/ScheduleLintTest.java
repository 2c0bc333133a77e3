package io.github.lrschedulers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lrschedulers.ScheduleLint.Finding;
import io.github.lrschedulers.ScheduleLint.Kind;
import io.github.lrschedulers.ScheduleLint.Report;
import io.github.lrschedulers.spec.ScheduleSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link ScheduleLint}: each finding on the configuration that shows it, with the numbers the
 * library itself computes (the tracker's rates, {@link LrCurve}), never typed by hand where they
 * can be computed.
 */
class ScheduleLintTest {

    private static LrTracker perUpdate(String spec) {
        return LrTracker.builder().setSchedule(ScheduleSpec.parse(spec)).optBaseLr(0.1).build();
    }

    private static LrTracker perEpoch(String spec) {
        return LrTracker.builder()
                .setSchedule(ScheduleSpec.parse(spec))
                .optBaseLr(0.1)
                .optStepAtEpochEnds()
                .build();
    }

    private static Report check(LrTracker tracker, int updates, int perEpoch) {
        return ScheduleLint.builder()
                .setTracker(tracker)
                .setPlannedUpdates(updates)
                .optUpdatesPerEpoch(perEpoch)
                .build()
                .check();
    }

    private static List<Finding> of(Report report, Kind kind) {
        return report.getFindings().stream().filter(f -> f.getKind() == kind).toList();
    }

    /** The first update (from 1) whose rate the tracker cannot compute, or -1. */
    private static int firstFailingUpdate(LrTracker tracker, int upTo) {
        for (int n = 1; n <= upTo; n++) {
            try {
                tracker.getLr(0, n);
            } catch (IllegalStateException | IllegalArgumentException e) {
                return n;
            }
        }
        return -1;
    }

    @Test
    void oneCycleShorterThanTheRunIsRejectedAtTheUpdateThatFails() {
        LrTracker tracker = perUpdate("OneCycleLR(max_lr=0.1, total_steps=20)");
        Report report = check(tracker, 30, 10);

        int failing = firstFailingUpdate(tracker.copy(), 30);
        assertEquals(22, failing); // the numbers, as the tracker computes them
        assertTrue(report.isRejected());
        List<Finding> errors = report.getErrors();
        assertEquals(1, errors.size(), report.getFindings().toString());
        assertEquals(Kind.FAILS, errors.get(0).getKind());
        String message = errors.get(0).getMessage();
        assertTrue(message.contains("update " + failing + " of the 30 planned"), message);
        assertTrue(message.contains("total_steps is 20"), message);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, report::throwIfRejected);
        assertEquals(message, e.getMessage());
        // The check leaves the tracker alone.
        assertEquals(0, tracker.getLatestUpdate());
    }

    @Test
    void aFailureAtTheStepAfterTheLastUpdateIsAnErrorToo() {
        // Defined for updates 1..30; PyTorch's scheduler.step() after update 30 raises.
        LrTracker tracker = perUpdate("OneCycleLR(max_lr=0.1, total_steps=29)");
        assertEquals(31, firstFailingUpdate(tracker.copy(), 31));
        Report report = check(tracker, 30, 10);
        assertTrue(report.isRejected());
        String message = report.getErrors().get(0).getMessage();
        assertTrue(message.contains("scheduler step 30, the step after the last"), message);

        assertFalse(
                check(perUpdate("OneCycleLR(max_lr=0.1, total_steps=30)"), 30, 10).isRejected());
    }

    @Test
    void aConfigurationFailingLaterIsRejected() {
        LrTracker tracker = perUpdate("ConstantLR(factor=0.0, total_iters=5)");
        int failing = firstFailingUpdate(tracker.copy(), 20);
        Report report = check(tracker, 20, 20);
        assertTrue(report.isRejected());
        assertTrue(
                report.getErrors().get(0).getMessage().contains("update " + failing + " of"),
                report.getErrors().get(0).getMessage());
    }

    @Test
    void nonFiniteRatesAreErrors() {
        LrTracker tracker =
                perUpdate("LambdaLR(lr_lambda=lambda e: 1.0 if e < 3 else math.inf * 0)");
        double[] rates = new double[6];
        for (int n = 1; n <= 6; n++) {
            rates[n - 1] = tracker.copy().getLr(0, n);
        }
        int firstNan = 1;
        while (!Double.isNaN(rates[firstNan - 1])) {
            firstNan++;
        }
        Report report = check(tracker, 6, 6);
        List<Finding> nonFinite = of(report, Kind.NON_FINITE);
        assertEquals(1, nonFinite.size(), report.getFindings().toString());
        assertTrue(nonFinite.get(0).getMessage().startsWith("update " + firstNan + " of the 6"));
        assertTrue(report.isRejected());
    }

    @Test
    void warmRestartsSteppedPerEpochOverThreeEpochsStayFlat() {
        int perEpoch = 469;
        LrTracker tracker = perEpoch("CosineAnnealingWarmRestarts(T_0=200)");
        Report report = check(tracker, 3 * perEpoch, perEpoch);

        assertFalse(report.isRejected());
        List<Finding> w = of(report, Kind.HORIZON_BEYOND_RUN);
        assertEquals(1, w.size(), report.getFindings().toString());
        String m = w.get(0).getMessage();
        assertTrue(m.contains("horizon is 200 scheduler steps"), m);
        assertTrue(m.contains("T_0=200"), m);
        assertTrue(m.contains("the run's 3 scheduler steps (1407 updates, stepped per epoch"), m);
        assertTrue(m.contains("stepped per update, the 1407 updates would cover it"), m);
        assertTrue(w.get(0).perUpdateWouldFit());
        // The rates the run uses, as LrCurve computes them: nearly flat.
        LrCurve curve =
                LrCurve.compute(
                        tracker.getSchedule(), new double[] {0.1}, 1407, 469, new double[0], 0);
        double lo = curve.getLr(1406, 0);
        double hi = curve.getLr(0, 0);
        assertTrue((hi - lo) / hi < 0.1);
        assertTrue(
                m.contains(
                        "stays within "
                                + ScheduleLint.num(100 * (hi - lo) / hi)
                                + "% of its start ("
                                + ScheduleLint.num(lo)
                                + " to "
                                + ScheduleLint.num(hi)
                                + ")"),
                m);
    }

    @Test
    void warmupCosineSteppedPerEpochWarnsWithTheHorizonAndTheMilestone() {
        LrTracker tracker =
                perEpoch(
                        "SequentialLR(schedulers=[LinearLR(start_factor=0.1, total_iters=500),"
                                + " CosineAnnealingLR(T_max=9500)], milestones=[500])");
        Report report = check(tracker, 2 * 469, 469);
        String h = of(report, Kind.HORIZON_BEYOND_RUN).get(0).getMessage();
        assertTrue(h.contains("horizon is 10000 scheduler steps"), h);
        assertTrue(h.contains("milestones=[500] + CosineAnnealingLR T_max=9500"), h);
        assertTrue(h.contains("the run's 2 scheduler steps (938 updates"), h);
        assertTrue(h.contains("even stepped per update, the 938 updates would not cover it"), h);
        String m = of(report, Kind.MILESTONE_BEYOND_RUN).get(0).getMessage();
        assertTrue(m.contains("step 500 lies beyond the run's 2 scheduler steps"), m);
        assertTrue(m.contains("the schedulers starting there never run"), m);
    }

    @Test
    void milestonesBeyondTheRunAreNamed() {
        LrTracker tracker = perEpoch("MultiStepLR(milestones=[2, 30, 60], gamma=0.1)");
        Report report = check(tracker, 10 * 100, 100);
        List<Finding> m = of(report, Kind.MILESTONE_BEYOND_RUN);
        assertEquals(1, m.size(), report.getFindings().toString());
        assertTrue(
                m.get(0).getMessage().contains("steps 30 and 60 lie beyond the run's 10"),
                m.get(0).getMessage());

        // Nested: MultiStepLR's milestones count from the SequentialLR milestone it starts at.
        LrTracker nested =
                perEpoch(
                        "SequentialLR(schedulers=[ConstantLR(factor=0.5, total_iters=4),"
                                + " MultiStepLR(milestones=[3, 8])], milestones=[4])");
        String n = of(check(nested, 10 * 100, 100), Kind.MILESTONE_BEYOND_RUN).get(0).getMessage();
        assertTrue(n.contains("(from step 4): step 12 lies beyond the run's 10"), n);
    }

    @Test
    void aHorizonMuchShorterThanTheRunIsNamed() {
        LrTracker tracker = perUpdate("CosineAnnealingLR(T_max=10)");
        Report report = check(tracker, 100, 100);
        List<Finding> s = of(report, Kind.SHORT_HORIZON);
        assertEquals(1, s.size(), report.getFindings().toString());
        LrCurve curve =
                LrCurve.compute(
                        tracker.getSchedule(), new double[] {0.1}, 100, 1, new double[0], 0);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int k = 11; k < 100; k++) {
            lo = Math.min(lo, curve.getLr(k, 0));
            hi = Math.max(hi, curve.getLr(k, 0));
        }
        String m = s.get(0).getMessage();
        assertTrue(m.contains("horizon is 10 scheduler steps (CosineAnnealingLR T_max=10)"), m);
        assertTrue(m.contains("for the last 89 steps (89% of the run)"), m);
        assertTrue(
                m.contains(
                        "moves between " + ScheduleLint.num(lo) + " and " + ScheduleLint.num(hi)),
                m);

        // Repeating schedules are meant to be short: no warning.
        Report cyclic =
                check(perUpdate("CyclicLR(base_lr=0.01, max_lr=0.1, step_size_up=5)"), 100, 100);
        assertTrue(of(cyclic, Kind.SHORT_HORIZON).isEmpty(), cyclic.getFindings().toString());
    }

    @Test
    void aJumpOfMoreThanTenTimesIsNamed() {
        LrTracker tracker = perUpdate("StepLR(step_size=5, gamma=0.01)");
        Report report = check(tracker, 12, 12);
        LrCurve curve =
                LrCurve.compute(tracker.getSchedule(), new double[] {0.1}, 12, 1, new double[0], 0);
        int at = -1;
        int count = 0;
        for (int k = 1; k < 12; k++) {
            if (curve.getLr(k - 1, 0) > 10 * curve.getLr(k, 0)) {
                count++;
                if (at < 0) {
                    at = k + 1; // update numbers start at 1
                }
            }
        }
        List<Finding> j = of(report, Kind.JUMP);
        assertEquals(1, j.size(), report.getFindings().toString());
        String m = j.get(0).getMessage();
        String ratio = ScheduleLint.num(curve.getLr(at - 2, 0) / curve.getLr(at - 1, 0));
        assertTrue(m.contains("changes by " + ratio + "x at update " + at), m);
        assertEquals(2, count);
        assertTrue(m.contains(", and once more;"), m);

        // 10x exactly is no jump.
        Report ten = check(perUpdate("StepLR(step_size=5, gamma=0.1)"), 12, 12);
        assertTrue(of(ten, Kind.JUMP).isEmpty(), ten.getFindings().toString());
    }

    @Test
    void aWellPlannedRunHasNoFindingsAndAOneLinePreview() {
        LrTracker tracker = perUpdate("OneCycleLR(max_lr=0.1, total_steps=1407)");
        Report report = check(tracker, 1407, 469);
        assertTrue(report.getFindings().isEmpty(), report.getFindings().toString());
        LrCurve curve =
                LrCurve.compute(
                        tracker.getSchedule(), new double[] {0.1}, 1407, 1, new double[0], 0);
        int peakAt = 0;
        for (int k = 0; k < 1407; k++) {
            if (curve.getLr(k, 0) > curve.getLr(peakAt, 0)) {
                peakAt = k;
            }
        }
        assertEquals(
                "OneCycleLR stepped per update, 1407 updates: lr "
                        + ScheduleLint.num(curve.getLr(0, 0))
                        + " at update 1, peak "
                        + ScheduleLint.num(curve.getLr(peakAt, 0))
                        + " at update "
                        + (peakAt + 1)
                        + ", "
                        + ScheduleLint.num(curve.getLr(1406, 0))
                        + " at update 1407",
                report.getPreview());
        assertEquals(1, report.getPreview().lines().count());
    }

    @Test
    void plateauIsCheckedUpToItsFirstMetric() {
        LrTracker tracker = perEpoch("ReduceLROnPlateau(patience=0)");
        Report report = check(tracker, 30, 10);
        assertFalse(report.isRejected());
        assertEquals(
                "ReduceLROnPlateau stepped per epoch of 10 updates, 30 updates: lr 0.1 at update 1;"
                        + " from update 11 on it follows the monitored metric",
                report.getPreview());
    }

    @Test
    void theProbeLimitIsSaidInThePreview() {
        Report report =
                ScheduleLint.builder()
                        .setTracker(perUpdate("ExponentialLR(gamma=0.999)"))
                        .setPlannedUpdates(1000)
                        .optProbeLimit(100)
                        .build()
                        .check();
        assertTrue(
                report.getPreview().endsWith("(checked the first 101 scheduler steps)"),
                report.getPreview());
    }

    @Test
    void builderChecksItsSettings() {
        LrTracker epochs = perEpoch("StepLR(step_size=1)");
        assertEquals(
                "tracker must be set",
                assertThrows(IllegalArgumentException.class, () -> ScheduleLint.builder().build())
                        .getMessage());
        assertEquals(
                "plannedUpdates must be set and >= 0, but was -1",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> ScheduleLint.builder().setTracker(epochs).build())
                        .getMessage());
        assertEquals(
                "updatesPerEpoch must be >= 1 for a tracker that steps at epoch ends, but was 0",
                assertThrows(
                                IllegalArgumentException.class,
                                () ->
                                        ScheduleLint.builder()
                                                .setTracker(epochs)
                                                .setPlannedUpdates(5)
                                                .build())
                        .getMessage());
    }
}
