package io.github.lrschedulers.mindspore;

import io.github.lrschedulers.Arguments;
import io.github.lrschedulers.LrReason;
import io.github.lrschedulers.Param;
import io.github.lrschedulers.ScheduleBuilder;
import io.github.lrschedulers.ScheduleDefinition;
import io.github.lrschedulers.internal.Py;
import java.util.Optional;

/**
 * Decays the rate in inverse time: divided by {@code 1 + decay_rate} after {@code decay_epoch}
 * epochs, continuously or, with {@code is_stair}, once per period.
 *
 * <p>MindSpore equivalent: {@code mindspore.nn.inverse_decay_lr}, a Python list of doubles, one per
 * step {@code i < total_step}, that the optimizer narrows to float32 and reads at {@code
 * global_step}; an update past the list's end throws {@link IllegalStateException}.
 *
 * <pre>{@code
 * e = floor(i / step_per_epoch)
 * lr[i] = learning_rate / (1 + decay_rate * e / decay_epoch)
 *         (is_stair: learning_rate / (1 + decay_rate * floor(e / decay_epoch)))
 * }</pre>
 *
 * @see <a
 *     href="https://www.mindspore.cn/docs/en/master/api_python/nn/mindspore.nn.inverse_decay_lr.html">MindSpore
 *     inverse_decay_lr</a>
 */
public final class InverseDecayLrList extends DynamicLrList {

    private static final String NAME = "mindspore.nn.inverse_decay_lr";

    /**
     * The definition: MindSpore's signature {@code inverse_decay_lr(learning_rate, decay_rate,
     * total_step, step_per_epoch, decay_epoch, is_stair=False)}.
     */
    public static final ScheduleDefinition<InverseDecayLrList> DEFINITION =
            ScheduleDefinition.builder(InverseDecayLrList.class, NAME, InverseDecayLrList::new)
                    .optUpstream("mindspore.nn", 3)
                    .optStepOrigin("global_step n - 1")
                    .optDtype("float64")
                    .addRequired(
                            "learning_rate", Param.Kind.LITERAL, "the initial rate, a float > 0")
                    .addRequired("decay_rate", Param.Kind.LITERAL, "the decay rate, a float > 0")
                    .addRequired(
                            "total_step", Param.Kind.LITERAL, "the length of the list, an int > 0")
                    .addRequired(
                            "step_per_epoch", Param.Kind.LITERAL, "steps per epoch, an int > 0")
                    .addRequired(
                            "decay_epoch",
                            Param.Kind.LITERAL,
                            "epochs per decay period, an int > 0")
                    .addOptional(
                            "is_stair",
                            Param.Kind.LITERAL,
                            false,
                            "whether to decay once per decay period")
                    .optLengths("total_step", "step_per_epoch")
                    .build();

    private final double learningRate;
    private final double decayRate;
    private final long stepPerEpoch;
    private final long decayEpoch;
    private final boolean isStair;

    private InverseDecayLrList(Arguments a) {
        super(a, MsChecks.positiveInt(NAME, "total_step", a.get("total_step")));
        // _check_inputs, in MindSpore's order
        this.stepPerEpoch = MsChecks.positiveInt(NAME, "step_per_epoch", a.get("step_per_epoch"));
        this.decayEpoch = MsChecks.positiveInt(NAME, "decay_epoch", a.get("decay_epoch"));
        this.learningRate = MsChecks.positiveFloat(NAME, "learning_rate", a.get("learning_rate"));
        this.decayRate = MsChecks.positiveFloat(NAME, "decay_rate", a.get("decay_rate"));
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

    @Override
    double value(long index) {
        long e = Py.floor(Py.div(index, stepPerEpoch));
        if (isStair) {
            return learningRate / (1 + decayRate * Py.floor(Py.div(e, decayEpoch)));
        }
        return learningRate / (1 + decayRate * e / decayEpoch);
    }

    /** {@inheritDoc} A decay at an epoch's start, at each {@code decay_epoch} with is_stair. */
    @Override
    protected Optional<LrReason> getReason(long lastEpoch, int group) {
        return epochDecay(lastEpoch, stepPerEpoch, decayEpoch, isStair);
    }

    /** The builder of {@link InverseDecayLrList}. */
    public static final class Builder extends ScheduleBuilder<InverseDecayLrList, Builder> {

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
