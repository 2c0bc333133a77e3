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

class PyNumbersTest {

    @Test
    void intArithmeticOverflowsBeyond64Bits() {
        PyError e = assertThrows(PyError.class, () -> PyNumbers.add(Long.MAX_VALUE, 1));
        assertEquals("OverflowError: " + PyNumbers.INT_OVERFLOW, e.getMessage());
        assertThrows(PyError.class, () -> PyNumbers.sub(Long.MIN_VALUE, 1));
        assertThrows(PyError.class, () -> PyNumbers.mul(1L << 32, 1L << 31));
        assertThrows(PyError.class, () -> PyNumbers.neg(Long.MIN_VALUE));
        assertThrows(PyError.class, () -> PyNumbers.abs(Long.MIN_VALUE));
        assertThrows(PyError.class, () -> PyNumbers.floorDiv(Long.MIN_VALUE, -1));
        assertThrows(PyError.class, () -> PyNumbers.pow(2, 63));
        assertEquals(Long.MIN_VALUE, PyNumbers.mul(1L << 32, -(1L << 31)));
        assertEquals(Long.MIN_VALUE, PyNumbers.pow(-2, 63));
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
        assertEquals(expected, PyNumbers.pow(base, exp));
    }

    @Test
    void powRejectsNegativeExponent() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> PyNumbers.pow(2, -1));
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
            assertEquals(expected, PyNumbers.trueDiv(a, b), a + " / " + b);
        }
        PyError e = assertThrows(PyError.class, () -> PyNumbers.trueDiv(1, 0));
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
        assertEquals(expected, PyNumbers.compare(a, b));
    }

    @Test
    void mathFunctionsRaiseAsCPython() {
        assertEquals(
                "ValueError: math domain error",
                assertThrows(PyError.class, () -> PyNumbers.sqrt(-1)).getMessage());
        assertEquals(
                "ValueError: math domain error",
                assertThrows(PyError.class, () -> PyNumbers.log(0.0)).getMessage());
        assertEquals(
                "ValueError: math domain error",
                assertThrows(PyError.class, () -> PyNumbers.log(0L)).getMessage());
        assertEquals(
                "OverflowError: math range error",
                assertThrows(PyError.class, () -> PyNumbers.exp(1000)).getMessage());
        assertEquals(
                "ValueError: math domain error",
                assertThrows(PyError.class, () -> PyNumbers.cos(Double.POSITIVE_INFINITY))
                        .getMessage());
        assertEquals(
                "OverflowError: cannot convert float infinity to integer",
                assertThrows(PyError.class, () -> PyNumbers.toInt(Double.NEGATIVE_INFINITY))
                        .getMessage());
        assertEquals(
                "ValueError: cannot convert float NaN to integer",
                assertThrows(PyError.class, () -> PyNumbers.floor(Double.NaN)).getMessage());
        assertEquals(Double.POSITIVE_INFINITY, PyNumbers.exp(Double.POSITIVE_INFINITY));
        assertEquals(-0.0, PyNumbers.sqrt(-0.0));
        assertEquals(-2, PyNumbers.toInt(-2.9));
        assertEquals(-3, PyNumbers.floor(-2.1));
        assertEquals(-2, PyNumbers.ceil(-2.9));
    }
}
