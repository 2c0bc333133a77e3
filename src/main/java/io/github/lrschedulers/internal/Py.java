package io.github.lrschedulers.internal;

import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Python 3 float and int arithmetic and the {@code math} functions, bit for bit, where they differ
 * from Java's.
 *
 * <p>Java's {@code /} and {@code %} return infinities, NaN or a differently signed remainder where
 * Python raises or floors; {@code math.cos} and {@code **} raise on some inputs. The scheduler
 * formulas and the spec lambdas are written with these helpers in Python's order of operations.
 *
 * <p>Python ints are unbounded; here they are {@code long}s, and any result outside the 64-bit
 * range raises {@code OverflowError} with {@link #INT_OVERFLOW} instead of growing. The {@code
 * math} functions use {@link CrMath} (correctly rounded, as glibc nearly always is) and raise as
 * CPython's {@code math_1} does.
 */
public final class Py {

    /** The message of the {@code OverflowError} raised when an int leaves the 64-bit range. */
    public static final String INT_OVERFLOW = "integer overflow beyond 64 bits is not supported";

    private static final String DOMAIN = "math domain error";
    private static final long TWO_53 = 1L << 53;
    private static final String DIGITS = "[0-9](?:_?[0-9])*";
    private static final Pattern FLOAT =
            Pattern.compile(
                    "[+-]?(?:"
                            + DIGITS
                            + "(?:\\.(?:"
                            + DIGITS
                            + ")?)?|\\."
                            + DIGITS
                            + ")(?:[eE][+-]?"
                            + DIGITS
                            + ")?");

    private Py() {}

