package io.github.lrschedulers.internal;

/**
 * Python 3 float and int arithmetic, bit for bit, where it differs from Java's.
 *
 * <p>Java's {@code /} and {@code %} return infinities, NaN or a differently signed remainder where
 * Python raises or floors; {@code math.cos} and {@code **} raise on some inputs. The scheduler
 * formulas are written with these helpers in PyTorch's order of operations.
 */
public final class Py {

    private Py() {}

    /**
     * Python's {@code a / b} for floats.
     *
     * @param a the dividend
     * @param b the divisor
     * @return the quotient
     * @throws PyError ZeroDivisionError if {@code b} is zero
     */
    public static double div(double a, double b) {
        if (b == 0.0) {
            throw new PyError("ZeroDivisionError", "float division by zero");
        }
        return a / b;
    }

    /**
     * Python's {@code a % b} for floats: the result has the sign of {@code b}.
     *
     * @param a the dividend
     * @param b the divisor
     * @return the remainder
     * @throws PyError ZeroDivisionError if {@code b} is zero
     */
    public static double mod(double a, double b) {
        if (b == 0.0) {
            throw new PyError("ZeroDivisionError", "float modulo");
        }
        double mod = a % b;
        if (mod != 0.0) {
            if ((b < 0) != (mod < 0)) {
                mod += b;
            }
        } else {
            mod = Math.copySign(0.0, b);
        }
        return mod;
    }

    /**
     * Python's {@code a // b} for floats (CPython's {@code float_floor_div}).
     *
     * @param a the dividend
     * @param b the divisor
     * @return the floored quotient, as a float
     * @throws PyError ZeroDivisionError if {@code b} is zero
     */
    public static double floorDiv(double a, double b) {
        if (b == 0.0) {
            throw new PyError("ZeroDivisionError", "float floor division by zero");
        }
        double mod = a % b;
        double div = (a - mod) / b;
        if (mod != 0.0) {
            if ((b < 0) != (mod < 0)) {
                div -= 1.0;
            }
        }
        double floordiv;
        if (div != 0.0) {
            floordiv = Math.floor(div);
            if (div - floordiv > 0.5) {
                floordiv += 1.0;
            }
        } else {
            floordiv = Math.copySign(0.0, a / b);
        }
        return floordiv;
    }

    /**
     * Python's {@code a % b} for ints.
     *
     * @param a the dividend
     * @param b the divisor
     * @return the remainder, with the sign of {@code b}
     * @throws PyError ZeroDivisionError if {@code b} is zero
     */
    public static long mod(long a, long b) {
        if (b == 0) {
            throw new PyError("ZeroDivisionError", "integer modulo by zero");
        }
        return Math.floorMod(a, b);
    }

    /**
     * Python's {@code a // b} for ints.
     *
     * @param a the dividend
     * @param b the divisor
     * @return the floored quotient
     * @throws PyError ZeroDivisionError if {@code b} is zero
     */
    public static long floorDiv(long a, long b) {
        if (b == 0) {
            throw new PyError("ZeroDivisionError", "integer division or modulo by zero");
        }
        return Math.floorDiv(a, b);
    }

    /**
     * Python's {@code x ** y} for floats (CPython's {@code float_pow}).
     *
     * @param x the base
     * @param y the exponent
     * @return the power
     * @throws PyError ZeroDivisionError for zero to a negative power, ValueError where Python would
     *     return a complex number (a negative base to a fractional power), OverflowError where the
     *     result overflows
     */
    public static double pow(double x, double y) {
        if (y == 0.0) {
            return 1.0;
        }
        if (Double.isNaN(x)) {
            return x;
        }
        if (Double.isNaN(y)) {
            return x == 1.0 ? 1.0 : y;
        }
        if (Double.isInfinite(y)) {
            double ax = Math.abs(x);
            if (ax == 1.0) {
                return 1.0;
            }
            return (y > 0.0) == (ax > 1.0) ? Math.abs(y) : 0.0;
        }
        if (Double.isInfinite(x)) {
            boolean odd = isOddInteger(y);
            if (y > 0.0) {
                return odd ? x : Math.abs(x);
            }
            return odd ? Math.copySign(0.0, x) : 0.0;
        }
        if (x == 0.0) {
            if (y < 0.0) {
                throw new PyError("ZeroDivisionError", "0.0 cannot be raised to a negative power");
            }
            return isOddInteger(y) ? x : 0.0;
        }
        boolean negate = false;
        double base = x;
        if (base < 0.0) {
            if (y != Math.floor(y)) {
                throw new PyError(
                        "ValueError",
                        "negative number cannot be raised to a fractional power (Python gives a"
                                + " complex number, which is no learning rate)");
            }
            base = -base;
            negate = isOddInteger(y);
        }
        if (base == 1.0) {
            return negate ? -1.0 : 1.0;
        }
        double r = CrMath.pow(base, y);
        if (Double.isInfinite(r)) {
            throw new PyError("OverflowError", "(34, 'Numerical result out of range')");
        }
        return negate ? -r : r;
    }

    private static boolean isOddInteger(double y) {
        return Math.abs(y) < 9007199254740992.0 && y == Math.floor(y) && Math.abs(y % 2.0) == 1.0;
    }

    /**
     * Python's {@code math.floor(x)}, which returns an int.
     *
     * @param x the value
     * @return the largest integer not above {@code x}
     * @throws PyError ValueError for NaN, OverflowError for infinities or values outside a long
     */
    public static long floor(double x) {
        if (Double.isNaN(x)) {
            throw new PyError("ValueError", "cannot convert float NaN to integer");
        }
        double f = Math.floor(x);
        if (Double.isInfinite(f) || f >= 0x1p63 || f < -0x1p63) {
            throw new PyError("OverflowError", "cannot convert float infinity to integer");
        }
        return (long) f;
    }

    /**
     * Python's {@code math.cos(x)}.
     *
     * @param x the angle in radians
     * @return the cosine
     * @throws PyError ValueError for infinities
     */
    public static double cos(double x) {
        if (Double.isInfinite(x)) {
            throw new PyError("ValueError", "math domain error");
        }
        return CrMath.cos(x);
    }

    /**
     * Python's true division {@code a / b} of two ints.
     *
     * @param a the dividend
     * @param b the divisor
     * @return the quotient as a float
     * @throws PyError ZeroDivisionError if {@code b} is zero
     */
    public static double div(long a, long b) {
        if (b == 0) {
            throw new PyError("ZeroDivisionError", "division by zero");
        }
        return (double) a / (double) b;
    }
}
