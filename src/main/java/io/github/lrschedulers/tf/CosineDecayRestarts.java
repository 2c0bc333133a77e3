package io.github.lrschedulers.tf;

import io.github.lrschedulers.Arguments;
import io.github.lrschedulers.LrReason;
import io.github.lrschedulers.Param;
import io.github.lrschedulers.ScheduleBuilder;
import io.github.lrschedulers.ScheduleDefinition;
import io.github.lrschedulers.internal.F32;
import java.util.Optional;

/**
 * Anneals the rate along half cosines that restart, each {@code t_mul} times longer and {@code
 * m_mul} times lower than the one before (Loshchilov and Hutter, <a
 * href="https://arxiv.org/abs/1608.03983">SGDR</a>).
 *
 * <p>TensorFlow equivalent: {@code tf.compat.v1.train.cosine_decay_restarts}. In float32:
 *
 * <pre>{@code
 * f = step / first_decay_steps
 * t_mul == 1: i = floor(f),  f = f - i
 * otherwise:  i = floor(log(1 - f * (1 - t_mul)) / log(t_mul))
 *             f = (f - (1 - t_mul ** i) / (1 - t_mul)) / t_mul ** i
 * c  = (0.5 * m_mul ** i) * (1 + cos(pi * f))
 * lr = learning_rate * ((1 - alpha) * c + alpha)
 * }</pre>
 *
 * <p>The restart index comes from a float32 logarithm, so near a restart the cycle can change one
 * step early or late, as in TF.
 *
 * @see <a
 *     href="https://www.tensorflow.org/api_docs/python/tf/compat/v1/train/cosine_decay_restarts">TF
 *     cosine_decay_restarts</a>
 */
public final class CosineDecayRestarts extends TfSchedule {

    /**
     * The definition: {@code cosine_decay_restarts(learning_rate, global_step, first_decay_steps,
     * t_mul=2.0, m_mul=1.0, alpha=0.0, name=None)} without {@code global_step}.
     */
    public static final ScheduleDefinition<CosineDecayRestarts> DEFINITION =
            ScheduleDefinition.builder(
                            CosineDecayRestarts.class,
                            COMPAT_V1 + ".cosine_decay_restarts",
                            CosineDecayRestarts::new)
                    .optUpstream(COMPAT_V1, 6)
                    .optStepOrigin(STEP_ORIGIN)
                    .optDtype("float32")
                    .addRequired("learning_rate", Param.Kind.FLOAT, "the rate at step 0")
                    .addRequired(
                            "first_decay_steps", Param.Kind.NUMBER, "steps of the first period")
                    .addOptional(
                            "t_mul", Param.Kind.NUMBER, 2.0, "each period's length over the last")
                    .addOptional(
                            "m_mul", Param.Kind.NUMBER, 1.0, "each period's peak over the last")
                    .addOptional(
                            "alpha",
                            Param.Kind.NUMBER,
                            0.0,
                            "the minimum rate as a fraction of learning_rate")
                    .addOptionalNone("name", Param.Kind.STRING, "the TF op's name, ignored")
                    .optLengths("first_decay_steps")
                    .build();

    private final float learningRate;
    private final float firstDecaySteps;
    private final float tMul;
    private final float mMul;
    private final float alpha;

    private CosineDecayRestarts(Arguments a) {
        super(a);
        learningRate = (float) a.getDouble("learning_rate");
        firstDecaySteps = (float) a.getDouble("first_decay_steps");
        tMul = (float) a.getDouble("t_mul");
        mMul = (float) a.getDouble("m_mul");
        alpha = (float) a.getDouble("alpha");
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
        float fraction = step32(step) / firstDecaySteps;
        float i = cycle(fraction);
        if (tMul == 1f) {
            fraction = fraction - i;
        } else {
            float sumR = (1f - F32.pow(tMul, i)) / (1f - tMul);
            fraction = (fraction - sumR) / F32.pow(tMul, i);
        }
        float mFac = F32.pow(mMul, i);
        float cosineDecayed = 0.5f * mFac * (1f + F32.cos(Tf32.PI * fraction));
        float decayed = (1f - alpha) * cosineDecayed + alpha;
        return learningRate * decayed;
    }

    /** The number of the restarts before a fraction of the first period, from 0. */
    private float cycle(float fraction) {
        if (tMul == 1f) {
            return Tf32.floor(fraction);
        }
        return Tf32.floor(F32.log(1f - fraction * (1f - tMul)) / F32.log(tMul));
    }

    /** {@inheritDoc} A restart: the next period begins at the initial rate times {@code m_mul}. */
    @Override
    protected Optional<LrReason> getReason(long lastEpoch, int group) {
        if (lastEpoch <= 0) {
            return Optional.empty();
        }
        float i = cycle(step32(lastEpoch) / firstDecaySteps);
        // past the sum of shrinking periods (t_mul < 1) the count is not finite: no cycle
        if (!Float.isFinite(i) || i == cycle(step32(lastEpoch - 1) / firstDecaySteps)) {
            return Optional.empty();
        }
        return Optional.of(
                LrReason.of(LrReason.Kind.RESTART, "cycle " + ((long) i + 1) + " restarted")
                        .with("cycle", (long) i + 1));
    }

    /** The builder of {@link CosineDecayRestarts}. */
    public static final class Builder extends ScheduleBuilder<CosineDecayRestarts, Builder> {

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
         * Sets the number of steps of the first period.
         *
         * @param firstDecaySteps the first period's length
         * @return this builder
         */
        public Builder setFirstDecaySteps(double firstDecaySteps) {
            return set("first_decay_steps", firstDecaySteps);
        }

        /**
         * Sets each period's length over the one before. Default: 2.0.
         *
         * @param tMul the factor
         * @return this builder
         */
        public Builder optTMul(double tMul) {
            return set("t_mul", tMul);
        }

        /**
         * Sets each period's peak rate over the one before. Default: 1.0.
         *
         * @param mMul the factor
         * @return this builder
         */
        public Builder optMMul(double mMul) {
            return set("m_mul", mMul);
        }

        /**
         * Sets the minimum rate as a fraction of {@code learning_rate}. Default: 0.0.
         *
         * @param alpha the fraction
         * @return this builder
         */
        public Builder optAlpha(double alpha) {
            return set("alpha", alpha);
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
