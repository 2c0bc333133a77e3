package io.github.lrschedulers.mindspore;

import io.github.lrschedulers.Arguments;
import io.github.lrschedulers.LrReason;
import io.github.lrschedulers.Param;
import io.github.lrschedulers.ScheduleBuilder;
import io.github.lrschedulers.ScheduleDefinition;
import java.util.Optional;

/**
 * Warms the rate up linearly from 0 to {@code learning_rate} over {@code warmup_steps} steps, then
 * holds it.
 *
 * <p>MindSpore equivalent: {@code mindspore.nn.WarmUpLR}, a {@code LearningRateSchedule} computing
 * in float32 from the optimizer's {@code global_step}.
 *
 * <pre>{@code
 * lr = learning_rate * (float32(min(global_step, warmup_steps)) / warmup_steps)   (float32)
 * }</pre>
 *
 * @see <a
 *     href="https://www.mindspore.cn/docs/en/master/api_python/nn/mindspore.nn.WarmUpLR.html">MindSpore
 *     WarmUpLR</a>
 */
public final class WarmUpLR extends LearningRateSchedule {

    private static final String NAME = "mindspore.nn.WarmUpLR";

    /** The definition: MindSpore's signature {@code WarmUpLR(learning_rate, warmup_steps)}. */
    public static final ScheduleDefinition<WarmUpLR> DEFINITION =
            ScheduleDefinition.builder(WarmUpLR.class, NAME, WarmUpLR::new)
                    .optUpstream("mindspore.nn", 12)
                    .optStepOrigin("global_step n - 1")
                    .optDtype("float32")
                    .addRequired(
                            "learning_rate",
                            Param.Kind.LITERAL,
                            "the rate after the warmup, a float >= 0")
                    .addRequired(
                            "warmup_steps", Param.Kind.LITERAL, "steps of the warmup, an int > 0")
                    .optLengths("warmup_steps")
                    .build();

    private final float learningRate;
    private final long warmupSteps;

    private WarmUpLR(Arguments a) {
        super(a);
        this.learningRate =
                (float) MsChecks.nonNegativeFloat(NAME, "learning_rate", a.get("learning_rate"));
        this.warmupSteps = MsChecks.positiveInt(NAME, "warmup_steps", a.get("warmup_steps"));
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
        float pct = (float) Math.min(globalStep, warmupSteps) / (float) warmupSteps;
        return learningRate * pct;
    }

    /** {@inheritDoc} The end of the warmup: the rate stays from {@code warmup_steps} on. */
    @Override
    protected Optional<LrReason> getReason(long lastEpoch, int group) {
        return end(
                lastEpoch,
                warmupSteps,
                LrReason.Kind.WARMUP_END,
                "warmup ended after warmup_steps=" + warmupSteps,
                "warmup_steps");
    }

    /** The builder of {@link WarmUpLR}. */
    public static final class Builder extends ScheduleBuilder<WarmUpLR, Builder> {

        private Builder() {
            super(DEFINITION);
        }

        /**
         * Sets the rate after the warmup, a float >= 0. Required.
         *
         * @param learningRate the rate
         * @return this builder
         */
        public Builder setLearningRate(double learningRate) {
            return set("learning_rate", learningRate);
        }

        /**
         * Sets the number of steps of the warmup, an int > 0. Required.
         *
         * @param warmupSteps the number of steps
         * @return this builder
         */
        public Builder setWarmupSteps(long warmupSteps) {
            return set("warmup_steps", warmupSteps);
        }
    }
}
