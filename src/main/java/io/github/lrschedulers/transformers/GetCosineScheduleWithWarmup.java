package io.github.lrschedulers.transformers;

import io.github.lrschedulers.Arguments;
import io.github.lrschedulers.LrReason;
import io.github.lrschedulers.Param;
import io.github.lrschedulers.ScheduleBuilder;
import io.github.lrschedulers.ScheduleDefinition;
import io.github.lrschedulers.internal.Py;
import java.util.Optional;

/**
 * Warms up linearly from 0 over {@code num_warmup_steps} steps, then follows a cosine of {@code
 * num_cycles} periods over the remaining steps (half a period: from the base rate to 0). Not
 * clamped: past {@code num_training_steps} the cosine goes on, so the rate climbs again.
 *
 * <pre>{@code
 * lr_lambda(s) = float(s) / float(max(1, W))                          if s < W
 *                max(0, 0.5 * (1.0 + cos(pi * num_cycles * 2.0 * q)))  otherwise,
 * q = float(s - W) / float(max(1, T - W))
 * }</pre>
 *
 * <p>transformers equivalent: {@code transformers.get_cosine_schedule_with_warmup(optimizer,
 * num_warmup_steps, num_training_steps, num_cycles=0.5, last_epoch=-1)}, {@code
 * get_scheduler("cosine", ...)}.
 */
public final class GetCosineScheduleWithWarmup extends LambdaSchedule {

    /**
     * The definition: {@code get_cosine_schedule_with_warmup(optimizer, num_warmup_steps,
     * num_training_steps, num_cycles=0.5, last_epoch=-1)}.
     */
    public static final ScheduleDefinition<GetCosineScheduleWithWarmup> DEFINITION =
            ScheduleDefinition.builder(
                            GetCosineScheduleWithWarmup.class,
                            "transformers.get_cosine_schedule_with_warmup",
                            GetCosineScheduleWithWarmup::new)
                    .optUpstream(UPSTREAM, 4)
                    .optStepOrigin(ORIGIN)
                    .addRequired(
                            "num_warmup_steps", Param.Kind.LITERAL, "steps of the linear warmup")
                    .addRequired(
                            "num_training_steps",
                            Param.Kind.LITERAL,
                            "the step at which num_cycles periods end")
                    .addOptional(
                            "num_cycles",
                            Param.Kind.NUMBER,
                            0.5,
                            "periods of the cosine after the warmup (0.5: down to 0)")
                    .addLastEpoch()
                    .optLengths("num_warmup_steps", "num_training_steps")
                    .build();

    private final double numWarmupSteps;
    private final double numTrainingSteps;
    private final double numCycles;

    private GetCosineScheduleWithWarmup(Arguments a) {
        super(a);
        this.numWarmupSteps = count(a, "num_warmup_steps");
        this.numTrainingSteps = count(a, "num_training_steps");
        this.numCycles = a.getDouble("num_cycles");
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
        double progress = (step - numWarmupSteps) / max1(numTrainingSteps - numWarmupSteps);
        // upstream's min-lr lambda with min_lr_rate=0.0 runs: factor * (1 - 0.0) + 0.0
        double factor = 0.5 * (1.0 + Py.cos(Math.PI * numCycles * 2.0 * progress));
        return max0(factor * (1 - 0.0) + 0.0);
    }

    @Override
    protected boolean isClosedForm() {
        return Double.isFinite(numCycles);
    }

    /** {@inheritDoc} The end of the warmup. */
    @Override
    protected Optional<LrReason> getReason(long lastEpoch, int group) {
        return warmupEnd(lastEpoch, numWarmupSteps, getArguments().get("num_warmup_steps"));
    }

    /** The builder of {@link GetCosineScheduleWithWarmup}. */
    public static final class Builder
            extends ScheduleBuilder<GetCosineScheduleWithWarmup, Builder> {

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
         * Sets the step at which {@code num_cycles} periods end. Required.
         *
         * @param numTrainingSteps the steps
         * @return this builder
         */
        public Builder setNumTrainingSteps(long numTrainingSteps) {
            return set("num_training_steps", numTrainingSteps);
        }

        /**
         * Sets the step at which {@code num_cycles} periods end. Required.
         *
         * <p>A float count, e.g. {@code 0.5}, is computed as upstream computes it.
         *
         * @param numTrainingSteps the steps
         * @return this builder
         */
        public Builder setNumTrainingSteps(double numTrainingSteps) {
            return set("num_training_steps", numTrainingSteps);
        }

        /**
         * Sets the number of cosine periods after the warmup. Default: 0.5 (transformers default),
         * from the base rate down to 0.
         *
         * @param numCycles the periods
         * @return this builder
         */
        public Builder optNumCycles(double numCycles) {
            return set("num_cycles", numCycles);
        }
    }
}
