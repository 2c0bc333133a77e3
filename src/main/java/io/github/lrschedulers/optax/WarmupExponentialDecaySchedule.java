package io.github.lrschedulers.optax;

import io.github.lrschedulers.Arguments;
import io.github.lrschedulers.LrReason;
import io.github.lrschedulers.Param;
import io.github.lrschedulers.ScheduleBuilder;
import io.github.lrschedulers.ScheduleDefinition;
import java.util.Optional;

/**
 * A linear warmup from {@code init_value} to {@code peak_value} over {@code warmup_steps} updates,
 * then {@link ExponentialDecay} from {@code peak_value}, its count restarting at 0.
 *
 * <p>optax equivalent: {@code optax.warmup_exponential_decay_schedule}: {@code join_schedules} of
 * {@code linear_schedule(init_value, peak_value, warmup_steps)} and {@code
 * exponential_decay(peak_value, transition_steps, decay_rate, transition_begin, staircase,
 * end_value)} at {@code warmup_steps}. In float32:
 *
 * <pre>{@code
 * count < warmup_steps: lr = (init_value - peak_value) * (1 - count / warmup_steps) + peak_value
 * otherwise:            lr = exponential_decay(count - warmup_steps)
 * }</pre>
 *
 * <p>No error where optax only warns (see {@link ExponentialDecay}).
 *
 * @see <a href="https://optax.readthedocs.io/en/latest/api/optimizer_schedules.html">optax
 *     schedules</a>
 */
public final class WarmupExponentialDecaySchedule extends OptaxSchedule {

    /**
     * The definition: {@code warmup_exponential_decay_schedule(init_value, peak_value,
     * warmup_steps, transition_steps, decay_rate, transition_begin=0, staircase=False,
     * end_value=None)}.
     */
    public static final ScheduleDefinition<WarmupExponentialDecaySchedule> DEFINITION =
            ScheduleDefinition.builder(
                            WarmupExponentialDecaySchedule.class,
                            OPTAX + ".warmup_exponential_decay_schedule",
                            WarmupExponentialDecaySchedule::new)
                    .optUpstream(OPTAX, 13)
                    .optStepOrigin(STEP_ORIGIN)
                    .optDtype("float32")
                    .addRequired("init_value", Param.Kind.NUMBER, "the rate at count 0")
                    .addRequired("peak_value", Param.Kind.NUMBER, "the rate after the warmup")
                    .addRequired(
                            "warmup_steps",
                            Param.Kind.LITERAL,
                            "updates of the warmup (<= 0: none)")
                    .addRequired(
                            "transition_steps",
                            Param.Kind.LITERAL,
                            "updates per decay by decay_rate (<= 0: constant)")
                    .addRequired("decay_rate", Param.Kind.NUMBER, "the factor per transition_steps")
                    .addOptional(
                            "transition_begin",
                            Param.Kind.LITERAL,
                            0L,
                            "updates after the warmup before the decay starts")
                    .addOptional(
                            "staircase", Param.Kind.BOOLEAN, false, "decay at whole periods only")
                    .addOptionalNone(
                            "end_value",
                            Param.Kind.NUMBER,
                            "a lower bound (decay_rate < 1) or upper bound (otherwise)")
                    .optLengths("warmup_steps", "transition_steps", "transition_begin")
                    .build();

    private final double initValue;
    private final double peakValue;
    private final double warmupSteps;
    private final ExponentialDecay.Decay decay;

