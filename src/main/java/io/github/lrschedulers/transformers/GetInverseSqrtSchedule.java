package io.github.lrschedulers.transformers;

import io.github.lrschedulers.Arguments;
import io.github.lrschedulers.LrReason;
import io.github.lrschedulers.Param;
import io.github.lrschedulers.ScheduleBuilder;
import io.github.lrschedulers.ScheduleDefinition;
import io.github.lrschedulers.internal.Py;
import java.util.Optional;

/**
 * Warms up linearly from 0 over {@code num_warmup_steps} steps, then decays with the inverse square
 * root of the step.
 *
 * <pre>{@code
 * lr_lambda(s) = float(s) / float(max(1, W))                           if s < W
 *                1.0 / sqrt((s + timescale - W) / timescale)           otherwise
 * }</pre>
 *
 * <p>{@code timescale} defaults to {@code num_warmup_steps or 10_000}. transformers 4.x's {@code
 * get_scheduler("inverse_sqrt", ...)} drops {@code scheduler_specific_kwargs}, so there the default
 * always holds.
 *
 * <p>transformers equivalent: {@code transformers.get_inverse_sqrt_schedule(optimizer,
 * num_warmup_steps, timescale=None, last_epoch=-1)}.
 */
public final class GetInverseSqrtSchedule extends LambdaSchedule {

    /**
     * The definition: {@code get_inverse_sqrt_schedule(optimizer, num_warmup_steps, timescale=None,
     * last_epoch=-1)}.
     */
    public static final ScheduleDefinition<GetInverseSqrtSchedule> DEFINITION =
            ScheduleDefinition.builder(
                            GetInverseSqrtSchedule.class,
                            "transformers.get_inverse_sqrt_schedule",
                            GetInverseSqrtSchedule::new)
                    .optUpstream(UPSTREAM, 7)
                    .optStepOrigin(ORIGIN)
                    .addRequired(
                            "num_warmup_steps", Param.Kind.LITERAL, "steps of the linear warmup")
                    .addOptionalNone(
                            "timescale",
                            Param.Kind.NUMBER,
                            "the decay's time scale (None: num_warmup_steps or 10000)")
                    .addLastEpoch()
                    .optLengths("num_warmup_steps", "timescale")
                    .build();

    private final double numWarmupSteps;
    private final double timescale;

    private GetInverseSqrtSchedule(Arguments a) {
        super(a);
        this.numWarmupSteps = count(a, "num_warmup_steps");
        Object t = a.get("timescale");
        this.timescale =
                t != null
                        ? ((Number) t).doubleValue()
                        : numWarmupSteps != 0 ? numWarmupSteps : 10_000;
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
        double shift = timescale - numWarmupSteps;
        return Py.div(1.0, Py.sqrt(Py.div(step + shift, timescale)));
    }

    /** {@inheritDoc} The end of the warmup. */
    @Override
    protected Optional<LrReason> getReason(long lastEpoch, int group) {
        return warmupEnd(lastEpoch, numWarmupSteps, getArguments().get("num_warmup_steps"));
    }

    /** The builder of {@link GetInverseSqrtSchedule}. */
    public static final class Builder extends ScheduleBuilder<GetInverseSqrtSchedule, Builder> {

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
         * Sets the time scale of the decay. Default: None (transformers default), which is {@code
         * num_warmup_steps}, or 10000 without warmup.
         *
         * @param timescale the time scale
         * @return this builder
         */
        public Builder optTimescale(double timescale) {
            return set("timescale", timescale);
        }
    }
}
