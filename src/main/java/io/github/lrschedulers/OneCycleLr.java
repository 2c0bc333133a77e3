package io.github.lrschedulers;

import io.github.lrschedulers.internal.Py;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The 1cycle policy: the rate of each parameter group rises from {@code max_lr / div_factor} to
 * {@code max_lr}, then falls to {@code max_lr / div_factor / final_div_factor}; the momentum moves
 * inversely.
 *
 * <p>PyTorch equivalent: {@code torch.optim.lr_scheduler.OneCycleLR} (Smith and Topin, <a
 * href="https://arxiv.org/abs/1708.07120">Super-Convergence</a>). The phases end at steps {@code
 * pct_start * total_steps - 1} and {@code total_steps - 1} (three-phase: {@code pct_start *
 * total_steps - 1}, {@code 2 * pct_start * total_steps - 2}, {@code total_steps - 1}); within a
 * phase the value anneals by cosine ({@code end + (start - end) / 2 * (cos(pi * pct) + 1)}) or
 * linearly. The schedule is defined for steps 0 to {@code total_steps}: as PyTorch raises on the
 * step after that, the tracker throws {@link IllegalStateException} for an update that needs it.
 *
 * @see <a
 *     href="https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.OneCycleLR.html">
 *     PyTorch OneCycleLR</a>
 */
public final class OneCycleLr extends Schedule {

    static final String NAME = "OneCycleLR";

    /** How the value moves within a phase. */
    public enum AnnealStrategy {
        /** Along a half cosine. */
        COS,
        /** Linearly. */
        LINEAR
    }

    /** PyTorch's ValueError for a step past total_steps, which the tracker reports as a state. */
    static final class OverstepException extends Overstep {
        private static final long serialVersionUID = 1L;

        OverstepException(long step, long totalSteps) {
            super(
                    "OneCycleLR was stepped "
                            + step
                            + " times, but total_steps is "
                            + totalSteps
                            + ": it is defined for steps 0 to total_steps (updates 1 to"
                            + " total_steps + 1 when stepped per update)");
        }
    }

    private final PerGroup<Double> maxLr;
    private final Long totalStepsArg;
    private final Long epochs;
    private final Long stepsPerEpoch;
    private final long totalSteps;
    private final double pctStart;
    private final AnnealStrategy annealStrategy;
    private final boolean cycleMomentum;
    private final PerGroup<Double> baseMomentum;
    private final PerGroup<Double> maxMomentum;
    private final double divFactor;
    private final double finalDivFactor;
    private final boolean threePhase;

