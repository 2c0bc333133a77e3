package io.github.lrschedulers;

import io.github.lrschedulers.spec.PyLambda;
import java.util.Random;

/**
 * Random schedules built through the Java builders, for property tests: every scheduler with random
 * arguments (any finite or non-finite double where PyTorch accepts it, per-group lists, {@link
 * PyLambda} lambdas with random constants) and compositions of them, nested.
 */
public final class RandomSchedules {

    /** Lambda templates; {@code C} is replaced by a random constant. */
    private static final String[] LAMBDAS = {
        "lambda e: C ** e",
        "lambda epoch: C",
        "lambda e: 1 / (e + C)",
        "lambda e: min(1.0, (e + 1) / C)",
        "lambda e: 0.5 * (1 + math.cos(math.pi * (e % 100) / 100)) * C",
        "lambda x: C if x < 10 else C / 2",
        "lambda x: max(C, 1 - x / 1000)",
        "lambda e: abs(C - e // 7 * 0.01)",
        "lambda e: math.exp(-C * e) + 0.1",
        "lambda it: 1 / (2.0 ** (it - 1))",
        "lambda e: float(e % 3 == 0) * C + 0.5",
        "lambda e: C if not e or e > 3 and e < 9 else 1",
    };

    private RandomSchedules() {}

    /** Returns a random positive "nice" number, as a paper's spec would hold. */
    static double nice(Random r) {
        double[] pool = {0.1, 0.5, 0.9, 0.95, 0.99, 0.999, 1.0, 1e-3, 1e-5, 0.3, 0.25};
        return r.nextInt(3) == 0 ? pool[r.nextInt(pool.length)] : r.nextDouble();
    }

    /** Returns any double: nice, random in [0, 1), random bits, or special values. */
    static double anyDouble(Random r) {
        switch (r.nextInt(8)) {
            case 0:
                return Double.longBitsToDouble(r.nextLong());
            case 1:
                double[] special = {
                    0.0,
                    -0.0,
                    Double.MIN_VALUE,
                    Double.MAX_VALUE,
                    Double.POSITIVE_INFINITY,
                    Double.NEGATIVE_INFINITY,
                    Double.NaN,
                    1e-300,
                    1e300,
                    -1.0
                };
                return special[r.nextInt(special.length)];
            case 2:
                return -r.nextDouble() * 10;
            default:
                return nice(r);
        }
    }

    /** Returns a double in [0, 1] (sometimes exactly 0 or 1). */
    static double unit(Random r) {
        switch (r.nextInt(6)) {
            case 0:
                return 0.0;
            case 1:
                return 1.0;
            default:
                return r.nextDouble();
        }
    }

    /** Returns a random lambda, parsed from a template with a random constant. */
    public static PyLambda lambda(Random r) {
        String t = LAMBDAS[r.nextInt(LAMBDAS.length)];
        double c = 0.5 + r.nextDouble();
        String constant = r.nextBoolean() ? Double.toString(c) : Integer.toString(1 + r.nextInt(9));
        return PyLambda.parse(t.replace("C", constant));
    }

    /**
     * Returns a random valid schedule, for one parameter group.
     *
     * @param r the source of randomness
     * @param depth how many more levels of composition may be nested
     * @param wild whether any double may occur where PyTorch accepts it (round trips), else only
     *     values a training run would use (finite curves)
     * @return the schedule
     */
    public static Schedule any(Random r, int depth, boolean wild) {
        while (true) {
            try {
                return attempt(r, depth, wild, true);
            } catch (IllegalArgumentException e) {
                // a random combination PyTorch rejects: draw again
            }
        }
    }

