package io.github.lrschedulers.keras;

import io.github.lrschedulers.Arguments;
import io.github.lrschedulers.Param;
import io.github.lrschedulers.ScheduleBuilder;
import io.github.lrschedulers.ScheduleDefinition;
import io.github.lrschedulers.internal.F32;

/**
 * Anneals the rate along a half cosine to {@code alpha} times its start over {@code decay_steps}
 * steps, then holds it; optionally after a linear warmup from {@code initial_learning_rate} to
 * {@code warmup_target} over {@code warmup_steps} steps.
 *
 * <p>Keras equivalent: {@code keras.optimizers.schedules.CosineDecay}. In float32, with {@code
 * decay(g, from) = from * ((1 - alpha) * 0.5 * (1 + cos(pi * g / decay_steps)) + alpha)}:
 *
 * <pre>{@code
 * no warmup_target: lr = decay(min(step, decay_steps), initial_learning_rate)
 * warmup_target:    g = min(step, decay_steps + warmup_steps)
 *                   g < warmup_steps: lr = (warmup_target - initial_learning_rate) * (g /
 *                                          warmup_steps) + initial_learning_rate
 *                   else:             lr = decay(g - warmup_steps, warmup_target)
 * }</pre>
 *
 * <p>The warmup starts from {@code initial_learning_rate}, not from 0; with {@code warmup_steps=0}
 * the decay starts from the target at once. {@code 1 - alpha} is a Python float, rounded to float32
 * after the subtraction.
 *
 * @see <a href="https://keras.io/api/optimizers/learning_rate_schedules/cosine_decay/">Keras
 *     CosineDecay</a>
 */
public final class CosineDecay extends KerasSchedule {

    /**
     * The definition: {@code CosineDecay(initial_learning_rate, decay_steps, alpha=0.0,
     * name="CosineDecay", warmup_target=None, warmup_steps=0)}.
     */
    public static final ScheduleDefinition<CosineDecay> DEFINITION =
            ScheduleDefinition.builder(CosineDecay.class, KERAS + ".CosineDecay", CosineDecay::new)
                    .optUpstream(KERAS, 5)
                    .optStepOrigin(STEP_ORIGIN)
                    .optDtype("float32")
                    .addRequired(
                            "initial_learning_rate",
                            Param.Kind.FLOAT,
                            "the rate at step 0 (a float: Keras computes in int32 for an int)")
                    .addRequired("decay_steps", Param.Kind.NUMBER, "steps of the cosine decay")
                    .addOptional(
                            "alpha",
                            Param.Kind.NUMBER,
                            0.0,
                            "the final rate as a fraction of the decay's start")
                    .addOptional(
                            "name",
                            Param.Kind.STRING,
                            "CosineDecay",
                            "the schedule's name, ignored")
                    .addOptionalNone(
                            "warmup_target",
                            Param.Kind.NUMBER,
                            "the rate at the end of the warmup, where the decay starts (None: no"
                                    + " warmup)")
                    .addOptional(
                            "warmup_steps",
                            Param.Kind.NUMBER,
                            0.0,
                            "steps of the warmup (used with warmup_target)")
                    .optLengths("decay_steps", "warmup_steps")
                    .build();

    private final float initialLearningRate;
    private final float decaySteps;
    private final float oneMinusAlpha;
    private final float alpha;
    private final boolean warmup;
    private final float warmupTarget;
    private final float warmupSteps;

    private CosineDecay(Arguments a) {
        super(a);
        double steps = a.getDouble("decay_steps");
        checkSteps("CosineDecay", "decay_steps", steps);
        initialLearningRate = (float) a.getDouble("initial_learning_rate");
        decaySteps = (float) steps;
        double alpha64 = a.getDouble("alpha");
        oneMinusAlpha = (float) (1 - alpha64);
        alpha = (float) alpha64;
        Object target = a.get("warmup_target");
        warmup = target != null;
        warmupTarget = warmup ? (float) ((Number) target).doubleValue() : 0f;
        warmupSteps = (float) a.getDouble("warmup_steps");
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
        float g = (float) step;
        if (!warmup) {
            return decay(Math.min(g, decaySteps), initialLearningRate);
        }
        g = Math.min(g, decaySteps + warmupSteps);
        if (g < warmupSteps) {
            return (warmupTarget - initialLearningRate) * (g / warmupSteps) + initialLearningRate;
        }
        return decay(g - warmupSteps, warmupTarget);
    }

    /** Keras's {@code _decay_function}. */
    private float decay(float g, float from) {
        float completed = g / decaySteps;
        float cosineDecayed = 0.5f * (1f + F32.cos(PI * completed));
        return from * (oneMinusAlpha * cosineDecayed + alpha);
    }

    /** The builder of {@link CosineDecay}. */
    public static final class Builder extends ScheduleBuilder<CosineDecay, Builder> {

        private Builder() {
            super(DEFINITION);
        }

        /**
         * Sets the rate at step 0, where the warmup or the decay starts.
         *
         * @param initialLearningRate the initial rate
         * @return this builder
         */
        public Builder setInitialLearningRate(double initialLearningRate) {
            return set("initial_learning_rate", initialLearningRate);
        }

        /**
         * Sets the number of steps of the cosine decay (after the warmup).
         *
         * @param decaySteps the decay length, {@code > 0}
         * @return this builder
         */
        public Builder setDecaySteps(double decaySteps) {
            return set("decay_steps", decaySteps);
        }

        /**
         * Sets the final rate as a fraction of the decay's start. Default: 0.0 (Keras default).
         *
         * @param alpha the fraction
         * @return this builder
         */
        public Builder optAlpha(double alpha) {
            return set("alpha", alpha);
        }

        /**
         * Sets the schedule's name, which changes nothing. Default: {@code "CosineDecay"}.
         *
         * @param name the name
         * @return this builder
         */
        public Builder optName(String name) {
            return set("name", name);
        }

        /**
         * Sets the rate the warmup reaches, where the decay starts. Default: None (no warmup: the
         * decay starts from {@code initial_learning_rate}).
         *
         * @param warmupTarget the rate after the warmup
         * @return this builder
         */
        public Builder optWarmupTarget(double warmupTarget) {
            return set("warmup_target", warmupTarget);
        }

        /**
         * Sets the number of warmup steps, used with a warmup target. Default: 0 (Keras default).
         *
         * @param warmupSteps the warmup length
         * @return this builder
         */
        public Builder optWarmupSteps(double warmupSteps) {
            return set("warmup_steps", warmupSteps);
        }
    }
}
