package io.github.lrschedulers;

import java.util.Arrays;
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

    /** The definition: PyTorch's signature {@code LambdaLR(optimizer, lr_lambda)}. */
    public static final ScheduleDefinition<LambdaLr> DEFINITION =
            ScheduleDefinition.builder(LambdaLr.class, "LambdaLR", LambdaLr::new)
                    .optUpstream(TORCH, 0)
                    .addRequired(
                            "lr_lambda",
                            Param.Kind.FUNCTIONS_PER_GROUP,
                            "the factor of the base rate, a function of the step")
                    .addLastEpoch()
                    .build();

    private final PerGroup<LrLambda> lrLambda;

    private LambdaLr(Arguments a) {
        super(a);
        this.lrLambda = a.getPerGroup("lr_lambda");
    }

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    static LrLambda[] resolveLambdas(String scheduler, PerGroup<LrLambda> lambdas, int groups) {
        return lambdas.resolve(scheduler, "lr_lambda", groups).toArray(new LrLambda[0]);
    }

    @Override
    Live instantiate(Sim sim) {
        LrLambda[] fns = resolveLambdas(getPyTorchName(), lrLambda, sim.groups);
        return new LambdaLive(sim, fns).init();
    }

    /** LambdaLR on a simulated optimizer. */
    private static final class LambdaLive extends Live {

        private final LrLambda[] fns;

        LambdaLive(Sim sim, LrLambda[] fns) {
            super(sim);
            this.fns = fns;
        }

        @Override
        void getLr(double[] out) {
            for (int g = 0; g < sim.groups; g++) {
                out[g] = baseLrs[g] * fns[g].apply(lastEpoch);
            }
        }

        @Override
        void exportState(Map<String, Object> sd) {
            exportBase(sd);
            // PyTorch saves None for a plain function or lambda: the spec supplies it.
            sd.put("lr_lambdas", Arrays.asList(new Object[sim.groups]));
        }

        @Override
        void importState(StateDict sd) {
            importBase(sd);
        }
    }

    /** The builder of {@link LambdaLr}. */
    public static final class Builder extends ScheduleBuilder<LambdaLr, Builder> {

        private Builder() {
            super(DEFINITION);
        }

        /**
         * Sets the factor function of every parameter group. PyTorch's {@code lr_lambda}.
         *
         * @param lrLambda the function of the step
         * @return this builder
         */
        public Builder setLrLambda(LrLambda lrLambda) {
            return set("lr_lambda", Objects.requireNonNull(lrLambda, "lrLambda"));
        }

        /**
         * Sets one factor function per parameter group (PyTorch's list form of {@code lr_lambda}).
         *
         * @param lrLambdas the functions, one per group
         * @return this builder
         * @throws IllegalArgumentException if there is no function
         */
        public Builder setLrLambdas(LrLambda... lrLambdas) {
            return setEach("lr_lambda", Arrays.asList(lrLambdas));
        }
    }
}
