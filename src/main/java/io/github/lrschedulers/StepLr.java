package io.github.lrschedulers;

import io.github.lrschedulers.internal.Py;
import java.util.List;
import java.util.Map;

/**
 * Decays the rate of each parameter group by {@code gamma} every {@code step_size} steps.
 *
 * <p>PyTorch equivalent: {@code torch.optim.lr_scheduler.StepLR}. Recursive, as PyTorch computes
 * it:
 *
 * <pre>{@code
 * lr(0) = base_lr
 * lr(e) = lr(e - 1) * gamma   if e % step_size == 0, else lr(e - 1)
 * }</pre>
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.StepLR.html">
 *     PyTorch StepLR</a>
 */
public final class StepLr extends Schedule {

    static final String NAME = "StepLR";

    private final long stepSize;
    private final double gamma;

    private StepLr(Builder b) {
        this.stepSize = b.stepSize;
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
        args.add(arg("step_size", stepSize));
        args.add(arg("gamma", gamma));
    }

    @Override
    Live instantiate(Sim sim) {
        Live live =
                new Live(sim) {
                    @Override
                    void getLr(double[] out) {
                        boolean keep = lastEpoch == 0 || Py.mod(lastEpoch, stepSize) != 0;
                        for (int g = 0; g < sim.groups; g++) {
                            out[g] = keep ? sim.lr[g] : sim.lr[g] * gamma;
                        }
                    }

                    @Override
                    long quietSteps() {
                        if (Live.fixedUnder(sim, gamma)) {
                            return Long.MAX_VALUE; // 0, or lr * gamma rounds back to lr
                        }
                        // The next decay is at the next multiple of |step_size| after this step.
                        long d = Math.abs(stepSize);
                        long next = Math.floorDiv(lastEpoch, d) * d + d;
                        return Math.max(0, next - lastEpoch - 1);
                    }

                    @Override
                    boolean closedForm(double[] out) {
                        double f = Py.pow(gamma, Py.floorDiv(lastEpoch, stepSize));
                        for (int g = 0; g < sim.groups; g++) {
                            out[g] = baseLrs[g] * f;
                        }
                        return true;
                    }
                };
        live.init();
        return live;
    }

    /** The builder of {@link StepLr}. */
    public static final class Builder {

        private Long stepSizeSet;
        private long stepSize;
        private double gamma = 0.1;

        private Builder() {}

        /**
         * Sets the period of the decay, in scheduler steps. PyTorch's {@code step_size}; a negative
         * period acts as its absolute value, as Python's {@code %} does.
         *
         * @param stepSize the period
         * @return this builder
         */
        public Builder setStepSize(long stepSize) {
            this.stepSizeSet = stepSize;
            return this;
        }

        /**
         * Sets the factor of each decay. Default: 0.1 (PyTorch default).
         *
         * @param gamma the factor
         * @return this builder
         */
        public Builder optGamma(double gamma) {
            this.gamma = gamma;
            return this;
        }

        /**
         * Builds the schedule.
         *
         * @return the schedule
         * @throws IllegalArgumentException if step_size is missing or 0 (PyTorch fails with
         *     ZeroDivisionError at the first step)
         */
        public StepLr build() {
            Checks.argument(stepSizeSet != null, "StepLR step_size must be set");
            stepSize = stepSizeSet;
            Checks.argument(
                    stepSize != 0,
                    "StepLR step_size must not be 0 (PyTorch divides by it at the first step),"
                            + " but was %d",
                    stepSize);
            return new StepLr(this);
        }
    }
}
