package io.github.lrschedulers.transformers;

import io.github.lrschedulers.Arguments;
import io.github.lrschedulers.LrReason;
import io.github.lrschedulers.Param;
import io.github.lrschedulers.ScheduleBuilder;
import io.github.lrschedulers.ScheduleDefinition;
import io.github.lrschedulers.internal.Py;
import java.util.Optional;

/**
 * Warms up linearly from 0 over {@code num_warmup_steps} steps, then splits the remaining steps
 * into {@code num_cycles} equal (possibly fractional) cycles, each a half cosine from the base rate
 * down to 0 with a hard restart; from {@code num_training_steps} on the rate is 0.
 *
 * <pre>{@code
 * lr_lambda(s) = float(s) / float(max(1, W))                                   if s < W
 *                0.0                                                            if q >= 1.0
 *                max(0.0, 0.5 * (1.0 + cos(pi * ((float(num_cycles) * q) % 1.0))))  otherwise,
 * q = float(s - W) / float(max(1, T - W))
 * }</pre>
 *
 * <p>transformers equivalent: {@code
 * transformers.get_cosine_with_hard_restarts_schedule_with_warmup(optimizer, num_warmup_steps,
 * num_training_steps, num_cycles=1, last_epoch=-1)}, {@code get_scheduler("cosine_with_restarts",
 * ...)}.
 */
public final class GetCosineWithHardRestartsScheduleWithWarmup extends LambdaSchedule {

    /**
     * The definition: {@code get_cosine_with_hard_restarts_schedule_with_warmup(optimizer,
     * num_warmup_steps, num_training_steps, num_cycles=1, last_epoch=-1)}.
     */
    public static final ScheduleDefinition<GetCosineWithHardRestartsScheduleWithWarmup> DEFINITION =
            ScheduleDefinition.builder(
                            GetCosineWithHardRestartsScheduleWithWarmup.class,
                            "transformers.get_cosine_with_hard_restarts_schedule_with_warmup",
                            GetCosineWithHardRestartsScheduleWithWarmup::new)
                    .optUpstream(UPSTREAM, 4)
                    .optStepOrigin(ORIGIN)
                    .addRequired(
                            "num_warmup_steps", Param.Kind.LITERAL, "steps of the linear warmup")
                    .addRequired(
                            "num_training_steps",
                            Param.Kind.LITERAL,
                            "the step at which the last cycle ends")
                    .addOptional(
                            "num_cycles",
                            Param.Kind.NUMBER,
                            1.0,
                            "cycles after the warmup, each from the base rate to 0")
                    .addLastEpoch()
                    .optLengths("num_warmup_steps", "num_training_steps")
                    .build();

    private final double numWarmupSteps;
    private final double numTrainingSteps;
    private final double numCycles;

    private GetCosineWithHardRestartsScheduleWithWarmup(Arguments a) {
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
        if (progress >= 1.0) {
            return 0.0;
        }
        return max0(0.5 * (1.0 + Py.cos(Math.PI * Py.mod(numCycles * progress, 1.0))));
    }

    @Override
    protected boolean isClosedForm() {
        return Double.isFinite(numCycles);
    }

    /**
     * {@inheritDoc} The end of the warmup, each hard restart of the cosine, and the rate 0 from
     * {@code num_training_steps} on.
     */
    @Override
    protected Optional<LrReason> getReason(long lastEpoch, int group) {
        if (lastEpoch - 1 < numWarmupSteps) {
            return warmupEnd(lastEpoch, numWarmupSteps, getArguments().get("num_warmup_steps"));
        }
        double span = Math.max(1, numTrainingSteps - numWarmupSteps);
        double progress = (lastEpoch - numWarmupSteps) / span;
        double before = (lastEpoch - 1 - numWarmupSteps) / span;
        if (progress >= 1.0) {
            return before < 1.0
                    ? Optional.of(
                            LrReason.of(
                                            LrReason.Kind.MINIMUM,
                                            "num_training_steps="
                                                    + literal(
                                                            getArguments()
                                                                    .get("num_training_steps"))
                                                    + " reached: the rate is 0")
                                    .with("num_training_steps", numTrainingSteps))
                    : Optional.empty();
        }
        double cycle = Math.floor(numCycles * progress);
        if (cycle == Math.floor(numCycles * before)) {
            return Optional.empty();
        }
        return Optional.of(
                LrReason.of(
                                LrReason.Kind.RESTART,
                                "cycle " + ((long) cycle + 1) + " restarted: a hard restart")
                        .with("cycle", cycle + 1));
    }

    /** The builder of {@link GetCosineWithHardRestartsScheduleWithWarmup}. */
    public static final class Builder
            extends ScheduleBuilder<GetCosineWithHardRestartsScheduleWithWarmup, Builder> {

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
         * Sets the step at which the last cycle ends. Required.
         *
         * @param numTrainingSteps the steps
         * @return this builder
         */
        public Builder setNumTrainingSteps(long numTrainingSteps) {
            return set("num_training_steps", numTrainingSteps);
        }

        /**
         * Sets the step at which the last cycle ends. Required.
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
         * Sets the number of cycles after the warmup, each from the base rate down to 0. Default: 1
         * (transformers default).
         *
         * @param numCycles the cycles, possibly fractional
         * @return this builder
         */
        public Builder optNumCycles(double numCycles) {
            return set("num_cycles", numCycles);
        }
    }
}
