package io.github.lrschedulers.mindspore;

import io.github.lrschedulers.internal.CrMath;

/**
 * MindSpore's float32 {@code Pow} and {@code Cos}, correctly rounded, with IEEE special values
 * (tensors give inf or nan where Python raises).
 */
final class Ops32 {

    private Ops32() {}

    /** {@code P.Pow()} of two float32 tensors. */
    static float pow(float x, float y) {
        if (x == 1) {
            return 1; // C's pow(1, nan) is 1, Java's nan
        }
        if (x > 0 && Float.isFinite(x) && Float.isFinite(y)) {
            return (float) CrMath.pow(x, y);
        }
        return (float) Math.pow(x, y); // zero, infinite or nan operands: exact special values
    }

    /** {@code P.Cos()} of a float32 tensor. */
    static float cos(float x) {
        return Float.isFinite(x) ? (float) CrMath.cos(x) : Float.NaN;
    }
}
