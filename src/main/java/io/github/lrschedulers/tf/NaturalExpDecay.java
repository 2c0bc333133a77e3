package io.github.lrschedulers.tf;

import io.github.lrschedulers.Arguments;
import io.github.lrschedulers.LrReason;
import io.github.lrschedulers.Param;
import io.github.lrschedulers.ScheduleBuilder;
import io.github.lrschedulers.ScheduleDefinition;
import io.github.lrschedulers.internal.F32;
import java.util.Optional;

/**
 * Decays the rate by {@code exp(-decay_rate)} every {@code decay_steps} steps, smoothly or in
 * stairs.
 *
 * <p>TensorFlow equivalent: {@code tf.compat.v1.train.natural_exp_decay}. In float32:
 *
 * <pre>{@code
 * p  = step / decay_steps          (floor(p) if staircase)
 * lr = learning_rate * exp(-decay_rate) ** p
 * }</pre>
 *
 * <p>as TF 1.14 and later compute it (an ExponentialDecay of rate {@code exp(-decay_rate)}); TF 1.x
 * before it computed {@code exp(-decay_rate * p)}, which differs by one float32 ulp in places.
 *
 * @see <a href="https://www.tensorflow.org/api_docs/python/tf/compat/v1/train/natural_exp_decay">TF
 *     natural_exp_decay</a>
 */
public final class NaturalExpDecay extends TfSchedule {

    /**
     * The definition: {@code natural_exp_decay(learning_rate, global_step, decay_steps, decay_rate,
     * staircase=False, name=None)} without {@code global_step}.
     */
    public static final ScheduleDefinition<NaturalExpDecay> DEFINITION =
            ScheduleDefinition.builder(
                            NaturalExpDecay.class,
                            COMPAT_V1 + ".natural_exp_decay",
                            NaturalExpDecay::new)
                    .optUpstream(COMPAT_V1, 3)
                    .optStepOrigin(STEP_ORIGIN)
                    .optDtype("float32")
                    .addRequired("learning_rate", Param.Kind.FLOAT, "the rate at step 0")
                    .addRequired("decay_steps", Param.Kind.NUMBER, "steps per decay by decay_rate")
                    .addRequired("decay_rate", Param.Kind.NUMBER, "k in exp(-k) per decay_steps")
                    .addOptional(
                            "staircase", Param.Kind.BOOLEAN, false, "decay at whole periods only")
                    .addOptionalNone("name", Param.Kind.STRING, "the TF op's name, ignored")
                    .optLengths("decay_steps")
                    .build();

    private final float learningRate;
    private final float decaySteps;
    private final float rate;
    private final boolean staircase;

    private NaturalExpDecay(Arguments a) {
        super(a);
        learningRate = (float) a.getDouble("learning_rate");
        decaySteps = (float) a.getDouble("decay_steps");
        rate = F32.exp((float) -a.getDouble("decay_rate"));
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
        return learningRate * F32.pow(rate, p);
    }

    /** {@inheritDoc} A staircase decay at each whole period. */
    @Override
    protected Optional<LrReason> getReason(long lastEpoch, int group) {
        return staircase(lastEpoch, staircase, decaySteps);
    }

    /** The builder of {@link NaturalExpDecay}. */
    public static final class Builder extends ScheduleBuilder<NaturalExpDecay, Builder> {

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
         * Sets the number of steps per decay by {@code decay_rate}.
         *
         * @param decaySteps the decay period
         * @return this builder
         */
        public Builder setDecaySteps(double decaySteps) {
            return set("decay_steps", decaySteps);
        }

        /**
         * Sets {@code k}: the rate decays by {@code exp(-k)} per {@code decay_steps} steps.
         *
         * @param decayRate k
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
