package io.github.lrschedulers;

import io.github.lrschedulers.internal.Py;
import java.util.List;
import java.util.Map;

/**
 * Decays the rate of each parameter group by {@code gamma} every step.
 *
 * <p>PyTorch equivalent: {@code torch.optim.lr_scheduler.ExponentialLR}. Recursive, as PyTorch:
 * {@code lr(e) = lr(e - 1) * gamma}, which differs in the last bits from {@code base_lr * gamma **
 * e}.
 *
 * @see <a
 *     href="https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.ExponentialLR.html">
 *     PyTorch ExponentialLR</a>
 */
public final class ExponentialLr extends Schedule {

    static final String NAME = "ExponentialLR";

    private final double gamma;

    private ExponentialLr(Builder b) {
        this.gamma = b.gamma;
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
        args.add(arg("gamma", gamma));
    }

    @Override
    Live instantiate(Sim sim) {
        Live live =
                new Live(sim) {
                    @Override
                    void getLr(double[] out) {
                        for (int g = 0; g < sim.groups; g++) {
                            out[g] = initial ? sim.lr[g] : sim.lr[g] * gamma;
                        }
                    }

                    @Override
                    long quietSteps() {
                        // At a fixed point (0, or where lr * gamma rounds back to lr) for good.
                        return Live.fixedUnder(sim, gamma) ? Long.MAX_VALUE : 0;
                    }

                    @Override
                    boolean closedForm(double[] out) {
                        double f = Py.pow(gamma, lastEpoch);
                        for (int g = 0; g < sim.groups; g++) {
                            out[g] = baseLrs[g] * f;
                        }
                        return true;
                    }
                };
        live.init();
        return live;
    }

    /** The builder of {@link ExponentialLr}. */
    public static final class Builder {

        private Double gamma;

        private Builder() {}

        /**
         * Sets the factor of each step's decay. PyTorch's {@code gamma}, required.
         *
         * @param gamma the factor
         * @return this builder
         */
        public Builder setGamma(double gamma) {
            this.gamma = gamma;
            return this;
        }

        /**
         * Builds the schedule.
         *
         * @return the schedule
         * @throws IllegalArgumentException if gamma is missing
         */
        public ExponentialLr build() {
            Checks.argument(gamma != null, "ExponentialLR gamma must be set");
            return new ExponentialLr(this);
        }
    }
}
