package io.github.lrschedulers;

import io.github.lrschedulers.internal.Py;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Anneals the rate of each parameter group from where it is to a fixed {@code swa_lr} over {@code
 * anneal_epochs} steps, then holds it: the rate of the Stochastic Weight Averaging phase (Izmailov
 * et al., <a href="https://arxiv.org/abs/1803.05407">Averaging Weights Leads to Wider Optima and
 * Better Generalization</a>).
 *
 * <p>PyTorch equivalent: {@code torch.optim.swa_utils.SWALR}. Chainable, as PyTorch computes it
 * from the scheduler's {@code _step_count} and the group's current rate: with {@code t = clamp(step
 * / max(1, anneal_epochs), 0, 1)} and {@code alpha = anneal(t)} ({@code (1 - cos(pi * t)) / 2} or
 * {@code t}), the rate the annealing started from is recovered from the current one and the last
 * step's {@code alpha}, and the new rate is {@code swa_lr * alpha + start * (1 - alpha)}. Usually
 * run after another schedule, e.g. {@code SequentialLR(schedulers=[CosineAnnealingLR(T_max=75),
 * SWALR(swa_lr=0.05)], milestones=[75])}.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.optim.swa_utils.SWALR.html">PyTorch
 *     SWALR</a>
 */
public final class SwaLr extends Schedule {

    /** How the rate moves from its start to {@code swa_lr}. */
    public enum AnnealStrategy {
        /** Along a half cosine. */
        COS,
        /** Linearly. */
        LINEAR
    }

    /**
     * The definition: PyTorch's signature {@code SWALR(optimizer, swa_lr, anneal_epochs=10,
     * anneal_strategy='cos', last_epoch=-1)}.
     */
    public static final ScheduleDefinition<SwaLr> DEFINITION =
            ScheduleDefinition.builder(SwaLr.class, "SWALR", SwaLr::new)
                    .optUpstream("torch.optim.swa_utils", 0)
                    .addRequired(
                            "swa_lr",
                            Param.Kind.NUMBERS_PER_GROUP,
                            "the rate held after the annealing, for all groups or per group")
                    .addOptional(
                            "anneal_epochs",
                            Param.Kind.INT,
                            10L,
                            "scheduler steps of the annealing (0: at once)")
                    .addOptional(
                            "anneal_strategy",
                            Param.Kind.STRING,
                            "cos",
                            "'cos' or 'linear': how the rate moves to swa_lr")
                    .addLastEpoch()
                    .optLengths("anneal_epochs")
                    .build();

    private final PerGroup<Double> swaLr;
    private final long annealEpochs;
    private final boolean cos;

    private SwaLr(Arguments a) {
        super(a);
        this.swaLr = a.getPerGroup("swa_lr");
        this.annealEpochs = a.getLong("anneal_epochs");
        String strategy = a.getString("anneal_strategy");
        if (!strategy.equals("cos") && !strategy.equals("linear")) {
            throw new ArgumentException(
                    "anneal_strategy",
                    "SWALR anneal_strategy must be 'cos' or 'linear', but was '" + strategy + "'");
        }
        this.cos = strategy.equals("cos");
        Checks.argument(
                annealEpochs >= 0,
                "SWALR anneal_epochs must be an int >= 0, but was %d",
                annealEpochs);
    }

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    Live instantiate(Sim sim) {
        double[] swa = sim.groupKey("swa_lr");
        double[] values = swaLr.resolveDoubles("SWALR", "swa_lr", sim.groups);
        System.arraycopy(values, 0, swa, 0, sim.groups);
        return new SwaLive(sim, swa).init();
    }

    /** {@code anneal_func(t)}. */
    private double anneal(double t) {
        return cos ? (1 - Py.cos(Math.PI * t)) / 2 : t;
    }

    /** {@code max(0, min(1, n / max(1, anneal_epochs)))}, a Python int or float. */
    private double fraction(long n) {
        double t = Py.div(n, Math.max(1, annealEpochs));
        return Math.max(0, Math.min(1, t));
    }

