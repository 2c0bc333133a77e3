package io.github.lrschedulers.optax;

import io.github.lrschedulers.Arguments;
import io.github.lrschedulers.Param;
import io.github.lrschedulers.ScheduleBuilder;
import io.github.lrschedulers.ScheduleDefinition;

/**
 * Anneals the rate along a half cosine (raised to {@code exponent}) to {@code alpha} times its
 * start over {@code decay_steps} updates, then holds it.
 *
 * <p>optax equivalent: {@code optax.cosine_decay_schedule}. In float32:
 *
 * <pre>{@code
 * c = min(count, decay_steps)
 * lr = init_value * ((1 - alpha) * (0.5 * (1 + cos(pi * c / decay_steps))) ** exponent + alpha)
 * }</pre>
 *
 * <p>{@code 1 - alpha} is a Python float, rounded to float32 after the subtraction. An int {@code
 * exponent} multiplies in float32, a float one calls pow.
 *
 * @see <a href="https://optax.readthedocs.io/en/latest/api/optimizer_schedules.html">optax
 *     schedules</a>
 */
public final class CosineDecaySchedule extends OptaxSchedule {

    /**
     * The definition: {@code cosine_decay_schedule(init_value, decay_steps, alpha=0.0,
     * exponent=1.0)}.
     */
    public static final ScheduleDefinition<CosineDecaySchedule> DEFINITION =
            ScheduleDefinition.builder(
                            CosineDecaySchedule.class,
                            OPTAX + ".cosine_decay_schedule",
                            CosineDecaySchedule::new)
                    .optUpstream(OPTAX, 5)
                    .optStepOrigin(STEP_ORIGIN)
                    .optDtype("float32")
                    .addRequired("init_value", Param.Kind.NUMBER, "the rate at count 0")
                    .addRequired("decay_steps", Param.Kind.LITERAL, "updates of the decay, > 0")
                    .addOptional(
                            "alpha",
                            Param.Kind.NUMBER,
                            0.0,
                            "the final rate as a fraction of init_value")
                    .addOptional(
                            "exponent",
                            Param.Kind.LITERAL,
                            1.0,
                            "the power of the cosine factor (an int multiplies, a float calls pow)")
                    .optLengths("decay_steps")
                    .build();

    private static final String NAME = "cosine_decay_schedule";

    private final double initValue;
    private final double decaySteps;
    private final double alpha;
    private final Number exponent;

    private CosineDecaySchedule(Arguments a) {
        super(a);
        Number steps = count(a, NAME, "decay_steps");
        checkDecaySteps(NAME, "decay_steps", steps);
        decaySteps = steps.doubleValue();
        initValue = a.getDouble("init_value");
        alpha = a.getDouble("alpha");
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
        return cosineDecay(count, initValue, decaySteps, alpha, exponent);
    }

    /** The builder of {@link CosineDecaySchedule}. */
    public static final class Builder extends ScheduleBuilder<CosineDecaySchedule, Builder> {

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
         * Sets the number of updates of the decay.
         *
         * @param decaySteps the decay length, {@code > 0}
         * @return this builder
         */
        public Builder setDecaySteps(long decaySteps) {
            return set("decay_steps", decaySteps);
        }

        /**
         * Sets the number of updates of the decay.
         *
         * <p>A float count, e.g. {@code 750.25}, is computed as optax computes it.
         *
         * @param decaySteps the decay length, {@code > 0}
         * @return this builder
         */
        public Builder setDecaySteps(double decaySteps) {
            return set("decay_steps", decaySteps);
        }

        /**
         * Sets the final rate as a fraction of {@code init_value}. Default: 0.0 (optax default).
         *
         * @param alpha the fraction
         * @return this builder
         */
        public Builder optAlpha(double alpha) {
            return set("alpha", alpha);
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
