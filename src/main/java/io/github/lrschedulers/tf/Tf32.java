package io.github.lrschedulers.tf;

/**
 * The float32 tensor operations of TF's schedules that are not transcendental (those are {@link
 * io.github.lrschedulers.internal.F32}'s): exact in float32, with tensor semantics for NaN.
 */
final class Tf32 {

    /** {@code tf.constant(math.pi)}: pi rounded to float32. */
    static final float PI = (float) Math.PI;

    private Tf32() {}

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
