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

    static final String NAME = "LinearLR";

    private final double startFactor;
    private final double endFactor;
    private final long totalIters;

    private LinearLr(Builder b) {
        this.startFactor = b.startFactor;
        this.endFactor = b.endFactor;
        this.totalIters = b.totalIters;
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
    public String getPyTorchName() {
        return NAME;
    }

    @Override
    void addArguments(List<Map.Entry<String, Object>> args) {
        args.add(arg("start_factor", startFactor));
        args.add(arg("end_factor", endFactor));
        args.add(arg("total_iters", totalIters));
    }

    @Override
    Live instantiate(Sim sim) {
        Live live =
                new Live(sim) {
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
                                                (endFactor - startFactor)
                                                        * Math.min(totalIters, lastEpoch),
                                                totalIters);
                        for (int g = 0; g < sim.groups; g++) {
                            out[g] = baseLrs[g] * f;
                        }
                        return true;
                    }
                };
        live.init();
        return live;
    }

    /** The builder of {@link LinearLr}. */
    public static final class Builder {

        private double startFactor = 1.0 / 3;
        private double endFactor = 1.0;
        private long totalIters = 5;

        private Builder() {}

        /**
         * Sets the factor of the first step. Default: 1/3 (PyTorch default).
         *
         * @param startFactor the factor, in (0, 1]
         * @return this builder
         */
        public Builder optStartFactor(double startFactor) {
            this.startFactor = startFactor;
            return this;
        }

        /**
         * Sets the factor reached at {@code total_iters}. Default: 1.0 (PyTorch default).
         *
         * @param endFactor the factor, in [0, 1]
         * @return this builder
         */
        public Builder optEndFactor(double endFactor) {
            this.endFactor = endFactor;
            return this;
        }

        /**
         * Sets the number of steps of the change. Default: 5 (PyTorch default).
         *
         * @param totalIters the number of steps
         * @return this builder
         */
        public Builder optTotalIters(long totalIters) {
            this.totalIters = totalIters;
            return this;
        }

        /**
         * Builds the schedule.
         *
         * @return the schedule
         * @throws IllegalArgumentException if start_factor is outside (0, 1] or end_factor outside
         *     [0, 1]
         */
        public LinearLr build() {
            Checks.argument(
                    !(startFactor > 1.0 || startFactor <= 0),
                    "LinearLR start_factor must be greater than 0 and at most 1, but was %s",
                    Checks.num(startFactor));
            Checks.argument(
                    !(endFactor > 1.0 || endFactor < 0),
                    "LinearLR end_factor must be between 0 and 1, but was %s",
                    Checks.num(endFactor));
            return new LinearLr(this);
        }
    }
}
