package io.github.lrschedulers;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Sets the rate of each parameter group to the base rate times a function of the step.
 *
 * <p>PyTorch equivalent: {@code torch.optim.lr_scheduler.LambdaLR}: {@code lr(e) = base_lr *
 * lr_lambda(e)}, with one function for all groups or one per group.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.LambdaLR.html">
 *     PyTorch LambdaLR</a>
 */
public final class LambdaLr extends Schedule {

    static final String NAME = "LambdaLR";

    private final PerGroup<LrLambda> lrLambda;

    private LambdaLr(Builder b) {
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

    static LrLambda[] resolveLambdas(String scheduler, PerGroup<LrLambda> lambdas, int groups) {
        return lambdas.resolve(scheduler, "lr_lambda", groups).toArray(new LrLambda[0]);
    }

    @Override
    Live instantiate(Sim sim) {
        LrLambda[] fns = resolveLambdas(NAME, lrLambda, sim.groups);
        Live live =
                new Live(sim) {
                    @Override
                    void getLr(double[] out) {
                        for (int g = 0; g < sim.groups; g++) {
                            out[g] = baseLrs[g] * fns[g].apply(lastEpoch);
                        }
                    }
                };
        live.init();
        return live;
    }

    /** The builder of {@link LambdaLr}. */
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
            this.lrLambda = PerGroup.list("LambdaLR lr_lambda", java.util.Arrays.asList(lrLambdas));
            return this;
        }

        /**
         * Builds the schedule.
         *
         * @return the schedule
         * @throws IllegalArgumentException if lr_lambda is missing
         */
        public LambdaLr build() {
            Checks.argument(lrLambda != null, "LambdaLR lr_lambda must be set");
            return new LambdaLr(this);
        }
    }
}
