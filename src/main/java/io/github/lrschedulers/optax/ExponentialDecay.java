package io.github.lrschedulers.optax;

import io.github.lrschedulers.Arguments;
import io.github.lrschedulers.LrReason;
import io.github.lrschedulers.Param;
import io.github.lrschedulers.ScheduleBuilder;
import io.github.lrschedulers.ScheduleDefinition;
import io.github.lrschedulers.internal.F32;
import java.util.Optional;

/**
 * Multiplies the rate by {@code decay_rate} every {@code transition_steps} updates after {@code
 * transition_begin}, bounded by {@code end_value}.
 *
 * <p>optax equivalent: {@code optax.exponential_decay}. In float32, with {@code d = count -
 * transition_begin} in int32:
 *
 * <pre>{@code
 * p = d / transition_steps              (floor(p) if staircase)
 * lr = init_value if d <= 0 else init_value * decay_rate ** p
 * lr = max(lr, end_value) if decay_rate < 1 else min(lr, end_value)     (if end_value is set)
 * }</pre>
 *
 * <p>No error where optax only warns: {@code transition_steps <= 0} or {@code decay_rate == 0} give
 * the constant {@code init_value}, a negative {@code transition_begin} counts as 0. The bound
 * applies at every count, so {@code decay_rate == 1} with a lower {@code end_value} gives {@code
 * end_value} throughout.
 *
 * @see <a href="https://optax.readthedocs.io/en/latest/api/optimizer_schedules.html">optax
 *     schedules</a>
 */
public final class ExponentialDecay extends OptaxSchedule {

    /**
     * The definition: {@code exponential_decay(init_value, transition_steps, decay_rate,
     * transition_begin=0, staircase=False, end_value=None)}.
     */
    public static final ScheduleDefinition<ExponentialDecay> DEFINITION =
            ScheduleDefinition.builder(
                            ExponentialDecay.class,
                            OPTAX + ".exponential_decay",
                            ExponentialDecay::new)
                    .optUpstream(OPTAX, 4)
                    .optStepOrigin(STEP_ORIGIN)
                    .optDtype("float32")
                    .addRequired("init_value", Param.Kind.NUMBER, "the rate at count 0")
                    .addRequired(
                            "transition_steps",
                            Param.Kind.LITERAL,
                            "updates per decay by decay_rate (<= 0: constant)")
                    .addRequired("decay_rate", Param.Kind.NUMBER, "the factor per transition_steps")
                    .addOptional(
                            "transition_begin",
                            Param.Kind.LITERAL,
                            0L,
                            "updates before the decay starts")
                    .addOptional(
                            "staircase", Param.Kind.BOOLEAN, false, "decay at whole periods only")
                    .addOptionalNone(
                            "end_value",
                            Param.Kind.NUMBER,
                            "a lower bound (decay_rate < 1) or upper bound (otherwise)")
                    .optLengths("transition_steps", "transition_begin")
                    .build();

    private final Decay decay;

    private ExponentialDecay(Arguments a) {
        super(a);
        decay = new Decay(a, "init_value");
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
        return decay.at(count);
    }

    /** optax's {@code exponential_decay} from the arguments of either schedule that uses it. */
    static final class Decay {
        private final boolean constant;
        private final float init;
        private final float steps;
        private final float rate;
        private final boolean below;
        private final double begin;
        private final boolean staircase;
        private final Float end;

        Decay(Arguments a, String initName) {
            double rate64 = a.getDouble("decay_rate");
            String name = a.getDefinition().getName();
            double steps64 = count(a, name, "transition_steps").doubleValue();
            constant = steps64 <= 0 || rate64 == 0;
            init = (float) a.getDouble(initName);
            steps = (float) steps64;
            rate = (float) rate64;
            below = rate64 < 1.0;
            begin = Math.max(count(a, name, "transition_begin").doubleValue(), 0);
            staircase = a.getBoolean("staircase");
            Object e = a.get("end_value");
            end = e == null ? null : (float) ((Number) e).doubleValue();
        }

        float at(double count) {
            if (constant) {
                return init;
            }
            double d = count - begin;
            float p = (float) d / steps;
            if (staircase) {
                p = (float) Math.floor(p);
            }
            float v = d <= 0 ? init : init * F32.pow(rate, p);
            if (end != null) {
                v = below ? Math.max(v, end) : Math.min(v, end);
            }
            return v;
        }

        /**
         * Returns the reason of a count: a staircase decay where the floored exponent moves.
         *
         * @param count the count
         * @return the reason, or empty
         */
        Optional<LrReason> reason(double count) {
            double d = count - begin;
            if (constant
                    || !staircase
                    || d <= 0
                    || Math.floor((float) d / steps) == Math.floor((float) (d - 1) / steps)) {
                return Optional.empty();
            }
            return Optional.of(
                    LrReason.of(
                                    LrReason.Kind.DECAY,
                                    "staircase decay every transition_steps=" + countText(steps))
                            .with("transition_steps", steps));
        }
    }

    /** {@inheritDoc} A staircase decay at each whole {@code transition_steps}. */
    @Override
    protected Optional<LrReason> getReason(long lastEpoch, int group) {
        return decay.reason(lastEpoch);
    }

    /** The builder of {@link ExponentialDecay}. */
    public static final class Builder extends ScheduleBuilder<ExponentialDecay, Builder> {

        private Builder() {
            super(DEFINITION);
        }

        /**
         * Sets the rate at count 0.
         *
         * @param initValue the initial rate
         * @return this builder
         */
        public Builder setInitValue(double initValue) {
            return set("init_value", initValue);
        }

        /**
         * Sets the number of updates per decay by {@code decay_rate}; {@code <= 0} gives a constant
         * rate.
         *
         * @param transitionSteps the decay period
         * @return this builder
         */
        public Builder setTransitionSteps(long transitionSteps) {
            return set("transition_steps", transitionSteps);
        }

        /**
         * Sets the number of updates per decay by {@code decay_rate}; {@code <= 0} gives a constant
         * rate.
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
         * Sets the factor per period; 0 gives a constant rate.
         *
         * @param decayRate the factor
         * @return this builder
         */
        public Builder setDecayRate(double decayRate) {
            return set("decay_rate", decayRate);
        }

        /**
         * Sets the number of updates before the decay starts. Default: 0 (optax default).
         *
         * @param transitionBegin the delay, negative counts as 0
         * @return this builder
         */
        public Builder optTransitionBegin(long transitionBegin) {
            return set("transition_begin", transitionBegin);
        }

        /**
         * Sets the number of updates before the decay starts. Default: 0 (optax default).
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
