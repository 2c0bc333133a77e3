package io.github.lrschedulers.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of {@link PyRepr#repr(double)} for random doubles: it reads back as the same double
 * and is never longer than the former {@link BigDecimal} search ({@link BigDecimalRepr}), which
 * tried every length up to 17 digits.
 */
class PyReprProperties {

    @Property(tries = 10_000)
    void readsBackAsTheSameDoubleAndIsNoLongerThanTheBigDecimalSearch(
            @ForAll("finiteDoubles") double d) {
        String repr = PyRepr.repr(d);
        assertEquals(
                Double.doubleToRawLongBits(d),
                Double.doubleToRawLongBits(Double.parseDouble(repr)),
                repr);
        String old = BigDecimalRepr.repr(d);
        assertTrue(
                repr.length() <= old.length(),
                () -> repr + " is longer than the BigDecimal search's " + old);
    }

    /**
     * Random bit patterns, subnormals, "decimal-looking" values {@code k 10^n}, values near the
     * layout thresholds 1e16 and 1e-4, and jqwik's own doubles (with their edge cases).
     */
    @Provide
    Arbitrary<Double> finiteDoubles() {
        Arbitrary<Double> bitPatterns = Arbitraries.longs().map(Double::longBitsToDouble);
        Arbitrary<Double> subnormals =
                Arbitraries.longs()
                        .between(1, (1L << 52) - 1)
                        .map(b -> Double.longBitsToDouble(b | (b & 1) << 63));
        Arbitrary<Double> decimals =
                Combinators.combine(
                                Arbitraries.longs().between(1, 99_999_999_999_999_999L),
                                Arbitraries.integers().between(-340, 300))
                        .as((k, n) -> Double.parseDouble(k + "e" + n));
        Arbitrary<Double> nearThresholds =
                Combinators.combine(
                                Arbitraries.of(1e16, 1e-4, 1e-5, 1e15, 9999999999999998.0),
                                Arbitraries.integers().between(-64, 64))
                        .as((t, u) -> Double.longBitsToDouble(Double.doubleToRawLongBits(t) + u));
        return Arbitraries.oneOf(
                        bitPatterns,
                        subnormals,
                        decimals,
                        nearThresholds,
                        Arbitraries.doubles().withSpecialValue(Double.MIN_NORMAL))
                .filter(Double::isFinite);
    }
}
