package io.github.lrschedulers.tf;

import io.github.lrschedulers.Arguments;
import io.github.lrschedulers.CustomSchedule;
import io.github.lrschedulers.LrReason;
import io.github.lrschedulers.StepUnit;
import io.github.lrschedulers.internal.PyRepr;
import java.util.List;
import java.util.Optional;

/**
 * The base of this family: a float32 function of TF's {@code global_step}, the same for every
 * parameter group, evaluated once per optimizer update at the step before its increment.
 */
abstract class TfSchedule extends CustomSchedule {

    /** The module of the compat.v1 decays. */
    static final String COMPAT_V1 = "tf.compat.v1.train";

    /** The module of the Object Detection API's schedules. */
    static final String OBJECT_DETECTION = "object_detection.utils.learning_schedules";

    /** What update {@code n} evaluates. */
    static final String STEP_ORIGIN = "global_step n - 1";

    TfSchedule(Arguments arguments) {
        super(arguments);
    }

    /**
     * Returns the rate at a global step, as the float32 tensor TF computes (or an int tensor's
     * value).
     *
     * @param step the global step, from 0
     * @return the rate
     */
    abstract double value(long step);

    @Override
    protected final double getLr(long lastEpoch, int group, double baseLr, double lr) {
        return value(lastEpoch);
    }

    @Override
    protected boolean isClosedForm() {
        return true;
    }

    /** {@inheritDoc} The rate at global step 0: the schedule ignores the optimizer's. */
    @Override
    public Optional<List<Double>> getOwnStartRates() {
        return Optional.of(List.of(value(0)));
    }

    /** {@inheritDoc} TF's global step counts optimizer updates. */
    @Override
    public StepUnit getStepUnit() {
        return StepUnit.UPDATE;
    }

    /** {@inheritDoc} */
    @Override
    public boolean isReadAtUpdateCounter() {
        return true;
    }

    /** Returns a float32 tensor of the step: {@code tf.cast(global_step, tf.float32)}. */
    static float step32(long step) {
        return (float) step;
    }

    /**
     * Returns the reason of a staircase decay at a step: where {@code floor(step / decay_steps)},
     * in float32 as TF computes it, moves.
     *
     * @param step the global step
     * @param staircase whether the schedule decays in whole periods
     * @param decaySteps the period
     * @return the reason, or empty
     */
    static Optional<LrReason> staircase(long step, boolean staircase, float decaySteps) {
        if (!staircase
                || step <= 0
                || Tf32.floor(step32(step) / decaySteps)
                        == Tf32.floor(step32(step - 1) / decaySteps)) {
            return Optional.empty();
        }
        return Optional.of(
                LrReason.of(
                                LrReason.Kind.DECAY,
                                "staircase decay every decay_steps=" + PyRepr.repr(decaySteps))
                        .with("decay_steps", decaySteps));
    }

    /**
     * Returns the reason of an event at a step, if the step is the positive {@code at}.
     *
     * @param step the global step
     * @param at the step of the event
     * @param kind the kind of event
     * @param message what happened
     * @param name the name of the event's number
     * @return the reason, or empty
     */
    static Optional<LrReason> at(
            long step, long at, LrReason.Kind kind, String message, String name) {
        if (step != at || step <= 0) {
            return Optional.empty();
        }
        return Optional.of(LrReason.of(kind, message).with(name, at));
    }
}
