package io.github.lrschedulers.tf;

import io.github.lrschedulers.ArgumentException;
import io.github.lrschedulers.Arguments;
import io.github.lrschedulers.LrReason;
import io.github.lrschedulers.Param;
import io.github.lrschedulers.ScheduleBuilder;
import io.github.lrschedulers.ScheduleDefinition;
import io.github.lrschedulers.internal.F32;
import java.util.Optional;

/**
 * Warms up linearly from {@code warmup_learning_rate} to {@code learning_rate_base} over {@code
 * warmup_steps} steps, holds the base for {@code hold_base_rate_steps} more, then anneals it along
 * a half cosine to 0 at {@code total_steps}, and is 0 after.
 *
 * <p>TensorFlow Object Detection API equivalent: {@code
 * object_detection.utils.learning_schedules.cosine_decay_with_warmup}, the warmup-hold-cosine
 * schedule of many tutorials. float32 tensors where the code has them, Python doubles where it has
 * Python arithmetic:
 *
 * <pre>{@code
 * x  = (step - warmup_steps) - hold_base_rate_steps
 * lr = (0.5 * learning_rate_base) * (1 + cos(pi * x / (total_steps - warmup_steps - hold_base_rate_steps)))
 * lr = learning_rate_base                          if hold_base_rate_steps > 0 and step <= warmup_steps + hold
 * lr = slope * step + warmup_learning_rate         if step < warmup_steps,
 *      slope = (learning_rate_base - warmup_learning_rate) / warmup_steps   (double)
 * lr = 0                                           if step > total_steps
 * }</pre>
 *
 * <p>The cosine spans {@code total_steps - warmup_steps - hold_base_rate_steps} steps after the
 * hold, reaching 0 at {@code total_steps}; where that length is 0 its branch is inf or NaN but
 * never selected.
 *
 * @see <a
 *     href="https://github.com/tensorflow/models/blob/master/research/object_detection/utils/learning_schedules.py">
 *     learning_schedules.py</a>
 */
public final class CosineDecayWithWarmup extends TfSchedule {

    /**
     * The definition: {@code cosine_decay_with_warmup(global_step, learning_rate_base, total_steps,
     * warmup_learning_rate=0.0, warmup_steps=0, hold_base_rate_steps=0)} without {@code
     * global_step}.
     */
    public static final ScheduleDefinition<CosineDecayWithWarmup> DEFINITION =
            ScheduleDefinition.builder(
                            CosineDecayWithWarmup.class,
                            OBJECT_DETECTION + ".cosine_decay_with_warmup",
                            CosineDecayWithWarmup::new)
                    .optUpstream(OBJECT_DETECTION, 1)
                    .optStepOrigin(STEP_ORIGIN)
                    .optDtype("float32")
                    .addRequired(
                            "learning_rate_base",
                            Param.Kind.NUMBER,
                            "the rate after the warmup, where the cosine starts")
                    .addRequired(
                            "total_steps", Param.Kind.INTEGER, "the step where the rate reaches 0")
                    .addOptional(
                            "warmup_learning_rate",
                            Param.Kind.NUMBER,
                            0.0,
                            "the rate at step 0 of the warmup")
                    .addOptional("warmup_steps", Param.Kind.INTEGER, 0L, "steps of the warmup")
                    .addOptional(
                            "hold_base_rate_steps",
                            Param.Kind.INTEGER,
                            0L,
                            "steps at learning_rate_base after the warmup")
                    .optLengths("total_steps", "warmup_steps", "hold_base_rate_steps")
                    .build();

    private final long totalSteps;
    private final long warmupSteps;
    private final long holdSteps;
    private final float base;
    private final float halfBase;
    private final float denominator;
    private final float slope;
    private final float warmupLearningRate;

