package io.github.lrschedulers.transformers;

import io.github.lrschedulers.Arguments;
import io.github.lrschedulers.LrReason;
import io.github.lrschedulers.Param;
import io.github.lrschedulers.ScheduleBuilder;
import io.github.lrschedulers.ScheduleDefinition;
import java.util.Optional;

/**
 * Warms up linearly from 0 over {@code num_warmup_steps} steps, then decays linearly to 0 at {@code
 * num_training_steps}, and stays there.
 *
 * <pre>{@code
 * lr_lambda(s) = float(s) / float(max(1, W))                      if s < W
 *                max(0.0, float(T - s) / float(max(1, T - W)))   otherwise
 * }</pre>
 *
 * <p>transformers equivalent: {@code transformers.get_linear_schedule_with_warmup(optimizer,
 * num_warmup_steps, num_training_steps, last_epoch=-1)}, {@code get_scheduler("linear", ...)}.
 */
public final class GetLinearScheduleWithWarmup extends LambdaSchedule {

    /**
     * The definition: {@code get_linear_schedule_with_warmup(optimizer, num_warmup_steps,
     * num_training_steps, last_epoch=-1)}.
     */
    public static final ScheduleDefinition<GetLinearScheduleWithWarmup> DEFINITION =
            ScheduleDefinition.builder(
                            GetLinearScheduleWithWarmup.class,
                            "transformers.get_linear_schedule_with_warmup",
                            GetLinearScheduleWithWarmup::new)
                    .optUpstream(UPSTREAM, 3)
                    .optStepOrigin(ORIGIN)
                    .addRequired(
                            "num_warmup_steps", Param.Kind.LITERAL, "steps of the linear warmup")
                    .addRequired(
                            "num_training_steps",
                            Param.Kind.LITERAL,
                            "the step at which the rate reaches 0")
                    .addLastEpoch()
                    .optLengths("num_warmup_steps", "num_training_steps")
                    .build();

    private final double numWarmupSteps;
    private final double numTrainingSteps;

    private GetLinearScheduleWithWarmup(Arguments a) {
        super(a);
        this.numWarmupSteps = count(a, "num_warmup_steps");
        this.numTrainingSteps = count(a, "num_training_steps");
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
            return warmup(step, numWarmupSteps);
        }
        return max0((numTrainingSteps - step) / max1(numTrainingSteps - numWarmupSteps));
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

    /** The builder of {@link GetLinearScheduleWithWarmup}. */
    public static final class Builder
            extends ScheduleBuilder<GetLinearScheduleWithWarmup, Builder> {

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

        /**
         * Sets the step at which the rate reaches 0. Required.
         *
         * @param numTrainingSteps the steps
         * @return this builder
         */
        public Builder setNumTrainingSteps(long numTrainingSteps) {
            return set("num_training_steps", numTrainingSteps);
        }

        /**
         * Sets the step at which the rate reaches 0. Required.
         *
         * <p>A float count, e.g. {@code 0.5}, is computed as upstream computes it.
         *
         * @param numTrainingSteps the steps
         * @return this builder
         */
        public Builder setNumTrainingSteps(double numTrainingSteps) {
            return set("num_training_steps", numTrainingSteps);
        }
    }
}