    /** SWALR on a simulated optimizer. */
    private final class SwaLive extends Live {

        private final double[] swa;

        SwaLive(Sim sim, double[] swa) {
            super(sim);
            this.swa = swa;
        }

        @Override
        void getLr(double[] out) {
            long step = stepCount - 1L;
            if (annealEpochs == 0) {
                step = Math.max(1, step);
            }
            double prevAlpha = anneal(fraction(step - 1));
            double alpha = anneal(fraction(step));
            for (int g = 0; g < sim.groups; g++) {
                double start =
                        prevAlpha == 1
                                ? swa[g]
                                : Py.div(sim.lr[g] - prevAlpha * swa[g], 1 - prevAlpha);
                out[g] = swa[g] * alpha + start * (1 - alpha);
            }
        }

        @Override
        void reasons(int group, List<LrReason> out) {
            long step = stepCount - 1L;
            if (annealEpochs == 0) {
                step = Math.max(1, step);
            }
            if (step > 0 && fraction(step) >= 1 && fraction(step - 1) < 1) {
                out.add(
                        LrReason.of(
                                        LrReason.Kind.PHASE,
                                        "annealing ended after anneal_epochs="
                                                + annealEpochs
                                                + ": swa_lr="
                                                + LrReason.num(swa[group])
                                                + " from now on")
                                .with("anneal_epochs", annealEpochs)
                                .with("swa_lr", swa[group]));
            }
        }

        @Override
        void exportState(Map<String, Object> sd) {
            sd.put("_anneal_strategy", getArguments().get("anneal_strategy"));
            exportArguments(sd, SwaLr.this, "anneal_epochs");
            exportBase(sd);
        }

        @Override
        void importState(StateDict sd) {
            importBase(sd);
        }

        @Override
        void groupKeys(Set<String> keys) {
            keys.add("swa_lr");
        }
    }

    /** The builder of {@link SwaLr}. */
    public static final class Builder extends ScheduleBuilder<SwaLr, Builder> {

        private Builder() {
            super(DEFINITION);
        }

        /**
         * Sets the rate held after the annealing, for every group. Required.
         *
         * @param swaLr the rate
         * @return this builder
         */
        public Builder setSwaLr(double swaLr) {
            return set("swa_lr", swaLr);
        }

        /**
         * Sets one rate per parameter group.
         *
         * @param swaLrs the rates
         * @return this builder
         */
        public Builder setSwaLrs(double... swaLrs) {
            return setEach("swa_lr", swaLrs);
        }

        /**
         * Sets the number of scheduler steps of the annealing; 0 moves to {@code swa_lr} at the
         * first step. Default: 10 (PyTorch default).
         *
         * @param annealEpochs the number of steps, {@code >= 0}
         * @return this builder
         */
        public Builder optAnnealEpochs(long annealEpochs) {
            return set("anneal_epochs", annealEpochs);
        }

        /**
         * Sets {@code anneal_epochs} to a length relative to the run, an epoch or updates, which a
         * tracker resolves to steps once it knows the run's length; build with {@link
         * #buildForRun()}.
         *
         * @param length the steps of the annealing, e.g. {@code Length.ofRun(1.0)}
         * @return this builder
         */
        public Builder optAnnealEpochs(Length length) {
            return setLength("anneal_epochs", length);
        }

        /**
         * Sets how the rate moves to {@code swa_lr}. Default: {@link AnnealStrategy#COS} (PyTorch
         * default).
         *
         * @param annealStrategy the strategy
         * @return this builder
         */
        public Builder optAnnealStrategy(AnnealStrategy annealStrategy) {
            Objects.requireNonNull(annealStrategy, "annealStrategy");
            return set("anneal_strategy", annealStrategy.name().toLowerCase(Locale.ROOT));
        }
    }
}
