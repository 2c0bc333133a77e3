package io.github.lrschedulers.keras;

import io.github.lrschedulers.Arguments;
import io.github.lrschedulers.LrReason;
import io.github.lrschedulers.Param;
import io.github.lrschedulers.ScheduleBuilder;
import io.github.lrschedulers.ScheduleDefinition;
import java.util.Optional;

/**
 * Divides the rate by {@code 1 + decay_rate * step / decay_steps}, smoothly or in stairs.
 *
 * <p>Keras equivalent: {@code keras.optimizers.schedules.InverseTimeDecay}. In float32:
 *
 * <pre>{@code
 * p  = step / decay_steps          (floor(p) if staircase)
 * lr = initial_learning_rate / (1 + decay_rate * p)
 * }</pre>
 *
 * @see <a href="https://keras.io/api/optimizers/learning_rate_schedules/inverse_time_decay/">Keras
 *     InverseTimeDecay</a>
 */
public final class InverseTimeDecay extends KerasSchedule {

    /**
     * The definition: {@code InverseTimeDecay(initial_learning_rate, decay_steps, decay_rate,
     * staircase=False, name="InverseTimeDecay")}.
     */
    public static final ScheduleDefinition<InverseTimeDecay> DEFINITION =
            ScheduleDefinition.builder(
                            InverseTimeDecay.class,
                            KERAS + ".InverseTimeDecay",
                            InverseTimeDecay::new)
                    .optUpstream(KERAS, 4)
                    .optStepOrigin(STEP_ORIGIN)
                    .optDtype("float32")
                    .addRequired(
                            "initial_learning_rate",
                            Param.Kind.FLOAT,
                            "the rate at step 0 (a float: Keras computes in int32 for an int)")
                    .addRequired("decay_steps", Param.Kind.NUMBER, "steps per unit of decay")
                    .addRequired("decay_rate", Param.Kind.NUMBER, "the decay per decay_steps")
                    .addOptional(
                            "staircase", Param.Kind.BOOLEAN, false, "decay at whole periods only")
                    .addOptional(
                            "name",
                            Param.Kind.STRING,
                            "InverseTimeDecay",
                            "the schedule's name, ignored")
                    .optLengths("decay_steps")
                    .build();

    private final float initialLearningRate;
    private final float decaySteps;
    private final float decayRate;
    private final boolean staircase;

    private InverseTimeDecay(Arguments a) {
        super(a);
        double steps = a.getDouble("decay_steps");
        checkSteps("InverseTimeDecay", "decay_steps", steps);
        initialLearningRate = (float) a.getDouble("initial_learning_rate");
        decaySteps = (float) steps;
        decayRate = (float) a.getDouble("decay_rate");
        staircase = a.getBoolean("staircase");
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
        float p = (float) step / decaySteps;
        if (staircase) {
            p = (float) Math.floor(p);
        }
        return initialLearningRate / (1f + decayRate * p);
    }

    /** {@inheritDoc} A staircase decay at each whole period. */
    @Override
    protected Optional<LrReason> getReason(long lastEpoch, int group) {
        return staircase(lastEpoch, staircase, decaySteps);
    }

    /** The builder of {@link InverseTimeDecay}. */
    public static final class Builder extends ScheduleBuilder<InverseTimeDecay, Builder> {

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
         * Sets the number of steps per unit of decay.
         *
         * @param decaySteps the decay period, {@code > 0}
         * @return this builder
         */
        public Builder setDecaySteps(double decaySteps) {
            return set("decay_steps", decaySteps);
        }

        /**
         * Sets the decay per {@code decay_steps} steps.
         *
         * @param decayRate the rate of decay
         * @return this builder
         */
        public Builder setDecayRate(double decayRate) {
            return set("decay_rate", decayRate);
        }

        /**
         * Sets whether the rate decays at whole periods only. Default: false.
         *
         * @param staircase whether to floor the step fraction
         * @return this builder
         */
        public Builder optStaircase(boolean staircase) {
            return set("staircase", staircase);
        }

        /**
         * Sets the schedule's name, which changes nothing. Default: {@code "InverseTimeDecay"}.
         *
         * @param name the name
         * @return this builder
         */
        public Builder optName(String name) {
            return set("name", name);
        }
    }
}
