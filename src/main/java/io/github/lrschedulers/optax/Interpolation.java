package io.github.lrschedulers.optax;

import io.github.lrschedulers.ArgumentException;
import io.github.lrschedulers.LrReason;
import io.github.lrschedulers.internal.F32;
import io.github.lrschedulers.internal.PyRepr;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * optax's {@code piecewise_interpolate_schedule} at a count, shared by the onecycle schedules: the
 * running float32 product of {@code init_value} and the scales, interpolated linearly or along a
 * half cosine between the sorted boundaries, as optax's one-hot {@code indicator.dot(interp_vals) +
 * (bounds[-1] <= count) * values[-1]}.
 */
final class Interpolation {

    private final boolean cosine;
    private final long[] bounds;
    private final float[] values;

    /**
     * Creates the interpolation; the caller checks the scales and boundaries.
     *
     * @param cosine whether cosine, else linear
     * @param init the value at count 0
     * @param boundariesAndScales the dict, in any order
     */
    Interpolation(boolean cosine, double init, Map<Long, Double> boundariesAndScales) {
        this.cosine = cosine;
        TreeMap<Long, Double> sorted = new TreeMap<>(boundariesAndScales);
        bounds = new long[sorted.size() + 1];
        values = new float[sorted.size() + 1];
        values[0] = (float) init;
        int i = 1;
        for (Map.Entry<Long, Double> e : sorted.entrySet()) {
            bounds[i] = e.getKey();
            values[i] = values[i - 1] * e.getValue().floatValue(); // jnp.cumprod, left to right
            i++;
        }
    }

    /**
     * Checks a scale as optax does: non-negative (NaN is not).
     *
     * @throws ArgumentException naming {@code arg} otherwise
     */
    static void checkScale(String schedule, String arg, double scale) {
        if (!(scale >= 0.0)) {
            throw new ArgumentException(
                    arg,
                    schedule
                            + " "
                            + arg
                            + " must give scales >= 0 (optax expects non-negative scale factors),"
                            + " but gave "
                            + scale);
        }
    }

    /**
     * Checks a boundary as jax does when it meets the int32 count: it must fit in int32.
     *
     * @throws ArgumentException naming {@code arg} otherwise
     */
    static void checkBoundary(String schedule, String arg, long boundary) {
        if (boundary != (int) boundary) {
            throw new ArgumentException(
                    arg,
                    schedule
                            + " "
                            + arg
                            + " must give boundaries that fit in int32 (jax compares them with the"
                            + " int32 count), but gave "
                            + boundary);
        }
    }

    /**
     * Python's {@code int(x)} of a float: truncation toward zero.
     *
     * @throws ArgumentException naming {@code arg} for NaN or an infinity, as Python raises
     */
    static long pyInt(String schedule, String arg, double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            throw new ArgumentException(
                    arg,
                    schedule
                            + " int("
                            + arg
                            + " * transition_steps) must be a finite number (Python cannot convert"
                            + " "
                            + x
                            + " to an int)");
        }
        return (long) x;
    }

    /**
     * Python's {@code a / b} of numbers.
     *
     * @throws ArgumentException naming {@code arg} for a zero divisor (ZeroDivisionError)
     */
    static double pyDiv(String schedule, String arg, double a, double b) {
        if (b == 0) {
            throw new ArgumentException(
                    arg,
                    schedule
                            + " "
                            + arg
                            + " must not make optax divide by 0 (Python raises"
                            + " ZeroDivisionError), but the divisor was "
                            + b);
        }
        return a / b;
    }

    /**
     * optax's onecycle check.
     *
     * @throws ArgumentException if {@code steps <= 0}
     */
    static void checkTransitionSteps(String schedule, Number steps) {
        if (steps.doubleValue() <= 0) {
            throw new ArgumentException(
                    "transition_steps",
                    schedule
                            + " transition_steps must be > 0 (optax: a onecycle schedule was set"
                            + " with a non-positive transition_steps), but was "
                            + OptaxSchedule.repr(steps));
        }
    }

    /**
     * The dict of a onecycle schedule as Python builds its literal (a repeated boundary keeps its
     * place and the later scale), with the arguments each entry comes from, for messages.
     */
    static final class Phases {
        private final String schedule;
        private final Map<Long, Double> scales = new LinkedHashMap<>();
        private final Map<Long, String> boundaryArgs = new LinkedHashMap<>();
        private final Map<Long, String> scaleArgs = new LinkedHashMap<>();

        Phases(String schedule) {
            this.schedule = schedule;
        }

        void put(long boundary, String boundaryArg, double scale, String scaleArg) {
            scales.put(boundary, scale);
            boundaryArgs.putIfAbsent(boundary, boundaryArg);
            scaleArgs.put(boundary, scaleArg);
        }

        Interpolation interpolation(boolean cosine, double init) {
            for (Map.Entry<Long, Double> e : scales.entrySet()) {
                Interpolation.checkScale(schedule, scaleArgs.get(e.getKey()), e.getValue());
                Interpolation.checkBoundary(schedule, boundaryArgs.get(e.getKey()), e.getKey());
            }
            return new Interpolation(cosine, init, scales);
        }
    }

    /**
     * Returns the reason of a count: a boundary reached, where the next segment starts.
     *
     * @param count the count
     * @param kind the kind of event
     * @param what what a boundary is, e.g. {@code boundary} or {@code phase}
     * @return the reason, or empty
     */
    Optional<LrReason> reason(long count, LrReason.Kind kind, String what) {
        for (int i = 1; i < bounds.length; i++) {
            if (count == bounds[i] && count > 0) {
                return Optional.of(
                        LrReason.of(
                                        kind,
                                        what
                                                + " "
                                                + count
                                                + " reached: the rate is its value "
                                                + PyRepr.repr(values[i]))
                                .with("boundary", count));
            }
        }
        return Optional.empty();
    }

    float value(double count) {
        int n = bounds.length - 1;
        float dot = 0f;
        for (int i = 0; i < n; i++) {
            float indicator = bounds[i] <= count && count < bounds[i + 1] ? 1f : 0f;
            long size = Math.max(bounds[i + 1] - bounds[i], 1);
            float pct = (float) (count - bounds[i]) / (float) size;
            float start = values[i];
            float end = values[i + 1];
            float interp =
                    cosine
                            ? end + (start - end) / 2f * (F32.cos(OptaxSchedule.PI * pct) + 1f)
                            : (end - start) * pct + start;
            dot += indicator * interp;
        }
        return dot + (bounds[n] <= count ? 1f : 0f) * values[n];
    }
}
