package io.github.lrschedulers;

import io.github.lrschedulers.internal.Py;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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

    /**
     * The definition: PyTorch's signature {@code CyclicLR(optimizer, base_lr, max_lr,
     * step_size_up=2000, step_size_down=None, mode='triangular', gamma=1.0, scale_fn=None,
     * scale_mode='cycle', cycle_momentum=True, base_momentum=0.8, max_momentum=0.9)}.
     */
    public static final ScheduleDefinition<CyclicLr> DEFINITION =
            ScheduleDefinition.builder(CyclicLr.class, "CyclicLR", a -> new CyclicLr(normalized(a)))
                    .optUpstream(TORCH, 12)
                    .addRequired(
                            "base_lr",
                            Param.Kind.NUMBERS_PER_GROUP,
                            "the lower rate boundary, for every group or one per group")
                    .addRequired(
                            "max_lr",
                            Param.Kind.NUMBERS_PER_GROUP,
                            "the upper rate boundary, for every group or one per group")
                    .addOptional(
                            "step_size_up",
                            Param.Kind.INTEGER,
                            2000L,
                            "the steps of the rising half of a cycle")
                    .addOptionalNone(
                            "step_size_down",
                            Param.Kind.INTEGER,
                            "the steps of the falling half of a cycle; None for step_size_up")
                    .addOptional(
                            "mode",
                            Param.Kind.STRING,
                            "triangular",
                            "the built-in scaling: 'triangular', 'triangular2' or 'exp_range'")
                    .addOptional("gamma", Param.Kind.NUMBER, 1.0, "the base of exp_range's scaling")
                    .addOptionalNone(
                            "scale_fn",
                            Param.Kind.FUNCTION,
                            "a custom scaling function, which replaces the mode")
                    .addOptional(
                            "scale_mode",
                            Param.Kind.STRING,
                            "cycle",
                            "what scale_fn is evaluated on: 'cycle', else the iteration")
                    .addOptional(
                            "cycle_momentum",
                            Param.Kind.BOOLEAN,
                            true,
                            "whether the momentum cycles inversely to the rate")
                    .addOptional(
                            "base_momentum",
                            Param.Kind.NUMBERS_PER_GROUP,
                            0.8,
                            "the lower momentum boundary, reached at the rate's peak")
                    .addOptional(
                            "max_momentum",
                            Param.Kind.NUMBERS_PER_GROUP,
                            0.9,
                            "the upper momentum boundary, the momentum of the cycle's start")
                    .addLastEpoch()
                    .optLengths("step_size_up", "step_size_down")
                    .build();

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

    /** Creates the schedule from arguments as {@code normalized} returns them. */
    private CyclicLr(Arguments a) {
        super(a);
        this.baseLr = a.getPerGroup("base_lr");
        this.maxLr = a.getPerGroup("max_lr");
        this.stepSizeUp = a.getLong("step_size_up");
        this.stepSizeDown = a.getLongOrNull("step_size_down");
        this.mode = modeOf(a.getString("mode"));
        this.gamma = a.getDouble("gamma");
        this.scaleFn = a.getFunction("scale_fn");
        this.scaleMode = ScaleMode.valueOf(a.getString("scale_mode").toUpperCase(Locale.ROOT));
        this.cycleMomentum = a.getBoolean("cycle_momentum");
        this.baseMomentum = a.getPerGroup("base_momentum");
        this.maxMomentum = a.getPerGroup("max_momentum");
    }

    /**
     * Returns the arguments as PyTorch uses them: a mode it ignores (with a {@code scale_fn}) as
     * the default 'triangular', and any {@code scale_mode} but 'cycle' as 'iterations'.
     *
     * @throws ArgumentException if the mode is unknown and there is no {@code scale_fn}
     */
    private static Arguments normalized(Arguments a) {
        String mode = a.getString("mode");
        Mode m = modeOf(mode);
        // PyTorch ignores the mode when scale_fn is given, and rejects an unknown one else.
        if (m == null && a.getFunction("scale_fn") == null) {
            throw new ArgumentException(
                    "mode",
                    "CyclicLR mode must be 'triangular', 'triangular2' or 'exp_range' when"
                            + " scale_fn is None, but was '"
                            + mode
                            + "'");
        }
        String scaleMode = a.getString("scale_mode").equals("cycle") ? "cycle" : "iterations";
        return a.with("mode", m != null ? lowerName(m) : lowerName(Mode.TRIANGULAR))
                .with("scale_mode", scaleMode);
    }

    /** Returns the mode upstream spells {@code name}, or null if none. */
    private static Mode modeOf(String name) {
        Mode m = null;
        for (Mode v : Mode.values()) {
            if (v.name().equalsIgnoreCase(name) && name.equals(name.toLowerCase(Locale.ROOT))) {
                m = v;
            }
        }
        return m;
    }

    private static String lowerName(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
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
    public Optional<List<Double>> getOwnStartRates() {
        return Optional.of(baseLr.values());
    }

    /** {@inheritDoc} */
    @Override
    public StepUnit getStepUnit() {
        return StepUnit.UPDATE;
    }

    @Override
    Live instantiate(Sim sim) {
        CyclicLive live = new CyclicLive(sim);
        live.init();
        // As PyTorch: the first step used the initial rates, later ones use base_lr.
        live.baseLrs = live.cycleBaseLrs;
        return live;
    }

    /** CyclicLR on a simulated optimizer: its constructor sets the rates to base_lr. */
    private final class CyclicLive extends Live {

        private final double[] cycleBaseLrs;
        private final double[] maxLrs;
        private final double totalSize;
        private final double stepRatio;
        private final boolean byCycle;
        private final double[] baseMomentums;
        private final double[] maxMomentums;

        CyclicLive(Sim sim) {
            super(sim);
            int n = sim.groups;
            String name = getPyTorchName();
            cycleBaseLrs = baseLr.resolveDoubles(name, "base_lr", n);
            System.arraycopy(cycleBaseLrs, 0, sim.lr, 0, n);
            maxLrs = maxLr.resolveDoubles(name, "max_lr", n);
            double up = stepSizeUp;
            double down = stepSizeDown != null ? stepSizeDown : up;
            totalSize = up + down;
            stepRatio = Py.div(up, totalSize);
            if (scaleFn != null) {
                byCycle = scaleMode == ScaleMode.CYCLE;
            } else {
                byCycle = mode != Mode.EXP_RANGE;
            }
            if (cycleMomentum) {
                baseMomentums = baseMomentum.resolveDoubles(name, "base_momentum", n);
                maxMomentums = maxMomentum.resolveDoubles(name, "max_momentum", n);
                for (int g = 0; g < n; g++) {
                    sim.momentum[g] = maxMomentums[g];
                    sim.maxMomentum[g] = maxMomentums[g];
                    sim.baseMomentum[g] = baseMomentums[g];
                }
            } else {
                baseMomentums = null;
                maxMomentums = null;
            }
        }

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
            // Closed form in the step; the built-in scalings raise, if at all, from some cycle on,
            // so at the last step too; a custom scale_fn might raise at any step, and a step ratio
            // of 0 or 1 divides by zero at some steps.
            if (scaleFn != null || !(stepRatio > 0 && stepRatio < 1)) {
                return false;
            }
            skip(k);
            return true;
        }

        @Override
        void getLr(double[] out) {
            double q = Py.div(lastEpoch, totalSize); // PyTorch divides twice: the same quotient
            long cycle = Py.floor(1 + q);
            double x = 1.0 + q - cycle;
            double scaleFactor =
                    x <= stepRatio ? Py.div(x, stepRatio) : Py.div(x - 1, stepRatio - 1);
            long arg = byCycle ? cycle : lastEpoch;
            // scale_fn is pure (LrLambda's contract): one call serves every group and the momentum
            double scale = scale(arg);
            for (int g = 0; g < sim.groups; g++) {
                double baseHeight = (maxLrs[g] - baseLrs[g]) * scaleFactor;
                out[g] = baseLrs[g] + baseHeight * scale;
            }
            if (cycleMomentum) {
                for (int g = 0; g < sim.groups; g++) {
                    double baseHeight = (maxMomentums[g] - baseMomentums[g]) * scaleFactor;
                    sim.momentum[g] = maxMomentums[g] - baseHeight * scale;
                }
            }
        }

        @Override
        void reasons(int group, List<LrReason> out) {
            long cycle = Py.floor(1 + Py.div(lastEpoch, totalSize));
            if (lastEpoch > 0 && cycle != Py.floor(1 + Py.div(lastEpoch - 1, totalSize))) {
                out.add(
                        LrReason.of(
                                        LrReason.Kind.RESTART,
                                        "cycle " + cycle + " started: back to base_lr")
                                .with("cycle", cycle));
            }
        }

        @Override
        void exportState(Map<String, Object> sd) {
            sd.put("max_lrs", StateDict.list(maxLrs));
            sd.put("total_size", totalSize);
            sd.put("step_ratio", stepRatio);
            exportArguments(sd, CyclicLr.this, "mode", "gamma");
            sd.put("scale_mode", byCycle ? "cycle" : "iterations");
            sd.put("cycle_momentum", cycleMomentum);
            if (cycleMomentum) {
                sd.put("use_beta1", false); // SGD; Adam's states say true, which is accepted
                sd.put("base_momentums", StateDict.list(baseMomentums));
                sd.put("max_momentums", StateDict.list(maxMomentums));
            }
            exportBase(sd);
            sd.put("_scale_fn_custom", null); // PyTorch saves None for a function or lambda
        }

        @Override
        void importState(StateDict sd) {
            importBase(sd);
        }
    }

    /** The builder of {@link CyclicLr}. */
    public static final class Builder extends ScheduleBuilder<CyclicLr, Builder> {

        private Builder() {
            super(DEFINITION);
        }

        /**
         * Sets the lower rate boundary, the rate of the cycle's start. Required.
         *
         * @param baseLr the lower boundary
         * @return this builder
         */
        public Builder setBaseLr(double baseLr) {
            return set("base_lr", baseLr);
        }

        /**
         * Sets one lower rate boundary per parameter group.
         *
         * @param baseLrs the lower boundaries
         * @return this builder
         */
        public Builder setBaseLrs(double... baseLrs) {
            return setEach("base_lr", baseLrs);
        }

        /**
         * Sets the upper rate boundary. Required.
         *
         * @param maxLr the upper boundary
         * @return this builder
         */
        public Builder setMaxLr(double maxLr) {
            return set("max_lr", maxLr);
        }

        /**
         * Sets one upper rate boundary per parameter group.
         *
         * @param maxLrs the upper boundaries
         * @return this builder
         */
        public Builder setMaxLrs(double... maxLrs) {
            return setEach("max_lr", maxLrs);
        }

        /**
         * Sets the steps of the rising half of a cycle. Default: 2000 (PyTorch default).
         *
         * @param stepSizeUp the number of steps
         * @return this builder
         */
        public Builder optStepSizeUp(long stepSizeUp) {
            return set("step_size_up", stepSizeUp);
        }

        /**
         * Sets {@code step_size_up} to a length relative to the run, an epoch or updates, which a
         * tracker resolves to steps once it knows the run's length; build with {@link
         * #buildForRun()}.
         *
         * @param length the steps of the rising half, e.g. {@code Length.ofRun(1.0)}
         * @return this builder
         */
        public Builder optStepSizeUp(Length length) {
            return setLength("step_size_up", length);
        }

        /**
         * Sets the steps of the falling half of a cycle. Default: {@code step_size_up} (PyTorch's
         * None).
         *
         * @param stepSizeDown the number of steps
         * @return this builder
         */
        public Builder optStepSizeDown(long stepSizeDown) {
            return set("step_size_down", stepSizeDown);
        }

        /**
         * Sets {@code step_size_down} to a length relative to the run, an epoch or updates, which a
         * tracker resolves to steps once it knows the run's length; build with {@link
         * #buildForRun()}.
         *
         * @param length the steps of the falling half, e.g. {@code Length.ofRun(1.0)}
         * @return this builder
         */
        public Builder optStepSizeDown(Length length) {
            return setLength("step_size_down", length);
        }

        /**
         * Sets the built-in scaling policy. Default: {@link Mode#TRIANGULAR} (PyTorch default).
         *
         * @param mode the policy
         * @return this builder
         */
        public Builder optMode(Mode mode) {
            return set("mode", lowerName(Objects.requireNonNull(mode, "mode")));
        }

        /**
         * Sets the base of {@code exp_range}'s scaling. Default: 1.0 (PyTorch default).
         *
         * @param gamma the base
         * @return this builder
         */
        public Builder optGamma(double gamma) {
            return set("gamma", gamma);
        }

        /**
         * Sets a custom scaling function, which replaces the mode. Default: none.
         *
         * @param scaleFn the function of the cycle or iteration, or null
         * @return this builder
         */
        public Builder optScaleFn(LrLambda scaleFn) {
            return set("scale_fn", scaleFn);
        }

        /**
         * Sets what a custom scaling function is evaluated on. Default: {@link ScaleMode#CYCLE}
         * (PyTorch default); ignored without a custom function.
         *
         * @param scaleMode the scale mode
         * @return this builder
         */
        public Builder optScaleMode(ScaleMode scaleMode) {
            return set("scale_mode", lowerName(Objects.requireNonNull(scaleMode, "scaleMode")));
        }

        /**
         * Sets whether the momentum cycles inversely to the rate. Default: true (PyTorch default).
         *
         * @param cycleMomentum whether to cycle the momentum
         * @return this builder
         */
        public Builder optCycleMomentum(boolean cycleMomentum) {
            return set("cycle_momentum", cycleMomentum);
        }

        /**
         * Sets the lower momentum boundary, reached at the rate's peak. Default: 0.8 (PyTorch
         * default).
         *
         * @param baseMomentum the lower boundary
         * @return this builder
         */
        public Builder optBaseMomentum(double baseMomentum) {
            return set("base_momentum", baseMomentum);
        }

        /**
         * Sets one lower momentum boundary per parameter group.
         *
         * @param baseMomentums the lower boundaries
         * @return this builder
         */
        public Builder optBaseMomentums(double... baseMomentums) {
            return setEach("base_momentum", baseMomentums);
        }

        /**
         * Sets the upper momentum boundary, the momentum of the cycle's start. Default: 0.9
         * (PyTorch default).
         *
         * @param maxMomentum the upper boundary
         * @return this builder
         */
        public Builder optMaxMomentum(double maxMomentum) {
            return set("max_momentum", maxMomentum);
        }

        /**
         * Sets one upper momentum boundary per parameter group.
         *
         * @param maxMomentums the upper boundaries
         * @return this builder
         */
        public Builder optMaxMomentums(double... maxMomentums) {
            return setEach("max_momentum", maxMomentums);
        }
    }
}
