package io.github.lrschedulers.keras;

import io.github.lrschedulers.Arguments;
import io.github.lrschedulers.LrReason;
import io.github.lrschedulers.Param;
import io.github.lrschedulers.ScheduleBuilder;
import io.github.lrschedulers.ScheduleDefinition;
import io.github.lrschedulers.internal.F32;
import java.util.Optional;

/**
 * Decays the rate by {@code decay_rate} every {@code decay_steps} steps, smoothly or in stairs,
 * without end.
 *
 * <p>Keras equivalent: {@code keras.optimizers.schedules.ExponentialDecay}. In float32:
 *
 * <pre>{@code
 * p  = step / decay_steps          (floor(p) if staircase)
 * lr = initial_learning_rate * decay_rate ** p
 * }</pre>
 *
 * @see <a href="https://keras.io/api/optimizers/learning_rate_schedules/exponential_decay/">Keras
 *     ExponentialDecay</a>
 */
public final class ExponentialDecay extends KerasSchedule {

    /**
     * The definition: {@code ExponentialDecay(initial_learning_rate, decay_steps, decay_rate,
     * staircase=False, name="ExponentialDecay")}.
     */
    public static final ScheduleDefinition<ExponentialDecay> DEFINITION =
            ScheduleDefinition.builder(
                            ExponentialDecay.class,
                            KERAS + ".ExponentialDecay",
                            ExponentialDecay::new)
                    .optUpstream(KERAS, 1)
                    .optStepOrigin(STEP_ORIGIN)
                    .optDtype("float32")
                    .addRequired(
                            "initial_learning_rate",
                            Param.Kind.FLOAT,
                            "the rate at step 0 (a float: Keras computes in int32 for an int)")
                    .addRequired("decay_steps", Param.Kind.NUMBER, "steps per decay by decay_rate")
                    .addRequired("decay_rate", Param.Kind.NUMBER, "the factor per decay_steps")
                    .addOptional(
                            "staircase", Param.Kind.BOOLEAN, false, "decay at whole periods only")
                    .addOptional(
                            "name",
                            Param.Kind.STRING,
                            "ExponentialDecay",
                            "the schedule's name, ignored")
                    .optLengths("decay_steps")
                    .build();

    private final float initialLearningRate;
    private final float decaySteps;
    private final float decayRate;
    private final boolean staircase;

    private ExponentialDecay(Arguments a) {
        super(a);
        double steps = a.getDouble("decay_steps");
        checkSteps("ExponentialDecay", "decay_steps", steps);
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
        return initialLearningRate * F32.pow(decayRate, p);
    }

    /** {@inheritDoc} A staircase decay at each whole period. */
    @Override
    protected Optional<LrReason> getReason(long lastEpoch, int group) {
        return staircase(lastEpoch, staircase, decaySteps);
    }

    /** The builder of {@link ExponentialDecay}. */
    public static final class Builder extends ScheduleBuilder<ExponentialDecay, Builder> {

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
         * Sets the number of steps per decay by {@code decay_rate}.
         *
         * @param decaySteps the decay period, {@code > 0}
         * @return this builder
         */
        public Builder setDecaySteps(double decaySteps) {
            return set("decay_steps", decaySteps);
        }

        /**
         * Sets the factor per {@code decay_steps} steps.
         *
         * @param decayRate the factor
         * @return this builder
         */
        public Builder setDecayRate(double decayRate) {
            return set("decay_rate", decayRate);
        }

        /**
         * Sets whether the rate decays at whole periods only. Default: false.
         *
         * @param staircase whether to floor the exponent
         * @return this builder
         */
        public Builder optStaircase(boolean staircase) {
            return set("staircase", staircase);
        }

        /**
         * Sets the schedule's name, which changes nothing. Default: {@code "ExponentialDecay"}.
         *
         * @param name the name
         * @return this builder
         */
        public Builder optName(String name) {
            return set("name", name);
        }
    }
}
