package io.github.lrschedulers.optax;

import io.github.lrschedulers.ArgumentException;
import io.github.lrschedulers.Arguments;
import io.github.lrschedulers.CustomSchedule;
import io.github.lrschedulers.LrReason;
import io.github.lrschedulers.StepUnit;
import io.github.lrschedulers.internal.F32;
import io.github.lrschedulers.internal.PyRepr;
import java.util.List;
import java.util.Optional;

/**
 * The base of this family: a float32 function of the optimizer's int32 {@code count}, the same for
 * every parameter group, evaluated once per update at the count before its increment.
 */
abstract class OptaxSchedule extends CustomSchedule {

    /** The module of the schedules. */
    static final String OPTAX = "optax";

    /** What update {@code n} evaluates. */
    static final String STEP_ORIGIN = "count n - 1";

    /** {@code jnp.pi} in float32. */
    static final float PI = (float) Math.PI;

    OptaxSchedule(Arguments arguments) {
        super(arguments);
    }

    /**
     * Returns the rate at a count, as the float32 array optax computes.
     *
     * @param count the optimizer's update count, from 0; a float after a float boundary of {@code
     *     join_schedules} (e.g. a fractional {@code warmup_steps}), as Python subtracts it
     * @return the rate
     */
    abstract float value(double count);

    @Override
    protected final double getLr(long lastEpoch, int group, double baseLr, double lr) {
        return value(lastEpoch);
    }

    @Override
    protected boolean isClosedForm() {
        return true;
    }

    /** {@inheritDoc} The rate at count 0: the schedule ignores the optimizer's. */
    @Override
    public Optional<List<Double>> getOwnStartRates() {
        return Optional.of(List.of((double) value(0)));
    }

    /** {@inheritDoc} optax's {@code count} counts optimizer updates. */
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
     * Returns the schedule's own event at a count, for a schedule that runs it.
     *
     * @param count the count
     * @param group the parameter group
     * @return the reason, or empty
     */
    final Optional<LrReason> reason(long count, int group) {
        return getReason(count, group);
    }

    /**
     * Returns the reason of a count: an event there, if the count is the positive {@code at}.
     *
     * @param count the count
     * @param at the count of the event
     * @param kind the kind of event
     * @param message what happened
     * @param name the name of the event's number
     * @return the reason, or empty
     */
    static Optional<LrReason> at(
            long count, double at, LrReason.Kind kind, String message, String name) {
        if (count <= 0 || count < at || count - 1 >= at) {
            return Optional.empty();
        }
        return Optional.of(LrReason.of(kind, message).with(name, at));
    }

    /** A count as text: an integral count without a fraction, else Python's repr. */
    static String countText(double count) {
        return count == Math.rint(count) && Math.abs(count) < 0x1p53
                ? Long.toString((long) count)
                : PyRepr.repr(count);
    }

    /**
     * Returns the reason of a warmup's end at a count: {@code warmup_steps} reached.
     *
     * @param count the count
     * @param warmupSteps the warmup's length
     * @return the reason, or empty
     */
    static Optional<LrReason> warmupEnd(long count, double warmupSteps) {
        return at(
                count,
                warmupSteps,
                LrReason.Kind.WARMUP_END,
                "warmup ended after warmup_steps=" + countText(warmupSteps),
                "warmup_steps");
    }

    /**
     * Reads an exponent as Python typed it: an int (or a bool) or a float.
     *
     * @param a the arguments
     * @param schedule the schedule's name
     * @param name the argument's name
     * @return a {@code Long} or a {@code Double}
     * @throws ArgumentException if the value is not a number
     */
    static Number exponent(Arguments a, String schedule, String name) {
        Object v = a.get(name);
        if (v instanceof Boolean) {
            return (Boolean) v ? 1L : 0L;
        }
        if (v instanceof Long || v instanceof Double) {
            return (Number) v;
        }
        throw new ArgumentException(
                name, schedule + " " + name + " must be a number, but was " + v);
    }

