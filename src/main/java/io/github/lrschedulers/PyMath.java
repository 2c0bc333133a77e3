package io.github.lrschedulers;

import io.github.lrschedulers.internal.Py;

/**
 * Python's float functions as PyTorch's schedulers use them, for the step logic of a {@link
 * CustomSchedule}: correctly rounded, so that a curve is bit-identical with Python's on every JVM
 * (Java's {@link Math#cos} and {@link Math#pow} may differ from it in the last bit).
 */
public final class PyMath {

    private PyMath() {}

    /**
     * Python's {@code math.cos(x)}.
     *
     * @param x the angle, in radians
     * @return the cosine, correctly rounded
     * @throws ArithmeticException for an infinite argument (Python's ValueError), which the tracker
     *     reports as the step where PyTorch raises
     */
    public static double cos(double x) {
        return Py.cos(x);
    }

    /**
     * Python's {@code x ** y} for floats.
     *
     * @param x the base
     * @param y the exponent
     * @return the power, correctly rounded
     * @throws ArithmeticException where Python raises (0 to a negative power, a negative base to a
     *     fractional power, overflow)
     */
    public static double pow(double x, double y) {
        return Py.pow(x, y);
    }

    /**
     * Python's {@code a // b} for ints.
     *
     * @param a the dividend
     * @param b the divisor
     * @return the floored quotient
     * @throws ArithmeticException if {@code b} is 0 (Python's ZeroDivisionError)
     */
    public static long floorDiv(long a, long b) {
        return Py.floorDiv(a, b);
    }

    /**
     * Python's {@code a % b} for ints: the sign of the divisor.
     *
     * @param a the dividend
     * @param b the divisor
     * @return the remainder
     * @throws ArithmeticException if {@code b} is 0 (Python's ZeroDivisionError)
     */
    public static long mod(long a, long b) {
        return Py.mod(a, b);
    }
}
