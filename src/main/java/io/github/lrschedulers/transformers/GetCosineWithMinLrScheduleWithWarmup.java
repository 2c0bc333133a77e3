package io.github.lrschedulers.transformers;

import io.github.lrschedulers.Arguments;
import io.github.lrschedulers.CustomSchedule;
import io.github.lrschedulers.LrReason;
import io.github.lrschedulers.Param;
import io.github.lrschedulers.ScheduleBuilder;
import io.github.lrschedulers.ScheduleDefinition;
import io.github.lrschedulers.internal.Py;
import java.util.List;
import java.util.Optional;

/**
 * Warms up linearly from 0 over {@code num_warmup_steps} steps, then follows a cosine from the base
 * rate down to {@code min_lr_rate} times it. Not clamped past {@code num_training_steps}.
 *
 * <pre>{@code
 * lr_lambda(s) = float(s) / float(max(1, W))                                if s < W
 *                max(0, f * (1 - min_lr_rate) + min_lr_rate)                 otherwise,
 * f = 0.5 * (1.0 + cos(pi * float(num_cycles) * 2.0 * q)),  q = float(s - W) / float(max(1, T - W))
 * }</pre>
 *
 * <p>Exactly one of {@code min_lr} and {@code min_lr_rate} is set; {@code min_lr} gives {@code
 * min_lr_rate = min_lr / optimizer.defaults["lr"]}, here the first group's base rate.
 *
 * <p>transformers equivalent: {@code transformers.get_cosine_with_min_lr_schedule_with_warmup(
 * optimizer, num_warmup_steps, num_training_steps, num_cycles=0.5, last_epoch=-1, min_lr=None,
 * min_lr_rate=None)}, {@code get_scheduler("cosine_with_min_lr", ...)}.
 */
public final class GetCosineWithMinLrScheduleWithWarmup extends LambdaSchedule {

    /**
     * The definition: {@code get_cosine_with_min_lr_schedule_with_warmup(optimizer,
     * num_warmup_steps, num_training_steps, num_cycles=0.5, last_epoch=-1, min_lr=None,
     * min_lr_rate=None)}.
     */
    public static final ScheduleDefinition<GetCosineWithMinLrScheduleWithWarmup> DEFINITION =
            ScheduleDefinition.builder(
                            GetCosineWithMinLrScheduleWithWarmup.class,
                            "transformers.get_cosine_with_min_lr_schedule_with_warmup",
                            GetCosineWithMinLrScheduleWithWarmup::new)
                    .optUpstream(UPSTREAM, 8)
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
                            "periods of the cosine after the warmup (0.5: down to the minimum)")
                    .addLastEpoch()
                    .addOptionalNone(
                            "min_lr",
                            Param.Kind.NUMBER,
                            "the minimum rate of a group at the optimizer's rate")
                    .addOptionalNone(
                            "min_lr_rate", Param.Kind.NUMBER, "the minimum, relative to base rates")
                    .optLengths("num_warmup_steps", "num_training_steps")
                    .build();

    private final double numWarmupSteps;
    private final double numTrainingSteps;
    private final double numCycles;
    private final Double minLr;
    private final double minLrRate;
    private final Arguments arguments;

    private GetCosineWithMinLrScheduleWithWarmup(Arguments a) {
        this(a, Double.NaN);
    }

    private GetCosineWithMinLrScheduleWithWarmup(Arguments a, double minLrRate) {
        super(a);
        this.numWarmupSteps = count(a, "num_warmup_steps");
        this.numTrainingSteps = count(a, "num_training_steps");
        this.numCycles = a.getDouble("num_cycles");
        Object min = a.get("min_lr");
        Object rate = a.get("min_lr_rate");
        checkMinLr(DEFINITION.getName(), min, rate);
        this.minLr = min != null ? ((Number) min).doubleValue() : null;
        this.minLrRate = rate != null ? ((Number) rate).doubleValue() : minLrRate;
        this.arguments = a;
    }

    /** Upstream's check of {@code min_lr} and {@code min_lr_rate}: exactly one is set. */
    static void checkMinLr(String name, Object minLr, Object minLrRate) {
        if (minLr != null && minLrRate != null) {
            throw new IllegalArgumentException(
                    name
                            + " min_lr and min_lr_rate: only one of min_lr or min_lr_rate should be set");
        }
        if (minLr == null && minLrRate == null) {
            throw new IllegalArgumentException(
                    name
                            + " min_lr and min_lr_rate: one of min_lr or min_lr_rate should be set"
                            + " through the `lr_scheduler_kwargs`");
        }
    }

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads {@code min_lr_rate = min_lr / optimizer.defaults["lr"]} where {@code min_lr} is set.
     */
    @Override
    protected CustomSchedule onBaseLrs(List<Double> baseLrs) {
        if (minLr == null) {
            return this;
        }
        return new GetCosineWithMinLrScheduleWithWarmup(arguments, Py.div(minLr, baseLrs.get(0)));
    }

    @Override
    double lambda(long step) {
        if (step < numWarmupSteps) {
            return warmup(step, numWarmupSteps);
        }
        double progress = (step - numWarmupSteps) / max1(numTrainingSteps - numWarmupSteps);
        double factor = 0.5 * (1.0 + Py.cos(Math.PI * numCycles * 2.0 * progress));
        return max0(factor * (1 - minLrRate) + minLrRate);
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

    /** The builder of {@link GetCosineWithMinLrScheduleWithWarmup}. */
    public static final class Builder
            extends ScheduleBuilder<GetCosineWithMinLrScheduleWithWarmup, Builder> {

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
         * Sets the number of cosine periods after the warmup. Default: 0.5 (transformers default).
         *
         * @param numCycles the periods
         * @return this builder
         */
        public Builder optNumCycles(double numCycles) {
            return set("num_cycles", numCycles);
        }

        /**
         * Sets the minimum rate of a group at the optimizer's rate (the first group's base rate).
         * Default: None; set this or {@link #optMinLrRate(double)}.
         *
         * @param minLr the minimum rate
         * @return this builder
         */
        public Builder optMinLr(double minLr) {
            return set("min_lr", minLr);
        }

        /**
         * Sets the minimum relative to each group's base rate. Default: None; set this or {@link
         * #optMinLr(double)}.
         *
         * @param minLrRate the minimum, as a fraction of the base rates
         * @return this builder
         */
        public Builder optMinLrRate(double minLrRate) {
            return set("min_lr_rate", minLrRate);
        }
    }
}
