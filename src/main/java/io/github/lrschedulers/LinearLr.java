package io.github.lrschedulers;

import io.github.lrschedulers.internal.Py;
import java.util.List;
import java.util.Map;

/**
 * Changes the rate factor of each parameter group linearly from {@code start_factor} to {@code
 * end_factor} over {@code total_iters} steps.
 *
 * <p>PyTorch equivalent: {@code torch.optim.lr_scheduler.LinearLR}. Recursive, as PyTorch:
 *
 * <pre>{@code
 * lr(0) = base_lr * start_factor
 * lr(e) = lr(e - 1) * (1.0 + (end_factor - start_factor)
 *         / (total_iters * start_factor + (e - 1) * (end_factor - start_factor)))
 *                                                   for 0 < e <= total_iters
 * lr(e) = lr(e - 1)                                 for e > total_iters
 * }</pre>
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.LinearLR.html">
 *     PyTorch LinearLR</a>
 */
public final class LinearLr extends Schedule {

    /**
     * The definition: PyTorch's signature {@code LinearLR(optimizer, start_factor=1/3,
     * end_factor=1.0, total_iters=5)}.
     */
    public static final ScheduleDefinition<LinearLr> DEFINITION =
            ScheduleDefinition.builder(LinearLr.class, "LinearLR", LinearLr::new)
                    .optUpstream(TORCH, 5)
                    .addOptional(
                            "start_factor",
                            Param.Kind.NUMBER,
                            1.0 / 3,
                            "the factor of the first step, in (0, 1]")
                    .addOptional(
                            "end_factor",
                            Param.Kind.NUMBER,
                            1.0,
                            "the factor reached at total_iters, in [0, 1]")
                    .addOptional(
                            "total_iters",
                            Param.Kind.INTEGER,
                            5L,
                            "the number of steps of the change")
                    .addLastEpoch()
                    .optLengths("total_iters")
                    .build();

    private final double startFactor;
    private final double endFactor;
    private final long totalIters;

    private LinearLr(Arguments a) {
        super(a);
        this.startFactor = a.getDouble("start_factor");
        this.endFactor = a.getDouble("end_factor");
        this.totalIters = a.getLong("total_iters");
        Checks.argument(
                !(startFactor > 1.0 || startFactor <= 0),
                "LinearLR start_factor must be greater than 0 and at most 1, but was %s",
                Checks.num(startFactor));
        Checks.argument(
                !(endFactor > 1.0 || endFactor < 0),
                "LinearLR end_factor must be between 0 and 1, but was %s",
                Checks.num(endFactor));
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
        return new LinearLive(sim).init();
    }

    /** LinearLR on a simulated optimizer. */
    private final class LinearLive extends Live {

        LinearLive(Sim sim) {
            super(sim);
        }

        @Override
        void getLr(double[] out) {
            for (int g = 0; g < sim.groups; g++) {
                if (lastEpoch == 0) {
                    out[g] = sim.lr[g] * startFactor;
                } else if (initial || lastEpoch > totalIters) {
                    out[g] = sim.lr[g];
                } else {
                    double d = endFactor - startFactor;
                    out[g] =
                            sim.lr[g]
                                    * (1.0
                                            + Py.div(
                                                    d,
                                                    totalIters * startFactor
                                                            + (lastEpoch - 1) * d));
                }
            }
        }

        @Override
        long quietSteps() {
            return lastEpoch >= totalIters && lastEpoch > 0 ? Long.MAX_VALUE : 0;
        }

        @Override
        boolean closedForm(double[] out) {
            double f =
                    startFactor
                            + Py.div(
                                    (endFactor - startFactor) * Math.min(totalIters, lastEpoch),
                                    totalIters);
            for (int g = 0; g < sim.groups; g++) {
                out[g] = baseLrs[g] * f;
            }
            return true;
        }

        @Override
        void reasons(int group, List<LrReason> out) {
            if (lastEpoch > 0 && lastEpoch == totalIters) {
                LrReason.Kind kind =
                        endFactor > startFactor ? LrReason.Kind.WARMUP_END : LrReason.Kind.PHASE;
                out.add(
                        LrReason.of(
                                        kind,
                                        "linear ramp ended at total_iters="
                                                + totalIters
                                                + ": factor "
                                                + LrReason.num(endFactor)
                                                + " from now on")
                                .with("total_iters", totalIters)
                                .with("end_factor", endFactor));
            }
        }

        @Override
        void exportState(Map<String, Object> sd) {
            exportArguments(sd, LinearLr.this, "start_factor", "end_factor", "total_iters");
            exportBase(sd);
        }

        @Override
        void importState(StateDict sd) {
            importBase(sd);
        }
    }

    /** The builder of {@link LinearLr}. */
    public static final class Builder extends ScheduleBuilder<LinearLr, Builder> {

        private Builder() {
            super(DEFINITION);
        }

        /**
         * Sets the factor of the first step. Default: 1/3 (PyTorch default). {@link #build()}
         * rejects a factor outside (0, 1].
         *
         * @param startFactor the factor, in (0, 1]
         * @return this builder
         */
        public Builder optStartFactor(double startFactor) {
            return set("start_factor", startFactor);
        }

        /**
         * Sets the factor reached at {@code total_iters}. Default: 1.0 (PyTorch default). {@link
         * #build()} rejects a factor outside [0, 1].
         *
         * @param endFactor the factor, in [0, 1]
         * @return this builder
         */
        public Builder optEndFactor(double endFactor) {
            return set("end_factor", endFactor);
        }

        /**
         * Sets the number of steps of the change. Default: 5 (PyTorch default).
         *
         * @param totalIters the number of steps
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
         * @param length the number of steps, e.g. {@code Length.ofRun(1.0)}
         * @return this builder
         */
        public Builder optTotalIters(Length length) {
            return setLength("total_iters", length);
        }
    }
}
