package io.github.lrschedulers.jmh;

import ai.djl.training.tracker.Tracker;
import ai.djl.training.tracker.WarmUpTracker;
import io.github.lrschedulers.LrTracker;
import io.github.lrschedulers.Schedule;
import io.github.lrschedulers.spec.ScheduleSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/** The trackers the benchmarks measure: every scheduler, two compositions, a plateau, DJL's. */
final class Shapes {

    /**
     * Our schedules by name: the 15 PyTorch schedulers (SequentialLR and ChainedScheduler as the
     * two compositions, ReduceLROnPlateau as the plateau run).
     */
    static final Map<String, String> SPECS = new LinkedHashMap<>();

    /** DJL 0.35.1's tracker of the same shape as one of ours: DJL name -> our name. */
    static final Map<String, String> DJL_TWIN = new LinkedHashMap<>();

    static {
        SPECS.put("LambdaLR", "LambdaLR(lr_lambda=lambda e: 1 / (1 + e / 1000))");
        SPECS.put("MultiplicativeLR", "MultiplicativeLR(lr_lambda=lambda e: 0.99999)");
        SPECS.put("StepLR", "StepLR(step_size=1000, gamma=0.9)");
        SPECS.put("MultiStepLR", "MultiStepLR(milestones=[100000, 1000000, 5000000], gamma=0.1)");
        SPECS.put("ConstantLR", "ConstantLR(factor=0.5, total_iters=1000)");
        SPECS.put("LinearLR", "LinearLR(start_factor=0.01, total_iters=10000)");
        SPECS.put("ExponentialLR", "ExponentialLR(gamma=0.99999)");
        SPECS.put(
                "SequentialLR",
                "SequentialLR(schedulers=[LinearLR(start_factor=0.01, total_iters=1000),"
                        + " CosineAnnealingLR(T_max=100000)], milestones=[1000])");
        SPECS.put("PolynomialLR", "PolynomialLR(total_iters=1000000, power=2.0)");
        SPECS.put("CosineAnnealingLR", "CosineAnnealingLR(T_max=100000)");
        SPECS.put(
                "ChainedScheduler",
                "ChainedScheduler([ConstantLR(factor=0.5, total_iters=1000),"
                        + " ExponentialLR(gamma=0.99999)])");
        SPECS.put("ReduceLROnPlateau", "ReduceLROnPlateau(patience=5, cooldown=2)");
        SPECS.put("CyclicLR", "CyclicLR(base_lr=0.001, max_lr=0.1, step_size_up=2000)");
        SPECS.put("CosineAnnealingWarmRestarts", "CosineAnnealingWarmRestarts(T_0=1000, T_mult=2)");
        SPECS.put("OneCycleLR", "OneCycleLR(max_lr=0.1, total_steps=2000000000)");

        DJL_TWIN.put("djl.FactorTracker", "ExponentialLR");
        DJL_TWIN.put("djl.MultiFactorTracker", "MultiStepLR");
        DJL_TWIN.put("djl.CosineTracker", "CosineAnnealingLR");
        DJL_TWIN.put("djl.CyclicalTracker", "CyclicLR");
        DJL_TWIN.put("djl.WarmUpTracker", "SequentialLR");
    }

    /** Updates a plateau tracker has metrics for; an access-pattern run wraps around after them. */
    static final int PLATEAU_METRICS = 1 << 21;

    private Shapes() {}

    static Schedule schedule(String name) {
        return ScheduleSpec.parse(SPECS.get(name));
    }

    /** A fresh tracker of one of our schedules (metrics reported for a plateau). */
    static LrTracker ours(String name) {
        LrTracker t = LrTracker.of(schedule(name), 0.1);
        if (t.usesMetrics()) {
            SplittableRandom r = new SplittableRandom(42);
            for (int i = 0; i < PLATEAU_METRICS; i++) {
                // A slowly falling noisy loss: plateaus and reductions both happen.
                t.reportMetric(1.0 / (1 + i / 5000.0) + 0.01 * r.nextDouble());
            }
        }
        return t;
    }

    /** A tracker by name: ours, or DJL's ({@code djl.*}). */
    static Tracker tracker(String name) {
        switch (name) {
            case "djl.FactorTracker":
                return Tracker.factor().setBaseValue(0.1f).setFactor(0.99999f).build();
            case "djl.MultiFactorTracker":
                return Tracker.multiFactor()
                        .setBaseValue(0.1f)
                        .setSteps(new int[] {100000, 1000000, 5000000})
                        .optFactor(0.1f)
                        .build();
            case "djl.CosineTracker":
                return cosine();
            case "djl.CyclicalTracker":
                return Tracker.cyclical()
                        .optBaseValue(0.001f)
                        .optMaxValue(0.1f)
                        .optStepSizeUp(2000)
                        .build();
            case "djl.WarmUpTracker":
                return Tracker.warmUp()
                        .setMainTracker(cosine())
                        .optWarmUpSteps(1000)
                        .optWarmUpBeginValue(0.001f)
                        .optWarmUpMode(WarmUpTracker.Mode.LINEAR)
                        .build();
            default:
                return ours(name);
        }
    }

    private static Tracker cosine() {
        return Tracker.cosine().setBaseValue(0.1f).optFinalValue(0f).setMaxUpdates(100000).build();
    }
}
