package io.github.lrschedulers;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.lrschedulers.spec.ScheduleSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The goldens of golden/beyond/*.jsonl as cases (the oracle's batch line merged with its expected
 * rates or error), for the families whose tests compare doubles: the oracle's update k is row k - 1
 * of {@link LrCurve}.
 */
public final class BeyondGoldens {

    private BeyondGoldens() {}

    /**
     * One case.
     *
     * @param name the case's name
     * @param spec the spec
     * @param steps the updates
     * @param lrs each group's base rate
     * @param stepsPerEpoch the updates per epoch
     * @param metrics the metrics, one per evaluation
     * @param expected the rates per update and group, or null when the oracle rejects
     * @param error the oracle's error, or null
     */
    public record Case(
            String name,
            String spec,
            int steps,
            double[] lrs,
            int stepsPerEpoch,
            double[] metrics,
            double[][] expected,
            String error) {

        /**
         * Computes the case's curve.
         *
         * @return the curve
         */
        public LrCurve compute() {
            return LrCurve.compute(
                    ScheduleSpec.parse(spec), lrs, steps, stepsPerEpoch, metrics, 0.9);
        }

        @Override
        public String toString() {
            return name + ": " + spec + " K=" + stepsPerEpoch;
        }
    }

    /**
     * Reads the cases of a golden file.
     *
     * @param resource the resource, e.g. {@code /golden/beyond/timm.jsonl}
     * @return the cases
     * @throws IOException if the resource cannot be read
     */
    public static List<Case> read(String resource) throws IOException {
        List<Case> out = new ArrayList<>();
        try (InputStream in =
                        Objects.requireNonNull(
                                BeyondGoldens.class.getResourceAsStream(resource), resource);
                BufferedReader r =
                        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    out.add(parse(JsonParser.parseString(line).getAsJsonObject()));
                }
            }
        }
        return out;
    }

    private static Case parse(JsonObject o) {
        JsonObject exp = o.getAsJsonObject("expected");
        double[][] rows = null;
        String error = null;
        if (exp.has("error")) {
            error = exp.get("error").getAsString();
        } else {
            JsonArray lr = exp.getAsJsonArray("lr");
            rows = new double[lr.size()][];
            for (int k = 0; k < rows.length; k++) {
                JsonArray row = lr.get(k).getAsJsonArray();
                rows[k] = new double[row.size()];
                for (int g = 0; g < row.size(); g++) {
                    rows[k][g] = row.get(g).getAsDouble();
                }
            }
        }
        return new Case(
                o.get("name").getAsString(),
                o.get("spec").getAsString(),
                o.get("steps").getAsInt(),
                numbers(o.get("lr").getAsString()),
                o.get("steps_per_epoch").getAsInt(),
                numbers(o.get("metrics").getAsString()),
                rows,
                error);
    }

    private static double[] numbers(String csv) {
        if (csv.isBlank()) {
            return new double[0];
        }
        return Arrays.stream(csv.split(",")).mapToDouble(Double::parseDouble).toArray();
    }
}