    private WarmupExponentialDecaySchedule(Arguments a) {
        super(a);
        initValue = a.getDouble("init_value");
        peakValue = a.getDouble("peak_value");
        warmupSteps = count(a, DEFINITION.getName(), "warmup_steps").doubleValue();
        decay = new ExponentialDecay.Decay(a, "peak_value");
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
    float value(double count) {
        if (count < warmupSteps) {
            return linear(count, initValue, peakValue, warmupSteps);
        }
        return decay.at(count - warmupSteps);
    }

    /** {@inheritDoc} The end of the warmup, and the staircase decays after it. */
    @Override
    protected Optional<LrReason> getReason(long lastEpoch, int group) {
        if (lastEpoch - 1 < warmupSteps) {
            return warmupEnd(lastEpoch, warmupSteps);
        }
        return decay.reason(lastEpoch - warmupSteps);
    }

    /** The builder of {@link WarmupExponentialDecaySchedule}. */
    public static final class Builder
            extends ScheduleBuilder<WarmupExponentialDecaySchedule, Builder> {

        private Builder() {
            super(DEFINITION);
        }

        /**
         * Sets the rate at count 0, where the warmup starts.
         *
         * @param initValue the initial rate
         * @return this builder
         */
        public Builder setInitValue(double initValue) {
            return set("init_value", initValue);
        }

        /**
         * Sets the rate after the warmup, where the decay starts.
         *
         * @param peakValue the peak rate
         * @return this builder
         */
        public Builder setPeakValue(double peakValue) {
            return set("peak_value", peakValue);
        }

        /**
         * Sets the number of updates of the warmup.
         *
         * @param warmupSteps the warmup length
         * @return this builder
         */
        public Builder setWarmupSteps(long warmupSteps) {
            return set("warmup_steps", warmupSteps);
        }

        /**
         * Sets the number of updates of the warmup.
         *
         * <p>A float count, e.g. {@code 750.25}, is computed as optax computes it.
         *
         * @param warmupSteps the warmup length
         * @return this builder
         */
        public Builder setWarmupSteps(double warmupSteps) {
            return set("warmup_steps", warmupSteps);
        }

        /**
         * Sets the number of updates per decay by {@code decay_rate}; {@code <= 0} gives the
         * constant peak after the warmup.
         *
         * @param transitionSteps the decay period
         * @return this builder
         */
        public Builder setTransitionSteps(long transitionSteps) {
            return set("transition_steps", transitionSteps);
        }

        /**
         * Sets the number of updates per decay by {@code decay_rate}; {@code <= 0} gives the
         * constant peak after the warmup.
         *
         * <p>A float count, e.g. {@code 750.25}, is computed as optax computes it.
         *
         * @param transitionSteps the decay period
         * @return this builder
         */
        public Builder setTransitionSteps(double transitionSteps) {
            return set("transition_steps", transitionSteps);
        }

        /**
         * Sets the factor per period; 0 gives the constant peak after the warmup.
         *
         * @param decayRate the factor
         * @return this builder
         */
        public Builder setDecayRate(double decayRate) {
            return set("decay_rate", decayRate);
        }

        /**
         * Sets the number of updates after the warmup before the decay starts. Default: 0 (optax
         * default).
         *
         * @param transitionBegin the delay, negative counts as 0
         * @return this builder
         */
        public Builder optTransitionBegin(long transitionBegin) {
            return set("transition_begin", transitionBegin);
        }

        /**
         * Sets the number of updates after the warmup before the decay starts. Default: 0 (optax
         * default).
         *
         * <p>A float count, e.g. {@code 750.25}, is computed as optax computes it.
         *
         * @param transitionBegin the delay, negative counts as 0
         * @return this builder
         */
        public Builder optTransitionBegin(double transitionBegin) {
            return set("transition_begin", transitionBegin);
        }

        /**
         * Decays at whole periods only. Default: false (optax default).
         *
         * @param staircase whether to floor the exponent
         * @return this builder
         */
        public Builder optStaircase(boolean staircase) {
            return set("staircase", staircase);
        }

        /**
         * Sets the bound of the rate: lower if {@code decay_rate < 1}, upper otherwise. Default:
         * None (unbounded).
         *
         * @param endValue the bound
         * @return this builder
         */
        public Builder optEndValue(double endValue) {
            return set("end_value", endValue);
        }
    }
}
