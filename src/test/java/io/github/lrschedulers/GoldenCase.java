package io.github.lrschedulers;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.lrschedulers.spec.ScheduleSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** One reference case computed by PyTorch: the input of torch_batch.py and its expected output. */
final class GoldenCase {

    final String name;
    final String spec;
    final int steps;
    final double[] lrs;
    final double[] metrics;
    final int stepsPerEpoch;
    final boolean momentum;
    final double[][] expectedLr;
    final double[][] expectedMomentum;
    final String expectedError;

    /**
     * Where PyTorch raised {@link #expectedError}: 0 at construction, {@code n >= 1} at the {@code
     * n}-th {@code scheduler.step()}; -1 where the golden does not say.
     */
    final int errorAtStep;

    /** The user-defined schedules the spec may call, besides the registry's. */
    private List<ScheduleDefinition<?>> schedules = List.of();

    private GoldenCase(String name, JsonObject o) {
        this.name = name;
        this.spec = o.get("spec").getAsString();
        this.steps = o.get("steps").getAsInt();
        this.lrs = parseList(o.has("lr") ? o.get("lr").getAsString() : "0.1");
        this.metrics = parseList(o.has("metrics") ? o.get("metrics").getAsString() : "");
        this.stepsPerEpoch =
                o.has("steps_per_epoch") && !o.get("steps_per_epoch").isJsonNull()
                        ? o.get("steps_per_epoch").getAsInt()
                        : 1;
        this.momentum = o.has("momentum") && o.get("momentum").getAsBoolean();
        JsonObject expected = o.getAsJsonObject("expected");
        if (expected.has("error")) {
            this.expectedError = expected.get("error").getAsString();
            this.errorAtStep = expected.has("at_step") ? expected.get("at_step").getAsInt() : -1;
            this.expectedLr = null;
            this.expectedMomentum = null;
        } else {
            this.expectedError = null;
            this.errorAtStep = -1;
            this.expectedLr = matrix(expected.getAsJsonArray("lr"));
            this.expectedMomentum =
                    expected.has("momentum") ? matrix(expected.getAsJsonArray("momentum")) : null;
        }
    }

    static double[] parseList(String s) {
        if (s.isBlank()) {
            return new double[0];
        }
        return Arrays.stream(s.split(",")).mapToDouble(x -> parsePyFloat(x.trim())).toArray();
    }

    /** Python's float() of a string, as the reference harness parses lrs and metrics. */
    static double parsePyFloat(String s) {
        switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "nan":
            case "+nan":
            case "-nan":
                return Double.NaN;
            case "inf":
            case "+inf":
            case "infinity":
                return Double.POSITIVE_INFINITY;
            case "-inf":
            case "-infinity":
                return Double.NEGATIVE_INFINITY;
            default:
                return Double.parseDouble(s);
        }
    }

    private static double[][] matrix(JsonArray rows) {
        double[][] m = new double[rows.size()][];
        for (int i = 0; i < m.length; i++) {
            JsonArray row = rows.get(i).getAsJsonArray();
            m[i] = new double[row.size()];
            for (int j = 0; j < row.size(); j++) {
                m[i][j] = row.get(j).getAsDouble();
            }
        }
        return m;
    }

    /** Reads the cases of a JSON-lines file. */
    static List<GoldenCase> loadFile(String path) {
        try (InputStream in = java.nio.file.Files.newInputStream(java.nio.file.Path.of(path))) {
            return load(in, path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the cases of a JSON-lines resource whose specs call user-defined schedules. */
    static List<GoldenCase> load(String resource, List<ScheduleDefinition<?>> schedules) {
        List<GoldenCase> cases = load(resource);
        for (GoldenCase c : cases) {
            c.schedules = List.copyOf(schedules);
        }
        return cases;
    }

    /** Reads the cases of a JSON-lines resource. */
    static List<GoldenCase> load(String resource) {
        try (InputStream in =
                Objects.requireNonNull(GoldenCase.class.getResourceAsStream(resource), resource)) {
            return load(in, resource);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<GoldenCase> load(InputStream in, String resource) {
        List<GoldenCase> cases = new ArrayList<>();
        try (BufferedReader r =
                new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                n++;
                JsonObject o = JsonParser.parseString(line).getAsJsonObject();
                JsonElement name = o.get("name");
                String id =
                        (name != null ? name.getAsString() : resource + "#" + n)
                                + ": "
                                + o.get("spec").getAsString();
                cases.add(new GoldenCase(id, o));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cases;
    }

    /** Parses this case's spec, with the user-defined schedules it may call. */
    Schedule schedule() {
        return ScheduleSpec.parse(spec, schedules);
    }

    /** Computes this case with the library. */
    LrCurve compute() {
        return compute(steps);
    }

    /**
     * Computes the first {@code updates} updates of this case with the library, taking {@code
     * floor(updates / stepsPerEpoch)} scheduler steps as the harness does.
     */
    LrCurve compute(int updates) {
        Schedule schedule = schedule();
        return LrCurve.compute(schedule, lrs, updates, stepsPerEpoch, metrics, 0.9);
    }

    @Override
    public String toString() {
        return name;
    }
}
