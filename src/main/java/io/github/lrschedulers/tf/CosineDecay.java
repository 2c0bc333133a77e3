package io.github.lrschedulers.tf;

import io.github.lrschedulers.Arguments;
import io.github.lrschedulers.Param;
import io.github.lrschedulers.ScheduleBuilder;
import io.github.lrschedulers.ScheduleDefinition;
import io.github.lrschedulers.internal.F32;

/**
 * Anneals the rate along a half cosine to {@code alpha} times itself over {@code decay_steps}
 * steps, then holds it (Loshchilov and Hutter, <a href="https://arxiv.org/abs/1608.03983">SGDR</a>,
 * without restarts).
 *
 * <p>TensorFlow equivalent: {@code tf.compat.v1.train.cosine_decay}. In float32:
 *
 * <pre>{@code
 * s  = min(step, decay_steps)
 * c  = 0.5 * (1 + cos(pi * (s / decay_steps)))
 * lr = learning_rate * ((1 - alpha) * c + alpha)        (1 - alpha in double, then float32)
 * }</pre>
 *
 * @see <a href="https://www.tensorflow.org/api_docs/python/tf/compat/v1/train/cosine_decay">TF
 *     cosine_decay</a>
 */
public final class CosineDecay extends TfSchedule {

    /**
     * The definition: {@code cosine_decay(learning_rate, global_step, decay_steps, alpha=0.0,
     * name=None)} without {@code global_step}.
     */
    public static final ScheduleDefinition<CosineDecay> DEFINITION =
            ScheduleDefinition.builder(
                            CosineDecay.class, COMPAT_V1 + ".cosine_decay", CosineDecay::new)
                    .optUpstream(COMPAT_V1, 5)
                    .optStepOrigin(STEP_ORIGIN)
                    .optDtype("float32")
                    .addRequired("learning_rate", Param.Kind.FLOAT, "the rate at step 0")
                    .addRequired("decay_steps", Param.Kind.NUMBER, "steps of the decay")
                    .addOptional(
                            "alpha",
                            Param.Kind.NUMBER,
                            0.0,
                            "the final rate as a fraction of learning_rate")
                    .addOptionalNone("name", Param.Kind.STRING, "the TF op's name, ignored")
                    .optLengths("decay_steps")
                    .build();

    private final float learningRate;
    private final float decaySteps;
    private final float oneMinusAlpha;
    private final float alpha;

    private CosineDecay(Arguments a) {
        super(a);
        learningRate = (float) a.getDouble("learning_rate");
        decaySteps = (float) a.getDouble("decay_steps");
        double alpha64 = a.getDouble("alpha");
        oneMinusAlpha = (float) (1 - alpha64);
        alpha = (float) alpha64;
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
        float s = Tf32.min(step32(step), decaySteps);
        float fraction = s / decaySteps;
        float cosineDecayed = 0.5f * (1f + F32.cos(Tf32.PI * fraction));
        float decayed = oneMinusAlpha * cosineDecayed + alpha;
        return learningRate * decayed;
    }

    /** The builder of {@link CosineDecay}. */
    public static final class Builder extends ScheduleBuilder<CosineDecay, Builder> {

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
         * Sets the number of steps of the decay.
         *
         * @param decaySteps the decay's length
         * @return this builder
         */
        public Builder setDecaySteps(double decaySteps) {
            return set("decay_steps", decaySteps);
        }

        /**
         * Sets the final rate as a fraction of {@code learning_rate}. Default: 0.0.
         *
         * @param alpha the fraction
         * @return this builder
         */
        public Builder optAlpha(double alpha) {
            return set("alpha", alpha);
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