    /**
     * Returns the error raised when an int result does not fit in 64 bits.
     *
     * @return the {@code OverflowError}
     */
    public static PyError intOverflow() {
        return new PyError("OverflowError", INT_OVERFLOW);
    }

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
     * @throws PyError ZeroDivisionError if {@code b} is zero, OverflowError for {@code
     *     Long.MIN_VALUE // -1}
     */
    public static long floorDiv(long a, long b) {
        if (b == 0) {
            throw new PyError("ZeroDivisionError", "integer division or modulo by zero");
        }
        if (a == Long.MIN_VALUE && b == -1) {
            throw intOverflow();
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
        // x ** 2.0 is the square, which a multiplication rounds correctly, ties near the last bit
        // included: CrMath's accurate path (2^-97) cannot decide a square within 2^-104 of a tie.
        double r = y == 2.0 ? base * base : CrMath.pow(base, y);
        if (Double.isInfinite(r)) {
            throw new PyError("OverflowError", "(34, 'Numerical result out of range')");
        }
        return negate ? -r : r;
    }

    private static boolean isOddInteger(double y) {
        return Math.abs(y) < 9007199254740992.0 && y == Math.floor(y) && Math.abs(y % 2.0) == 1.0;
    }

    /**
     * Python's {@code a + b} for ints.
     *
     * @param a the left operand
     * @param b the right operand
     * @return the sum
     * @throws PyError OverflowError if the sum does not fit in 64 bits
     */
    public static long add(long a, long b) {
        long r = a + b;
        if (((a ^ r) & (b ^ r)) < 0) {
            throw intOverflow();
        }
        return r;
    }

    /**
     * Python's {@code a - b} for ints.
     *
     * @param a the left operand
     * @param b the right operand
     * @return the difference
     * @throws PyError OverflowError if the difference does not fit in 64 bits
     */
    public static long sub(long a, long b) {
        long r = a - b;
        if (((a ^ b) & (a ^ r)) < 0) {
            throw intOverflow();
        }
        return r;
    }

    /**
     * Python's {@code a * b} for ints.
     *
     * @param a the left operand
     * @param b the right operand
     * @return the product
     * @throws PyError OverflowError if the product does not fit in 64 bits
     */
    public static long mul(long a, long b) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        if ((hi != 0 || lo < 0) && (hi != -1 || lo >= 0)) {
            throw intOverflow();
        }
        return lo;
    }

    /**
     * Python's {@code -a} for ints.
     *
     * @param a the operand
     * @return the negation
     * @throws PyError OverflowError for {@code Long.MIN_VALUE}
     */
    public static long neg(long a) {
        if (a == Long.MIN_VALUE) {
            throw intOverflow();
        }
        return -a;
    }

    /**
     * Python's {@code abs(a)} for ints.
     *
     * @param a the operand
     * @return the absolute value
     * @throws PyError OverflowError for {@code Long.MIN_VALUE}
     */
    public static long abs(long a) {
        return a < 0 ? neg(a) : a;
    }

    /**
     * Python's {@code a ** b} for ints with a non-negative exponent.
     *
     * @param base the base
     * @param exp the exponent, at least 0
     * @return the exact power
     * @throws PyError OverflowError if the power does not fit in 64 bits
     * @throws IllegalArgumentException if {@code exp} is negative
     */
    public static long pow(long base, long exp) {
        if (exp < 0) {
            throw new IllegalArgumentException("exp must be >= 0, but was " + exp);
        }
        long r = 1;
        long b = base;
        long e = exp;
        while (e > 0) {
            if ((e & 1) != 0) {
                r = mul(r, b);
            }
            e >>>= 1;
            if (e > 0) {
                b = mul(b, b);
            }
        }
        return r;
    }

    /**
     * Python's true division {@code a / b} of two ints, correctly rounded for all 64-bit values
     * (CPython's {@code long_true_divide}).
     *
     * @param a the dividend
     * @param b the divisor
     * @return the nearest float to the exact quotient
     * @throws PyError ZeroDivisionError if {@code b} is zero
     */
    public static double div(long a, long b) {
        if (b == 0) {
            throw new PyError("ZeroDivisionError", "division by zero");
        }
        if (a >= -TWO_53 && a <= TWO_53 && b >= -TWO_53 && b <= TWO_53) {
            return (double) a / (double) b;
        }
        if (a == 0) {
            return b < 0 ? -0.0 : 0.0;
        }
        boolean negative = (a < 0) != (b < 0);
        BigInteger n = BigInteger.valueOf(a).abs();
        BigInteger d = BigInteger.valueOf(b).abs();
        // scale so that the quotient has 55 or 56 bits, then keep a sticky bit for the remainder
        int shift = 55 - (n.bitLength() - d.bitLength());
        if (shift >= 0) {
            n = n.shiftLeft(shift);
        } else {
            d = d.shiftLeft(-shift);
        }
        BigInteger[] qr = n.divideAndRemainder(d);
        long q = qr[0].longValueExact();
        if (qr[1].signum() != 0) {
            q |= 1;
        }
        double r = Math.scalb((double) q, -shift);
        return negative ? -r : r;
    }

    /**
     * Compares an int with a float exactly, as Python's {@code float_richcompare} does.
     *
     * @param a the int
     * @param b the float
     * @return -1, 0 or 1 as {@code a} is below, equal to or above {@code b}, or 2 if {@code b} is
     *     NaN
     */
    public static int compare(long a, double b) {
        if (Double.isNaN(b)) {
            return 2;
        }
        if (b >= 0x1p63) {
            return -1;
        }
        if (b < -0x1p63) {
            return 1;
        }
        double fl = Math.floor(b);
        long f = (long) fl;
        if (a != f) {
            return a < f ? -1 : 1;
        }
        return b > fl ? -1 : 0;
    }

    /**
     * Python's {@code int(x)} for a float: truncation toward zero.
     *
     * @param x the float
     * @return the truncated value
     * @throws PyError ValueError for NaN, OverflowError for infinities and values outside 64 bits
     */
    public static long toInt(double x) {
        return toLong(x < 0 ? Math.ceil(x) : Math.floor(x), x);
    }

    /**
     * Python's {@code math.floor(x)} for a float, which returns an int.
     *
     * @param x the float
     * @return the floor
     * @throws PyError ValueError for NaN, OverflowError for infinities and values outside 64 bits
     */
    public static long floor(double x) {
        return toLong(Math.floor(x), x);
    }

    /**
     * Python's {@code math.ceil(x)} for a float, which returns an int.
     *
     * @param x the float
     * @return the ceiling
     * @throws PyError ValueError for NaN, OverflowError for infinities and values outside 64 bits
     */
    public static long ceil(double x) {
        return toLong(Math.ceil(x), x);
    }

    private static long toLong(double integral, double x) {
        if (Double.isNaN(x)) {
            throw new PyError("ValueError", "cannot convert float NaN to integer");
        }
        if (Double.isInfinite(x)) {
            throw new PyError("OverflowError", "cannot convert float infinity to integer");
        }
        if (integral >= 0x1p63 || integral < -0x1p63) {
            throw intOverflow();
        }
        return (long) integral;
    }

    /**
     * Python's {@code math.cos(x)}.
     *
     * @param x the angle in radians
     * @return the cosine
     * @throws PyError ValueError for infinities
     */
    public static double cos(double x) {
        return math1(x, CrMath.cos(x), false);
    }

    /**
     * Python's {@code math.sin(x)}.
     *
     * @param x the angle in radians
     * @return the sine
     * @throws PyError ValueError for infinities
     */
    public static double sin(double x) {
        return math1(x, CrMath.sin(x), false);
    }

    /**
     * Python's {@code math.exp(x)}.
     *
     * @param x the exponent
     * @return e to the power {@code x}
     * @throws PyError OverflowError if the result overflows
     */
    public static double exp(double x) {
        return math1(x, CrMath.exp(x), true);
    }

    /**
     * Python's {@code math.sqrt(x)}.
     *
     * @param x the value
     * @return the square root
     * @throws PyError ValueError for negative {@code x}
     */
    public static double sqrt(double x) {
        return math1(x, StrictMath.sqrt(x), false);
    }

    /**
     * Python's {@code math.log(x)} for a float (CPython's {@code m_log}).
     *
     * @param x the value
     * @return the natural logarithm
     * @throws PyError ValueError for {@code x <= 0}
     */
    public static double log(double x) {
        if (x == 0.0 || x < 0.0) {
            throw new PyError("ValueError", DOMAIN);
        }
        return math1(x, CrMath.log(x), false);
    }

    /**
     * Python's {@code math.log(x)} for an int (CPython's {@code loghelper}).
     *
     * @param x the value
     * @return the natural logarithm of {@code x} converted to a float
     * @throws PyError ValueError for {@code x <= 0}
     */
    public static double log(long x) {
        if (x <= 0) {
            throw new PyError("ValueError", DOMAIN);
        }
        return CrMath.log((double) x);
    }

    private static double math1(double x, double r, boolean canOverflow) {
        if (Double.isNaN(r) && !Double.isNaN(x)) {
            throw new PyError("ValueError", DOMAIN);
        }
        if (Double.isInfinite(r) && Double.isFinite(x)) {
            if (canOverflow) {
                throw new PyError("OverflowError", "math range error");
            }
            throw new PyError("ValueError", DOMAIN);
        }
        return r;
    }

    /**
     * Parses a string as Python's {@code float(s)} does: surrounding white space, an optional sign,
     * digits with single underscores, {@code inf}, {@code infinity} and {@code nan} in any case.
     *
     * @param s the string
     * @return the float
     * @throws NumberFormatException with Python's message if the string is not a float
     */
    public static double parseFloat(String s) {
        String t = s.strip();
        String lower = t.toLowerCase(Locale.ROOT);
        boolean negative = lower.startsWith("-");
        String body = negative || lower.startsWith("+") ? lower.substring(1) : lower;
        switch (body) {
            case "inf":
            case "infinity":
                return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            case "nan":
                return negative ? Double.longBitsToDouble(0xfff8000000000000L) : Double.NaN;
            default:
                break;
        }
        if (!FLOAT.matcher(t).matches()) {
            throw new NumberFormatException(
                    "could not convert string to float: " + PyRepr.quote(s));
        }
        return Double.parseDouble(t.replace("_", ""));
    }
}
