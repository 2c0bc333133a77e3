package io.github.lrschedulers;

import io.github.lrschedulers.internal.Py;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

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

    /**
     * The definition: PyTorch's signature {@code OneCycleLR(optimizer, max_lr, total_steps=None,
     * epochs=None, steps_per_epoch=None, pct_start=0.3, anneal_strategy='cos', cycle_momentum=True,
     * base_momentum=0.85, max_momentum=0.95, div_factor=25.0, final_div_factor=1e4,
     * three_phase=False)}.
     */
    public static final ScheduleDefinition<OneCycleLr> DEFINITION =
            ScheduleDefinition.builder(OneCycleLr.class, "OneCycleLR", OneCycleLr::new)
                    .optUpstream(TORCH, 14)
                    .addRequired(
                            "max_lr",
                            Param.Kind.NUMBERS_PER_GROUP,
                            "the peak rate, for every group or one per group")
                    .addOptionalNone(
                            "total_steps",
                            Param.Kind.INT,
                            "the number of steps of the cycle; else epochs * steps_per_epoch")
                    .addOptionalNone(
                            "epochs",
                            Param.Kind.INT,
                            "the number of epochs, with steps_per_epoch when total_steps is None")
                    .addOptionalNone(
                            "steps_per_epoch",
                            Param.Kind.INT,
                            "the steps per epoch, with epochs when total_steps is None")
                    .addOptional(
                            "pct_start",
                            Param.Kind.FLOAT,
                            0.3,
                            "the fraction of the cycle spent rising")
                    .addOptional(
                            "anneal_strategy",
                            Param.Kind.STRING,
                            "cos",
                            "'cos' or 'linear': how the value moves within a phase")
                    .addOptional(
                            "cycle_momentum",
                            Param.Kind.BOOLEAN,
                            true,
                            "whether the momentum moves inversely to the rate")
                    .addOptional(
                            "base_momentum",
                            Param.Kind.NUMBERS_PER_GROUP,
                            0.85,
                            "the lowest momentum, reached at the peak rate")
                    .addOptional(
                            "max_momentum",
                            Param.Kind.NUMBERS_PER_GROUP,
                            0.95,
                            "the highest momentum, at the start and end")
                    .addOptional(
                            "div_factor",
                            Param.Kind.NUMBER,
                            25.0,
                            "the divisor of the initial rate: initial_lr = max_lr / div_factor")
                    .addOptional(
                            "final_div_factor",
                            Param.Kind.NUMBER,
                            1e4,
                            "the divisor of the final rate: min_lr = initial_lr / final_div_factor")
                    .addOptional(
                            "three_phase",
                            Param.Kind.BOOLEAN,
                            false,
                            "whether a third phase anneals below the initial rate")
                    .addLastEpoch()
                    .optLengths("total_steps")
                    .build();

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
    private final long totalSteps;
    private final double pctStart;
    private final AnnealStrategy annealStrategy;
    private final boolean cycleMomentum;
    private final PerGroup<Double> baseMomentum;
    private final PerGroup<Double> maxMomentum;
    private final double divFactor;
    private final double finalDivFactor;
    private final boolean threePhase;

    private OneCycleLr(Arguments a) {
        super(a);
        // Checked in this order: max_lr, anneal_strategy, the momentums, the steps, pct_start.
        this.maxLr = a.getPerGroup("max_lr");
        String strategy = a.getString("anneal_strategy");
        if (!strategy.equals("cos") && !strategy.equals("linear")) {
            throw new ArgumentException(
                    "anneal_strategy",
                    "OneCycleLR anneal_strategy must be 'cos' or 'linear', but was '"
                            + strategy
                            + "'");
        }
        this.annealStrategy = strategy.equals("cos") ? AnnealStrategy.COS : AnnealStrategy.LINEAR;
        this.baseMomentum = a.getPerGroup("base_momentum");
        this.maxMomentum = a.getPerGroup("max_momentum");
        this.totalSteps =
                totalSteps(
                        a.getLongOrNull("total_steps"),
                        a.getLongOrNull("epochs"),
                        a.getLongOrNull("steps_per_epoch"));
        this.pctStart = a.getDouble("pct_start");
        this.cycleMomentum = a.getBoolean("cycle_momentum");
        this.divFactor = a.getDouble("div_factor");
        this.finalDivFactor = a.getDouble("final_div_factor");
        this.threePhase = a.getBoolean("three_phase");
        Checks.argument(
                !(pctStart < 0 || pctStart > 1),
                "OneCycleLR pct_start must be a float between 0 and 1, but was %s",
                Checks.num(pctStart));
    }

    /** Returns {@code total_steps}, or {@code epochs * steps_per_epoch}, checking them. */
    private static long totalSteps(Long totalSteps, Long epochs, Long stepsPerEpoch) {
        if (totalSteps != null) {
            Checks.argument(
                    totalSteps > 0,
                    "OneCycleLR total_steps must be a positive integer, but was %d",
                    totalSteps);
            return totalSteps;
        }
        if (epochs == null || stepsPerEpoch == null) {
            throw new IllegalArgumentException(
                    "OneCycleLR needs total_steps, or both epochs and steps_per_epoch, but got"
                            + " total_steps=None, epochs="
                            + epochs
                            + ", steps_per_epoch="
                            + stepsPerEpoch);
        }
        Checks.argument(
                epochs > 0, "OneCycleLR epochs must be a positive integer, but was %d", epochs);
        Checks.argument(
                stepsPerEpoch > 0,
                "OneCycleLR steps_per_epoch must be a positive integer, but was %d",
                stepsPerEpoch);
        Checks.argument(
                epochs <= Long.MAX_VALUE / stepsPerEpoch,
                "OneCycleLR epochs * steps_per_epoch must fit in a long, but was %d * %d",
                epochs,
                stepsPerEpoch);
        return epochs * stepsPerEpoch;
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
    public Optional<List<Double>> getOwnStartRates() {
        return Optional.of(maxLr.values());
    }

    /** {@inheritDoc} */
    @Override
    public StepUnit getStepUnit() {
        return StepUnit.UPDATE;
    }

    /** {@inheritDoc} */
    @Override
    public OptionalLong getStepLimit() {
        return OptionalLong.of(totalSteps);
    }

    private static final int INITIAL_LR = 0;
    private static final int MAX_LR = 1;
    private static final int MIN_LR = 2;
    private static final String[] KEY_NAMES = {"initial_lr", "max_lr", "min_lr"};
    private static final int MAX_MOMENTUM = 0;
    private static final int BASE_MOMENTUM = 1;

    @Override
    Live instantiate(Sim sim) {
        return new OneCycleLive(sim).init();
    }

    /**
     * OneCycleLR on a simulated optimizer: its constructor sets the initial, peak and final rates
     * and the momentums of every group.
     */
    private final class OneCycleLive extends Live {

        private final double[] endSteps;
        private final int[][] lrKeys;
        private final int[][] momentumKeys;

        OneCycleLive(Sim sim) {
            super(sim);
            int n = sim.groups;
            double[] ends;
            if (threePhase) {
                ends = new double[] {pctStart * totalSteps - 1, 2 * pctStart * totalSteps - 2};
                lrKeys =
                        new int[][] {
                            {INITIAL_LR, MAX_LR}, {MAX_LR, INITIAL_LR}, {INITIAL_LR, MIN_LR}
                        };
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
            endSteps = Arrays.copyOf(ends, ends.length + 1);
            endSteps[ends.length] = totalSteps - 1;

            String name = getPyTorchName();
            double[] maxLrs = maxLr.resolveDoubles(name, "max_lr", n);
            for (int g = 0; g < n; g++) {
                sim.initialLr[g] = Py.div(maxLrs[g], divFactor);
                sim.hasInitialLr[g] = true;
                sim.maxLr[g] = maxLrs[g];
                sim.minLr[g] = Py.div(sim.initialLr[g], finalDivFactor);
            }
            if (cycleMomentum) {
                double[] maxMomentums = maxMomentum.resolveDoubles(name, "max_momentum", n);
                double[] baseMomentums = baseMomentum.resolveDoubles(name, "base_momentum", n);
                for (int g = 0; g < n; g++) {
                    sim.momentum[g] = maxMomentums[g];
                    sim.maxMomentum[g] = maxMomentums[g];
                    sim.baseMomentum[g] = baseMomentums[g];
                }
            }
        }

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
            // Closed form in the step; only a phase of zero length divides by zero, at its steps
            // alone, and stepping past total_steps raises at the last step too.
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
            // The phase and its pct are the same for every group: found once per step.
            double startStep = 0.0;
            int i = 0;
            while (!(stepNum <= endSteps[i] || i == endSteps.length - 1)) {
                startStep = endSteps[i];
                i++;
            }
            double pct = Py.div(stepNum - startStep, endSteps[i] - startStep);
            for (int g = 0; g < sim.groups; g++) {
                out[g] = anneal(lrKey(lrKeys[i][0], g), lrKey(lrKeys[i][1], g), pct);
                if (cycleMomentum) {
                    sim.momentum[g] =
                            anneal(
                                    momentumKey(momentumKeys[i][0], g),
                                    momentumKey(momentumKeys[i][1], g),
                                    pct);
                }
            }
        }

        /** Returns the phase of a step, from 0: the one {@link #getLr} anneals in. */
        private int phase(long stepNum) {
            int i = 0;
            while (i < endSteps.length - 1 && stepNum > endSteps[i]) {
                i++;
            }
            return i;
        }

        @Override
        void reasons(int group, List<LrReason> out) {
            int phase = phase(lastEpoch);
            if (lastEpoch > 0 && phase != phase(lastEpoch - 1)) {
                out.add(
                        LrReason.of(
                                        LrReason.Kind.PHASE,
                                        "phase "
                                                + (phase + 1)
                                                + " of "
                                                + endSteps.length
                                                + " began: "
                                                + KEY_NAMES[lrKeys[phase][0]]
                                                + " → "
                                                + KEY_NAMES[lrKeys[phase][1]])
                                .with("phase", phase + 1L));
            }
        }

        @Override
        void exportState(Map<String, Object> sd) {
            sd.put("total_steps", totalSteps);
            String[] lrNames = {"initial_lr", "max_lr", "min_lr"};
            String[] momentumNames = {"max_momentum", "base_momentum"};
            List<Object> phases = new ArrayList<>();
            for (int i = 0; i < endSteps.length; i++) {
                Map<String, Object> p = new LinkedHashMap<>();
                boolean last = i == endSteps.length - 1;
                p.put("end_step", last ? (Object) (long) endSteps[i] : (Object) endSteps[i]);
                p.put("start_lr", lrNames[lrKeys[i][0]]);
                p.put("end_lr", lrNames[lrKeys[i][1]]);
                p.put("start_momentum", momentumNames[momentumKeys[i][0]]);
                p.put("end_momentum", momentumNames[momentumKeys[i][1]]);
                phases.add(p);
            }
            sd.put("_schedule_phases", phases);
            sd.put("_anneal_func_type", annealStrategy == AnnealStrategy.COS ? "cos" : "linear");
            sd.put("cycle_momentum", cycleMomentum);
            if (cycleMomentum) {
                sd.put("use_beta1", false); // SGD; Adam's states say true, which is accepted
            }
            exportBase(sd);
        }

        @Override
        void importState(StateDict sd) {
            importBase(sd);
        }

        @Override
        void groupKeys(Set<String> keys) {
            keys.add("max_lr");
            keys.add("min_lr");
            if (cycleMomentum) {
                keys.add("max_momentum");
                keys.add("base_momentum");
            }
        }
    }

    /** The builder of {@link OneCycleLr}. */
    public static final class Builder extends ScheduleBuilder<OneCycleLr, Builder> {

        private Builder() {
            super(DEFINITION);
        }

        /**
         * Sets the peak rate. Required.
         *
         * @param maxLr the peak rate
         * @return this builder
         */
        public Builder setMaxLr(double maxLr) {
            return set("max_lr", maxLr);
        }

        /**
         * Sets one peak rate per parameter group.
         *
         * @param maxLrs the peak rates
         * @return this builder
         */
        public Builder setMaxLrs(double... maxLrs) {
            return setEach("max_lr", maxLrs);
        }

        /**
         * Sets the number of steps of the cycle. Either this or both epochs and steps per epoch.
         *
         * @param totalSteps the number of steps, positive
         * @return this builder
         */
        public Builder optTotalSteps(long totalSteps) {
            return set("total_steps", totalSteps);
        }

        /**
         * Sets {@code total_steps} to a length relative to the run, an epoch or updates, which a
         * tracker resolves to steps once it knows the run's length; build with {@link
         * #buildForRun()}.
         *
         * @param length the number of steps of the cycle, e.g. {@code Length.ofRun(1.0)}
         * @return this builder
         */
        public Builder optTotalSteps(Length length) {
            return setLength("total_steps", length);
        }

        /**
         * Sets the number of epochs, used with {@link #optStepsPerEpoch(long)} when total steps are
         * not set.
         *
         * @param epochs the number of epochs, positive
         * @return this builder
         */
        public Builder optEpochs(long epochs) {
            return set("epochs", epochs);
        }

        /**
         * Sets the number of steps per epoch, used with {@link #optEpochs(long)} when total steps
         * are not set.
         *
         * @param stepsPerEpoch the number of steps per epoch, positive
         * @return this builder
         */
        public Builder optStepsPerEpoch(long stepsPerEpoch) {
            return set("steps_per_epoch", stepsPerEpoch);
        }

        /**
         * Sets the fraction of the cycle spent rising. Default: 0.3 (PyTorch default).
         *
         * @param pctStart the fraction, in [0, 1]
         * @return this builder
         */
        public Builder optPctStart(double pctStart) {
            return set("pct_start", pctStart);
        }

        /**
         * Sets how the value moves within a phase. Default: {@link AnnealStrategy#COS} (PyTorch
         * default).
         *
         * @param annealStrategy the strategy
         * @return this builder
         */
        public Builder optAnnealStrategy(AnnealStrategy annealStrategy) {
            return set(
                    "anneal_strategy",
                    Objects.requireNonNull(annealStrategy, "annealStrategy")
                            .name()
                            .toLowerCase(Locale.ROOT));
        }

        /**
         * Sets whether the momentum moves inversely to the rate. Default: true (PyTorch default).
         *
         * @param cycleMomentum whether to cycle the momentum
         * @return this builder
         */
        public Builder optCycleMomentum(boolean cycleMomentum) {
            return set("cycle_momentum", cycleMomentum);
        }

        /**
         * Sets the lowest momentum, reached at the peak rate. Default: 0.85 (PyTorch default).
         *
         * @param baseMomentum the lowest momentum
         * @return this builder
         */
        public Builder optBaseMomentum(double baseMomentum) {
            return set("base_momentum", baseMomentum);
        }

        /**
         * Sets one lowest momentum per parameter group.
         *
         * @param baseMomentums the lowest momentums
         * @return this builder
         */
        public Builder optBaseMomentums(double... baseMomentums) {
            return setEach("base_momentum", baseMomentums);
        }

        /**
         * Sets the highest momentum, at the start and end. Default: 0.95 (PyTorch default).
         *
         * @param maxMomentum the highest momentum
         * @return this builder
         */
        public Builder optMaxMomentum(double maxMomentum) {
            return set("max_momentum", maxMomentum);
        }

        /**
         * Sets one highest momentum per parameter group.
         *
         * @param maxMomentums the highest momentums
         * @return this builder
         */
        public Builder optMaxMomentums(double... maxMomentums) {
            return setEach("max_momentum", maxMomentums);
        }

        /**
         * Sets the divisor of the initial rate: {@code initial_lr = max_lr / div_factor}. Default:
         * 25.0 (PyTorch default).
         *
         * @param divFactor the divisor
         * @return this builder
         */
        public Builder optDivFactor(double divFactor) {
            return set("div_factor", divFactor);
        }

        /**
         * Sets the divisor of the final rate: {@code min_lr = initial_lr / final_div_factor}.
         * Default: 1e4 (PyTorch default).
         *
         * @param finalDivFactor the divisor
         * @return this builder
         */
        public Builder optFinalDivFactor(double finalDivFactor) {
            return set("final_div_factor", finalDivFactor);
        }

        /**
         * Sets whether a third phase anneals below the initial rate, as in the paper. Default:
         * false (PyTorch default).
         *
         * @param threePhase whether to use three phases
         * @return this builder
         */
        public Builder optThreePhase(boolean threePhase) {
            return set("three_phase", threePhase);
        }
    }
}
