package io.github.lrschedulers;

import io.github.lrschedulers.internal.Py;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Cycles the rate of each parameter group between {@code base_lr} and {@code max_lr}, and the
 * momentum inversely between {@code max_momentum} and {@code base_momentum}.
 *
 * <p>PyTorch equivalent: {@code torch.optim.lr_scheduler.CyclicLR} (Smith, <a
 * href="https://arxiv.org/abs/1506.01186">Cyclical Learning Rates for Training Neural
 * Networks</a>). Closed form, per step {@code e}:
 *
 * <pre>{@code
 * cycle = floor(1 + e / (step_size_up + step_size_down))
 * x     = 1.0 + e / total_size - cycle
 * scale = x / step_ratio  if x <= step_ratio  else (x - 1) / (step_ratio - 1)
 * lr    = base_lr + (max_lr - base_lr) * scale * scale_fn(cycle or e)
 * }</pre>
 *
 * <p>{@code scale_fn} is 1 ({@code triangular}), {@code 1 / 2 ** (cycle - 1)} ({@code
 * triangular2}), {@code gamma ** e} ({@code exp_range}) or a custom function, which then replaces
 * {@code mode}. With {@code cycle_momentum} (the default) the tracker also gives the momentum of
 * every update ({@link LrTracker#getMomentum(int, int)}).
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.CyclicLR.html">
 *     PyTorch CyclicLR</a>
 */
public final class CyclicLr extends Schedule {

    static final String NAME = "CyclicLR";

    /** The built-in scaling policies. */
    public enum Mode {
        /** No amplitude scaling. */
        TRIANGULAR,
        /** The amplitude halves every cycle. */
        TRIANGULAR2,
        /** The amplitude scales by {@code gamma ** iteration}. */
        EXP_RANGE
    }

    /** What a custom {@code scale_fn} is evaluated on. */
    public enum ScaleMode {
        /** The cycle number, from 1. */
        CYCLE,
        /** The iteration (scheduler step). */
        ITERATIONS
    }

    private final PerGroup<Double> baseLr;
    private final PerGroup<Double> maxLr;
    private final long stepSizeUp;
    private final Long stepSizeDown;
    private final Mode mode;
    private final double gamma;
    private final LrLambda scaleFn;
    private final ScaleMode scaleMode;
    private final boolean cycleMomentum;
    private final PerGroup<Double> baseMomentum;
    private final PerGroup<Double> maxMomentum;

    private CyclicLr(Builder b) {
        this.baseLr = b.baseLr;
        this.maxLr = b.maxLr;
        this.stepSizeUp = b.stepSizeUp;
        this.stepSizeDown = b.stepSizeDown;
        this.mode = b.mode;
        this.gamma = b.gamma;
        this.scaleFn = b.scaleFn;
        this.scaleMode = b.scaleMode;
        this.cycleMomentum = b.cycleMomentum;
        this.baseMomentum = b.baseMomentum;
        this.maxMomentum = b.maxMomentum;
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

    /** {@inheritDoc} */
    @Override
    public java.util.Optional<List<Double>> getOwnStartRates() {
        return java.util.Optional.of(baseLr.values());
    }

    /** {@inheritDoc} */
    @Override
    public StepUnit getStepUnit() {
        return StepUnit.UPDATE;
    }

    @Override
    void addArguments(List<Map.Entry<String, Object>> args) {
        args.add(arg("base_lr", baseLr.toArgument()));
        args.add(arg("max_lr", maxLr.toArgument()));
        args.add(arg("step_size_up", stepSizeUp));
        args.add(arg("step_size_down", stepSizeDown));
        args.add(arg("mode", mode.name().toLowerCase(Locale.ROOT)));
        args.add(arg("gamma", gamma));
        args.add(arg("scale_fn", scaleFn));
        args.add(arg("scale_mode", scaleMode.name().toLowerCase(Locale.ROOT)));
        args.add(arg("cycle_momentum", cycleMomentum));
        args.add(arg("base_momentum", baseMomentum.toArgument()));
        args.add(arg("max_momentum", maxMomentum.toArgument()));
    }

    @Override
    Live instantiate(Sim sim) {
        int n = sim.groups;
        double[] baseLrs = baseLr.resolveDoubles(NAME, "base_lr", n);
        System.arraycopy(baseLrs, 0, sim.lr, 0, n);
        double[] maxLrs = maxLr.resolveDoubles(NAME, "max_lr", n);
        double up = stepSizeUp;
        double down = stepSizeDown != null ? stepSizeDown : up;
        double totalSize = up + down;
        double stepRatio = Py.div(up, totalSize);
        boolean byCycle;
        if (scaleFn != null) {
            byCycle = scaleMode == ScaleMode.CYCLE;
        } else {
            byCycle = mode != Mode.EXP_RANGE;
        }
        double[] baseMomentums;
        double[] maxMomentums;
        if (cycleMomentum) {
            baseMomentums = baseMomentum.resolveDoubles(NAME, "base_momentum", n);
            maxMomentums = maxMomentum.resolveDoubles(NAME, "max_momentum", n);
            for (int g = 0; g < n; g++) {
                sim.momentum[g] = maxMomentums[g];
                sim.maxMomentum[g] = maxMomentums[g];
                sim.baseMomentum[g] = baseMomentums[g];
            }
        } else {
            baseMomentums = null;
            maxMomentums = null;
        }
        Live live =
                new Live(sim) {
                    private double scale(long x) {
                        if (scaleFn != null) {
                            return scaleFn.apply(x);
                        }
                        switch (mode) {
                            case TRIANGULAR2:
                                return Py.div(1, Py.pow(2.0, x - 1));
                            case EXP_RANGE:
                                return Py.pow(gamma, x);
                            default:
                                return 1.0;
                        }
                    }

                    @Override
                    boolean jump(long k) {
                        // Closed form in the step; the built-in scalings raise, if at all, from
                        // some cycle on, so at the last step too; a custom scale_fn might raise
                        // at any step, and a step ratio of 0 or 1 divides by zero at some steps.
                        if (scaleFn != null || !(stepRatio > 0 && stepRatio < 1)) {
                            return false;
                        }
                        skip(k);
                        return true;
                    }

                    @Override
                    void getLr(double[] out) {
                        long cycle = Py.floor(1 + Py.div(lastEpoch, totalSize));
                        double x = 1.0 + Py.div(lastEpoch, totalSize) - cycle;
                        double scaleFactor =
                                x <= stepRatio
                                        ? Py.div(x, stepRatio)
                                        : Py.div(x - 1, stepRatio - 1);
                        long arg = byCycle ? cycle : lastEpoch;
                        for (int g = 0; g < sim.groups; g++) {
                            double baseHeight = (maxLrs[g] - baseLrs[g]) * scaleFactor;
                            out[g] = baseLrs[g] + baseHeight * scale(arg);
                        }
                        if (cycleMomentum) {
                            for (int g = 0; g < sim.groups; g++) {
                                double baseHeight =
                                        (maxMomentums[g] - baseMomentums[g]) * scaleFactor;
                                sim.momentum[g] = maxMomentums[g] - baseHeight * scale(arg);
                            }
                        }
                    }
                };
        live.init();
        live.baseLrs = baseLrs;
        return live;
    }

    /** The builder of {@link CyclicLr}. */
    public static final class Builder {

        private PerGroup<Double> baseLr;
        private PerGroup<Double> maxLr;
        private long stepSizeUp = 2000;
        private Long stepSizeDown;
        private Mode mode = Mode.TRIANGULAR;
        private double gamma = 1.0;
        private LrLambda scaleFn;
        private ScaleMode scaleMode = ScaleMode.CYCLE;
        private boolean cycleMomentum = true;
        private PerGroup<Double> baseMomentum = PerGroup.doubles(0.8);
        private PerGroup<Double> maxMomentum = PerGroup.doubles(0.9);

        private Builder() {}

        /**
         * Sets the lower rate boundary, the rate of the cycle's start. Required.
         *
         * @param baseLr the lower boundary
         * @return this builder
         */
        public Builder setBaseLr(double baseLr) {
            this.baseLr = PerGroup.doubles(baseLr);
            return this;
        }

        /**
         * Sets one lower rate boundary per parameter group.
         *
         * @param baseLrs the lower boundaries
         * @return this builder
         */
        public Builder setBaseLrs(double... baseLrs) {
            this.baseLr = PerGroup.doubles("CyclicLR base_lr", baseLrs);
            return this;
        }

        /**
         * Sets the upper rate boundary. Required.
         *
         * @param maxLr the upper boundary
         * @return this builder
         */
        public Builder setMaxLr(double maxLr) {
            this.maxLr = PerGroup.doubles(maxLr);
            return this;
        }

        /**
         * Sets one upper rate boundary per parameter group.
         *
         * @param maxLrs the upper boundaries
         * @return this builder
         */
        public Builder setMaxLrs(double... maxLrs) {
            this.maxLr = PerGroup.doubles("CyclicLR max_lr", maxLrs);
            return this;
        }

        /**
         * Sets the steps of the rising half of a cycle. Default: 2000 (PyTorch default).
         *
         * @param stepSizeUp the number of steps
         * @return this builder
         */
        public Builder optStepSizeUp(long stepSizeUp) {
            this.stepSizeUp = stepSizeUp;
            return this;
        }

        /**
         * Sets the steps of the falling half of a cycle. Default: {@code step_size_up} (PyTorch's
         * None).
         *
         * @param stepSizeDown the number of steps, or null for {@code step_size_up}
         * @return this builder
         */
        public Builder optStepSizeDown(Long stepSizeDown) {
            this.stepSizeDown = stepSizeDown;
            return this;
        }

        /**
         * Sets the built-in scaling policy. Default: {@link Mode#TRIANGULAR} (PyTorch default).
         *
         * @param mode the policy
         * @return this builder
         */
        public Builder optMode(Mode mode) {
            this.mode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * Sets the base of {@code exp_range}'s scaling. Default: 1.0 (PyTorch default).
         *
         * @param gamma the base
         * @return this builder
         */
        public Builder optGamma(double gamma) {
            this.gamma = gamma;
            return this;
        }

        /**
         * Sets a custom scaling function, which replaces the mode. Default: none.
         *
         * @param scaleFn the function of the cycle or iteration, or null
         * @return this builder
         */
        public Builder optScaleFn(LrLambda scaleFn) {
            this.scaleFn = scaleFn;
            return this;
        }

        /**
         * Sets what a custom scaling function is evaluated on. Default: {@link ScaleMode#CYCLE}
         * (PyTorch default); ignored without a custom function.
         *
         * @param scaleMode the scale mode
         * @return this builder
         */
        public Builder optScaleMode(ScaleMode scaleMode) {
            this.scaleMode = Objects.requireNonNull(scaleMode, "scaleMode");
            return this;
        }

        /**
         * Sets whether the momentum cycles inversely to the rate. Default: true (PyTorch default).
         *
         * @param cycleMomentum whether to cycle the momentum
         * @return this builder
         */
        public Builder optCycleMomentum(boolean cycleMomentum) {
            this.cycleMomentum = cycleMomentum;
            return this;
        }

        /**
         * Sets the lower momentum boundary, reached at the rate's peak. Default: 0.8 (PyTorch
         * default).
         *
         * @param baseMomentum the lower boundary
         * @return this builder
         */
        public Builder optBaseMomentum(double baseMomentum) {
            this.baseMomentum = PerGroup.doubles(baseMomentum);
            return this;
        }

        /**
         * Sets one lower momentum boundary per parameter group.
         *
         * @param baseMomentums the lower boundaries
         * @return this builder
         */
        public Builder optBaseMomentums(double... baseMomentums) {
            this.baseMomentum = PerGroup.doubles("CyclicLR base_momentum", baseMomentums);
            return this;
        }

        /**
         * Sets the upper momentum boundary, the momentum of the cycle's start. Default: 0.9
         * (PyTorch default).
         *
         * @param maxMomentum the upper boundary
         * @return this builder
         */
        public Builder optMaxMomentum(double maxMomentum) {
            this.maxMomentum = PerGroup.doubles(maxMomentum);
            return this;
        }

        /**
         * Sets one upper momentum boundary per parameter group.
         *
         * @param maxMomentums the upper boundaries
         * @return this builder
         */
        public Builder optMaxMomentums(double... maxMomentums) {
            this.maxMomentum = PerGroup.doubles("CyclicLR max_momentum", maxMomentums);
            return this;
        }

        /**
         * Builds the schedule.
         *
         * @return the schedule
         * @throws IllegalArgumentException if base_lr or max_lr is missing
         */
        public CyclicLr build() {
            Checks.argument(baseLr != null, "CyclicLR base_lr must be set");
            Checks.argument(maxLr != null, "CyclicLR max_lr must be set");
            return new CyclicLr(this);
        }
    }
}
