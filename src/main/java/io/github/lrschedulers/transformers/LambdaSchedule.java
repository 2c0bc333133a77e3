package io.github.lrschedulers.transformers;

import io.github.lrschedulers.ArgumentException;
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

    /**
     * Returns the reason of the warmup's end: the first step not below {@code num_warmup_steps}, if
     * positive.
     */
    /**
     * Returns whether a step is the first at or past a boundary (Python compares the int step with
     * an int or float count): {@code step - 1 < boundary <= step}.
     */
    static boolean reaches(long step, double boundary) {
        return step >= boundary && step - 1 < boundary;
    }

    static Optional<LrReason> warmupEnd(long step, double warmupSteps, Object given) {
        if (step <= 0 || step < warmupSteps || step - 1 >= warmupSteps) {
            return Optional.empty();
        }
        return Optional.of(
                LrReason.of(
                                LrReason.Kind.WARMUP_END,
                                "warmup ended after num_warmup_steps=" + literal(given))
                        .with("num_warmup_steps", warmupSteps));
    }

    /**
     * Reads a count of steps as Python typed it: upstream never checks the type, so an int and a
     * float (e.g. {@code num_warmup_steps=0.5}) both compute, in Python's arithmetic, which for
     * counts below 2^53 is the double arithmetic of their values.
     *
     * @param arguments the arguments
     * @param name the count's name
     * @return the value as a double (a bool counts as 0 or 1, as in Python)
     * @throws ArgumentException if the value is not a number
     */
    static double count(Arguments arguments, String name) {
        Object v = arguments.get(name);
        if (v instanceof Boolean b) {
            return b ? 1.0 : 0.0;
        }
        if (v instanceof Long || v instanceof Double) {
            return ((Number) v).doubleValue();
        }
        throw new ArgumentException(
                name,
                arguments.getDefinition().getName()
                        + " "
                        + name
                        + " must be a number, but was "
                        + literal(v));
    }

    /** Python's repr of a literal argument, for messages. */
    static String literal(Object v) {
        if (v instanceof Double d) {
            return PyRepr.repr(d);
        }
        if (v instanceof String text) {
            return PyRepr.quote(text);
        }
        if (v instanceof Boolean b) {
            return b ? "True" : "False";
        }
        return v == null ? "None" : v.toString();
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
    static double warmup(long step, double warmupSteps) {
        return (double) step / max1(warmupSteps);
    }

    /** Python's {@code float(max(1, x))}: {@code x} if above 1, else 1.0 (NaN gives 1.0). */
    static double max1(double x) {
        return x > 1 ? x : 1.0;
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
