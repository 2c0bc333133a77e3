package io.github.lrschedulers.mindspore;

import io.github.lrschedulers.Arguments;
import io.github.lrschedulers.CustomSchedule;
import io.github.lrschedulers.StepUnit;
import java.util.List;
import java.util.Optional;

/**
 * The base of MindSpore's {@code LearningRateSchedule} cells: a float32 rate computed from the
 * optimizer's int32 {@code global_step}, cast to float32 where MindSpore casts it.
 */
abstract class LearningRateSchedule extends CustomSchedule {

    LearningRateSchedule(Arguments arguments) {
        super(arguments);
    }

    /**
     * Returns the rate at a step, in MindSpore's float32 operations.
     *
     * @param globalStep the optimizer's {@code global_step}
     * @return the rate
     */
    abstract float rate(long globalStep);

    @Override
    protected final double getLr(long lastEpoch, int group, double baseLr, double lr) {
        return rate(lastEpoch);
    }

    @Override
    protected final boolean isClosedForm() {
        return true;
    }

    /**
     * {@inheritDoc}
     *
     * <p>The rate at {@code global_step} 0.
     */
    @Override
    public Optional<List<Double>> getOwnStartRates() {
        return Optional.of(List.of((double) rate(0)));
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
}
