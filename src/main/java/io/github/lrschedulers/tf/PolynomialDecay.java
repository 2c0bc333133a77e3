package io.github.lrschedulers.tf;

import io.github.lrschedulers.Arguments;
import io.github.lrschedulers.Param;
import io.github.lrschedulers.ScheduleBuilder;
import io.github.lrschedulers.ScheduleDefinition;
import io.github.lrschedulers.internal.F32;

/**
 * Decays the rate polynomially to {@code end_learning_rate} over {@code decay_steps} steps, then
 * holds it, or restarts with longer periods when cycling.
 *
 * <p>TensorFlow equivalent: {@code tf.compat.v1.train.polynomial_decay}. In float32:
 *
 * <pre>{@code
 * cycle:     ds = decay_steps * (step == 0 ? 1 : ceil(step / decay_steps)),  s = step
 * otherwise: ds = decay_steps,  s = min(step, decay_steps)
 * lr = (learning_rate - end_learning_rate) * (1 - s / ds) ** power + end_learning_rate
 * }</pre>
 *
 * <p>With {@code cycle} the rate is {@code end_learning_rate} at each multiple of {@code
 * decay_steps} and restarts one step later (step 0 is guarded since TF 1.5; TF 1.0 gave NaN).
 *
 * @see <a href="https://www.tensorflow.org/api_docs/python/tf/compat/v1/train/polynomial_decay">TF
 *     polynomial_decay</a>
 */
public final class PolynomialDecay extends TfSchedule {

    /**
     * The definition: {@code polynomial_decay(learning_rate, global_step, decay_steps,
     * end_learning_rate=0.0001, power=1.0, cycle=False, name=None)} without {@code global_step}.
     */
    public static final ScheduleDefinition<PolynomialDecay> DEFINITION =
            ScheduleDefinition.builder(
                            PolynomialDecay.class,
                            COMPAT_V1 + ".polynomial_decay",
                            PolynomialDecay::new)
                    .optUpstream(COMPAT_V1, 2)
                    .optStepOrigin(STEP_ORIGIN)
                    .optDtype("float32")
                    .addRequired("learning_rate", Param.Kind.FLOAT, "the rate at step 0")
                    .addRequired("decay_steps", Param.Kind.NUMBER, "steps of the decay")
                    .addOptional(
                            "end_learning_rate",
                            Param.Kind.NUMBER,
                            0.0001,
                            "the rate at the end of the decay")
                    .addOptional("power", Param.Kind.NUMBER, 1.0, "the polynomial's power")
                    .addOptional("cycle", Param.Kind.BOOLEAN, false, "restart with longer periods")
                    .addOptionalNone("name", Param.Kind.STRING, "the TF op's name, ignored")
                    .optLengths("decay_steps")
                    .build();

    private final float learningRate;
    private final float decaySteps;
    private final float endLearningRate;
    private final float power;
    private final boolean cycle;

    private PolynomialDecay(Arguments a) {
        super(a);
        learningRate = (float) a.getDouble("learning_rate");
        decaySteps = (float) a.getDouble("decay_steps");
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
        float s = step32(step);
        float ds = decaySteps;
        if (cycle) {
            float multiplier = s == 0f ? 1f : Tf32.ceil(s / decaySteps);
            ds = decaySteps * multiplier;
        } else {
            s = Tf32.min(s, ds);
        }
        float p = s / ds;
        return (learningRate - endLearningRate) * F32.pow(1f - p, power) + endLearningRate;
    }

    /** The builder of {@link PolynomialDecay}. */
    public static final class Builder extends ScheduleBuilder<PolynomialDecay, Builder> {

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
         * Sets the rate at the end of the decay. Default: 0.0001.
         *
         * @param endLearningRate the final rate
         * @return this builder
         */
        public Builder optEndLearningRate(double endLearningRate) {
            return set("end_learning_rate", endLearningRate);
        }

        /**
         * Sets the polynomial's power. Default: 1.0 (linear).
         *
         * @param power the power
         * @return this builder
         */
        public Builder optPower(double power) {
            return set("power", power);
        }

        /**
         * Sets whether the decay restarts with a period of the next multiple of {@code
         * decay_steps}. Default: false.
         *
         * @param cycle whether to cycle
         * @return this builder
         */
        public Builder optCycle(boolean cycle) {
            return set("cycle", cycle);
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
