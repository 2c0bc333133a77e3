package io.github.lrschedulers;

import io.github.lrschedulers.internal.Py;
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

    /** The definition: PyTorch's signature {@code ExponentialLR(optimizer, gamma)}. */
    public static final ScheduleDefinition<ExponentialLr> DEFINITION =
            ScheduleDefinition.builder(ExponentialLr.class, "ExponentialLR", ExponentialLr::new)
                    .optUpstream(TORCH, 6)
                    .addRequired("gamma", Param.Kind.NUMBER, "the factor of each step's decay")
                    .addLastEpoch()
                    .build();

    private final double gamma;

    private ExponentialLr(Arguments a) {
        super(a);
        this.gamma = a.getDouble("gamma");
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
        return new ExponentialLive(sim).init();
    }

    /** ExponentialLR on a simulated optimizer. */
    private final class ExponentialLive extends Live {

        ExponentialLive(Sim sim) {
            super(sim);
        }

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

        @Override
        void exportState(Map<String, Object> sd) {
            exportArguments(sd, ExponentialLr.this, "gamma");
            exportBase(sd);
        }

        @Override
        void importState(StateDict sd) {
            importBase(sd);
        }
    }

    /** The builder of {@link ExponentialLr}. */
    public static final class Builder extends ScheduleBuilder<ExponentialLr, Builder> {

        private Builder() {
            super(DEFINITION);
        }

        /**
         * Sets the factor of each step's decay. PyTorch's {@code gamma}, required.
         *
         * @param gamma the factor
         * @return this builder
         */
        public Builder setGamma(double gamma) {
            return set("gamma", gamma);
        }
    }
}
