package io.github.lrschedulers.tf;

import io.github.lrschedulers.Arguments;
import io.github.lrschedulers.LrReason;
import io.github.lrschedulers.Param;
import io.github.lrschedulers.ScheduleBuilder;
import io.github.lrschedulers.ScheduleDefinition;
import io.github.lrschedulers.internal.F32;
import java.util.Optional;

/**
 * Holds a burn-in rate for {@code burnin_steps} steps, then decays the base rate in stairs of
 * {@code learning_rate_decay_steps} steps, counted from step 0.
 *
 * <p>TensorFlow Object Detection API equivalent: {@code
 * object_detection.utils.learning_schedules.exponential_decay_with_burnin}. In float32:
 *
 * <pre>{@code
 * lr = burnin_learning_rate                     if step < burnin_steps (learning_rate_base if it is 0)
 * lr = learning_rate_base * learning_rate_decay_factor ** floor(step / learning_rate_decay_steps)
 * }</pre>
 *
 * @see <a
 *     href="https://github.com/tensorflow/models/blob/master/research/object_detection/utils/learning_schedules.py">
 *     learning_schedules.py</a>
 */
public final class ExponentialDecayWithBurnin extends TfSchedule {

    /**
     * The definition: {@code exponential_decay_with_burnin(global_step, learning_rate_base,
     * learning_rate_decay_steps, learning_rate_decay_factor, burnin_learning_rate=0.0,
     * burnin_steps=0)} without {@code global_step}.
     */
    public static final ScheduleDefinition<ExponentialDecayWithBurnin> DEFINITION =
            ScheduleDefinition.builder(
                            ExponentialDecayWithBurnin.class,
                            OBJECT_DETECTION + ".exponential_decay_with_burnin",
                            ExponentialDecayWithBurnin::new)
                    .optUpstream(OBJECT_DETECTION, 0)
                    .optStepOrigin(STEP_ORIGIN)
                    .optDtype("float32")
                    .addRequired(
                            "learning_rate_base", Param.Kind.FLOAT, "the rate the decay starts at")
                    .addRequired(
                            "learning_rate_decay_steps",
                            Param.Kind.NUMBER,
                            "steps per decay by learning_rate_decay_factor")
                    .addRequired(
                            "learning_rate_decay_factor",
                            Param.Kind.NUMBER,
                            "the factor per learning_rate_decay_steps")
                    .addOptional(
                            "burnin_learning_rate",
                            Param.Kind.NUMBER,
                            0.0,
                            "the rate during the burn-in (0: learning_rate_base)")
                    .addOptional("burnin_steps", Param.Kind.INTEGER, 0L, "steps of the burn-in")
                    .optLengths("learning_rate_decay_steps", "burnin_steps")
                    .build();

    private final float burninLearningRate;
    private final long burninSteps;
    private final float learningRateBase;
    private final float decaySteps;
    private final float decayFactor;

    private ExponentialDecayWithBurnin(Arguments a) {
        super(a);
        double base = a.getDouble("learning_rate_base");
        double burnin = a.getDouble("burnin_learning_rate");
        burninLearningRate = (float) (burnin == 0 ? base : burnin);
        burninSteps = a.getLong("burnin_steps");
        learningRateBase = (float) base;
        decaySteps = (float) a.getDouble("learning_rate_decay_steps");
        decayFactor = (float) a.getDouble("learning_rate_decay_factor");
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
        if (step < burninSteps) {
            return burninLearningRate;
        }
        float p = Tf32.floor(step32(step) / decaySteps);
        return learningRateBase * F32.pow(decayFactor, p);
    }

    /** {@inheritDoc} The end of the burn-in, and the staircase decays. */
    @Override
    protected Optional<LrReason> getReason(long lastEpoch, int group) {
        if (burninSteps > 0 && lastEpoch == burninSteps) {
            return at(
                    lastEpoch,
                    burninSteps,
                    LrReason.Kind.WARMUP_END,
                    "burn-in ended after burnin_steps=" + burninSteps,
                    "burnin_steps");
        }
        return lastEpoch < burninSteps ? Optional.empty() : staircase(lastEpoch, true, decaySteps);
    }

    /** The builder of {@link ExponentialDecayWithBurnin}. */
    public static final class Builder extends ScheduleBuilder<ExponentialDecayWithBurnin, Builder> {

        private Builder() {
            super(DEFINITION);
        }

        /**
         * Sets the rate the decay starts at (a Python float: TF would compute in int32 for an int).
         *
         * @param learningRateBase the base rate
         * @return this builder
         */
        public Builder setLearningRateBase(double learningRateBase) {
            return set("learning_rate_base", learningRateBase);
        }

        /**
         * Sets the number of steps per decay by {@code learning_rate_decay_factor}.
         *
         * @param learningRateDecaySteps the decay period
         * @return this builder
         */
        public Builder setLearningRateDecaySteps(double learningRateDecaySteps) {
            return set("learning_rate_decay_steps", learningRateDecaySteps);
        }

        /**
         * Sets the factor per {@code learning_rate_decay_steps} steps.
         *
         * @param learningRateDecayFactor the factor
         * @return this builder
         */
        public Builder setLearningRateDecayFactor(double learningRateDecayFactor) {
            return set("learning_rate_decay_factor", learningRateDecayFactor);
        }

        /**
         * Sets the rate during the burn-in. Default: 0.0, meaning {@code learning_rate_base}.
         *
         * @param burninLearningRate the burn-in rate
         * @return this builder
         */
        public Builder optBurninLearningRate(double burninLearningRate) {
            return set("burnin_learning_rate", burninLearningRate);
        }

        /**
         * Sets the number of steps of the burn-in. Default: 0.
         *
         * @param burninSteps the burn-in's length
         * @return this builder
         */
        public Builder optBurninSteps(long burninSteps) {
            return set("burnin_steps", burninSteps);
        }
    }
}
