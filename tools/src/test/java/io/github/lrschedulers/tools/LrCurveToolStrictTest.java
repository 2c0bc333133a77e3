package io.github.lrschedulers.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code lr-curve --batch}: JSON read as strictly as Python's {@code json.loads}, JSON arrays for
 * {@code lr} and {@code metrics}, unknown keys, limits that keep every line answered, and error
 * lines without library internals or huge echoes.
 */
class LrCurveToolStrictTest {

    private static final String STEP = "\"spec\": \"StepLR(step_size=2, gamma=0.5)\"";

    private static List<String> batch(String input) {
        ToolRun run = ToolRun.withInput(input, "--batch");
        assertEquals(LrCurveTool.EXIT_OK, run.code(), run.err());
        assertEquals("", run.err());
        return run.out().lines().toList();
    }

    private static String error(String line) {
        JsonObject json = JsonParser.parseString(line).getAsJsonObject();
        assertEquals(1, json.size(), line);
        assertTrue(json.has("error"), line);
        String message = json.get("error").getAsString();
        assertFalse(message.contains("Exception"), message);
        assertFalse(message.contains("com.google"), message);
        assertFalse(message.contains("java."), message);
        return message;
    }

    @Test
    void jsonArraysGiveWhatCommaStringsGive() {
        List<String> out =
                batch(
                        "{"
                                + STEP
                                + ", \"steps\": 5, \"lr\": \"0.1,0.01\"}\n{"
                                + STEP
                                + ", \"steps\": 5, \"lr\": [0.1, 0.01]}\n{"
                                + STEP
                                + ", \"steps\": 5, \"lr\": [\"0.1\", 1e-2]}\n"
                                + "{\"spec\": \"ReduceLROnPlateau(patience=0)\", \"steps\": 6,"
                                + " \"metrics\": \"1,nan,inf\", \"steps_per_epoch\": 2}\n"
                                + "{\"spec\": \"ReduceLROnPlateau(patience=0)\", \"steps\": 6,"
                                + " \"metrics\": [1, NaN, Infinity], \"steps_per_epoch\": 2}\n");
        assertEquals(5, out.size());
        assertTrue(out.get(0).startsWith("{\"lr\": [[0.1, 0.01]"), out.get(0));
        assertEquals(out.get(0), out.get(1));
        assertEquals(out.get(0), out.get(2));
        assertTrue(out.get(3).startsWith("{\"lr\": "), out.get(3));
        assertEquals(out.get(3), out.get(4));
    }

    @Test
    void badArrayItemsAreNamed() {
        List<String> out =
                batch(
                        "{"
                                + STEP
                                + ", \"steps\": 2, \"lr\": [0.1, true]}\n{"
                                + STEP
                                + ", \"steps\": 2, \"lr\": []}\n{"
                                + STEP
                                + ", \"steps\": 2, \"metrics\": [[1]]}\n");
        assertEquals("lr[1] must be a number, but was true", error(out.get(0)));
        assertEquals("lr must have at least one rate", error(out.get(1)));
        assertEquals("metrics[0] must be a number, but was [1]", error(out.get(2)));
    }

