package io.github.lrschedulers;

import java.util.Arrays;
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

    /** The definition: PyTorch's signature {@code MultiplicativeLR(optimizer, lr_lambda)}. */
    public static final ScheduleDefinition<MultiplicativeLr> DEFINITION =
            ScheduleDefinition.builder(
                            MultiplicativeLr.class, "MultiplicativeLR", MultiplicativeLr::new)
                    .optUpstream(TORCH, 1)
                    .addRequired(
                            "lr_lambda",
                            Param.Kind.FUNCTIONS_PER_GROUP,
                            "the factor of each step's rate, a function of the step")
                    .addLastEpoch()
                    .build();

    private final PerGroup<LrLambda> lrLambda;

    private MultiplicativeLr(Arguments a) {
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

    @Override
    Live instantiate(Sim sim) {
        LrLambda[] fns = LambdaLr.resolveLambdas(getPyTorchName(), lrLambda, sim.groups);
        return new MultiplicativeLive(sim, fns).init();
    }

    /** MultiplicativeLR on a simulated optimizer. */
    private static final class MultiplicativeLive extends Live {

        private final LrLambda[] fns;

        MultiplicativeLive(Sim sim, LrLambda[] fns) {
            super(sim);
            this.fns = fns;
        }

        @Override
        void getLr(double[] out) {
            for (int g = 0; g < sim.groups; g++) {
                out[g] = initial ? sim.lr[g] : sim.lr[g] * fns[g].apply(lastEpoch);
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

    /** The builder of {@link MultiplicativeLr}. */
    public static final class Builder extends ScheduleBuilder<MultiplicativeLr, Builder> {

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
