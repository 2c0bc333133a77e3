package io.github.lrschedulers.mindspore;

import io.github.lrschedulers.Arguments;
import io.github.lrschedulers.LrReason;
import io.github.lrschedulers.Param;
import io.github.lrschedulers.ScheduleBuilder;
import io.github.lrschedulers.ScheduleDefinition;
import io.github.lrschedulers.internal.F32;
import java.util.Optional;

/**
 * Decays the rate polynomially from {@code learning_rate} to {@code end_learning_rate} over {@code
 * decay_steps} steps, then holds it; with {@code update_decay_steps} the period grows to the next
 * multiple of {@code decay_steps} instead (the rate jumps back up).
 *
 * <p>MindSpore equivalent: {@code mindspore.nn.PolynomialDecayLR}, a {@code LearningRateSchedule}
 * computing in float32 from the optimizer's {@code global_step}.
 *
 * <pre>{@code
 * g = float32(global_step)
 * g, D = min(g, decay_steps), decay_steps   (update_decay_steps: D = decay_steps * max(ceil(g / decay_steps), 1))
 * lr = float32(learning_rate - end_learning_rate) * (1 - g / D) ** power + end_learning_rate   (float32)
 * }</pre>
 *
 * @see <a
 *     href="https://www.mindspore.cn/docs/en/master/api_python/nn/mindspore.nn.PolynomialDecayLR.html">MindSpore
 *     PolynomialDecayLR</a>
 */
public final class PolynomialDecayLR extends LearningRateSchedule {

    private static final String NAME = "mindspore.nn.PolynomialDecayLR";

    /**
     * The definition: MindSpore's signature {@code PolynomialDecayLR(learning_rate,
     * end_learning_rate, decay_steps, power, update_decay_steps=False)}.
     */
    public static final ScheduleDefinition<PolynomialDecayLR> DEFINITION =
            ScheduleDefinition.builder(PolynomialDecayLR.class, NAME, PolynomialDecayLR::new)
                    .optUpstream("mindspore.nn", 11)
                    .optStepOrigin("global_step n - 1")
                    .optDtype("float32")
                    .addRequired(
                            "learning_rate", Param.Kind.LITERAL, "the initial rate, a float > 0")
                    .addRequired(
                            "end_learning_rate", Param.Kind.LITERAL, "the final rate, a float >= 0")
                    .addRequired(
                            "decay_steps", Param.Kind.LITERAL, "steps per decay period, an int > 0")
                    .addRequired(
                            "power", Param.Kind.LITERAL, "the power of the polynomial, a float > 0")
                    .addOptional(
                            "update_decay_steps",
                            Param.Kind.LITERAL,
                            false,
                            "whether the period grows past its end")
                    .optLengths("decay_steps")
                    .build();

    private final float diff;
    private final float endLearningRate;
    private final long decaySteps;
    private final float power;
    private final boolean updateDecaySteps;

    private PolynomialDecayLR(Arguments a) {
        super(a);
        double lr = MsChecks.positiveFloat(NAME, "learning_rate", a.get("learning_rate"));
        double end =
                MsChecks.nonNegativeFloat(NAME, "end_learning_rate", a.get("end_learning_rate"));
        this.decaySteps = MsChecks.positiveInt(NAME, "decay_steps", a.get("decay_steps"));
        this.updateDecaySteps =
                MsChecks.bool(NAME, "update_decay_steps", a.get("update_decay_steps"));
        this.power = (float) MsChecks.positiveFloat(NAME, "power", a.get("power"));
        this.diff = (float) (lr - end); // in double, as MindSpore's constructor
        this.endLearningRate = (float) end;
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
        float g = globalStep;
        // decay_steps is a Python int: each op with it rounds the exact result once
        double d = decaySteps;
        if (updateDecaySteps) {
            float periods = (float) Math.ceil((float) (g / d));
            d = (float) (d * Math.max(periods, 1));
        } else {
            g = Math.min(g, (float) decaySteps);
        }
        float p = (float) (g / d);
        return diff * F32.pow(1 - p, power) + endLearningRate;
    }

    /**
     * {@inheritDoc} The floor: {@code end_learning_rate} from {@code decay_steps} on; with
     * update_decay_steps, the decay restarts on a longer period after each multiple of it.
     */
    @Override
    protected Optional<LrReason> getReason(long lastEpoch, int group) {
        if (!updateDecaySteps) {
            return end(
                    lastEpoch,
                    decaySteps,
                    LrReason.Kind.MINIMUM,
                    "end_learning_rate reached after decay_steps=" + decaySteps,
                    "decay_steps");
        }
        if (lastEpoch <= decaySteps || (lastEpoch - 1) % decaySteps != 0) {
            return Optional.empty();
        }
        return Optional.of(
                LrReason.of(
                                LrReason.Kind.RESTART,
                                "decay_steps passed: the decay restarts over "
                                        + decaySteps * ((lastEpoch - 1) / decaySteps + 1)
                                        + " steps")
                        .with("global_step", lastEpoch));
    }

    /** The builder of {@link PolynomialDecayLR}. */
    public static final class Builder extends ScheduleBuilder<PolynomialDecayLR, Builder> {

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
         * Sets the rate at the end, a float >= 0. Required.
         *
         * @param endLearningRate the rate
         * @return this builder
         */
        public Builder setEndLearningRate(double endLearningRate) {
            return set("end_learning_rate", endLearningRate);
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
         * Sets the power of the polynomial, a float > 0. Required.
         *
         * @param power the power
         * @return this builder
         */
        public Builder setPower(double power) {
            return set("power", power);
        }

        /**
         * Sets whether the decay period grows to the next multiple of decay_steps once passed.
         * Default: False (MindSpore default).
         *
         * @param updateDecaySteps whether to restart the decay
         * @return this builder
         */
        public Builder optUpdateDecaySteps(boolean updateDecaySteps) {
            return set("update_decay_steps", updateDecaySteps);
        }
    }
}