    /** What Python 3's json.loads says about each line (python3 -c 'json.loads(line)'). */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            textBlock =
                    """
            {'spec': 'StepLR(step_size=2)', 'steps': 3}        | Expecting property name enclosed in double quotes: line 1 column 2 (char 1)
            {spec: "StepLR(step_size=2)", "steps": 3}          | Expecting property name enclosed in double quotes: line 1 column 2 (char 1)
            {"spec": "StepLR(step_size=2)"; "steps": 3}        | Expecting ',' delimiter: line 1 column 31 (char 30)
            {"spec": "StepLR(step_size=2)", "steps": 3} x      | Extra data: line 1 column 45 (char 44)
            {"spec": "StepLR(step_size=2)", "steps": 3,}       | Expecting property name enclosed in double quotes: line 1 column 44 (char 43)
            {"spec": "StepLR(step_size=2)", "steps": 3} // c   | Extra data: line 1 column 45 (char 44)
            {"spec": "StepLR(step_size=2)", "steps": 03}       | Expecting ',' delimiter: line 1 column 43 (char 42)
            {"spec": "StepLR(step_size=2)", "steps": +3}       | Expecting value: line 1 column 42 (char 41)
            {"spec": "StepLR(step_size=2)", "steps": 3, "lr": [0.1,]} | Expecting value: line 1 column 56 (char 55)
            {"spec": "StepLR(step_size=2)", "steps": 0x3}      | Expecting ',' delimiter: line 1 column 43 (char 42)
            {"spec": "StepLR(step_size=2)", "steps": 3}{}      | Extra data: line 1 column 44 (char 43)
            {"spec": "StepLR(step_size=2)", "steps": True}     | Expecting value: line 1 column 42 (char 41)
            """)
    void jsonIsReadAsStrictlyAsPython(String line, String python) {
        List<String> out = batch(line.strip() + "\n");
        assertEquals(1, out.size());
        assertEquals("malformed JSON: " + python, error(out.get(0)));
    }

    @Test
    void whatPythonAcceptsIsAccepted() {
        // Surrounding whitespace, NaN/Infinity, a float count, a duplicate key (the last wins).
        List<String> out =
                batch(
                        "  {"
                                + STEP
                                + ", \"steps\": 9, \"lr\": [NaN, Infinity], \"steps\": 2.0}  \n"
                                + "{\"spec\": \"Step\\u004cR(step_size=2)\", \"steps\": 1}\n");
        assertEquals("{\"lr\": [[NaN, Infinity], [NaN, Infinity]]}", out.get(0));
        assertEquals("{\"lr\": [[0.1]]}", out.get(1));
    }

    @Test
    void unknownKeysAreRejectedByName() {
        List<String> out =
                batch(
                        "{"
                                + STEP
                                + ", \"steps\": 2, \"step_per_epoch\": 2}\n{"
                                + STEP
                                + ", \"steps\": 2, \"name\": \"x\", \"expected\": {}}\n");
        String m = error(out.get(0));
        assertTrue(m.startsWith("unknown key 'step_per_epoch'; a case has spec, steps"), m);
        assertEquals("{\"lr\": [[0.1], [0.1]]}", out.get(1));
    }

    @Test
    void hugeRequestsAreErrorsOfTheirLineAndTheBatchGoesOn() {
        StringBuilder groups = new StringBuilder("[0.1");
        for (int i = 1; i < 1_000_000; i++) {
            groups.append(",0.1");
        }
        groups.append(']');
        StringBuilder maxLrs = new StringBuilder("[0.1");
        for (int i = 1; i < 15_000; i++) {
            maxLrs.append(", 0.1");
        }
        maxLrs.append(']');
        String ok = "{" + STEP + ", \"steps\": 1}";
        String input =
                String.join(
                        "\n",
                        "{" + STEP + ", \"steps\": 1000000000}",
                        ok,
                        "{" + STEP + ", \"steps\": 2, \"lr\": " + groups + "}",
                        ok,
                        "{\"spec\": \"OneCycleLR(max_lr="
                                + maxLrs
                                + ", total_steps=5)\", \"steps\": 2}",
                        ok,
                        "{" + STEP + ", \"steps\": 4000000, \"momentum\": true}",
                        ok,
                        "");
        List<String> out = batch(input);
        assertEquals(8, out.size());
        assertEquals(
                "steps 1000000000 with 1 group asks for 1000000000 values, more than the "
                        + LrCurveTool.MAX_VALUES
                        + " one case may have: split it",
                error(out.get(0)));
        assertEquals(
                "lr has 1000000 rates, but at most "
                        + LrCurveTool.MAX_GROUPS
                        + " parameter groups are computed",
                error(out.get(2)));
        String echo = error(out.get(4));
        assertTrue(echo.length() < 1000, echo.length() + " characters");
        assertTrue(echo.contains("more characters)"), echo);
        assertTrue(error(out.get(6)).contains("and momentum asks for 8000000 values"), out.get(6));
        for (int i = 1; i < 8; i += 2) {
            assertEquals("{\"lr\": [[0.1]]}", out.get(i));
        }
    }

    @Test
    void aLineLongerThanTheLimitIsAnErrorAndSkipped() {
        String longLine =
                "{"
                        + STEP
                        + ", \"steps\": 1, \"name\": \""
                        + "x".repeat(LrCurveTool.MAX_LINE_CHARS)
                        + "\"}";
        List<String> out = batch(longLine + "\r\n\r\n{" + STEP + ", \"steps\": 1}\r");
        assertEquals(2, out.size());
        assertEquals(
                "line 1 is longer than " + LrCurveTool.MAX_LINE_CHARS + " characters",
                error(out.get(0)));
        assertEquals("{\"lr\": [[0.1]]}", out.get(1));
    }

    @Test
    void theCommandLineHasTheLimitToo() {
        ToolRun run = ToolRun.args("StepLR(step_size=2)", "1000000000");
        assertEquals(LrCurveTool.EXIT_REJECTED, run.code());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("error: steps 1000000000 with 1 group"), run.err());
    }
}
