package io.github.lrschedulers.keras;

import io.github.lrschedulers.Arguments;
import io.github.lrschedulers.Param;
import io.github.lrschedulers.ScheduleBuilder;
import io.github.lrschedulers.ScheduleDefinition;
import io.github.lrschedulers.internal.F32;

/**
 * Moves the rate from {@code initial_learning_rate} to {@code end_learning_rate} along {@code (1 -
 * p)^power} over {@code decay_steps} steps, then holds it, or cycles.
 *
 * <p>Keras equivalent: {@code keras.optimizers.schedules.PolynomialDecay}. In float32:
 *
 * <pre>{@code
 * not cycle: g = min(step, decay_steps), d = decay_steps
 * cycle:     g = step, d = decay_steps * (step == 0 ? 1 : ceil(step / decay_steps))
 * lr = (initial_learning_rate - end_learning_rate) * (1 - g / d) ** power + end_learning_rate
 * }</pre>
 *
 * <p>With {@code cycle}, a multiple of {@code decay_steps} gives exactly {@code end_learning_rate};
 * the next step restarts from about {@code (1/2)^power} of the way (the second cycle is twice as
 * long), not from {@code initial_learning_rate}.
 *
 * @see <a href="https://keras.io/api/optimizers/learning_rate_schedules/polynomial_decay/">Keras
 *     PolynomialDecay</a>
 */
public final class PolynomialDecay extends KerasSchedule {

    /**
     * The definition: {@code PolynomialDecay(initial_learning_rate, decay_steps,
     * end_learning_rate=0.0001, power=1.0, cycle=False, name="PolynomialDecay")}.
     */
    public static final ScheduleDefinition<PolynomialDecay> DEFINITION =
            ScheduleDefinition.builder(
                            PolynomialDecay.class, KERAS + ".PolynomialDecay", PolynomialDecay::new)
                    .optUpstream(KERAS, 3)
                    .optStepOrigin(STEP_ORIGIN)
                    .optDtype("float32")
                    .addRequired(
                            "initial_learning_rate",
                            Param.Kind.FLOAT,
                            "the rate at step 0 (a float: Keras computes in int32 for an int)")
                    .addRequired("decay_steps", Param.Kind.NUMBER, "steps of the decay")
                    .addOptional(
                            "end_learning_rate", Param.Kind.NUMBER, 0.0001, "the rate at the end")
                    .addOptional("power", Param.Kind.NUMBER, 1.0, "the polynomial's power")
                    .addOptional(
                            "cycle",
                            Param.Kind.BOOLEAN,
                            false,
                            "restart past decay_steps in ever longer cycles")
                    .addOptional(
                            "name",
                            Param.Kind.STRING,
                            "PolynomialDecay",
                            "the schedule's name, ignored")
                    .optLengths("decay_steps")
                    .build();

    private final float initialLearningRate;
    private final float decaySteps;
    private final float endLearningRate;
    private final float power;
    private final boolean cycle;

    private PolynomialDecay(Arguments a) {
        super(a);
        double steps = a.getDouble("decay_steps");
        checkSteps("PolynomialDecay", "decay_steps", steps);
        initialLearningRate = (float) a.getDouble("initial_learning_rate");
        decaySteps = (float) steps;
        endLearningRate = (float) a.getDouble("end_learning_rate");
        power = (float) a.getDouble("power");
        cycle = a.getBoolean("cycle");
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
    double value(long step) {
        float g = (float) step;
        float d = decaySteps;
        if (cycle) {
            // where(step == 0, 1.0, ceil(step / decay_steps)): no zero length at step 0
            float multiplier = g == 0 ? 1f : (float) Math.ceil(g / decaySteps);
            d = d * multiplier;
        } else {
            g = Math.min(g, d);
        }
        float p = g / d;
        return (initialLearningRate - endLearningRate) * F32.pow(1f - p, power) + endLearningRate;
    }

    /** The builder of {@link PolynomialDecay}. */
    public static final class Builder extends ScheduleBuilder<PolynomialDecay, Builder> {

        private Builder() {
            super(DEFINITION);
        }

        /**
         * Sets the rate at step 0.
         *
         * @param initialLearningRate the initial rate
         * @return this builder
         */
        public Builder setInitialLearningRate(double initialLearningRate) {
            return set("initial_learning_rate", initialLearningRate);
        }

        /**
         * Sets the number of steps of the decay (of the first cycle, with {@code cycle}).
         *
         * @param decaySteps the decay length, {@code > 0}
         * @return this builder
         */
        public Builder setDecaySteps(double decaySteps) {
            return set("decay_steps", decaySteps);
        }

        /**
         * Sets the rate at the end of the decay. Default: 0.0001 (Keras default).
         *
         * @param endLearningRate the final rate
         * @return this builder
         */
        public Builder optEndLearningRate(double endLearningRate) {
            return set("end_learning_rate", endLearningRate);
        }

        /**
         * Sets the polynomial's power. Default: 1.0 (linear, Keras default).
         *
         * @param power the power
         * @return this builder
         */
        public Builder optPower(double power) {
            return set("power", power);
        }

        /**
         * Sets whether the decay restarts past {@code decay_steps}, each cycle a multiple of it
         * long. Default: false.
         *
         * @param cycle whether to cycle
         * @return this builder
         */
        public Builder optCycle(boolean cycle) {
            return set("cycle", cycle);
        }

        /**
         * Sets the schedule's name, which changes nothing. Default: {@code "PolynomialDecay"}.
         *
         * @param name the name
         * @return this builder
         */
        public Builder optName(String name) {
            return set("name", name);
        }
    }
}
