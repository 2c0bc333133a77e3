package io.github.lrschedulers.finder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The suggestions on fixed curves equal the references' of {@code
 * src/test/resources/finder/suggestions.jsonl}: the real Lightning 2.6.6 {@code
 * _LRFinder.suggestion()} for the steepest descent, and fastai's rules re-implemented from their
 * definitions in {@code generate_suggestions.py}; the smoothing and the ramps are Python's, bit for
 * bit.
 */
class LrSuggestionsGoldenTest {

    private static final String FILE = "/finder/suggestions.jsonl";

    static List<JsonObject> lines() throws IOException {
        List<JsonObject> out = new ArrayList<>();
        try (InputStream in =
                        Objects.requireNonNull(
                                LrSuggestionsGoldenTest.class.getResourceAsStream(FILE));
                BufferedReader r =
                        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    out.add(JsonParser.parseString(line).getAsJsonObject());
                }
            }
        }
        return out;
    }

    static Stream<JsonObject> curves() throws IOException {
        return lines().stream().filter(o -> !o.has("ramps"));
    }

    private static double[] doubles(JsonArray a) {
        double[] d = new double[a.size()];
        for (int i = 0; i < d.length; i++) {
            String s = a.get(i).getAsString();
            d[i] =
                    switch (s) {
                        case "NaN" -> Double.NaN;
                        case "Infinity" -> Double.POSITIVE_INFINITY;
                        case "-Infinity" -> Double.NEGATIVE_INFINITY;
                        default -> Double.parseDouble(s);
                    };
        }
        return d;
    }

    @Test
    void theFileHoldsTheCasesItShould() throws IOException {
        List<JsonObject> lines = lines();
        assertTrue(curves().count() >= 30, "curves: " + curves().count());
        assertTrue(lines.stream().anyMatch(o -> o.has("ramps")), "ramps line");
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("curves")
    void everyRulePicksTheReferencesRow(JsonObject c) {
        String name = c.get("name").getAsString();
        double[] lrs = doubles(c.getAsJsonArray("lrs"));
        double[] raw = doubles(c.getAsJsonArray("raw"));
        double[] losses = doubles(c.getAsJsonArray("losses"));
        int numIt = c.get("num_it").getAsInt();
        if (c.get("smoothed_from_raw").getAsBoolean()) {
            double[] smoothed = LrFinder.smooth(raw, 0.98);
            for (int i = 0; i < losses.length; i++) {
                assertEquals(
                        Double.doubleToLongBits(losses[i]),
                        Double.doubleToLongBits(smoothed[i]),
                        name + ": smoothed loss " + i + ": " + losses[i] + " vs " + smoothed[i]);
            }
        }
        LrFinderResult result = LrFinderResult.of(lrs, raw, losses, numIt);
        for (LrSuggestion.Method m : LrSuggestion.Method.values()) {
            JsonElement expected = c.get(m.getLabel());
            Optional<LrSuggestion> s = result.getSuggestion(m);
            if (expected.isJsonNull()) {
                assertTrue(s.isEmpty(), name + " " + m + ": expected none, got " + s);
                continue;
            }
            int index = expected.getAsInt();
            assertTrue(s.isPresent(), name + " " + m + ": expected row " + index + ", got none");
            assertEquals(index, s.get().getIndex(), name + " " + m);
            double lr = m == LrSuggestion.Method.MINIMUM ? lrs[index] / 10 : lrs[index];
            assertEquals(lr, s.get().getLr(), 0.0, name + " " + m);
            assertEquals(lrs[index], s.get().getMarkedLr(), 0.0, name + " " + m);
        }
    }

    @Test
    void theRampsAreThePythonExpressionsBitForBit() throws IOException {
        JsonObject line = lines().stream().filter(o -> o.has("ramps")).findFirst().orElseThrow();
        int checked = 0;
        for (JsonElement e : line.getAsJsonArray("ramps")) {
            JsonObject r = e.getAsJsonObject();
            LrFinder finder =
                    LrFinder.builder()
                            .optStartLr(r.get("start").getAsDouble())
                            .optEndLr(r.get("end").getAsDouble())
                            .optNumIterations(r.get("n").getAsInt())
                            .optMode(LrFinder.Mode.valueOf(r.get("mode").getAsString()))
                            .build();
            double[] expected = doubles(r.getAsJsonArray("lrs"));
            for (int k = 0; k < expected.length; k++) {
                assertEquals(
                        Double.doubleToLongBits(expected[k]),
                        Double.doubleToLongBits(finder.rate(k)),
                        finder + " at " + k + ": " + expected[k] + " vs " + finder.rate(k));
                checked++;
            }
        }
        assertEquals(2 * (100 + 100 + 37 + 2), checked);
    }
}
