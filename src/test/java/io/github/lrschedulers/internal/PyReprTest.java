package io.github.lrschedulers.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * PyRepr against CPython's {@code repr(float)}: pyrepr-cases.csv (bits and repr, from
 * generate_pyrepr_cases.py), pyrepr-random-cases.txt.gz (20,000 reprs from
 * generate_pyrepr_random.py) and, with {@code -Dpyrepr.full=FILE}, a million reprs written to FILE
 * by the same script when FILE is missing ({@code -Dpyrepr.python} names the Python, default {@code
 * python3}; {@code -Dpyrepr.count}, default 1000000). The exactness of the Schubfach products is
 * checked against {@link BigInteger} arithmetic.
 */
class PyReprTest {

    /** The generator of the random cases, from the repository root (surefire's working dir). */
    private static final Path RANDOM_SCRIPT =
            Path.of("src", "test", "resources", "generate_pyrepr_random.py");

    /** Reads pyrepr-cases.csv, written by generate_pyrepr_cases.py with the real Python. */
    static List<String[]> cases() throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (InputStream in = PyReprTest.class.getResourceAsStream("/pyrepr-cases.csv");
                BufferedReader r =
                        new BufferedReader(
                                new InputStreamReader(
                                        Objects.requireNonNull(in, "pyrepr-cases.csv"),
                                        StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.startsWith("#") && !line.isEmpty()) {
                    rows.add(line.split(",", 2));
                }
            }
        }
        return rows;
    }

    @Test
    void matchesPythonReprForEveryGeneratedDouble() throws IOException {
        List<String[]> rows = cases();
        assertTrue(rows.size() > 10_000, "expected over 10000 cases, got " + rows.size());
        List<String> failures = new ArrayList<>();
        for (String[] row : rows) {
            double d = Double.longBitsToDouble(Long.parseUnsignedLong(row[0], 16));
            String actual = PyRepr.repr(d);
            if (!actual.equals(row[1])) {
                failures.add(row[0] + ": expected " + row[1] + " but was " + actual);
            }
        }
        assertEquals(List.of(), failures.subList(0, Math.min(20, failures.size())));
    }

    @ParameterizedTest
    @CsvSource({
        "0, 0",
        "-1, -1",
        "9223372036854775807, 9223372036854775807",
        "-9223372036854775808, -9223372036854775808"
    })
    void reprOfIntIsDecimal(long i, String expected) {
        assertEquals(expected, PyRepr.repr(i));
    }

    @Test
    void reprRoundTripsThroughParseDouble() throws IOException {
        for (String[] row : cases()) {
            double d = Double.longBitsToDouble(Long.parseUnsignedLong(row[0], 16));
            if (Double.isFinite(d)) {
                assertEquals(d, Double.parseDouble(PyRepr.repr(d)), row[1]);
            }
        }
    }

    @Test
    void matchesPythonOnTheCommittedRandomSlice() throws IOException {
        try (InputStream in =
                Objects.requireNonNull(
                        PyReprTest.class.getResourceAsStream("/pyrepr-random-cases.txt.gz"),
                        "pyrepr-random-cases.txt.gz")) {
            assertEquals(20_000, checkReprs(in, "pyrepr-random-cases.txt.gz"));
        }
    }

    @Test
    @EnabledIfSystemProperty(named = "pyrepr.full", matches = ".+")
    void matchesPythonOnTheFullCheck() throws IOException, InterruptedException {
        Path file = Path.of(System.getProperty("pyrepr.full"));
        int count = Integer.parseInt(System.getProperty("pyrepr.count", "1000000"));
        if (!Files.exists(file)) {
            Process p =
                    new ProcessBuilder(
                                    System.getProperty("pyrepr.python", "python3"),
                                    RANDOM_SCRIPT.toString(),
                                    "--count",
                                    Integer.toString(count),
                                    "--seed",
                                    "2",
                                    "--out",
                                    file.toString())
                            .redirectErrorStream(true)
                            .start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            System.out.print(output);
            assertEquals(0, p.waitFor(), () -> RANDOM_SCRIPT + " must exit with 0: " + output);
        }
        try (InputStream in = Files.newInputStream(file)) {
            int checked = checkReprs(in, file.toString());
            assertTrue(checked >= count, "expected " + count + " cases, got " + checked);
            System.out.println(
                    "PyReprTest: "
                            + checked
                            + " random doubles equal CPython's repr ("
                            + file
                            + ")");
        }
    }

    /**
     * Checks that every repr in a gzipped file of Python reprs is PyRepr's repr of the double it
     * reads back as, and prints the count.
     *
     * @return the number of reprs checked
     */
    private static int checkReprs(InputStream gz, String name) throws IOException {
        int checked = 0;
        int differ = 0;
        List<String> failures = new ArrayList<>();
        try (BufferedReader r =
                new BufferedReader(
                        new InputStreamReader(
                                new GZIPInputStream(gz, 1 << 16), StandardCharsets.US_ASCII))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.startsWith("#") || line.isEmpty()) {
                    continue;
                }
                String actual = PyRepr.repr(Py.parseFloat(line));
                checked++;
                if (!actual.equals(line) && differ++ < 20) {
                    failures.add("expected " + line + " but was " + actual);
                }
            }
        }
        System.out.println(
                "PyRepr: "
                        + checked
                        + " doubles checked against Python's repr from "
                        + name
                        + ", "
                        + differ
                        + " differ");
        assertEquals(List.of(), failures);
        return checked;
    }

    @Test
    void decimalExponentFormulasAreExactForEveryBinaryExponent() {
        for (int q = -1074; q <= 971; q++) {
            BigInteger[] twoQ = fraction(BigInteger.ONE, q);
            assertEquals(floorLog10(twoQ[0], twoQ[1]), PyRepr.floorLog10Pow2(q), "2^" + q);
            BigInteger[] threeQuarters = fraction(BigInteger.valueOf(3), q - 2);
            assertEquals(
                    floorLog10(threeQuarters[0], threeQuarters[1]),
                    PyRepr.floorLog10ThreeQuartersPow2(q),
                    "3/4 2^" + q);
        }
    }

    /** Returns {@code m 2^e} as numerator and denominator. */
    private static BigInteger[] fraction(BigInteger m, int e) {
        return e >= 0
                ? new BigInteger[] {m.shiftLeft(e), BigInteger.ONE}
                : new BigInteger[] {m, BigInteger.ONE.shiftLeft(-e)};
    }

    /** Returns {@code floor(log10(num / den))} exactly. */
    private static int floorLog10(BigInteger num, BigInteger den) {
        int k = (int) Math.floor((num.bitLength() - den.bitLength()) * Math.log10(2)) - 2;
        while (compareToPow10(num, den, k + 1) >= 0) {
            k++;
        }
        return k;
    }

    private static int compareToPow10(BigInteger num, BigInteger den, int k) {
        BigInteger p = BigInteger.TEN.pow(Math.abs(k));
        return k >= 0 ? num.compareTo(den.multiply(p)) : num.multiply(p).compareTo(den);
    }

    /**
     * The three products of every double in the cases (its rounding interval's bounds and itself,
     * times {@code 2^q 10^-k}) equal the exact ones rounded to odd, and the divisibility test for
     * exact integers agrees with exact division, integral products included.
     */
    @Test
    void roundedToOddProductsAreExact() throws IOException {
        List<Double> doubles = new ArrayList<>();
        for (String[] row : cases()) {
            doubles.add(Double.longBitsToDouble(Long.parseUnsignedLong(row[0], 16)));
        }
        try (BufferedReader r =
                new BufferedReader(
                        new InputStreamReader(
                                new GZIPInputStream(
                                        Objects.requireNonNull(
                                                PyReprTest.class.getResourceAsStream(
                                                        "/pyrepr-random-cases.txt.gz"))),
                                StandardCharsets.US_ASCII))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.startsWith("#")) {
                    doubles.add(Py.parseFloat(line));
                }
            }
        }
        int products = 0;
        int integral = 0;
        for (double d : doubles) {
            long bits = Double.doubleToRawLongBits(d);
            int e = (int) (bits >>> 52) & 0x7FF;
            long f = bits & ((1L << 52) - 1);
            if (e == 0x7FF || e == 0 && f == 0) {
                continue;
            }
            long c = e == 0 ? f : f | 1L << 52;
            int q = e == 0 ? -1074 : e - 1075;
            boolean asymmetric = f == 0 && e > 1;
            int k = asymmetric ? PyRepr.floorLog10ThreeQuartersPow2(q) : PyRepr.floorLog10Pow2(q);
            for (long m : new long[] {4 * c - (asymmetric ? 1 : 2), 4 * c, 4 * c + 2}) {
                String what = "m=" + m + " q=" + q + " k=" + k + " of " + d;
                assertEquals(PyRepr.toOddExact(m, q, k), PyRepr.toOdd(m, q, k), what);
                BigInteger[] x = fraction(BigInteger.valueOf(m), q);
                if (k >= 0) {
                    x[1] = x[1].multiply(BigInteger.TEN.pow(k));
                } else {
                    x[0] = x[0].multiply(BigInteger.TEN.pow(-k));
                }
                boolean exact = x[0].mod(x[1]).signum() == 0;
                assertEquals(exact, PyRepr.isInteger(m, q, k), what);
                products++;
                integral += exact ? 1 : 0;
            }
        }
        assertTrue(products > 90_000, "products checked: " + products);
        assertTrue(integral > 1_000, "integral products checked: " + integral);
    }

    /**
     * Every entry of the table of {@code 10^-k}: for every binary exponent of a double and both of
     * its decimal exponents (symmetric and asymmetric rounding interval), products of the least and
     * greatest significands and of random ones equal the exact ones rounded to odd.
     */
    @Test
    void roundedToOddProductsAreExactForEveryExponent() {
        SplittableRandom rng = new SplittableRandom(10);
        long least = 1L << 52;
        long greatest = (1L << 53) - 1;
        int checked = 0;
        for (int q = -1074; q <= 971; q++) {
            int[] ks = {PyRepr.floorLog10Pow2(q), PyRepr.floorLog10ThreeQuartersPow2(q)};
            for (int k : ks) {
                long c = least + rng.nextLong(least);
                long[] ms = {
                    4 * least - 1,
                    4 * least,
                    4 * least + 2,
                    4 * greatest - 2,
                    4 * greatest,
                    4 * greatest + 2,
                    4 * c - 2,
                    4 * c,
                    4 * c + 2
                };
                for (long m : ms) {
                    assertEquals(
                            PyRepr.toOddExact(m, q, k),
                            PyRepr.toOdd(m, q, k),
                            "m=" + m + " q=" + q + " k=" + k);
                    checked++;
                }
            }
        }
        assertEquals(2046 * 2 * 9, checked);
    }
}
