package io.github.lrschedulers.keras;

import io.github.lrschedulers.Arguments;
import io.github.lrschedulers.LrReason;
import io.github.lrschedulers.Param;
import io.github.lrschedulers.ScheduleBuilder;
import io.github.lrschedulers.ScheduleDefinition;
import io.github.lrschedulers.internal.F32;
import java.util.Optional;

/**
 * Cosine annealing with warm restarts (SGDR): cycles of a half cosine, the first {@code
 * first_decay_steps} long, each {@code t_mul} times longer and starting {@code m_mul} times lower
 * than the one before.
 *
 * <p>Keras equivalent: {@code keras.optimizers.schedules.CosineDecayRestarts}. In float32, with
 * {@code f = step / first_decay_steps}:
 *
 * <pre>{@code
 * t_mul == 1: i = floor(f), f = f - i
 * else:       i = floor(log(1 - f * (1 - t_mul)) / log(t_mul))
 *             f = (f - (1 - t_mul^i) / (1 - t_mul)) / t_mul^i
 * lr = initial_learning_rate * ((1 - alpha) * (0.5 * m_mul^i) * (1 + cos(pi * f)) + alpha)
 * }</pre>
 *
 * <p>The cycle index comes from float32 log and floor, so near a restart it can be one step off the
 * exact one, as in Keras.
 *
 * @see <a href="https://arxiv.org/abs/1608.03983">SGDR: Stochastic Gradient Descent with Warm
 *     Restarts</a>
 * @see <a href="https://keras.io/api/optimizers/learning_rate_schedules/cosine_decay_restarts/">
 *     Keras CosineDecayRestarts</a>
 */
public final class CosineDecayRestarts extends KerasSchedule {

    /**
     * The definition: {@code CosineDecayRestarts(initial_learning_rate, first_decay_steps,
     * t_mul=2.0, m_mul=1.0, alpha=0.0, name="SGDRDecay")}.
     */
    public static final ScheduleDefinition<CosineDecayRestarts> DEFINITION =
            ScheduleDefinition.builder(
                            CosineDecayRestarts.class,
                            KERAS + ".CosineDecayRestarts",
                            CosineDecayRestarts::new)
                    .optUpstream(KERAS, 6)
                    .optStepOrigin(STEP_ORIGIN)
                    .optDtype("float32")
                    .addRequired(
                            "initial_learning_rate",
                            Param.Kind.FLOAT,
                            "the rate at step 0 (a float: Keras computes in int32 for an int)")
                    .addRequired("first_decay_steps", Param.Kind.NUMBER, "steps of the first cycle")
                    .addOptional(
                            "t_mul", Param.Kind.NUMBER, 2.0, "each cycle's length over the last's")
                    .addOptional(
                            "m_mul",
                            Param.Kind.NUMBER,
                            1.0,
                            "each cycle's start rate over the last's")
                    .addOptional(
                            "alpha",
                            Param.Kind.NUMBER,
                            0.0,
                            "the end of each cycle as a fraction of its start")
                    .addOptional(
                            "name", Param.Kind.STRING, "SGDRDecay", "the schedule's name, ignored")
                    .optLengths("first_decay_steps")
                    .build();

    private final float initialLearningRate;
    private final float firstDecaySteps;
    private final float tMul;
    private final float mMul;
    private final float alpha;

    private CosineDecayRestarts(Arguments a) {
        super(a);
        double steps = a.getDouble("first_decay_steps");
        checkSteps("CosineDecayRestarts", "first_decay_steps", steps);
        initialLearningRate = (float) a.getDouble("initial_learning_rate");
        firstDecaySteps = (float) steps;
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
        float completed = (float) step / firstDecaySteps;
        float restart = restarts(completed);
        if (tMul == 1f) {
            completed = completed - restart;
        } else {
            float sumR = (1f - F32.pow(tMul, restart)) / (1f - tMul);
            completed = (completed - sumR) / F32.pow(tMul, restart);
        }
        float mFac = F32.pow(mMul, restart);
        float cosineDecayed = 0.5f * mFac * (1f + F32.cos(PI * completed));
        return initialLearningRate * ((1f - alpha) * cosineDecayed + alpha);
    }

    /** The number of the restarts before a fraction of the first period. */
    private float restarts(float completed) {
        if (tMul == 1f) {
            return (float) Math.floor(completed);
        }
        return (float) Math.floor(F32.log(1f - completed * (1f - tMul)) / F32.log(tMul));
    }

    /** {@inheritDoc} A restart: the next period begins at the initial rate times {@code m_mul}. */
    @Override
    protected Optional<LrReason> getReason(long lastEpoch, int group) {
        if (lastEpoch <= 0) {
            return Optional.empty();
        }
        float restart = restarts((float) lastEpoch / firstDecaySteps);
        // past the sum of shrinking periods (t_mul < 1) the count is not finite: no cycle
        if (!Float.isFinite(restart)
                || restart == restarts((float) (lastEpoch - 1) / firstDecaySteps)) {
            return Optional.empty();
        }
        return Optional.of(
                LrReason.of(LrReason.Kind.RESTART, "cycle " + ((long) restart + 1) + " restarted")
                        .with("cycle", (long) restart + 1));
    }

    /** The builder of {@link CosineDecayRestarts}. */
    public static final class Builder extends ScheduleBuilder<CosineDecayRestarts, Builder> {

        private Builder() {
            super(DEFINITION);
        }

        /**
         * Sets the rate at step 0.
         *
         * @param initialLearningRate the initial rate
         * @return this builder
         */
        public Builder setInitialLearningRate(double initialLearningRate) {
            return set("initial_learning_rate", initialLearningRate);
        }

        /**
         * Sets the number of steps of the first cycle.
         *
         * @param firstDecaySteps the first cycle's length, {@code > 0}
         * @return this builder
         */
        public Builder setFirstDecaySteps(double firstDecaySteps) {
            return set("first_decay_steps", firstDecaySteps);
        }

        /**
         * Sets how many times longer each cycle is than the one before. Default: 2.0 (Keras
         * default).
         *
         * @param tMul the length factor
         * @return this builder
         */
        public Builder optTMul(double tMul) {
            return set("t_mul", tMul);
        }

        /**
         * Sets the factor of each cycle's start rate over the last's. Default: 1.0 (Keras default).
         *
         * @param mMul the rate factor
         * @return this builder
         */
        public Builder optMMul(double mMul) {
            return set("m_mul", mMul);
        }

        /**
         * Sets the end of each cycle as a fraction of its start. Default: 0.0 (Keras default).
         *
         * @param alpha the fraction
         * @return this builder
         */
        public Builder optAlpha(double alpha) {
            return set("alpha", alpha);
        }

        /**
         * Sets the schedule's name, which changes nothing. Default: {@code "SGDRDecay"}.
         *
         * @param name the name
         * @return this builder
         */
        public Builder optName(String name) {
            return set("name", name);
        }
    }
}