    private CosineDecayWithWarmup(Arguments a) {
        super(a);
        double base64 = a.getDouble("learning_rate_base");
        double warmupLr64 = a.getDouble("warmup_learning_rate");
        totalSteps = a.getLong("total_steps");
        warmupSteps = a.getLong("warmup_steps");
        holdSteps = a.getLong("hold_base_rate_steps");
        if (base64 < warmupLr64) {
            throw new ArgumentException(
                    "learning_rate_base",
                    "cosine_decay_with_warmup learning_rate_base must be larger or equal to"
                            + " warmup_learning_rate ("
                            + warmupLr64
                            + "), but was "
                            + base64);
        }
        if (totalSteps < warmupSteps) {
            throw new ArgumentException(
                    "total_steps",
                    "cosine_decay_with_warmup total_steps must be larger or equal to warmup_steps"
                            + " ("
                            + warmupSteps
                            + "), but was "
                            + totalSteps);
        }
        base = (float) base64;
        halfBase = (float) (0.5 * base64);
        denominator = (float) (double) (totalSteps - warmupSteps - holdSteps);
        slope = warmupSteps > 0 ? (float) ((base64 - warmupLr64) / warmupSteps) : 0f;
        warmupLearningRate = (float) warmupLr64;
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
        if (step > totalSteps) {
            return 0.0;
        }
        float g = step32(step);
        if (warmupSteps > 0 && step < warmupSteps) {
            return slope * g + warmupLearningRate;
        }
        if (holdSteps > 0 && step <= warmupSteps + holdSteps) {
            return base;
        }
        float x = (float) ((float) ((double) g - warmupSteps) - (double) holdSteps);
        float angle = Tf32.PI * x / denominator;
        return halfBase * (1f + F32.cos(angle));
    }

    /**
     * {@inheritDoc} The end of the warmup, the end of the hold, and the rate 0 after {@code
     * total_steps}.
     */
    @Override
    protected Optional<LrReason> getReason(long lastEpoch, int group) {
        if (lastEpoch == totalSteps + 1) {
            return at(
                    lastEpoch,
                    totalSteps + 1,
                    LrReason.Kind.MINIMUM,
                    "total_steps=" + totalSteps + " passed: the rate is 0",
                    "total_steps");
        }
        if (warmupSteps > 0 && lastEpoch == warmupSteps) {
            return at(
                    lastEpoch,
                    warmupSteps,
                    LrReason.Kind.WARMUP_END,
                    "warmup ended after warmup_steps=" + warmupSteps,
                    "warmup_steps");
        }
        if (holdSteps > 0 && lastEpoch == warmupSteps + holdSteps + 1) {
            return Optional.of(
                    LrReason.of(
                                    LrReason.Kind.PHASE,
                                    "hold ended after hold_base_rate_steps="
                                            + holdSteps
                                            + ": the cosine decay starts")
                            .with("hold_base_rate_steps", holdSteps));
        }
        return Optional.empty();
    }

    /** The builder of {@link CosineDecayWithWarmup}. */
    public static final class Builder extends ScheduleBuilder<CosineDecayWithWarmup, Builder> {

        private Builder() {
            super(DEFINITION);
        }

        /**
         * Sets the rate after the warmup, where the cosine starts.
         *
         * @param learningRateBase the peak rate
         * @return this builder
         */
        public Builder setLearningRateBase(double learningRateBase) {
            return set("learning_rate_base", learningRateBase);
        }

        /**
         * Sets the step where the rate reaches 0.
         *
         * @param totalSteps the length of the schedule
         * @return this builder
         */
        public Builder setTotalSteps(long totalSteps) {
            return set("total_steps", totalSteps);
        }

        /**
         * Sets the rate at step 0 of the warmup. Default: 0.0.
         *
         * @param warmupLearningRate the warmup's start
         * @return this builder
         */
        public Builder optWarmupLearningRate(double warmupLearningRate) {
            return set("warmup_learning_rate", warmupLearningRate);
        }

        /**
         * Sets the number of steps of the linear warmup. Default: 0.
         *
         * @param warmupSteps the warmup's length
         * @return this builder
         */
        public Builder optWarmupSteps(long warmupSteps) {
            return set("warmup_steps", warmupSteps);
        }

        /**
         * Sets the number of steps at {@code learning_rate_base} after the warmup. Default: 0.
         *
         * @param holdBaseRateSteps the hold's length
         * @return this builder
         */
        public Builder optHoldBaseRateSteps(long holdBaseRateSteps) {
            return set("hold_base_rate_steps", holdBaseRateSteps);
        }
    }
}
