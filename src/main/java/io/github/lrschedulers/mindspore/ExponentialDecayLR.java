package io.github.lrschedulers.mindspore;

import io.github.lrschedulers.Arguments;
import io.github.lrschedulers.LrReason;
import io.github.lrschedulers.Param;
import io.github.lrschedulers.ScheduleBuilder;
import io.github.lrschedulers.ScheduleDefinition;
import io.github.lrschedulers.internal.F32;
import java.util.Optional;

/**
 * Decays the rate exponentially: {@code decay_rate} per {@code decay_steps} steps, continuously or,
 * with {@code is_stair}, once per period.
 *
 * <p>MindSpore equivalent: {@code mindspore.nn.ExponentialDecayLR}, a {@code LearningRateSchedule}
 * computing in float32 from the optimizer's {@code global_step}.
 *
 * <pre>{@code
 * p = float32(global_step) / decay_steps          (is_stair: floor(p))
 * lr = learning_rate * decay_rate ** p               (float32)
 * }</pre>
 *
 * @see <a
 *     href="https://www.mindspore.cn/docs/en/master/api_python/nn/mindspore.nn.ExponentialDecayLR.html">MindSpore
 *     ExponentialDecayLR</a>
 */
public final class ExponentialDecayLR extends LearningRateSchedule {

    private static final String NAME = "mindspore.nn.ExponentialDecayLR";

    /**
     * The definition: MindSpore's signature {@code ExponentialDecayLR(learning_rate, decay_rate,
     * decay_steps, is_stair=False)}.
     */
    public static final ScheduleDefinition<ExponentialDecayLR> DEFINITION =
            ScheduleDefinition.builder(ExponentialDecayLR.class, NAME, ExponentialDecayLR::new)
                    .optUpstream("mindspore.nn", 7)
                    .optStepOrigin("global_step n - 1")
                    .optDtype("float32")
                    .addRequired(
                            "learning_rate", Param.Kind.LITERAL, "the initial rate, a float > 0")
                    .addRequired("decay_rate", Param.Kind.LITERAL, "the decay rate, a float > 0")
                    .addRequired(
                            "decay_steps", Param.Kind.LITERAL, "steps per decay period, an int > 0")
                    .addOptional(
                            "is_stair",
                            Param.Kind.LITERAL,
                            false,
                            "whether to decay once per decay period")
                    .optLengths("decay_steps")
                    .build();

    private final float learningRate;
    private final float decayRate;
    private final long decaySteps;
    private final boolean isStair;

    private ExponentialDecayLR(Arguments a) {
        super(a);
        // _check_inputs, in MindSpore's order
        this.decaySteps = MsChecks.positiveInt(NAME, "decay_steps", a.get("decay_steps"));
        this.learningRate =
                (float) MsChecks.positiveFloat(NAME, "learning_rate", a.get("learning_rate"));
        this.decayRate = (float) MsChecks.positiveFloat(NAME, "decay_rate", a.get("decay_rate"));
        this.isStair = MsChecks.bool(NAME, "is_stair", a.get("is_stair"));
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
    float rate(long globalStep) {
        float p = (float) globalStep / (float) decaySteps;
        if (isStair) {
            p = (float) Math.floor(p);
        }
        return learningRate * F32.pow(decayRate, p);
    }

    /** {@inheritDoc} A staircase decay at each whole {@code decay_steps} with is_stair. */
    @Override
    protected Optional<LrReason> getReason(long lastEpoch, int group) {
        return stair(lastEpoch, isStair, decaySteps);
    }

    /** The builder of {@link ExponentialDecayLR}. */
    public static final class Builder extends ScheduleBuilder<ExponentialDecayLR, Builder> {

        private Builder() {
            super(DEFINITION);
        }

        /**
         * Sets the initial rate, a float > 0. Required.
         *
         * @param learningRate the rate
         * @return this builder
         */
        public Builder setLearningRate(double learningRate) {
            return set("learning_rate", learningRate);
        }

        /**
         * Sets the decay rate, a float > 0. Required.
         *
         * @param decayRate the rate
         * @return this builder
         */
        public Builder setDecayRate(double decayRate) {
            return set("decay_rate", decayRate);
        }

        /**
         * Sets the number of steps of a decay period, an int > 0. Required.
         *
         * @param decaySteps the number of steps
         * @return this builder
         */
        public Builder setDecaySteps(long decaySteps) {
            return set("decay_steps", decaySteps);
        }

        /**
         * Sets whether the rate decays once per decay period (a staircase). Default: False
         * (MindSpore default).
         *
         * @param isStair whether to decay in steps
         * @return this builder
         */
        public Builder optIsStair(boolean isStair) {
            return set("is_stair", isStair);
        }
    }
}
