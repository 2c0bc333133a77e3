package io.github.lrschedulers.transformers;

import io.github.lrschedulers.Arguments;
import io.github.lrschedulers.LrReason;
import io.github.lrschedulers.Param;
import io.github.lrschedulers.ScheduleBuilder;
import io.github.lrschedulers.ScheduleDefinition;
import java.util.Optional;

/**
 * Warms up linearly from 0 over {@code num_warmup_steps} steps, then keeps the base rate.
 *
 * <pre>{@code
 * lr_lambda(s) = float(s) / float(max(1.0, num_warmup_steps))   if s < num_warmup_steps
 *                1.0                                             otherwise
 * }</pre>
 *
 * <p>transformers equivalent: {@code transformers.get_constant_schedule_with_warmup(optimizer,
 * num_warmup_steps, last_epoch=-1)}.
 */
public final class GetConstantScheduleWithWarmup extends LambdaSchedule {

    /** The definition: {@code get_constant_schedule_with_warmup(optimizer, num_warmup_steps)}. */
    public static final ScheduleDefinition<GetConstantScheduleWithWarmup> DEFINITION =
            ScheduleDefinition.builder(
                            GetConstantScheduleWithWarmup.class,
                            "transformers.get_constant_schedule_with_warmup",
                            GetConstantScheduleWithWarmup::new)
                    .optUpstream(UPSTREAM, 2)
                    .optStepOrigin(ORIGIN)
                    .addRequired(
                            "num_warmup_steps", Param.Kind.LITERAL, "steps of the linear warmup")
                    .addLastEpoch()
                    .optLengths("num_warmup_steps")
                    .build();

    private final double numWarmupSteps;

    private GetConstantScheduleWithWarmup(Arguments a) {
        super(a);
        this.numWarmupSteps = count(a, "num_warmup_steps");
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
    double lambda(long step) {
        if (step < numWarmupSteps) {
            return (double) step / max1(numWarmupSteps);
        }
        return 1.0;
    }

    @Override
    protected boolean isClosedForm() {
        return true;
    }

    /** {@inheritDoc} The end of the warmup. */
    @Override
    protected Optional<LrReason> getReason(long lastEpoch, int group) {
        return warmupEnd(lastEpoch, numWarmupSteps, getArguments().get("num_warmup_steps"));
    }

    /** The builder of {@link GetConstantScheduleWithWarmup}. */
    public static final class Builder
            extends ScheduleBuilder<GetConstantScheduleWithWarmup, Builder> {

        private Builder() {
            super(DEFINITION);
        }

        /**
         * Sets the number of warmup steps. Required.
         *
         * @param numWarmupSteps the steps
         * @return this builder
         */
        public Builder setNumWarmupSteps(long numWarmupSteps) {
            return set("num_warmup_steps", numWarmupSteps);
        }

        /**
         * Sets the number of warmup steps. Required.
         *
         * <p>A float count, e.g. {@code 0.5}, is computed as upstream computes it.
         *
         * @param numWarmupSteps the steps
         * @return this builder
         */
        public Builder setNumWarmupSteps(double numWarmupSteps) {
            return set("num_warmup_steps", numWarmupSteps);
        }
    }
}
