package io.github.lrschedulers.tf;

import io.github.lrschedulers.Arguments;
import io.github.lrschedulers.Param;
import io.github.lrschedulers.ScheduleBuilder;
import io.github.lrschedulers.ScheduleDefinition;
import io.github.lrschedulers.internal.F32;

/**
 * Multiplies a linear decay and a cosine of {@code num_periods} periods over {@code decay_steps}
 * steps (Bello et al., <a href="https://arxiv.org/abs/1709.07417">Neural Optimizer Search with
 * Reinforcement Learning</a>).
 *
 * <p>TensorFlow equivalent: {@code tf.compat.v1.train.linear_cosine_decay}. In float32:
 *
 * <pre>{@code
 * s   = min(step, decay_steps)
 * lin = (decay_steps - s) / decay_steps
 * c   = 0.5 * (1 + cos(pi * ((2 * num_periods) * (s / decay_steps))))
 * lr  = learning_rate * ((alpha + lin) * c + beta)
 * }</pre>
 *
 * @see <a href="https://www.tensorflow.org/api_docs/python/tf/compat/v1/train/linear_cosine_decay">
 *     TF linear_cosine_decay</a>
 */
public final class LinearCosineDecay extends TfSchedule {

    /**
     * The definition: {@code linear_cosine_decay(learning_rate, global_step, decay_steps,
     * num_periods=0.5, alpha=0.0, beta=0.001, name=None)} without {@code global_step}.
     */
    public static final ScheduleDefinition<LinearCosineDecay> DEFINITION =
            ScheduleDefinition.builder(
                            LinearCosineDecay.class,
                            COMPAT_V1 + ".linear_cosine_decay",
                            LinearCosineDecay::new)
                    .optUpstream(COMPAT_V1, 7)
                    .optStepOrigin(STEP_ORIGIN)
                    .optDtype("float32")
                    .addRequired("learning_rate", Param.Kind.FLOAT, "the rate at step 0")
                    .addRequired("decay_steps", Param.Kind.NUMBER, "steps of the decay")
                    .addOptional(
                            "num_periods",
                            Param.Kind.NUMBER,
                            0.5,
                            "periods of the cosine over the decay")
                    .addOptional("alpha", Param.Kind.NUMBER, 0.0, "added to the linear factor")
                    .addOptional(
                            "beta", Param.Kind.NUMBER, 0.001, "the minimum rate over learning_rate")
                    .addOptionalNone("name", Param.Kind.STRING, "the TF op's name, ignored")
                    .optLengths("decay_steps")
                    .build();

    private final float learningRate;
    private final float decaySteps;
    private final float numPeriods;
    private final float alpha;
    private final float beta;

    private LinearCosineDecay(Arguments a) {
        super(a);
        learningRate = (float) a.getDouble("learning_rate");
        decaySteps = (float) a.getDouble("decay_steps");
        numPeriods = (float) a.getDouble("num_periods");
        alpha = (float) a.getDouble("alpha");
        beta = (float) a.getDouble("beta");
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
        float linearDecayed = (decaySteps - s) / decaySteps;
        float fraction = 2f * numPeriods * (s / decaySteps);
        float cosineDecayed = 0.5f * (1f + F32.cos(Tf32.PI * fraction));
        return learningRate * ((alpha + linearDecayed) * cosineDecayed + beta);
    }

    /** The builder of {@link LinearCosineDecay}. */
    public static final class Builder extends ScheduleBuilder<LinearCosineDecay, Builder> {

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
         * Sets the number of periods of the cosine over the decay. Default: 0.5.
         *
         * @param numPeriods the periods
         * @return this builder
         */
        public Builder optNumPeriods(double numPeriods) {
            return set("num_periods", numPeriods);
        }

        /**
         * Sets what is added to the linear factor. Default: 0.0.
         *
         * @param alpha the offset
         * @return this builder
         */
        public Builder optAlpha(double alpha) {
            return set("alpha", alpha);
        }

        /**
         * Sets the minimum rate as a fraction of {@code learning_rate}. Default: 0.001.
         *
         * @param beta the fraction
         * @return this builder
         */
        public Builder optBeta(double beta) {
            return set("beta", beta);
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
