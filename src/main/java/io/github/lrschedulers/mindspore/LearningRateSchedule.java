package io.github.lrschedulers.mindspore;

import io.github.lrschedulers.Arguments;
import io.github.lrschedulers.CustomSchedule;
import io.github.lrschedulers.LrReason;
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

    /**
     * Returns the reason of a staircase decay at a step: where {@code floor(global_step /
     * decay_steps)} moves.
     *
     * @param globalStep the step
     * @param isStair whether the schedule decays in whole periods
     * @param decaySteps the period
     * @return the reason, or empty
     */
    static Optional<LrReason> stair(long globalStep, boolean isStair, long decaySteps) {
        if (!isStair
                || globalStep <= 0
                || Math.floor((float) globalStep / (float) decaySteps)
                        == Math.floor((float) (globalStep - 1) / (float) decaySteps)) {
            return Optional.empty();
        }
        return Optional.of(
                LrReason.of(LrReason.Kind.DECAY, "staircase decay every decay_steps=" + decaySteps)
                        .with("decay_steps", decaySteps));
    }

    /**
     * Returns the reason of the end of a ramp at a step: the rate stays from {@code steps} on.
     *
     * @param globalStep the step
     * @param steps the ramp's length
     * @param kind the kind of event
     * @param message what happened
     * @param name the name of the length's argument
     * @return the reason, or empty
     */
    static Optional<LrReason> end(
            long globalStep, long steps, LrReason.Kind kind, String message, String name) {
        if (globalStep != steps || steps <= 0) {
            return Optional.empty();
        }
        return Optional.of(LrReason.of(kind, message).with(name, steps));
    }
}
