package io.github.lrschedulers.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Tests the command line of {@link LrCurveTool}: usage errors, rejected specs, argparse forms. */
class LrCurveToolUsageTest {

    private static final String STEP = "StepLR(step_size=2, gamma=0.5)";

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                STEP,
                STEP + "|4|extra",
                STEP + "|four",
                STEP + "|4.0",
                STEP + "|4|--lr",
                STEP + "|4|--lr|abc",
                STEP + "|4|--lr|0.1,",
                STEP + "|4|--lr|1d",
                STEP + "|4|--lr|0x1p3",
                STEP + "|4|--metrics|1,x",
                STEP + "|4|--steps-per-epoch|0",
                STEP + "|4|--steps-per-epoch|1.5",
                STEP + "|4|--momentum=yes",
                STEP + "|4|--foo",
                STEP + "|4|--m",
                STEP + "|4|-x",
                "--batch|" + STEP,
                "--batch|--momentum",
            })
    void usageErrorsExit64WithTheUsageText(String joined) {
        String[] args = joined.isEmpty() ? new String[0] : joined.split("\\|");
        ToolRun run = ToolRun.args(args);

        assertEquals(LrCurveTool.EXIT_USAGE, run.code(), run.err());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("lr-curve: "), run.err());
        assertTrue(run.err().endsWith(LrCurveTool.USAGE), run.err());
    }

    @Test
    void helpPrintsTheUsageTextAndSucceeds() {
        for (String flag : new String[] {"--help", "-h"}) {
            ToolRun run = ToolRun.args(flag);
            assertEquals(LrCurveTool.EXIT_OK, run.code());
            assertEquals(LrCurveTool.USAGE, run.out());
            assertEquals("", run.err());
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "StepLR(step_size=2",
                "NoSuchLR()",
                "StepLR(step_size=2, gama=0.5)",
                "OneCycleLR(max_lr=0.1, total_steps=3)", // oversteps at update 4
                "ReduceLROnPlateau()", // no metrics
            })
    void rejectedConfigurationsExit2(String spec) {
        ToolRun run = ToolRun.args(spec, "6");

        assertEquals(LrCurveTool.EXIT_REJECTED, run.code(), run.err());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("error: "), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
    }

    @Test
    void optionsGoAnywhereAsInArgparse() {
        String expected = ToolRun.args(STEP, "5", "--lr", "0.1,0.01", "--momentum").out();
        assertEquals(
                "0,0.1,0.01,0.9,0.9\n1,0.1,0.01,0.9,0.9\n2,0.05,0.005,0.9,0.9\n"
                        + "3,0.05,0.005,0.9,0.9\n4,0.025,0.0025,0.9,0.9\n",
                expected);
        assertEquals(expected, ToolRun.args("--momentum", "--lr=0.1,0.01", STEP, "5").out());
        assertEquals(expected, ToolRun.args("--lr", "1e-1, 1_0e-3", "--mom", STEP, "+5").out());
        assertEquals(
                expected, ToolRun.args("--lr", "0.1,0.01", "--momentum", "--", STEP, "5").out());
    }

    @Test
    void numbersReadAsPythonReadsThem() {
        assertEquals(
                "0,nan\n1,nan\n",
                ToolRun.args("ExponentialLR(gamma=0.5)", "2", "--lr", "NaN").out());
        assertEquals(
                "0,inf\n1,inf\n",
                ToolRun.args("ExponentialLR(gamma=0.5)", "2", "--lr", "Infinity").out());
        // As in argparse, "-inf" is not a negative number but an option: write --lr=-inf.
        assertEquals(
                LrCurveTool.EXIT_USAGE,
                ToolRun.args("ExponentialLR(gamma=0.5)", "1", "--lr", "-inf").code());
        assertEquals(
                "0,0.001\n1,0.0005\n",
                ToolRun.args("ExponentialLR(gamma=0.5)", "2", "--lr", " 1e-3 ").out());
    }

    @Test
    void negativeStepsPrintNothingAsPythonsRange() {
        ToolRun run = ToolRun.args(STEP, "-3");
        assertEquals(LrCurveTool.EXIT_OK, run.code(), run.err());
        assertEquals("", run.out());
    }

    @Test
    void stepsPerEpochRepeatsEachRate() {
        assertEquals(
                "0,0.1\n1,0.1\n2,0.1\n3,0.1\n4,0.05\n",
                ToolRun.args(STEP, "5", "--steps-per-epoch", "2").out());
        assertEquals(
                ToolRun.args(STEP, "5", "--steps-per-epoch", "2").out(),
                ToolRun.args(STEP, "5", "--steps", "2").out());
    }
}
