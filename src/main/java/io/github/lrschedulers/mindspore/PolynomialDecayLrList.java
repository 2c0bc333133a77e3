package io.github.lrschedulers.mindspore;

import io.github.lrschedulers.Arguments;
import io.github.lrschedulers.LrReason;
import io.github.lrschedulers.Param;
import io.github.lrschedulers.ScheduleBuilder;
import io.github.lrschedulers.ScheduleDefinition;
import io.github.lrschedulers.internal.Py;
import java.util.Optional;

/**
 * Decays the rate polynomially from {@code learning_rate} to {@code end_learning_rate} over {@code
 * decay_epoch} epochs, then holds it; with {@code update_decay_epoch} the period grows to the next
 * multiple of {@code decay_epoch} instead (the rate jumps back up).
 *
 * <p>MindSpore equivalent: {@code mindspore.nn.polynomial_decay_lr}, a Python list of doubles, one
 * per step {@code i < total_step}, that the optimizer narrows to float32 and reads at {@code
 * global_step}; an update past the list's end throws {@link IllegalStateException}.
 *
 * <pre>{@code
 * e = floor(i / step_per_epoch)
 * t, D = min(e, decay_epoch), decay_epoch
 *         (update_decay_epoch: t, D = e, decay_epoch * max(ceil(e / decay_epoch), 1))
 * lr[i] = (learning_rate - end_learning_rate) * (1 - t / D) ** power + end_learning_rate
 * }</pre>
 *
 * @see <a
 *     href="https://www.mindspore.cn/docs/en/master/api_python/nn/mindspore.nn.polynomial_decay_lr.html">MindSpore
 *     polynomial_decay_lr</a>
 */
public final class PolynomialDecayLrList extends DynamicLrList {

    private static final String NAME = "mindspore.nn.polynomial_decay_lr";

    /**
     * The definition: MindSpore's signature {@code polynomial_decay_lr(learning_rate,
     * end_learning_rate, total_step, step_per_epoch, decay_epoch, power,
     * update_decay_epoch=False)}.
     */
    public static final ScheduleDefinition<PolynomialDecayLrList> DEFINITION =
            ScheduleDefinition.builder(
                            PolynomialDecayLrList.class, NAME, PolynomialDecayLrList::new)
                    .optUpstream("mindspore.nn", 5)
                    .optStepOrigin("global_step n - 1")
                    .optDtype("float64")
                    .addRequired(
                            "learning_rate", Param.Kind.LITERAL, "the initial rate, a float > 0")
                    .addRequired(
                            "end_learning_rate", Param.Kind.LITERAL, "the final rate, a float >= 0")
                    .addRequired(
                            "total_step", Param.Kind.LITERAL, "the length of the list, an int > 0")
                    .addRequired(
                            "step_per_epoch", Param.Kind.LITERAL, "steps per epoch, an int > 0")
                    .addRequired(
                            "decay_epoch",
                            Param.Kind.LITERAL,
                            "epochs per decay period, an int > 0")
                    .addRequired(
                            "power", Param.Kind.LITERAL, "the power of the polynomial, a float > 0")
                    .addOptional(
                            "update_decay_epoch",
                            Param.Kind.LITERAL,
                            false,
                            "whether the period grows past its end")
                    .optLengths("total_step", "step_per_epoch")
                    .build();

    private final double delta;
    private final double endLearningRate;
    private final long stepPerEpoch;
    private final long decayEpoch;
    private final double power;
    private final boolean updateDecayEpoch;

