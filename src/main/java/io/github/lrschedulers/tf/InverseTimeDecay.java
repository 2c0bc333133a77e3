package io.github.lrschedulers.tf;

import io.github.lrschedulers.Arguments;
import io.github.lrschedulers.LrReason;
import io.github.lrschedulers.Param;
import io.github.lrschedulers.ScheduleBuilder;
import io.github.lrschedulers.ScheduleDefinition;
import java.util.Optional;

/**
 * Decays the rate as the inverse of time: {@code 1 / (1 + decay_rate * step / decay_steps)}.
 *
 * <p>TensorFlow equivalent: {@code tf.compat.v1.train.inverse_time_decay}. In float32:
 *
 * <pre>{@code
 * p  = step / decay_steps          (floor(p) if staircase)
 * lr = learning_rate / (1 + decay_rate * p)
 * }</pre>
 *
 * @see <a
 *     href="https://www.tensorflow.org/api_docs/python/tf/compat/v1/train/inverse_time_decay">TF
 *     inverse_time_decay</a>
 */
public final class InverseTimeDecay extends TfSchedule {

    /**
     * The definition: {@code inverse_time_decay(learning_rate, global_step, decay_steps,
     * decay_rate, staircase=False, name=None)} without {@code global_step}.
     */
    public static final ScheduleDefinition<InverseTimeDecay> DEFINITION =
            ScheduleDefinition.builder(
                            InverseTimeDecay.class,
                            COMPAT_V1 + ".inverse_time_decay",
                            InverseTimeDecay::new)
                    .optUpstream(COMPAT_V1, 4)
                    .optStepOrigin(STEP_ORIGIN)
                    .optDtype("float32")
                    .addRequired("learning_rate", Param.Kind.FLOAT, "the rate at step 0")
                    .addRequired("decay_steps", Param.Kind.NUMBER, "the time unit of the decay")
                    .addRequired(
                            "decay_rate", Param.Kind.NUMBER, "the slope of 1/lr per decay_steps")
                    .addOptional(
                            "staircase", Param.Kind.BOOLEAN, false, "decay at whole periods only")
                    .addOptionalNone("name", Param.Kind.STRING, "the TF op's name, ignored")
                    .optLengths("decay_steps")
                    .build();

    private final float learningRate;
    private final float decaySteps;
    private final float decayRate;
    private final boolean staircase;

    private InverseTimeDecay(Arguments a) {
        super(a);
        learningRate = (float) a.getDouble("learning_rate");
        decaySteps = (float) a.getDouble("decay_steps");
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
        float p = step32(step) / decaySteps;
        if (staircase) {
            p = Tf32.floor(p);
        }
        return learningRate / (1f + decayRate * p);
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
         * Sets the rate at step 0 (a Python float: TF would compute in int32 for an int).
         *
         * @param learningRate the initial rate
         * @return this builder
         */
        public Builder setLearningRate(double learningRate) {
            return set("learning_rate", learningRate);
        }

        /**
         * Sets the time unit of the decay.
         *
         * @param decaySteps the decay period
         * @return this builder
         */
        public Builder setDecaySteps(double decaySteps) {
            return set("decay_steps", decaySteps);
        }

        /**
         * Sets how much {@code 1 / lr} grows per {@code decay_steps} steps, relative to its start.
         *
         * @param decayRate the slope
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
         * Sets the TF op's name, which changes nothing. Default: None.
         *
         * @param name the name
         * @return this builder
         */
        public Builder optName(String name) {
            return set("name", name);
        }
    }
}
