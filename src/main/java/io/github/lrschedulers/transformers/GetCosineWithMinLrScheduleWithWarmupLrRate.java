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
 * Warms up linearly over {@code num_warmup_steps} steps, reaching the base rate at step {@code W -
 * 1}, then follows a cosine from the base rate down to {@code min_lr_rate} times it, one step ahead
 * of {@code get_cosine_with_min_lr_schedule_with_warmup}. Not clamped past {@code
 * num_training_steps}. All in floats:
 *
 * <pre>{@code
 * lr_lambda(s) = (s + 1.) / max(1., W)                                   if s < W, no warmup_lr_rate
 *                r + (1.0 - r) * s / max(1, W - 1)                       if s < W, r = warmup_lr_rate
 *                max(0, f * (1 - min_lr_rate) + min_lr_rate)              otherwise,
 * f = 0.5 * (1.0 + cos(pi * num_cycles * 2.0 * q)),  q = (s - W + 1.) / max(1., T - W)
 * }</pre>
 *
 * <p>Exactly one of {@code min_lr} and {@code min_lr_rate} is set; {@code min_lr} gives {@code
 * min_lr_rate = min_lr / optimizer.defaults["lr"]}, here the first group's base rate.
 *
 * <p>transformers equivalent: {@code
 * transformers.get_cosine_with_min_lr_schedule_with_warmup_lr_rate( optimizer, num_warmup_steps,
 * num_training_steps, num_cycles=0.5, last_epoch=-1, min_lr=None, min_lr_rate=None,
 * warmup_lr_rate=None)}, {@code get_scheduler("cosine_warmup_with_min_lr", ...)}.
 */
public final class GetCosineWithMinLrScheduleWithWarmupLrRate extends LambdaSchedule {

    /**
     * The definition: {@code get_cosine_with_min_lr_schedule_with_warmup_lr_rate(optimizer,
     * num_warmup_steps, num_training_steps, num_cycles=0.5, last_epoch=-1, min_lr=None,
     * min_lr_rate=None, warmup_lr_rate=None)}.
     */
    public static final ScheduleDefinition<GetCosineWithMinLrScheduleWithWarmupLrRate> DEFINITION =
            ScheduleDefinition.builder(
                            GetCosineWithMinLrScheduleWithWarmupLrRate.class,
                            "transformers.get_cosine_with_min_lr_schedule_with_warmup_lr_rate",
                            GetCosineWithMinLrScheduleWithWarmupLrRate::new)
                    .optUpstream(UPSTREAM, 9)
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
                    .addOptionalNone(
                            "warmup_lr_rate",
                            Param.Kind.NUMBER,
                            "the first warmup step's rate, relative (None: 1 / num_warmup_steps)")
                    .optLengths("num_warmup_steps", "num_training_steps")
                    .build();

    private final double numWarmupSteps;
    private final double numTrainingSteps;
    private final double numCycles;
    private final Double minLr;
    private final double minLrRate;
    private final Double warmupLrRate;
    private final Arguments arguments;

    private GetCosineWithMinLrScheduleWithWarmupLrRate(Arguments a) {
        this(a, Double.NaN);
    }

    private GetCosineWithMinLrScheduleWithWarmupLrRate(Arguments a, double minLrRate) {
        super(a);
        this.numWarmupSteps = count(a, "num_warmup_steps");
        this.numTrainingSteps = count(a, "num_training_steps");
        this.numCycles = a.getDouble("num_cycles");
        Object min = a.get("min_lr");
        Object rate = a.get("min_lr_rate");
        GetCosineWithMinLrScheduleWithWarmup.checkMinLr(DEFINITION.getName(), min, rate);
        this.minLr = min != null ? ((Number) min).doubleValue() : null;
        this.minLrRate = rate != null ? ((Number) rate).doubleValue() : minLrRate;
        Object warmup = a.get("warmup_lr_rate");
        this.warmupLrRate = warmup != null ? ((Number) warmup).doubleValue() : null;
        this.arguments = a;
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
        return new GetCosineWithMinLrScheduleWithWarmupLrRate(
                arguments, Py.div(minLr, baseLrs.get(0)));
    }

    @Override
    double lambda(long step) {
        double s = step;
        double w = numWarmupSteps;
        double t = numTrainingSteps;
        if (s < w) {
            if (warmupLrRate == null) {
                return (s + 1.) / Math.max(1., w);
            }
            double r = warmupLrRate;
            return r + (1.0 - r) * s / Math.max(1, w - 1);
        }
        double progress = (s - w + 1.) / Math.max(1., t - w);
        double factor = 0.5 * (1.0 + Py.cos(Math.PI * numCycles * 2.0 * progress));
        return max0(factor * (1 - minLrRate) + minLrRate);
    }

    @Override
    protected boolean isClosedForm() {
        return Double.isFinite(numCycles);
    }

    /** {@inheritDoc} The end of the warmup: its ramp reaches the peak at step {@code w - 1}. */
    @Override
    protected Optional<LrReason> getReason(long lastEpoch, int group) {
        return lastEpoch >= 1
                ? warmupEnd(lastEpoch + 1, numWarmupSteps, getArguments().get("num_warmup_steps"))
                : Optional.empty();
    }

    /** The builder of {@link GetCosineWithMinLrScheduleWithWarmupLrRate}. */
    public static final class Builder
            extends ScheduleBuilder<GetCosineWithMinLrScheduleWithWarmupLrRate, Builder> {

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

        /**
         * Sets the first warmup step's rate relative to the base rates, from which the warmup rises
         * linearly to reach them at step {@code num_warmup_steps - 1}. Default: None (transformers
         * default), which starts at {@code 1 / num_warmup_steps}.
         *
         * @param warmupLrRate the first warmup step's rate, as a fraction of the base rates
         * @return this builder
         */
        public Builder optWarmupLrRate(double warmupLrRate) {
            return set("warmup_lr_rate", warmupLrRate);
        }
    }
}
