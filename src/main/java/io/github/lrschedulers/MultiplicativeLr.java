package io.github.lrschedulers;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Multiplies the rate of each parameter group by a function of the step, every step.
 *
 * <p>PyTorch equivalent: {@code torch.optim.lr_scheduler.MultiplicativeLR}. Recursive: {@code lr(0)
 * = base_lr}, {@code lr(e) = lr(e - 1) * lr_lambda(e)}. As a later child of {@link SequentialLr},
 * it restarts at its milestone by multiplying the current rate by {@code lr_lambda(0)}, as PyTorch
 * 2.x does.
 *
 * @see <a
 *     href="https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.MultiplicativeLR.html">
 *     PyTorch MultiplicativeLR</a>
 */
public final class MultiplicativeLr extends Schedule {

    static final String NAME = "MultiplicativeLR";

    private final PerGroup<LrLambda> lrLambda;

    private MultiplicativeLr(Builder b) {
        this.lrLambda = b.lrLambda;
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
        args.add(arg("lr_lambda", lrLambda.toArgument()));
    }

    @Override
    Live instantiate(Sim sim) {
        LrLambda[] fns = LambdaLr.resolveLambdas(NAME, lrLambda, sim.groups);
        Live live =
                new Live(sim) {
                    @Override
                    void getLr(double[] out) {
                        for (int g = 0; g < sim.groups; g++) {
                            out[g] = initial ? sim.lr[g] : sim.lr[g] * fns[g].apply(lastEpoch);
                        }
                    }
                };
        live.init();
        return live;
    }

    /** The builder of {@link MultiplicativeLr}. */
    public static final class Builder {

        private PerGroup<LrLambda> lrLambda;

        private Builder() {}

        /**
         * Sets the factor function of every parameter group. PyTorch's {@code lr_lambda}.
         *
         * @param lrLambda the function of the step
         * @return this builder
         */
        public Builder setLrLambda(LrLambda lrLambda) {
            this.lrLambda = PerGroup.scalar(Objects.requireNonNull(lrLambda, "lrLambda"));
            return this;
        }

        /**
         * Sets one factor function per parameter group (PyTorch's list form of {@code lr_lambda}).
         *
         * @param lrLambdas the functions, one per group
         * @return this builder
         */
        public Builder setLrLambdas(LrLambda... lrLambdas) {
            this.lrLambda =
                    PerGroup.list("MultiplicativeLR lr_lambda", java.util.Arrays.asList(lrLambdas));
            return this;
        }

        /**
         * Builds the schedule.
         *
         * @return the schedule
         * @throws IllegalArgumentException if lr_lambda is missing
         */
        public MultiplicativeLr build() {
            Checks.argument(lrLambda != null, "MultiplicativeLR lr_lambda must be set");
            return new MultiplicativeLr(this);
        }
    }
}
