package io.github.lrschedulers.optax;

import io.github.lrschedulers.Arguments;
import io.github.lrschedulers.LrReason;
import io.github.lrschedulers.Param;
import io.github.lrschedulers.ScheduleBuilder;
import io.github.lrschedulers.ScheduleDefinition;
import java.util.Optional;

/**
 * A linear warmup from {@code init_value} to {@code peak_value} over {@code warmup_steps} updates,
 * then a cosine decay to {@code end_value} that ends at update {@code decay_steps} (warmup
 * included).
 *
 * <p>optax equivalent: {@code optax.warmup_cosine_decay_schedule}: {@code join_schedules} of {@code
 * linear_schedule(init_value, peak_value, warmup_steps)} and {@code
 * cosine_decay_schedule(peak_value, decay_steps - warmup_steps, alpha=end_value / peak_value,
 * exponent)} at {@code warmup_steps}, the cosine restarting its count there. In float32:
 *
 * <pre>{@code
 * count < warmup_steps: lr = (init_value - peak_value) * (1 - count / warmup_steps) + peak_value
 * otherwise:            c = min(count - warmup_steps, decay_steps - warmup_steps)
 *                       lr = peak_value * ((1 - alpha) * (0.5 * (1 + cos(pi * c /
 *                            (decay_steps - warmup_steps)))) ** exponent + alpha)
 * }</pre>
 *
 * <p>{@code init_value - peak_value}, {@code alpha = end_value / peak_value} (0 if the peak is 0)
 * and {@code 1 - alpha} are Python floats, rounded once: the final plateau is {@code f32(peak) *
 * f32(end / peak)}, not always {@code f32(end_value)}. {@code decay_steps - warmup_steps} must be
 * positive.
 *
 * @see <a href="https://optax.readthedocs.io/en/latest/api/optimizer_schedules.html">optax
 *     schedules</a>
 */
public final class WarmupCosineDecaySchedule extends OptaxSchedule {

    /**
     * The definition: {@code warmup_cosine_decay_schedule(init_value, peak_value, warmup_steps,
     * decay_steps, end_value=0.0, exponent=1.0)}.
     */
    public static final ScheduleDefinition<WarmupCosineDecaySchedule> DEFINITION =
            ScheduleDefinition.builder(
                            WarmupCosineDecaySchedule.class,
                            OPTAX + ".warmup_cosine_decay_schedule",
                            WarmupCosineDecaySchedule::new)
                    .optUpstream(OPTAX, 12)
                    .optStepOrigin(STEP_ORIGIN)
                    .optDtype("float32")
                    .addRequired("init_value", Param.Kind.NUMBER, "the rate at count 0")
                    .addRequired("peak_value", Param.Kind.NUMBER, "the rate after the warmup")
                    .addRequired(
                            "warmup_steps",
                            Param.Kind.LITERAL,
                            "updates of the warmup (<= 0: none)")
                    .addRequired(
                            "decay_steps",
                            Param.Kind.LITERAL,
                            "updates of warmup and decay together, > warmup_steps")
                    .addOptional("end_value", Param.Kind.NUMBER, 0.0, "the final rate")
                    .addOptional(
                            "exponent",
                            Param.Kind.LITERAL,
                            1.0,
                            "the power of the cosine factor (an int multiplies, a float calls pow)")
                    .optLengths("warmup_steps", "decay_steps")
                    .build();

    private static final String NAME = "warmup_cosine_decay_schedule";

    private final double initValue;
    private final double peakValue;
    private final double warmupSteps;
    private final double cosineSteps;
    private final double alpha;
    private final Number exponent;

    private WarmupCosineDecaySchedule(Arguments a) {
        super(a);
        initValue = a.getDouble("init_value");
        peakValue = a.getDouble("peak_value");
        Number warmup = count(a, NAME, "warmup_steps");
        Number steps = minus(count(a, NAME, "decay_steps"), warmup);
        checkDecaySteps(NAME, "decay_steps - warmup_steps", steps);
        warmupSteps = warmup.doubleValue();
        cosineSteps = steps.doubleValue();
        alpha = peakValue == 0 ? 0 : a.getDouble("end_value") / peakValue;
        exponent = exponent(a, NAME, "exponent");
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
        return cosineDecay(count - warmupSteps, peakValue, cosineSteps, alpha, exponent);
    }

    /** {@inheritDoc} The end of the warmup: the cosine decay starts at the peak. */
    @Override
    protected Optional<LrReason> getReason(long lastEpoch, int group) {
        return warmupEnd(lastEpoch, warmupSteps);
    }

    /** The builder of {@link WarmupCosineDecaySchedule}. */
    public static final class Builder extends ScheduleBuilder<WarmupCosineDecaySchedule, Builder> {

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
         * Sets the number of updates of warmup and decay together.
         *
         * @param decaySteps the total length, {@code > warmup_steps}
         * @return this builder
         */
        public Builder setDecaySteps(long decaySteps) {
            return set("decay_steps", decaySteps);
        }

        /**
         * Sets the number of updates of warmup and decay together.
         *
         * <p>A float count, e.g. {@code 750.25}, is computed as optax computes it.
         *
         * @param decaySteps the total length, {@code > warmup_steps}
         * @return this builder
         */
        public Builder setDecaySteps(double decaySteps) {
            return set("decay_steps", decaySteps);
        }

        /**
         * Sets the final rate. Default: 0.0 (optax default).
         *
         * @param endValue the final rate
         * @return this builder
         */
        public Builder optEndValue(double endValue) {
            return set("end_value", endValue);
        }

        /**
         * Sets a float power of the cosine factor (pow). Default: 1.0 (optax default).
         *
         * @param exponent the power
         * @return this builder
         */
        public Builder optExponent(double exponent) {
            return set("exponent", exponent);
        }

        /**
         * Sets an int power of the cosine factor (repeated float32 multiplication).
         *
         * @param exponent the power
         * @return this builder
         */
        public Builder optExponent(long exponent) {
            return set("exponent", exponent);
        }
    }
}