    /**
     * Reads a count of updates as Python typed it: optax never checks the type, so a float (e.g.
     * {@code transition_steps=750.25}) computes as well as an int.
     *
     * @param a the arguments
     * @param schedule the schedule's name
     * @param name the argument's name
     * @return a {@code Long} or a {@code Double}
     * @throws ArgumentException if the value is not a number
     */
    static Number count(Arguments a, String schedule, String name) {
        return exponent(a, schedule, name);
    }

    /** Python's {@code a - b} of two counts: an int if both are ints. */
    static Number minus(Number a, Number b) {
        if (a instanceof Long x && b instanceof Long y) {
            return x - y;
        }
        return a.doubleValue() - b.doubleValue();
    }

    /** Python's repr of an int or a float, for messages. */
    static String repr(Number n) {
        return n instanceof Double d ? PyRepr.repr(d) : n.toString();
    }

    /**
     * {@code x ** p} as {@code jnp.power} computes it for a Python exponent: binary exponentiation
     * in float32 ({@code lax.integer_pow}) for an int, pow for a float.
     *
     * @param x the base
     * @param p the exponent, a {@code Long} or a {@code Double}
     * @return the power in float32
     */
    static float power(float x, Number p) {
        if (p instanceof Double) {
            return F32.pow(x, p.floatValue());
        }
        long y = p.longValue();
        if (y == 0) {
            return 1f;
        }
        boolean reciprocal = y < 0;
        y = Math.abs(y);
        float acc = Float.NaN;
        boolean first = true;
        while (y > 0) {
            if ((y & 1) != 0) {
                acc = first ? x : acc * x;
                first = false;
            }
            y >>= 1;
            if (y > 0) {
                x = x * x;
            }
        }
        return reciprocal ? 1f / acc : acc;
    }

    /**
     * optax's {@code linear_schedule(init, end, steps)} at a count: {@code f32(init - end) * (1 -
     * clip(count, 0, steps) / steps) + f32(end)}, or {@code f32(init)} for {@code steps <= 0}.
     */
    static float linear(double count, double init, double end, double steps) {
        return polynomial(count, init, end, 1L, steps, 0);
    }

    /**
     * optax's {@code polynomial_schedule} at a count: {@code f32(init - end) * (1 - clip(count -
     * begin, 0, steps) / steps) ** power + f32(end)}, or {@code f32(init)} for {@code steps <= 0}.
     */
    static float polynomial(
            double count, double init, double end, Number power, double steps, double begin) {
        if (steps <= 0) {
            return (float) init;
        }
        // Python arithmetic on the count and the (int or float) arguments, then one rounding
        double clipped = Math.min(Math.max(count - Math.max(begin, 0), 0), steps);
        float frac = 1f - (float) clipped / (float) steps;
        return (float) (init - end) * power(frac, power) + (float) end;
    }

    /**
     * optax's {@code cosine_decay_schedule} at a count: {@code f32(init) * (f32(1 - alpha) * (0.5 *
     * (1 + cos(pi * min(count, steps) / steps))) ** exponent + f32(alpha))}.
     */
    static float cosineDecay(
            double count, double init, double steps, double alpha, Number exponent) {
        float d = (float) steps;
        float c = Math.min((float) count, d);
        float x = PI * c / d;
        float cd = 0.5f * (1f + F32.cos(x));
        return (float) init * ((float) (1 - alpha) * power(cd, exponent) + (float) alpha);
    }

    /**
     * optax's {@code cosine_decay_schedule} check.
     *
     * @throws ArgumentException if {@code steps <= 0}
     */
    static void checkDecaySteps(String schedule, String name, Number steps) {
        if (!(steps.doubleValue() > 0)) {
            throw new ArgumentException(
                    name,
                    schedule
                            + " "
                            + name
                            + " must be > 0 (cosine_decay_schedule requires positive"
                            + " decay_steps), but was "
                            + repr(steps));
        }
    }
}
