package io.github.lrschedulers.tf;

import io.github.lrschedulers.internal.CrMath;

/**
 * Float32 tensor operations as TF's schedules use them: the correctly rounded float32 result of the
 * exact operation, with IEEE special values where Python would raise (a tensor gives inf or NaN).
 */
final class Tf32 {

    /** {@code tf.constant(math.pi)}: pi rounded to float32. */
    static final float PI = (float) Math.PI;

    private Tf32() {}

    /** Returns {@code cos(x)} correctly rounded to float32; NaN for an infinite or NaN angle. */
    static float cos(float x) {
        return Float.isFinite(x) ? (float) CrMath.cos(x) : Float.NaN;
    }

    /** Returns {@code e^x} correctly rounded to float32. */
    static float exp(float x) {
        if (Float.isNaN(x) || x == Float.POSITIVE_INFINITY) {
            return x;
        }
        return x == Float.NEGATIVE_INFINITY ? 0f : (float) CrMath.exp(x);
    }

    /** Returns {@code log(x)} correctly rounded to float32: -inf at 0, NaN below. */
    static float log(float x) {
        if (Float.isNaN(x) || x < 0f) {
            return Float.NaN;
        }
        if (x == 0f) {
            return Float.NEGATIVE_INFINITY;
        }
        return x == Float.POSITIVE_INFINITY ? x : (float) CrMath.log(x);
    }

    /**
     * Returns {@code x^y} correctly rounded to float32, with C's {@code pow} special cases (a
     * negative base to a fractional power is NaN).
     */
    static float pow(float x, float y) {
        if (!(x > 0f) || !Float.isFinite(x) || !Float.isFinite(y) || y == 0f || x == 1f) {
            if (x < 0f && Float.isFinite(x) && Float.isFinite(y) && y == Math.rint(y)) {
                double r = CrMath.pow(-(double) x, y);
                return (float) (Math.abs(y % 2.0) == 1.0 ? -r : r);
            }
            return (float) Math.pow(x, y); // IEEE special cases, exact
        }
        return (float) CrMath.pow(x, y);
    }

    /** Returns {@code floor(x)} (exact in float32). */
    static float floor(float x) {
        return (float) Math.floor(x);
    }

    /** Returns {@code ceil(x)} (exact in float32). */
    static float ceil(float x) {
        return (float) Math.ceil(x);
    }

    /** Returns {@code tf.minimum(a, b)}: NaN if either is NaN. */
    static float min(float a, float b) {
        if (Float.isNaN(a) || Float.isNaN(b)) {
            return Float.NaN;
        }
        return a <= b ? a : b;
    }
}