    private static Schedule attempt(Random r, int depth, boolean wild, boolean top) {
        int kinds = depth > 0 ? 15 : 13;
        int kind = r.nextInt(kinds);
        double g = wild ? anyDouble(r) : 0.5 + r.nextDouble() / 2;
        switch (kind) {
            case 0:
                return LambdaLr.builder().setLrLambda(lambda(r)).build();
            case 1:
                return MultiplicativeLr.builder().setLrLambda(lambda(r)).build();
            case 2:
                return StepLr.builder().setStepSize(1 + r.nextInt(50)).optGamma(g).build();
            case 3:
                {
                    long[] m = new long[r.nextInt(4)];
                    for (int i = 0; i < m.length; i++) {
                        m[i] = r.nextInt(100);
                    }
                    return MultiStepLr.builder().setMilestones(m).optGamma(g).build();
                }
            case 4:
                return ConstantLr.builder().optFactor(unit(r)).optTotalIters(r.nextInt(20)).build();
            case 5:
                return LinearLr.builder()
                        .optStartFactor(Math.max(1e-3, unit(r)))
                        .optEndFactor(unit(r))
                        .optTotalIters(r.nextInt(30))
                        .build();
            case 6:
                return ExponentialLr.builder().setGamma(g).build();
            case 7:
                return PolynomialLr.builder()
                        .optTotalIters(1 + r.nextInt(50))
                        .optPower(wild ? anyDouble(r) : r.nextDouble() * 3)
                        .build();
            case 8:
                return CosineAnnealingLr.builder()
                        .setTMax(1 + r.nextInt(100))
                        .optEtaMin(wild ? anyDouble(r) : r.nextDouble() * 0.01)
                        .build();
            case 9:
                if (!top) {
                    return ExponentialLr.builder().setGamma(g).build();
                }
                return ReduceLrOnPlateau.builder()
                        .optMode(
                                r.nextBoolean()
                                        ? ReduceLrOnPlateau.Mode.MIN
                                        : ReduceLrOnPlateau.Mode.MAX)
                        .optFactor(r.nextDouble() * 0.99)
                        .optPatience(r.nextInt(10))
                        .optThreshold(r.nextDouble() * 0.1)
                        .optThresholdMode(
                                r.nextBoolean()
                                        ? ReduceLrOnPlateau.ThresholdMode.REL
                                        : ReduceLrOnPlateau.ThresholdMode.ABS)
                        .optCooldown(r.nextInt(5))
                        .optMinLr(r.nextDouble() * 1e-3)
                        .optEps(r.nextDouble() * 1e-6)
                        .build();
            case 10:
                {
                    double base = nice(r) * 0.1;
                    CyclicLr.Builder b =
                            CyclicLr.builder()
                                    .setBaseLr(base)
                                    .setMaxLr(base + nice(r))
                                    .optStepSizeUp(1 + r.nextInt(50))
                                    .optMode(CyclicLr.Mode.values()[r.nextInt(3)])
                                    .optGamma(0.9 + r.nextDouble() * 0.1)
                                    .optCycleMomentum(r.nextBoolean())
                                    .optBaseMomentum(0.8 + r.nextDouble() * 0.05)
                                    .optMaxMomentum(0.85 + r.nextDouble() * 0.1);
                    if (r.nextBoolean()) {
                        b.optStepSizeDown((long) (1 + r.nextInt(50)));
                    }
                    if (r.nextInt(4) == 0) {
                        b.optScaleFn(PyLambda.parse("lambda x: 1 / (2.0 ** (x - 1))"))
                                .optScaleMode(
                                        r.nextBoolean()
                                                ? CyclicLr.ScaleMode.CYCLE
                                                : CyclicLr.ScaleMode.ITERATIONS);
                    }
                    return b.build();
                }
            case 11:
                {
                    OneCycleLr.Builder b =
                            OneCycleLr.builder()
                                    .setMaxLr(nice(r))
                                    .optPctStart(0.05 + r.nextDouble() * 0.9)
                                    .optAnnealStrategy(
                                            r.nextBoolean()
                                                    ? OneCycleLr.AnnealStrategy.COS
                                                    : OneCycleLr.AnnealStrategy.LINEAR)
                                    .optCycleMomentum(r.nextBoolean())
                                    .optBaseMomentum(0.8 + r.nextDouble() * 0.05)
                                    .optMaxMomentum(0.85 + r.nextDouble() * 0.1)
                                    .optDivFactor(1 + r.nextDouble() * 50)
                                    .optFinalDivFactor(1 + r.nextDouble() * 1e4)
                                    .optThreePhase(r.nextBoolean());
                    if (r.nextBoolean()) {
                        b.optTotalSteps((long) (10 + r.nextInt(200)));
                    } else {
                        b.optEpochs((long) (1 + r.nextInt(10)))
                                .optStepsPerEpoch((long) (5 + r.nextInt(30)));
                    }
                    return b.build();
                }
            case 12:
                return CosineAnnealingWarmRestarts.builder()
                        .setT0(1 + r.nextInt(30))
                        .optTMult(1 + r.nextInt(3))
                        .optEtaMin(wild ? anyDouble(r) : r.nextDouble() * 0.01)
                        .build();
            case 13:
                {
                    Schedule[] children = children(r, depth, wild);
                    long[] milestones = new long[children.length - 1];
                    long at = 0;
                    for (int i = 0; i < milestones.length; i++) {
                        at += 1 + r.nextInt(20);
                        milestones[i] = at;
                    }
                    return SequentialLr.builder()
                            .setSchedulers(children)
                            .setMilestones(milestones)
                            .build();
                }
            default:
                return ChainedScheduler.builder().setSchedulers(children(r, depth, wild)).build();
        }
    }

    private static Schedule[] children(Random r, int depth, boolean wild) {
        Schedule[] c = new Schedule[1 + r.nextInt(3)];
        for (int i = 0; i < c.length; i++) {
            c[i] = attempt(r, depth - 1, wild, false);
        }
        return c;
    }
}
