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

    static final String NAME = "ConstantLR";

    private final double factor;
    private final long totalIters;

    private ConstantLr(Builder b) {
        this.factor = b.factor;
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
        args.add(arg("factor", factor));
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
                };
        live.init();
        return live;
    }

    /** The builder of {@link ConstantLr}. */
    public static final class Builder {

        private double factor = 1.0 / 3;
        private long totalIters = 5;

        private Builder() {}

        /**
         * Sets the factor applied until {@code total_iters}. Default: 1/3 (PyTorch default).
         *
         * @param factor the factor, in [0, 1]
         * @return this builder
         */
        public Builder optFactor(double factor) {
            this.factor = factor;
            return this;
        }

        /**
         * Sets the step at which the factor is removed. Default: 5 (PyTorch default).
         *
         * @param totalIters the step
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
         * @throws IllegalArgumentException if factor is outside [0, 1]
         */
        public ConstantLr build() {
            Checks.argument(
                    !(factor > 1.0 || factor < 0),
                    "ConstantLR factor must be between 0 and 1, but was %s",
                    Checks.num(factor));
            return new ConstantLr(this);
        }
    }
}