    private OneCycleLr(Builder b) {
        this.maxLr = b.maxLr;
        this.totalStepsArg = b.totalSteps;
        this.epochs = b.epochs;
        this.stepsPerEpoch = b.stepsPerEpoch;
        this.totalSteps = b.totalSteps != null ? b.totalSteps : b.epochs * b.stepsPerEpoch;
        this.pctStart = b.pctStart;
        this.annealStrategy = b.annealStrategy;
        this.cycleMomentum = b.cycleMomentum;
        this.baseMomentum = b.baseMomentum;
        this.maxMomentum = b.maxMomentum;
        this.divFactor = b.divFactor;
        this.finalDivFactor = b.finalDivFactor;
        this.threePhase = b.threePhase;
    }

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@inheritDoc} */
    @Override
    public boolean cyclesMomentum() {
        return cycleMomentum;
    }

    /** {@inheritDoc} */
    @Override
    public String getPyTorchName() {
        return NAME;
    }

    /**
     * Returns the number of steps of the cycle.
     *
     * @return {@code total_steps}, or {@code epochs * steps_per_epoch}
     */
    public long getTotalSteps() {
        return totalSteps;
    }

    /** {@inheritDoc} */
    @Override
    public java.util.Optional<List<Double>> getOwnStartRates() {
        return java.util.Optional.of(maxLr.values());
    }

    /** {@inheritDoc} */
    @Override
    public StepUnit getStepUnit() {
        return StepUnit.UPDATE;
    }

    /** {@inheritDoc} */
    @Override
    public java.util.OptionalLong getStepLimit() {
        return java.util.OptionalLong.of(totalSteps);
    }

    @Override
    void addArguments(List<Map.Entry<String, Object>> args) {
        args.add(arg("max_lr", maxLr.toArgument()));
        args.add(arg("total_steps", totalStepsArg));
        args.add(arg("epochs", epochs));
        args.add(arg("steps_per_epoch", stepsPerEpoch));
        args.add(arg("pct_start", pctStart));
        args.add(arg("anneal_strategy", annealStrategy.name().toLowerCase(Locale.ROOT)));
        args.add(arg("cycle_momentum", cycleMomentum));
        args.add(arg("base_momentum", baseMomentum.toArgument()));
        args.add(arg("max_momentum", maxMomentum.toArgument()));
        args.add(arg("div_factor", divFactor));
        args.add(arg("final_div_factor", finalDivFactor));
        args.add(arg("three_phase", threePhase));
    }

    private static final int INITIAL_LR = 0;
    private static final int MAX_LR = 1;
    private static final int MIN_LR = 2;
    private static final int MAX_MOMENTUM = 0;
    private static final int BASE_MOMENTUM = 1;

    @Override
    Live instantiate(Sim sim) {
        int n = sim.groups;
        double[] ends;
        int[][] lrKeys;
        int[][] momentumKeys;
        if (threePhase) {
            ends = new double[] {pctStart * totalSteps - 1, 2 * pctStart * totalSteps - 2};
            lrKeys = new int[][] {{INITIAL_LR, MAX_LR}, {MAX_LR, INITIAL_LR}, {INITIAL_LR, MIN_LR}};
            momentumKeys =
                    new int[][] {
                        {MAX_MOMENTUM, BASE_MOMENTUM},
                        {BASE_MOMENTUM, MAX_MOMENTUM},
                        {MAX_MOMENTUM, MAX_MOMENTUM}
                    };
        } else {
            ends = new double[] {pctStart * totalSteps - 1};
            lrKeys = new int[][] {{INITIAL_LR, MAX_LR}, {MAX_LR, MIN_LR}};
            momentumKeys =
                    new int[][] {{MAX_MOMENTUM, BASE_MOMENTUM}, {BASE_MOMENTUM, MAX_MOMENTUM}};
        }
        double[] endSteps = java.util.Arrays.copyOf(ends, ends.length + 1);
        endSteps[ends.length] = totalSteps - 1;

        double[] maxLrs = maxLr.resolveDoubles(NAME, "max_lr", n);
        for (int g = 0; g < n; g++) {
            sim.initialLr[g] = Py.div(maxLrs[g], divFactor);
            sim.hasInitialLr[g] = true;
            sim.maxLr[g] = maxLrs[g];
            sim.minLr[g] = Py.div(sim.initialLr[g], finalDivFactor);
        }
        if (cycleMomentum) {
            double[] maxMomentums = maxMomentum.resolveDoubles(NAME, "max_momentum", n);
            double[] baseMomentums = baseMomentum.resolveDoubles(NAME, "base_momentum", n);
            for (int g = 0; g < n; g++) {
                sim.momentum[g] = maxMomentums[g];
                sim.maxMomentum[g] = maxMomentums[g];
                sim.baseMomentum[g] = baseMomentums[g];
            }
        }
        Live live =
                new Live(sim) {
                    private double lrKey(int key, int g) {
                        return key == INITIAL_LR
                                ? sim.initialLr[g]
                                : key == MAX_LR ? sim.maxLr[g] : sim.minLr[g];
                    }

                    private double momentumKey(int key, int g) {
                        return key == MAX_MOMENTUM ? sim.maxMomentum[g] : sim.baseMomentum[g];
                    }

                    private double anneal(double start, double end, double pct) {
                        if (annealStrategy == AnnealStrategy.COS) {
                            double cosOut = cos(Math.PI * pct) + 1;
                            return end + (start - end) / 2.0 * cosOut;
                        }
                        return (end - start) * pct + start;
                    }

                    @Override
                    boolean jump(long k) {
                        // Closed form in the step; only a phase of zero length divides by zero,
                        // at its steps alone, and stepping past total_steps raises at the last
                        // step too.
                        double start = 0.0;
                        for (double end : endSteps) {
                            if (end == start) {
                                return false;
                            }
                            start = end;
                        }
                        skip(k);
                        return true;
                    }

                    @Override
                    void getLr(double[] out) {
                        long stepNum = lastEpoch;
                        if (stepNum > totalSteps) {
                            throw new OverstepException(stepNum, totalSteps);
                        }
                        for (int g = 0; g < sim.groups; g++) {
                            double startStep = 0.0;
                            for (int i = 0; i < endSteps.length; i++) {
                                double endStep = endSteps[i];
                                if (stepNum <= endStep || i == endSteps.length - 1) {
                                    double pct = Py.div(stepNum - startStep, endStep - startStep);
                                    out[g] =
                                            anneal(
                                                    lrKey(lrKeys[i][0], g),
                                                    lrKey(lrKeys[i][1], g),
                                                    pct);
                                    if (cycleMomentum) {
                                        sim.momentum[g] =
                                                anneal(
                                                        momentumKey(momentumKeys[i][0], g),
                                                        momentumKey(momentumKeys[i][1], g),
                                                        pct);
                                    }
                                    break;
                                }
                                startStep = endStep;
                            }
                        }
                    }
                };
        live.init();
        return live;
    }

    /** The builder of {@link OneCycleLr}. */
    public static final class Builder {

        private PerGroup<Double> maxLr;
        private Long totalSteps;
        private Long epochs;
        private Long stepsPerEpoch;
        private double pctStart = 0.3;
        private AnnealStrategy annealStrategy = AnnealStrategy.COS;
        private boolean cycleMomentum = true;
        private PerGroup<Double> baseMomentum = PerGroup.doubles(0.85);
        private PerGroup<Double> maxMomentum = PerGroup.doubles(0.95);
        private double divFactor = 25.0;
        private double finalDivFactor = 1e4;
        private boolean threePhase;

        private Builder() {}

        /**
         * Sets the peak rate. Required.
         *
         * @param maxLr the peak rate
         * @return this builder
         */
        public Builder setMaxLr(double maxLr) {
            this.maxLr = PerGroup.doubles(maxLr);
            return this;
        }

        /**
         * Sets one peak rate per parameter group.
         *
         * @param maxLrs the peak rates
         * @return this builder
         */
        public Builder setMaxLrs(double... maxLrs) {
            this.maxLr = PerGroup.doubles("OneCycleLR max_lr", maxLrs);
            return this;
        }

        /**
         * Sets the number of steps of the cycle. Either this or both epochs and steps per epoch.
         *
         * @param totalSteps the number of steps, or null
         * @return this builder
         */
        public Builder optTotalSteps(Long totalSteps) {
            this.totalSteps = totalSteps;
            return this;
        }

        /**
         * Sets the number of epochs, used with {@link #optStepsPerEpoch(Long)} when total steps are
         * not set.
         *
         * @param epochs the number of epochs, or null
         * @return this builder
         */
        public Builder optEpochs(Long epochs) {
            this.epochs = epochs;
            return this;
        }

        /**
         * Sets the number of steps per epoch, used with {@link #optEpochs(Long)} when total steps
         * are not set.
         *
         * @param stepsPerEpoch the number of steps per epoch, or null
         * @return this builder
         */
        public Builder optStepsPerEpoch(Long stepsPerEpoch) {
            this.stepsPerEpoch = stepsPerEpoch;
            return this;
        }

        /**
         * Sets the fraction of the cycle spent rising. Default: 0.3 (PyTorch default).
         *
         * @param pctStart the fraction, in [0, 1]
         * @return this builder
         */
        public Builder optPctStart(double pctStart) {
            this.pctStart = pctStart;
            return this;
        }

        /**
         * Sets how the value moves within a phase. Default: {@link AnnealStrategy#COS} (PyTorch
         * default).
         *
         * @param annealStrategy the strategy
         * @return this builder
         */
        public Builder optAnnealStrategy(AnnealStrategy annealStrategy) {
            this.annealStrategy = Objects.requireNonNull(annealStrategy, "annealStrategy");
            return this;
        }

        /**
         * Sets whether the momentum moves inversely to the rate. Default: true (PyTorch default).
         *
         * @param cycleMomentum whether to cycle the momentum
         * @return this builder
         */
        public Builder optCycleMomentum(boolean cycleMomentum) {
            this.cycleMomentum = cycleMomentum;
            return this;
        }

        /**
         * Sets the lowest momentum, reached at the peak rate. Default: 0.85 (PyTorch default).
         *
         * @param baseMomentum the lowest momentum
         * @return this builder
         */
        public Builder optBaseMomentum(double baseMomentum) {
            this.baseMomentum = PerGroup.doubles(baseMomentum);
            return this;
        }

        /**
         * Sets one lowest momentum per parameter group.
         *
         * @param baseMomentums the lowest momentums
         * @return this builder
         */
        public Builder optBaseMomentums(double... baseMomentums) {
            this.baseMomentum = PerGroup.doubles("OneCycleLR base_momentum", baseMomentums);
            return this;
        }

        /**
         * Sets the highest momentum, at the start and end. Default: 0.95 (PyTorch default).
         *
         * @param maxMomentum the highest momentum
         * @return this builder
         */
        public Builder optMaxMomentum(double maxMomentum) {
            this.maxMomentum = PerGroup.doubles(maxMomentum);
            return this;
        }

        /**
         * Sets one highest momentum per parameter group.
         *
         * @param maxMomentums the highest momentums
         * @return this builder
         */
        public Builder optMaxMomentums(double... maxMomentums) {
            this.maxMomentum = PerGroup.doubles("OneCycleLR max_momentum", maxMomentums);
            return this;
        }

        /**
         * Sets the divisor of the initial rate: {@code initial_lr = max_lr / div_factor}. Default:
         * 25.0 (PyTorch default).
         *
         * @param divFactor the divisor
         * @return this builder
         */
        public Builder optDivFactor(double divFactor) {
            this.divFactor = divFactor;
            return this;
        }

        /**
         * Sets the divisor of the final rate: {@code min_lr = initial_lr / final_div_factor}.
         * Default: 1e4 (PyTorch default).
         *
         * @param finalDivFactor the divisor
         * @return this builder
         */
        public Builder optFinalDivFactor(double finalDivFactor) {
            this.finalDivFactor = finalDivFactor;
            return this;
        }

        /**
         * Sets whether a third phase anneals below the initial rate, as in the paper. Default:
         * false (PyTorch default).
         *
         * @param threePhase whether to use three phases
         * @return this builder
         */
        public Builder optThreePhase(boolean threePhase) {
            this.threePhase = threePhase;
            return this;
        }

        /**
         * Builds the schedule.
         *
         * @return the schedule
         * @throws IllegalArgumentException if max_lr is missing, the number of steps is not set or
         *     not positive, or pct_start is outside [0, 1]
         */
        public OneCycleLr build() {
            Checks.argument(maxLr != null, "OneCycleLR max_lr must be set");
            if (totalSteps != null) {
                Checks.argument(
                        totalSteps > 0,
                        "OneCycleLR total_steps must be a positive integer, but was %d",
                        totalSteps);
            } else if (epochs != null && stepsPerEpoch != null) {
                Checks.argument(
                        epochs > 0,
                        "OneCycleLR epochs must be a positive integer, but was %d",
                        epochs);
                Checks.argument(
                        stepsPerEpoch > 0,
                        "OneCycleLR steps_per_epoch must be a positive integer, but was %d",
                        stepsPerEpoch);
                Checks.argument(
                        epochs <= Long.MAX_VALUE / stepsPerEpoch,
                        "OneCycleLR epochs * steps_per_epoch must fit in a long, but was %d * %d",
                        epochs,
                        stepsPerEpoch);
            } else {
                throw new IllegalArgumentException(
                        "OneCycleLR needs total_steps, or both epochs and steps_per_epoch, but got"
                                + " total_steps=None, epochs="
                                + epochs
                                + ", steps_per_epoch="
                                + stepsPerEpoch);
            }
            Checks.argument(
                    !(pctStart < 0 || pctStart > 1),
                    "OneCycleLR pct_start must be a float between 0 and 1, but was %s",
                    Checks.num(pctStart));
            return new OneCycleLr(this);
        }
    }
}
