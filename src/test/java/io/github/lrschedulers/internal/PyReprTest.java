package io.github.lrschedulers.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PyReprTest {

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
}
