package io.github.lrschedulers.mindspore;

import io.github.lrschedulers.Arguments;
import io.github.lrschedulers.LrReason;
import io.github.lrschedulers.Param;
import io.github.lrschedulers.ScheduleBuilder;
import io.github.lrschedulers.ScheduleDefinition;
import io.github.lrschedulers.internal.F32;
import java.util.Optional;

/**
 * Decays the rate as {@code e ** (-decay_rate * step)}: {@code decay_rate} is per step, and {@code
 * decay_steps} only counts with {@code is_stair}, where the step is rounded down to a multiple of
 * it. The base is float32 e.
 *
 * <p>MindSpore equivalent: {@code mindspore.nn.NaturalExpDecayLR}, a {@code LearningRateSchedule}
 * computing in float32 from the optimizer's {@code global_step}.
 *
 * <pre>{@code
 * p = float32(global_step)                        (is_stair: floor(p / decay_steps) * decay_steps)
 * lr = learning_rate * float32(e) ** (-decay_rate * p)   (float32)
 * }</pre>
 *
 * @see <a
 *     href="https://www.mindspore.cn/docs/en/master/api_python/nn/mindspore.nn.NaturalExpDecayLR.html">MindSpore
 *     NaturalExpDecayLR</a>
 */
public final class NaturalExpDecayLR extends LearningRateSchedule {

    private static final String NAME = "mindspore.nn.NaturalExpDecayLR";

    /**
     * The definition: MindSpore's signature {@code NaturalExpDecayLR(learning_rate, decay_rate,
     * decay_steps, is_stair=False)}.
     */
    public static final ScheduleDefinition<NaturalExpDecayLR> DEFINITION =
            ScheduleDefinition.builder(NaturalExpDecayLR.class, NAME, NaturalExpDecayLR::new)
                    .optUpstream("mindspore.nn", 8)
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
    private final float negDecayRate;
    private final long decaySteps;
    private final boolean isStair;

    private NaturalExpDecayLR(Arguments a) {
        super(a);
        // _check_inputs, in MindSpore's order
        this.decaySteps = MsChecks.positiveInt(NAME, "decay_steps", a.get("decay_steps"));
        this.learningRate =
                (float) MsChecks.positiveFloat(NAME, "learning_rate", a.get("learning_rate"));
        this.negDecayRate =
                (float) -MsChecks.positiveFloat(NAME, "decay_rate", a.get("decay_rate"));
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

    private static final float E = (float) Math.E;

    @Override
    float rate(long globalStep) {
        float p = globalStep;
        if (isStair) {
            float ds = decaySteps;
            p = (float) Math.floor(p / ds) * ds;
        }
        return learningRate * F32.pow(E, negDecayRate * p);
    }

    /** {@inheritDoc} A staircase decay at each whole {@code decay_steps} with is_stair. */
    @Override
    protected Optional<LrReason> getReason(long lastEpoch, int group) {
        return stair(lastEpoch, isStair, decaySteps);
    }

    /** The builder of {@link NaturalExpDecayLR}. */
    public static final class Builder extends ScheduleBuilder<NaturalExpDecayLR, Builder> {

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
