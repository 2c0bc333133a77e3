package io.github.lrschedulers.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PyTest {

    @Test
    void intArithmeticOverflowsBeyond64Bits() {
        PyError e = assertThrows(PyError.class, () -> Py.add(Long.MAX_VALUE, 1));
        assertEquals("OverflowError: " + Py.INT_OVERFLOW, e.getMessage());
        assertThrows(PyError.class, () -> Py.sub(Long.MIN_VALUE, 1));
        assertThrows(PyError.class, () -> Py.mul(1L << 32, 1L << 31));
        assertThrows(PyError.class, () -> Py.neg(Long.MIN_VALUE));
        assertThrows(PyError.class, () -> Py.abs(Long.MIN_VALUE));
        assertThrows(PyError.class, () -> Py.floorDiv(Long.MIN_VALUE, -1));
        assertThrows(PyError.class, () -> Py.pow(2, 63));
        assertEquals(Long.MIN_VALUE, Py.mul(1L << 32, -(1L << 31)));
        assertEquals(Long.MIN_VALUE, Py.pow(-2, 63));
    }

    @ParameterizedTest
    @CsvSource({
        "2, 62, 4611686018427387904",
        "-3, 3, -27",
        "0, 0, 1",
        "0, 5, 0",
        "1, 9223372036854775807, 1",
        "-1, 9223372036854775807, -1",
        "-1, 9223372036854775806, 1",
        "10, 18, 1000000000000000000"
    })
    void powIsExact(long base, long exp, long expected) {
        assertEquals(expected, Py.pow(base, exp));
    }

    @Test
    void powRejectsNegativeExponent() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Py.pow(2, -1));
        assertEquals("exp must be >= 0, but was -1", e.getMessage());
    }

    @Test
    void trueDivIsCorrectlyRounded() {
        SplittableRandom rnd = new SplittableRandom(7);
        LongSupplier big = () -> rnd.nextLong() >> rnd.nextInt(64);
        for (int k = 0; k < 20_000; k++) {
            long a = big.getAsLong();
            long b = big.getAsLong();
            if (a == 0 || b == 0) {
                continue;
            }
            double expected =
                    new BigDecimal(a)
                            .divide(new BigDecimal(b), new MathContext(60, RoundingMode.HALF_EVEN))
                            .doubleValue();
            assertEquals(expected, Py.div(a, b), a + " / " + b);
        }
        PyError e = assertThrows(PyError.class, () -> Py.div(1, 0));
        assertEquals("ZeroDivisionError: division by zero", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({
        "9007199254740993, 9007199254740992.0, 1",
        "9007199254740992, 9007199254740992.0, 0",
        "3, 3.5, -1",
        "-3, -3.5, 1",
        "9223372036854775807, 9223372036854775807.0, -1",
        "-9223372036854775808, -9223372036854775808.0, 0",
        "0, -0.0, 0",
        "5, NaN, 2",
        "5, Infinity, -1",
        "5, -Infinity, 1"
    })
    void compareIsExact(long a, double b, int expected) {
        assertEquals(expected, Py.compare(a, b));
    }

    @Test
    void mathFunctionsRaiseAsCPython() {
        assertEquals(
                "ValueError: math domain error",
                assertThrows(PyError.class, () -> Py.sqrt(-1)).getMessage());
        assertEquals(
                "ValueError: math domain error",
                assertThrows(PyError.class, () -> Py.log(0.0)).getMessage());
        assertEquals(
                "ValueError: math domain error",
                assertThrows(PyError.class, () -> Py.log(0L)).getMessage());
        assertEquals(
                "OverflowError: math range error",
                assertThrows(PyError.class, () -> Py.exp(1000)).getMessage());
        assertEquals(
                "ValueError: math domain error",
                assertThrows(PyError.class, () -> Py.cos(Double.POSITIVE_INFINITY)).getMessage());
        assertEquals(
                "OverflowError: cannot convert float infinity to integer",
                assertThrows(PyError.class, () -> Py.toInt(Double.NEGATIVE_INFINITY)).getMessage());
        assertEquals(
                "ValueError: cannot convert float NaN to integer",
                assertThrows(PyError.class, () -> Py.floor(Double.NaN)).getMessage());
        assertEquals(Double.POSITIVE_INFINITY, Py.exp(Double.POSITIVE_INFINITY));
        assertEquals(-0.0, Py.sqrt(-0.0));
        assertEquals(-2, Py.toInt(-2.9));
        assertEquals(-3, Py.floor(-2.1));
        assertEquals(-2, Py.ceil(-2.9));
    }
}
