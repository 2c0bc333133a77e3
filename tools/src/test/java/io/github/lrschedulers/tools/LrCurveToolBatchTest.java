package io.github.lrschedulers.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.lrschedulers.LrCurve;
import io.github.lrschedulers.spec.ScheduleSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Tests {@code lr-curve --batch}: the input and output of the reference harness {@code
 * torch_batch.py}. The exact texts below are what torch_batch.py wrote for the same lines.
 */
class LrCurveToolBatchTest {

    private static final String TWO_GROUPS =
            "{\"name\": \"two-groups\", \"spec\": \"StepLR(step_size=2, gamma=0.5)\", \"steps\": 5,"
                    + " \"lr\": \"0.1,0.01\", \"metrics\": \"\", \"steps_per_epoch\": 1,"
                    + " \"momentum\": false, \"expected\": {\"lr\": [[1.0]]}}";
    private static final String CYCLIC_DEFAULTS =
            "{\"spec\": \"CyclicLR(base_lr=0.001, max_lr=0.1, step_size_up=4)\", \"steps\": 10,"
                    + " \"momentum\": true}";
    private static final String REJECTED_AT_CONSTRUCTION =
            "{\"spec\": \"OneCycleLR(max_lr=0.1, total_steps=-1)\", \"steps\": 3}";
    private static final String MALFORMED = "{\"spec\": \"StepLR(step_size=30\", \"steps\": ";
    private static final String PLATEAU =
            "{\"spec\": \"ReduceLROnPlateau(patience=0)\", \"steps\": 6, \"metrics\": \"1,nan,inf\","
                    + " \"steps_per_epoch\": 2}";
    private static final String NON_FINITE =
            "{\"spec\": \"ConstantLR(factor=0.5, total_iters=2)\", \"steps\": 3,"
                    + " \"lr\": \"nan,inf,-inf\"}";
    private static final String OVERSTEP =
            "{\"spec\": \"OneCycleLR(max_lr=0.1, total_steps=5)\", \"steps\": 10}";
    private static final String ZERO_STEPS_PER_EPOCH =
            "{\"spec\": \"StepLR(step_size=2)\", \"steps\": 4, \"steps_per_epoch\": 0}";

    @Test
    void writesOneLinePerCaseInOrder() {
        String input =
                String.join(
                        "\n",
                        TWO_GROUPS,
                        CYCLIC_DEFAULTS,
                        "",
                        REJECTED_AT_CONSTRUCTION,
                        MALFORMED,
                        PLATEAU,
                        "   ",
                        NON_FINITE,
                        OVERSTEP,
                        ZERO_STEPS_PER_EPOCH,
                        "[1, 2]");
        ToolRun run = ToolRun.withInput(input, "--batch");

        assertEquals(LrCurveTool.EXIT_OK, run.code(), run.err());
        assertEquals("", run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals(9, lines.size(), run.out()); // blank lines are skipped
        assertTrue(run.out().endsWith("\n"));

        assertEquals(
                "{\"lr\": [[0.1, 0.01], [0.1, 0.01], [0.05, 0.005], [0.05, 0.005], [0.025,"
                        + " 0.0025]]}",
                lines.get(0));
        assertEquals(
                "{\"lr\": [[0.001], [0.025750000000000002], [0.0505], [0.07525000000000001],"
                        + " [0.1], [0.07525000000000001], [0.0505], [0.025750000000000002],"
                        + " [0.001], [0.025750000000000002]], \"momentum\": [[0.9], [0.875],"
                        + " [0.8500000000000001], [0.8250000000000001], [0.8],"
                        + " [0.8250000000000001], [0.8500000000000001], [0.875], [0.9],"
                        + " [0.875]]}",
                lines.get(1));
        assertError(lines.get(2), "total_steps");
        assertError(lines.get(3), "malformed JSON");
        assertEquals(
                "{\"lr\": [[0.1], [0.1], [0.1], [0.1], [0.010000000000000002],"
                        + " [0.010000000000000002]]}",
                lines.get(4));
        assertEquals(
                "{\"lr\": [[NaN, Infinity, -Infinity], [NaN, Infinity, -Infinity], [NaN,"
                        + " Infinity, -Infinity]]}",
                lines.get(5));
        assertError(lines.get(6), "total_steps is 5");
        assertEquals(
                "{\"lr\": [[0.1], [0.1], [0.010000000000000002], [0.010000000000000002]]}",
                lines.get(7));
        assertError(lines.get(8), "JSON object");
    }

    @Test
    void valuesParseBackToTheLibrarysDoubles() {
        String spec = "OneCycleLR(max_lr=[0.1, 0.05], total_steps=40, three_phase=True)";
        String line =
                "{\"spec\": \""
                        + spec
                        + "\", \"steps\": 40, \"lr\": \"0.1,0.05\", \"momentum\": 1,"
                        + " \"metrics\": \"\"}";
        ToolRun run = ToolRun.withInput(line + "\n", "--batch");
        assertEquals(LrCurveTool.EXIT_OK, run.code(), run.err());

        LrCurve curve =
                LrCurve.compute(
                        ScheduleSpec.parse(spec),
                        new double[] {0.1, 0.05},
                        40,
                        1,
                        new double[0],
                        LrCurveTool.MOMENTUM);
        JsonObject json = JsonParser.parseString(run.out()).getAsJsonObject();
        assertEquals(2, json.size(), run.out());
        JsonArray lr = json.getAsJsonArray("lr");
        JsonArray momentum = json.getAsJsonArray("momentum");
        assertEquals(40, lr.size());
        assertEquals(40, momentum.size());
        for (int k = 0; k < 40; k++) {
            JsonArray lrs = lr.get(k).getAsJsonArray();
            JsonArray moms = momentum.get(k).getAsJsonArray();
            assertEquals(2, lrs.size());
            assertEquals(2, moms.size());
            for (int g = 0; g < 2; g++) {
                assertEquals(
                        Double.doubleToLongBits(curve.getLr(k, g)),
                        Double.doubleToLongBits(lrs.get(g).getAsDouble()),
                        "lr of update " + k + ", group " + g);
                assertEquals(
                        Double.doubleToLongBits(curve.getMomentum(k, g)),
                        Double.doubleToLongBits(moms.get(g).getAsDouble()),
                        "momentum of update " + k + ", group " + g);
            }
        }
    }

    @Test
    void missingFieldsAreErrorsOfTheirLine() {
        ToolRun run =
                ToolRun.withInput(
                        "{\"steps\": 3}\n{\"spec\": \"StepLR(step_size=2)\"}\n"
                                + "{\"spec\": \"StepLR(step_size=2)\", \"steps\": 2, \"lr\": \"x\"}\n"
                                + "{\"spec\": \"NoSuchLR()\", \"steps\": 2}\n",
                        "--batch");
        assertEquals(LrCurveTool.EXIT_OK, run.code(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals(4, lines.size(), run.out());
        assertError(lines.get(0), "spec");
        assertError(lines.get(1), "steps");
        assertError(lines.get(2), "could not convert string to float: 'x'");
        assertError(lines.get(3), "NoSuchLR");
    }

    private static void assertError(String line, String part) {
        JsonObject json = JsonParser.parseString(line).getAsJsonObject();
        assertEquals(1, json.size(), line);
        assertTrue(json.has("error"), line);
        String message = json.get("error").getAsString();
        assertFalse(message.isEmpty(), line);
        assertTrue(message.contains(part), line + " should mention " + part);
    }
}
