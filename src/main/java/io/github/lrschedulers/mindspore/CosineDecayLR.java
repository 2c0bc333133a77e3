package io.github.lrschedulers.mindspore;

import io.github.lrschedulers.ArgumentException;
import io.github.lrschedulers.Arguments;
import io.github.lrschedulers.LrReason;
import io.github.lrschedulers.Param;
import io.github.lrschedulers.ScheduleBuilder;
import io.github.lrschedulers.ScheduleDefinition;
import io.github.lrschedulers.internal.F32;
import java.util.Optional;

/**
 * Anneals the rate from {@code max_lr} to {@code min_lr} along a half cosine over {@code
 * decay_steps} steps, then holds {@code min_lr}.
 *
 * <p>MindSpore equivalent: {@code mindspore.nn.CosineDecayLR}, a {@code LearningRateSchedule}
 * computing in float32 from the optimizer's {@code global_step}.
 *
 * <pre>{@code
 * p = float32(min(global_step, decay_steps))
 * lr = min_lr + float32(0.5 * (max_lr - min_lr)) * (1 + cos(float32(pi) * p / decay_steps))   (float32)
 * }</pre>
 *
 * @see <a
 *     href="https://www.mindspore.cn/docs/en/master/api_python/nn/mindspore.nn.CosineDecayLR.html">MindSpore
 *     CosineDecayLR</a>
 */
public final class CosineDecayLR extends LearningRateSchedule {

    private static final String NAME = "mindspore.nn.CosineDecayLR";

    /** The definition: MindSpore's signature {@code CosineDecayLR(min_lr, max_lr, decay_steps)}. */
    public static final ScheduleDefinition<CosineDecayLR> DEFINITION =
            ScheduleDefinition.builder(CosineDecayLR.class, NAME, CosineDecayLR::new)
                    .optUpstream("mindspore.nn", 10)
                    .optStepOrigin("global_step n - 1")
                    .optDtype("float32")
                    .addRequired("min_lr", Param.Kind.LITERAL, "the final rate, a float >= 0")
                    .addRequired("max_lr", Param.Kind.LITERAL, "the initial rate, a float > 0")
                    .addRequired(
                            "decay_steps", Param.Kind.LITERAL, "steps per decay period, an int > 0")
                    .optLengths("decay_steps")
                    .build();

    private static final float PI = (float) Math.PI;

    private final float minLr;
    private final float delta;
    private final long decaySteps;

    private CosineDecayLR(Arguments a) {
        super(a);
        double min = MsChecks.nonNegativeFloat(NAME, "min_lr", a.get("min_lr"));
        double max = MsChecks.positiveFloat(NAME, "max_lr", a.get("max_lr"));
        this.decaySteps = MsChecks.positiveInt(NAME, "decay_steps", a.get("decay_steps"));
        if (min >= max) {
            throw new ArgumentException(
                    "max_lr",
                    NAME
                            + " max_lr must be greater than min_lr, but was "
                            + MsChecks.repr(max)
                            + " with min_lr "
                            + MsChecks.repr(min));
        }
        this.minLr = (float) min;
        this.delta = (float) (0.5 * (max - min)); // in double, as MindSpore's constructor
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
        float p = Math.min(globalStep, decaySteps);
        float x = PI * p / decaySteps;
        return minLr + delta * (1 + F32.cos(x));
    }

    /** {@inheritDoc} The floor: {@code min_lr} from {@code decay_steps} on. */
    @Override
    protected Optional<LrReason> getReason(long lastEpoch, int group) {
        return end(
                lastEpoch,
                decaySteps,
                LrReason.Kind.MINIMUM,
                "min_lr reached after decay_steps=" + decaySteps,
                "decay_steps");
    }

    /** The builder of {@link CosineDecayLR}. */
    public static final class Builder extends ScheduleBuilder<CosineDecayLR, Builder> {

        private Builder() {
            super(DEFINITION);
        }

        /**
         * Sets the rate at the end, a float >= 0 below max_lr. Required.
         *
         * @param minLr the rate
         * @return this builder
         */
        public Builder setMinLr(double minLr) {
            return set("min_lr", minLr);
        }

        /**
         * Sets the rate at the start, a float > 0. Required.
         *
         * @param maxLr the rate
         * @return this builder
         */
        public Builder setMaxLr(double maxLr) {
            return set("max_lr", maxLr);
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
    }
}
