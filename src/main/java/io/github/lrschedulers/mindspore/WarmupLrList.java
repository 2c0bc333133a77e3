package io.github.lrschedulers.mindspore;

import io.github.lrschedulers.Arguments;
import io.github.lrschedulers.LrReason;
import io.github.lrschedulers.Param;
import io.github.lrschedulers.ScheduleBuilder;
import io.github.lrschedulers.ScheduleDefinition;
import io.github.lrschedulers.internal.Py;
import java.util.Optional;

/**
 * Warms the rate up linearly per epoch from 0 to {@code learning_rate} over {@code warmup_epoch}
 * epochs, then holds it.
 *
 * <p>MindSpore equivalent: {@code mindspore.nn.warmup_lr}, a Python list of doubles, one per step
 * {@code i < total_step}, that the optimizer narrows to float32 and reads at {@code global_step};
 * an update past the list's end throws {@link IllegalStateException}.
 *
 * <pre>{@code
 * lr[i] = learning_rate * min(floor(i / step_per_epoch), warmup_epoch) / warmup_epoch
 * }</pre>
 *
 * @see <a
 *     href="https://www.mindspore.cn/docs/en/master/api_python/nn/mindspore.nn.warmup_lr.html">MindSpore
 *     warmup_lr</a>
 */
public final class WarmupLrList extends DynamicLrList {

    private static final String NAME = "mindspore.nn.warmup_lr";

    /**
     * The definition: MindSpore's signature {@code warmup_lr(learning_rate, total_step,
     * step_per_epoch, warmup_epoch)}.
     */
    public static final ScheduleDefinition<WarmupLrList> DEFINITION =
            ScheduleDefinition.builder(WarmupLrList.class, NAME, WarmupLrList::new)
                    .optUpstream("mindspore.nn", 6)
                    .optStepOrigin("global_step n - 1")
                    .optDtype("float64")
                    .addRequired(
                            "learning_rate",
                            Param.Kind.LITERAL,
                            "the rate after the warmup, a float >= 0")
                    .addRequired(
                            "total_step", Param.Kind.LITERAL, "the length of the list, an int > 0")
                    .addRequired(
                            "step_per_epoch", Param.Kind.LITERAL, "steps per epoch, an int > 0")
                    .addRequired(
                            "warmup_epoch", Param.Kind.LITERAL, "epochs of the warmup, an int > 0")
                    .optLengths("total_step", "step_per_epoch")
                    .build();

    private final double learningRate;
    private final long stepPerEpoch;
    private final long warmupEpoch;

    private WarmupLrList(Arguments a) {
        super(a, checkedLength(a));
        this.learningRate = a.getDouble("learning_rate");
        this.stepPerEpoch = a.getLong("step_per_epoch");
        this.warmupEpoch = a.getLong("warmup_epoch");
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
        MsChecks.nonNegativeFloat(NAME, "learning_rate", a.get("learning_rate"));
        MsChecks.positiveInt(NAME, "warmup_epoch", a.get("warmup_epoch"));
        long totalStep = MsChecks.positiveInt(NAME, "total_step", a.get("total_step"));
        MsChecks.positiveInt(NAME, "step_per_epoch", a.get("step_per_epoch"));
        return totalStep;
    }

    @Override
    double value(long index) {
        long e = Math.min(Py.floor(Py.div(index, stepPerEpoch)), warmupEpoch);
        return learningRate * e / warmupEpoch;
    }

    /** {@inheritDoc} An epoch of the warmup started, the last at {@code warmup_epoch}. */
    @Override
    protected Optional<LrReason> getReason(long lastEpoch, int group) {
        long e = epochStart(lastEpoch, stepPerEpoch);
        if (e < 0) {
            return Optional.empty();
        }
        if (e == warmupEpoch) {
            return Optional.of(
                    LrReason.of(
                                    LrReason.Kind.WARMUP_END,
                                    "warmup ended after warmup_epoch=" + warmupEpoch)
                            .with("warmup_epoch", warmupEpoch));
        }
        return Optional.of(
                LrReason.of(LrReason.Kind.PHASE, "warmup epoch " + e + " started")
                        .with("epoch", e));
    }

    /** The builder of {@link WarmupLrList}. */
    public static final class Builder extends ScheduleBuilder<WarmupLrList, Builder> {

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
         * Sets the number of epochs of the warmup, an int > 0. Required.
         *
         * @param warmupEpoch the number of epochs
         * @return this builder
         */
        public Builder setWarmupEpoch(long warmupEpoch) {
            return set("warmup_epoch", warmupEpoch);
        }
    }
}
