package io.github.lrschedulers.mindspore;

import io.github.lrschedulers.ArgumentException;
import io.github.lrschedulers.Arguments;
import io.github.lrschedulers.LrReason;
import io.github.lrschedulers.Param;
import io.github.lrschedulers.ScheduleBuilder;
import io.github.lrschedulers.ScheduleDefinition;
import io.github.lrschedulers.internal.Py;
import java.util.Optional;

/**
 * Anneals the rate from {@code max_lr} to {@code min_lr} along a half cosine over {@code
 * decay_epoch} epochs, then holds {@code min_lr}: defined per epoch, whatever {@code total_step}
 * (which only sets the list's length).
 *
 * <p>MindSpore equivalent: {@code mindspore.nn.cosine_decay_lr}, a Python list of doubles, one per
 * step {@code i < total_step}, that the optimizer narrows to float32 and reads at {@code
 * global_step}; an update past the list's end throws {@link IllegalStateException}.
 *
 * <pre>{@code
 * e = min(floor(i / step_per_epoch), decay_epoch)
 * lr[i] = min_lr + 0.5 * (max_lr - min_lr) * (1 + cos(pi * e / decay_epoch))
 * }</pre>
 *
 * @see <a
 *     href="https://www.mindspore.cn/docs/en/master/api_python/nn/mindspore.nn.cosine_decay_lr.html">MindSpore
 *     cosine_decay_lr</a>
 */
public final class CosineDecayLrList extends DynamicLrList {

    private static final String NAME = "mindspore.nn.cosine_decay_lr";

    /**
     * The definition: MindSpore's signature {@code cosine_decay_lr(min_lr, max_lr, total_step,
     * step_per_epoch, decay_epoch)}.
     */
    public static final ScheduleDefinition<CosineDecayLrList> DEFINITION =
            ScheduleDefinition.builder(CosineDecayLrList.class, NAME, CosineDecayLrList::new)
                    .optUpstream("mindspore.nn", 4)
                    .optStepOrigin("global_step n - 1")
                    .optDtype("float64")
                    .addRequired("min_lr", Param.Kind.LITERAL, "the final rate, a float >= 0")
                    .addRequired("max_lr", Param.Kind.LITERAL, "the initial rate, a float > 0")
                    .addRequired(
                            "total_step", Param.Kind.LITERAL, "the length of the list, an int > 0")
                    .addRequired(
                            "step_per_epoch", Param.Kind.LITERAL, "steps per epoch, an int > 0")
                    .addRequired(
                            "decay_epoch",
                            Param.Kind.LITERAL,
                            "epochs per decay period, an int > 0")
                    .optLengths("total_step", "step_per_epoch")
                    .build();

    private final double minLr;
    private final double delta;
    private final long stepPerEpoch;
    private final long decayEpoch;

    private CosineDecayLrList(Arguments a) {
        super(a, checkedLength(a));
        this.minLr = a.getDouble("min_lr");
        this.delta = 0.5 * (a.getDouble("max_lr") - minLr);
        this.stepPerEpoch = a.getLong("step_per_epoch");
        this.decayEpoch = a.getLong("decay_epoch");
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
        double minLr = MsChecks.nonNegativeFloat(NAME, "min_lr", a.get("min_lr"));
        double maxLr = MsChecks.positiveFloat(NAME, "max_lr", a.get("max_lr"));
        long totalStep = MsChecks.positiveInt(NAME, "total_step", a.get("total_step"));
        MsChecks.positiveInt(NAME, "step_per_epoch", a.get("step_per_epoch"));
        MsChecks.positiveInt(NAME, "decay_epoch", a.get("decay_epoch"));
        if (minLr >= maxLr) {
            throw new ArgumentException(
                    "max_lr",
                    NAME
                            + " max_lr must be greater than min_lr, but was "
                            + MsChecks.repr(maxLr)
                            + " with min_lr "
                            + MsChecks.repr(minLr));
        }
        return totalStep;
    }

    @Override
    double value(long index) {
        long e = Math.min(Py.floor(Py.div(index, stepPerEpoch)), decayEpoch);
        return minLr + delta * (1 + Py.cos(Math.PI * e / decayEpoch));
    }

    /**
     * {@inheritDoc} An epoch started: the cosine moves once per epoch, and reaches {@code min_lr}
     * at {@code decay_epoch}.
     */
    @Override
    protected Optional<LrReason> getReason(long lastEpoch, int group) {
        long e = epochStart(lastEpoch, stepPerEpoch);
        if (e < 0) {
            return Optional.empty();
        }
        if (e == decayEpoch) {
            return Optional.of(
                    LrReason.of(
                                    LrReason.Kind.MINIMUM,
                                    "min_lr reached after decay_epoch=" + decayEpoch)
                            .with("decay_epoch", decayEpoch));
        }
        return epochDecay(lastEpoch, stepPerEpoch, decayEpoch, false);
    }

    /** The builder of {@link CosineDecayLrList}. */
    public static final class Builder extends ScheduleBuilder<CosineDecayLrList, Builder> {

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
    }
}
