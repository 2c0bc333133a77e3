package io.github.lrschedulers.optax;

import io.github.lrschedulers.Arguments;
import io.github.lrschedulers.Param;
import io.github.lrschedulers.ScheduleBuilder;
import io.github.lrschedulers.ScheduleDefinition;

/**
 * Moves the rate from {@code init_value} to {@code end_value} along a polynomial over {@code
 * transition_steps} updates after {@code transition_begin}, then holds it.
 *
 * <p>optax equivalent: {@code optax.polynomial_schedule}. In float32, with {@code c = clip(count -
 * transition_begin, 0, transition_steps)} in int32:
 *
 * <pre>{@code
 * lr = (init_value - end_value) * (1 - c / transition_steps) ** power + end_value
 * }</pre>
 *
 * <p>{@code init_value - end_value} is a Python float, rounded once. An int {@code power}
 * multiplies in float32, a float one calls pow: {@code power=3} and {@code power=3.0} differ. No
 * error where optax only warns: {@code transition_steps <= 0} gives the constant {@code
 * init_value}, a negative {@code transition_begin} counts as 0.
 *
 * @see <a href="https://optax.readthedocs.io/en/latest/api/optimizer_schedules.html">optax
 *     schedules</a>
 */
public final class PolynomialSchedule extends OptaxSchedule {

    /**
     * The definition: {@code polynomial_schedule(init_value, end_value, power, transition_steps,
     * transition_begin=0)}.
     */
    public static final ScheduleDefinition<PolynomialSchedule> DEFINITION =
            ScheduleDefinition.builder(
                            PolynomialSchedule.class,
                            OPTAX + ".polynomial_schedule",
                            PolynomialSchedule::new)
                    .optUpstream(OPTAX, 1)
                    .optStepOrigin(STEP_ORIGIN)
                    .optDtype("float32")
                    .addRequired("init_value", Param.Kind.NUMBER, "the rate at count 0")
                    .addRequired("end_value", Param.Kind.NUMBER, "the final rate")
                    .addRequired(
                            "power",
                            Param.Kind.LITERAL,
                            "the power of the polynomial (an int multiplies, a float calls pow)")
                    .addRequired(
                            "transition_steps",
                            Param.Kind.LITERAL,
                            "updates of the transition (<= 0: constant)")
                    .addOptional(
                            "transition_begin",
                            Param.Kind.LITERAL,
                            0L,
                            "updates before the transition starts")
                    .optLengths("transition_steps", "transition_begin")
                    .build();

    private final double initValue;
    private final double endValue;
    private final Number power;
    private final double transitionSteps;
    private final double transitionBegin;

    private PolynomialSchedule(Arguments a) {
        super(a);
        initValue = a.getDouble("init_value");
        endValue = a.getDouble("end_value");
        power = exponent(a, "polynomial_schedule", "power");
        transitionSteps = count(a, "polynomial_schedule", "transition_steps").doubleValue();
        transitionBegin = count(a, "polynomial_schedule", "transition_begin").doubleValue();
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
        return polynomial(count, initValue, endValue, power, transitionSteps, transitionBegin);
    }

    /** The builder of {@link PolynomialSchedule}. */
    public static final class Builder extends ScheduleBuilder<PolynomialSchedule, Builder> {

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
         * Sets the rate at the end of the transition.
         *
         * @param endValue the final rate
         * @return this builder
         */
        public Builder setEndValue(double endValue) {
            return set("end_value", endValue);
        }

        /**
         * Sets a float power of the polynomial (pow).
         *
         * @param power the power
         * @return this builder
         */
        public Builder setPower(double power) {
            return set("power", power);
        }

        /**
         * Sets an int power of the polynomial (repeated float32 multiplication).
         *
         * @param power the power
         * @return this builder
         */
        public Builder setPower(long power) {
            return set("power", power);
        }

        /**
         * Sets the number of updates of the transition; {@code <= 0} gives a constant rate.
         *
         * @param transitionSteps the transition length
         * @return this builder
         */
        public Builder setTransitionSteps(long transitionSteps) {
            return set("transition_steps", transitionSteps);
        }

        /**
         * Sets the number of updates of the transition; {@code <= 0} gives a constant rate.
         *
         * <p>A float count, e.g. {@code 750.25}, is computed as optax computes it.
         *
         * @param transitionSteps the transition length
         * @return this builder
         */
        public Builder setTransitionSteps(double transitionSteps) {
            return set("transition_steps", transitionSteps);
        }

        /**
         * Sets the number of updates before the transition starts. Default: 0 (optax default).
         *
         * @param transitionBegin the delay, negative counts as 0
         * @return this builder
         */
        public Builder optTransitionBegin(long transitionBegin) {
            return set("transition_begin", transitionBegin);
        }

        /**
         * Sets the number of updates before the transition starts. Default: 0 (optax default).
         *
         * <p>A float count, e.g. {@code 750.25}, is computed as optax computes it.
         *
         * @param transitionBegin the delay, negative counts as 0
         * @return this builder
         */
        public Builder optTransitionBegin(double transitionBegin) {
            return set("transition_begin", transitionBegin);
        }
    }
}
