package io.github.lrschedulers.transformers;

import io.github.lrschedulers.Arguments;
import io.github.lrschedulers.CustomSchedule;
import io.github.lrschedulers.LrReason;
import io.github.lrschedulers.StepUnit;
import io.github.lrschedulers.internal.PyRepr;
import java.util.Optional;

/**
 * A transformers schedule on PyTorch's {@code LambdaLR}: each group's rate is its base rate times
 * {@code lr_lambda(current_step)}, the step being the tracker's update minus one.
 */
abstract class LambdaSchedule extends CustomSchedule {

    /** The upstream module, for the definitions. */
    static final String UPSTREAM = "transformers";

    /** The step origin, for the definitions. */
    static final String ORIGIN = "step n - 1";

    LambdaSchedule(Arguments arguments) {
        super(arguments);
    }

    /**
     * Returns upstream's {@code lr_lambda(current_step)}.
     *
     * @param step the scheduler's step, from 0
     * @return the factor of the base rates
     */
    abstract double lambda(long step);

    @Override
    protected final double getLr(long lastEpoch, int group, double baseLr, double lr) {
        return baseLr * lambda(lastEpoch);
    }

    @Override
    public StepUnit getStepUnit() {
        return StepUnit.UPDATE;
    }

    /** Returns the reason of the warmup's end: the step {@code num_warmup_steps}, if positive. */
    static Optional<LrReason> warmupEnd(long step, long warmupSteps) {
        if (step != warmupSteps || step <= 0) {
            return Optional.empty();
        }
        return Optional.of(
                LrReason.of(
                                LrReason.Kind.WARMUP_END,
                                "warmup ended after num_warmup_steps=" + warmupSteps)
                        .with("num_warmup_steps", warmupSteps));
    }

    /**
     * {@inheritDoc} The Trainer steps {@code LambdaLR} after every optimizer update, so update
     * {@code n} reads {@code lr_lambda(n - 1)} however many updates an epoch has.
     */
    @Override
    public boolean isReadAtUpdateCounter() {
        return true;
    }

    /** {@code float(current_step) / float(max(1, num_warmup_steps))}. */
    static double warmup(long step, long warmupSteps) {
        return (double) step / (double) Math.max(1, warmupSteps);
    }

    /** Python's {@code max(0.0, x)} (0.0 for NaN, as Python returns its first argument then). */
    static double max0(double x) {
        return x > 0.0 ? x : 0.0;
    }

    /** Python's {@code f"{x}"} of a number, for messages. */
    static String str(double x) {
        return PyRepr.repr(x);
    }
}