    private PolynomialDecayLrList(Arguments a) {
        super(a, checkedLength(a));
        this.endLearningRate = a.getDouble("end_learning_rate");
        this.delta = a.getDouble("learning_rate") - endLearningRate;
        this.stepPerEpoch = a.getLong("step_per_epoch");
        this.decayEpoch = a.getLong("decay_epoch");
        this.power = a.getDouble("power");
        this.updateDecayEpoch = a.getBoolean("update_decay_epoch");
    }

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Validates as MindSpore does and returns total_step. */
    private static long checkedLength(Arguments a) {
        MsChecks.positiveFloat(NAME, "learning_rate", a.get("learning_rate"));
        MsChecks.nonNegativeFloat(NAME, "end_learning_rate", a.get("end_learning_rate"));
        MsChecks.positiveFloat(NAME, "power", a.get("power"));
        long totalStep = MsChecks.positiveInt(NAME, "total_step", a.get("total_step"));
        MsChecks.positiveInt(NAME, "step_per_epoch", a.get("step_per_epoch"));
        MsChecks.positiveInt(NAME, "decay_epoch", a.get("decay_epoch"));
        MsChecks.bool(NAME, "update_decay_epoch", a.get("update_decay_epoch"));
        return totalStep;
    }

    @Override
    double value(long index) {
        long e = Py.floor(Py.div(index, stepPerEpoch));
        long t = Math.min(decayEpoch, e);
        long d = decayEpoch;
        if (updateDecayEpoch) {
            t = e;
            d = Py.mul(decayEpoch, Math.max(Py.ceil(Py.div(e, decayEpoch)), 1));
        }
        return delta * Py.pow(1 - Py.div(t, d), power) + endLearningRate;
    }

    /**
     * {@inheritDoc} An epoch started: the decay moves once per epoch, reaches {@code
     * end_learning_rate} at {@code decay_epoch}, or (with update_decay_epoch) starts over on a
     * longer period after each multiple of it.
     */
    @Override
    protected Optional<LrReason> getReason(long lastEpoch, int group) {
        long e = epochStart(lastEpoch, stepPerEpoch);
        if (e < 0) {
            return Optional.empty();
        }
        if (updateDecayEpoch && e > decayEpoch && (e - 1) % decayEpoch == 0) {
            return Optional.of(
                    LrReason.of(
                                    LrReason.Kind.RESTART,
                                    "decay_epoch passed: the decay restarts over "
                                            + Py.mul(decayEpoch, Py.ceil(Py.div(e, decayEpoch)))
                                            + " epochs")
                            .with("epoch", e));
        }
        if (!updateDecayEpoch && e == decayEpoch) {
            return Optional.of(
                    LrReason.of(
                                    LrReason.Kind.MINIMUM,
                                    "end_learning_rate reached after decay_epoch=" + decayEpoch)
                            .with("decay_epoch", decayEpoch));
        }
        return epochDecay(lastEpoch, stepPerEpoch, decayEpoch, false);
    }

    /** The builder of {@link PolynomialDecayLrList}. */
    public static final class Builder extends ScheduleBuilder<PolynomialDecayLrList, Builder> {

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
         * Sets the length of the list: the number of updates it covers, an int > 0. Required.
         *
         * @param totalStep the number of steps
         * @return this builder
         */
        public Builder setTotalStep(long totalStep) {
            return set("total_step", totalStep);
        }

        /**
         * Sets the number of steps per epoch, an int > 0. Required.
         *
         * @param stepPerEpoch the number of steps
         * @return this builder
         */
        public Builder setStepPerEpoch(long stepPerEpoch) {
            return set("step_per_epoch", stepPerEpoch);
        }

        /**
         * Sets the number of epochs of a decay period, an int > 0. Required.
         *
         * @param decayEpoch the number of epochs
         * @return this builder
         */
        public Builder setDecayEpoch(long decayEpoch) {
            return set("decay_epoch", decayEpoch);
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
         * Sets whether the decay period grows to the next multiple of decay_epoch once passed.
         * Default: False (MindSpore default).
         *
         * @param updateDecayEpoch whether to restart the decay
         * @return this builder
         */
        public Builder optUpdateDecayEpoch(boolean updateDecayEpoch) {
            return set("update_decay_epoch", updateDecayEpoch);
        }
    }
}
