package io.github.lrschedulers;

import io.github.lrschedulers.internal.Py;
import java.util.List;
import java.util.Map;

/**
 * Multiplies the rate of each parameter group by {@code factor} until step {@code total_iters}.
 *
 * <p>PyTorch equivalent: {@code torch.optim.lr_scheduler.ConstantLR}. Recursive, as PyTorch:
 *
 * <pre>{@code
 * lr(0) = base_lr * factor
 * lr(e) = lr(e - 1) * (1.0 / factor)   if e == total_iters, else lr(e - 1)
 * }</pre>
 *
 * <p>With {@code factor = 0} and {@code total_iters > 0}, PyTorch raises ZeroDivisionError at step
 * {@code total_iters}; so does the tracker, at the update that needs that step.
 *
 * @see <a
 *     href="https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.ConstantLR.html">
 *     PyTorch ConstantLR</a>
 */
public final class ConstantLr extends Schedule {

    /**
     * The definition: PyTorch's signature {@code ConstantLR(optimizer, factor=1/3, total_iters=5)}.
     */
    public static final ScheduleDefinition<ConstantLr> DEFINITION =
            ScheduleDefinition.builder(ConstantLr.class, "ConstantLR", ConstantLr::new)
                    .optUpstream(TORCH, 4)
                    .addOptional(
                            "factor",
                            Param.Kind.NUMBER,
                            1.0 / 3,
                            "the factor of the rate until total_iters, in [0, 1]")
                    .addOptional(
                            "total_iters",
                            Param.Kind.INTEGER,
                            5L,
                            "the step at which the factor is removed")
                    .addLastEpoch()
                    .optLengths("total_iters")
                    .build();

    private final double factor;
    private final long totalIters;

    private ConstantLr(Arguments a) {
        super(a);
        this.factor = a.getDouble("factor");
        this.totalIters = a.getLong("total_iters");
        Checks.argument(
                !(factor > 1.0 || factor < 0),
                "ConstantLR factor must be between 0 and 1, but was %s",
                Checks.num(factor));
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
        return new ConstantLive(sim).init();
    }

    /** ConstantLR on a simulated optimizer. */
    private final class ConstantLive extends Live {

        ConstantLive(Sim sim) {
            super(sim);
        }

        @Override
        void getLr(double[] out) {
            for (int g = 0; g < sim.groups; g++) {
                if (lastEpoch == 0) {
                    out[g] = sim.lr[g] * factor;
                } else if (lastEpoch != totalIters) {
                    out[g] = sim.lr[g];
                } else {
                    out[g] = sim.lr[g] * Py.div(1.0, factor);
                }
            }
        }

        @Override
        long quietSteps() {
            return lastEpoch < totalIters
                    ? totalIters - lastEpoch - 1
                    : lastEpoch > 0 ? Long.MAX_VALUE : 0;
        }

        @Override
        boolean closedForm(double[] out) {
            double f = factor + (lastEpoch >= totalIters ? 1 : 0) * (1 - factor);
            for (int g = 0; g < sim.groups; g++) {
                out[g] = baseLrs[g] * f;
            }
            return true;
        }

        @Override
        void reasons(int group, List<LrReason> out) {
            if (lastEpoch > 0 && lastEpoch == totalIters) {
                out.add(
                        LrReason.of(
                                        LrReason.Kind.PHASE,
                                        "factor phase ended at total_iters="
                                                + totalIters
                                                + ": factor "
                                                + LrReason.num(factor)
                                                + " removed")
                                .with("total_iters", totalIters)
                                .with("factor", factor));
            }
        }

        @Override
        void exportState(Map<String, Object> sd) {
            exportArguments(sd, ConstantLr.this, "factor", "total_iters");
            exportBase(sd);
        }

        @Override
        void importState(StateDict sd) {
            importBase(sd);
        }
    }

    /** The builder of {@link ConstantLr}. */
    public static final class Builder extends ScheduleBuilder<ConstantLr, Builder> {

        private Builder() {
            super(DEFINITION);
        }

        /**
         * Sets the factor applied until {@code total_iters}. Default: 1/3 (PyTorch default). {@link
         * #build()} rejects a factor outside [0, 1].
         *
         * @param factor the factor, in [0, 1]
         * @return this builder
         */
        public Builder optFactor(double factor) {
            return set("factor", factor);
        }

        /**
         * Sets the step at which the factor is removed. Default: 5 (PyTorch default).
         *
         * @param totalIters the step
         * @return this builder
         */
        public Builder optTotalIters(long totalIters) {
            return set("total_iters", totalIters);
        }

        /**
         * Sets {@code total_iters} to a length relative to the run, an epoch or updates, which a
         * tracker resolves to steps once it knows the run's length; build with {@link
         * #buildForRun()}.
         *
         * @param length the step, e.g. {@code Length.ofRun(1.0)}
         * @return this builder
         */
        public Builder optTotalIters(Length length) {
            return setLength("total_iters", length);
        }
    }
}
