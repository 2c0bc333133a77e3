package io.github.lrschedulers;

import io.github.lrschedulers.internal.Py;
import java.util.List;
import java.util.Map;

/**
 * Decays the rate of each parameter group polynomially to 0 over {@code total_iters} steps.
 *
 * <p>PyTorch equivalent: {@code torch.optim.lr_scheduler.PolynomialLR}. Recursive, as PyTorch:
 *
 * <pre>{@code
 * lr(e) = lr(e - 1) * ((1.0 - e / total_iters) / (1.0 - (e - 1) / total_iters)) ** power
 *                                                    for 0 < e <= total_iters
 * lr(e) = lr(e - 1)                                  otherwise
 * }</pre>
 *
 * @see <a
 *     href="https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.PolynomialLR.html">
 *     PyTorch PolynomialLR</a>
 */
public final class PolynomialLr extends Schedule {

    static final String NAME = "PolynomialLR";

    private final long totalIters;
    private final double power;

    private PolynomialLr(Builder b) {
        this.totalIters = b.totalIters;
        this.power = b.power;
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
        args.add(arg("total_iters", totalIters));
        args.add(arg("power", power));
    }

    @Override
    Live instantiate(Sim sim) {
        Live live =
                new Live(sim) {
                    @Override
                    void getLr(double[] out) {
                        if (initial || lastEpoch > totalIters) {
                            System.arraycopy(sim.lr, 0, out, 0, sim.groups);
                            return;
                        }
                        double decay =
                                Py.pow(
                                        Py.div(
                                                1.0 - Py.div(lastEpoch, totalIters),
                                                1.0 - Py.div(lastEpoch - 1, totalIters)),
                                        power);
                        for (int g = 0; g < sim.groups; g++) {
                            out[g] = sim.lr[g] * decay;
                        }
                    }

                    @Override
                    long quietSteps() {
                        return lastEpoch >= totalIters && lastEpoch > 0 ? Long.MAX_VALUE : 0;
                    }

                    @Override
                    boolean closedForm(double[] out) {
                        double f =
                                Py.pow(
                                        1.0 - Py.div(Math.min(totalIters, lastEpoch), totalIters),
                                        power);
                        for (int g = 0; g < sim.groups; g++) {
                            out[g] = baseLrs[g] * f;
                        }
                        return true;
                    }
                };
        live.init();
        return live;
    }

    /** The builder of {@link PolynomialLr}. */
    public static final class Builder {

        private long totalIters = 5;
        private double power = 1.0;

        private Builder() {}

        /**
         * Sets the number of steps of the decay. Default: 5 (PyTorch default).
         *
         * @param totalIters the number of steps
         * @return this builder
         */
        public Builder optTotalIters(long totalIters) {
            this.totalIters = totalIters;
            return this;
        }

        /**
         * Sets the power of the polynomial. Default: 1.0 (PyTorch default).
         *
         * @param power the power
         * @return this builder
         */
        public Builder optPower(double power) {
            this.power = power;
            return this;
        }

        /**
         * Builds the schedule.
         *
         * @return the schedule
         */
        public PolynomialLr build() {
            return new PolynomialLr(this);
        }
    }
}
