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

    /** The definition: PyTorch's signature {@code StepLR(optimizer, step_size, gamma=0.1)}. */
    public static final ScheduleDefinition<StepLr> DEFINITION =
            ScheduleDefinition.builder(StepLr.class, "StepLR", StepLr::new)
                    .optUpstream(TORCH, 2)
                    .addRequired(
                            "step_size",
                            Param.Kind.INTEGER,
                            "the period of the decay, in scheduler steps")
                    .addOptional("gamma", Param.Kind.NUMBER, 0.1, "the factor of each decay")
                    .addLastEpoch()
                    .optLengths("step_size")
                    .build();

    private final long stepSize;
    private final double gamma;

    private StepLr(Arguments a) {
        super(a);
        this.stepSize = a.getLong("step_size");
        this.gamma = a.getDouble("gamma");
        Checks.argument(
                stepSize != 0,
                "StepLR step_size must not be 0 (PyTorch divides by it at the first step),"
                        + " but was %d",
                stepSize);
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
        return new StepLive(sim).init();
    }

    /** StepLR on a simulated optimizer. */
    private final class StepLive extends Live {

        StepLive(Sim sim) {
            super(sim);
        }

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

        @Override
        void reasons(int group, List<LrReason> out) {
            if (lastEpoch > 0 && Py.mod(lastEpoch, stepSize) == 0) {
                out.add(
                        LrReason.of(
                                        LrReason.Kind.DECAY,
                                        "decay every step_size="
                                                + stepSize
                                                + " steps: ×"
                                                + LrReason.num(gamma))
                                .with("step_size", stepSize)
                                .with("gamma", gamma));
            }
        }

        @Override
        void exportState(Map<String, Object> sd) {
            exportArguments(sd, StepLr.this, "step_size", "gamma");
            exportBase(sd);
        }

        @Override
        void importState(StateDict sd) {
            importBase(sd);
        }
    }

    /** The builder of {@link StepLr}. */
    public static final class Builder extends ScheduleBuilder<StepLr, Builder> {

        private Builder() {
            super(DEFINITION);
        }

        /**
         * Sets the period of the decay, in scheduler steps. PyTorch's {@code step_size}; a negative
         * period acts as its absolute value, as Python's {@code %} does. Must not be 0 (PyTorch
         * fails with ZeroDivisionError at the first step).
         *
         * @param stepSize the period
         * @return this builder
         */
        public Builder setStepSize(long stepSize) {
            return set("step_size", stepSize);
        }

        /**
         * Sets {@code step_size} to a length relative to the run, an epoch or updates, which a
         * tracker resolves to steps once it knows the run's length; build with {@link
         * #buildForRun()}.
         *
         * @param length the period, e.g. {@code Length.ofRun(1.0)}
         * @return this builder
         */
        public Builder setStepSize(Length length) {
            return setLength("step_size", length);
        }

        /**
         * Sets the factor of each decay. Default: 0.1 (PyTorch default).
         *
         * @param gamma the factor
         * @return this builder
         */
        public Builder optGamma(double gamma) {
            return set("gamma", gamma);
        }
    }
}
