package io.github.lrschedulers.keras;

import io.github.lrschedulers.ArgumentException;
import io.github.lrschedulers.Arguments;
import io.github.lrschedulers.CustomSchedule;
import io.github.lrschedulers.LrReason;
import io.github.lrschedulers.StepUnit;
import io.github.lrschedulers.internal.PyRepr;
import java.util.List;
import java.util.Optional;

/**
 * The base of this family: a float32 function of the optimizer's {@code iterations}, the same for
 * every parameter group, evaluated once per update at the count before its increment.
 */
abstract class KerasSchedule extends CustomSchedule {

    /** The module of the schedules. */
    static final String KERAS = "keras.optimizers.schedules";

    /** What update {@code n} evaluates. */
    static final String STEP_ORIGIN = "iterations n - 1";

    /** {@code ops.convert_to_tensor(math.pi)} in float32. */
    static final float PI = (float) Math.PI;

    KerasSchedule(Arguments arguments) {
        super(arguments);
    }

    /**
     * Returns the rate at a step, as the float32 tensor Keras computes.
     *
     * @param step the optimizer's iterations, from 0
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

    /** {@inheritDoc} The rate at step 0: the schedule ignores the optimizer's. */
    @Override
    public Optional<List<Double>> getOwnStartRates() {
        return Optional.of(List.of(value(0)));
    }

    /** {@inheritDoc} Keras's {@code iterations} count optimizer updates. */
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
     * Returns the reason of a staircase decay at a step: where {@code floor(step / decay_steps)},
     * in float32 as Keras computes it, moves.
     *
     * @param step the optimizer's iterations
     * @param staircase whether the schedule decays in whole periods
     * @param decaySteps the period
     * @return the reason, or empty
     */
    static Optional<LrReason> staircase(long step, boolean staircase, float decaySteps) {
        if (!staircase
                || step == 0
                || Math.floor((float) step / decaySteps)
                        == Math.floor((float) (step - 1) / decaySteps)) {
            return Optional.empty();
        }
        return Optional.of(
                LrReason.of(
                                LrReason.Kind.DECAY,
                                "staircase decay every decay_steps=" + PyRepr.repr(decaySteps))
                        .with("decay_steps", decaySteps));
    }

    /**
     * Keras's check of a decay length: {@code ValueError} for {@code steps <= 0} (NaN passes).
     *
     * @param schedule the schedule's name
     * @param name the argument's name
     * @param steps its value
     * @throws ArgumentException if {@code steps <= 0}
     */
    static void checkSteps(String schedule, String name, double steps) {
        if (steps <= 0) {
            throw new ArgumentException(
                    name, schedule + " " + name + " must be > 0, but was " + PyRepr.repr(steps));
        }
    }
}
