package io.github.lrschedulers.mindspore;

import io.github.lrschedulers.Arguments;
import io.github.lrschedulers.CustomSchedule;
import io.github.lrschedulers.LrReason;
import io.github.lrschedulers.StepUnit;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The base of the dynamic learning rates: a Python list of doubles that the optimizer narrows to
 * float32 ({@code np.array(lr).astype(np.float32)}) and reads at {@code global_step}, which fails
 * past the list's end ({@code Gather} raises on CPU and GPU).
 */
abstract class DynamicLrList extends CustomSchedule {

    private final long length;

    DynamicLrList(Arguments arguments, long length) {
        super(arguments);
        this.length = length;
    }

    /**
     * Returns the Python double at a list index.
     *
     * @param index the index, {@code 0 <= index < length}
     * @return the value MindSpore's function puts there
     */
    abstract double value(long index);

    @Override
    protected final double getLr(long lastEpoch, int group, double baseLr, double lr) {
        if (lastEpoch >= length) {
            throw new IllegalStateException(
                    getDefinition().getName()
                            + " is a list of "
                            + length
                            + " rates, but update "
                            + (lastEpoch + 1)
                            + " reads index "
                            + lastEpoch
                            + " (MindSpore's Gather raises past the end of a dynamic learning"
                            + " rate on CPU and GPU)");
        }
        return (float) value(lastEpoch);
    }

    /**
     * {@inheritDoc}
     *
     * <p>The first rate, narrowed to float32; NaN for an empty list, whose first update fails.
     */
    @Override
    public Optional<List<Double>> getOwnStartRates() {
        return Optional.of(List.of(length > 0 ? (double) (float) value(0) : Double.NaN));
    }

    /** {@inheritDoc} */
    @Override
    public StepUnit getStepUnit() {
        return StepUnit.UPDATE;
    }

    /** {@inheritDoc} */
    @Override
    public boolean isReadAtUpdateCounter() {
        return true;
    }

    /**
     * {@inheritDoc}
     *
     * <p>The last index of the list.
     */
    @Override
    public OptionalLong getStepLimit() {
        return OptionalLong.of(length - 1);
    }

    /**
     * Returns the epoch a list index starts, or -1 if it starts none: the lists hold one rate per
     * epoch, so their rates change only at an epoch's first index.
     *
     * @param index the index, from 0
     * @param stepPerEpoch the updates per epoch
     * @return the epoch, from 1, or -1
     */
    static long epochStart(long index, long stepPerEpoch) {
        return index > 0 && index % stepPerEpoch == 0 ? index / stepPerEpoch : -1;
    }

    /**
     * Returns the reason of a decaying list at an index: an epoch started, the staircase's period
     * with {@code is_stair}.
     *
     * @param index the index, from 0
     * @param stepPerEpoch the updates per epoch
     * @param decayEpoch the epochs per decay
     * @param isStair whether the list decays once per {@code decay_epoch}
     * @return the reason, or empty
     */
    static Optional<LrReason> epochDecay(
            long index, long stepPerEpoch, long decayEpoch, boolean isStair) {
        long e = epochStart(index, stepPerEpoch);
        if (e < 0 || isStair && e % decayEpoch != 0) {
            return Optional.empty();
        }
        String message =
                isStair
                        ? "staircase decay every decay_epoch=" + decayEpoch + " epochs"
                        : "epoch " + e + " started: the list decays once per epoch";
        return Optional.of(
                LrReason.of(LrReason.Kind.DECAY, message)
                        .with("epoch", e)
                        .with("decay_epoch", decayEpoch));
    }
}
