package io.github.lrschedulers.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code lr-curve} resolves lengths relative to the run for the run it prints: {@code STEPS}
 * updates in epochs of {@code --steps-per-epoch} updates, single and {@code --batch} alike.
 */
class LrCurveToolRunLengthTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "OneCycleLR(max_lr=0.1, total_steps=1.0*run)|OneCycleLR(max_lr=0.1, total_steps=60)|1",
                "MultiStepLR(milestones=[0.5*run, 0.75*run])|MultiStepLR(milestones=[30, 45])|1",
                "CosineAnnealingLR(T_max=1.0*run)|CosineAnnealingLR(T_max=20)|3",
                "transformers.get_cosine_schedule_with_warmup(num_warmup_steps=0.1*run,"
                        + " num_training_steps=1.0*run)|transformers.get_cosine_schedule_with_warmup("
                        + "num_warmup_steps=6, num_training_steps=60)|1"
            })
    void relativeLengthsResolveForThePrintedRun(String relative, String absolute, int k) {
        String[] options = {"60", "--lr", "0.1,0.01", "--steps-per-epoch", String.valueOf(k)};
        ToolRun want = ToolRun.args(concat(absolute, options));
        ToolRun got = ToolRun.args(concat(relative, options));
        assertEquals(LrCurveTool.EXIT_OK, want.code(), want.err());
        assertEquals(LrCurveTool.EXIT_OK, got.code(), got.err());
        assertEquals(want.out(), got.out());
        String batch =
                "{\"spec\": \"%s\", \"steps\": 60, \"lr\": \"0.1,0.01\", \"steps_per_epoch\": %d}";
        ToolRun wantBatch = ToolRun.withInput(String.format(batch, absolute, k), "--batch");
        ToolRun gotBatch = ToolRun.withInput(String.format(batch, relative, k), "--batch");
        assertEquals(LrCurveTool.EXIT_OK, gotBatch.code(), gotBatch.err());
        assertEquals(wantBatch.out(), gotBatch.out());
    }

    private static String[] concat(String spec, String[] options) {
        String[] all = new String[options.length + 1];
        all[0] = spec;
        System.arraycopy(options, 0, all, 1, options.length);
        return all;
    }
}
