package io.github.lrschedulers.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import io.github.lrschedulers.LrCurve;
import io.github.lrschedulers.spec.ScheduleSpec;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code lr-curve} on timm's schedulers, single and {@code --batch}: the beyond README's rule for
 * steps per epoch (K updates per epoch; {@code t_in_epochs=False} schedules change every update,
 * the others once per epoch, the plateau with one metric per epoch), the rates those of {@link
 * LrCurve} (checked against the reference by the library's TimmGoldenTest).
 */
class LrCurveToolTimmTest {

    private static final String LRS = "0.1,0.05";
    private static final String METRICS = "1.0,0.9,0.9,0.9,0.9,0.8";

    @ParameterizedTest(name = "{0} K={1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "timm.scheduler.CosineLRScheduler(t_initial=10, warmup_t=2, warmup_lr_init=0.01,"
                        + " t_in_epochs=False, noise_range_t=[3, 8])|4|true",
                "timm.scheduler.TanhLRScheduler(t_initial=5, cycle_limit=2)|3|false",
                "timm.scheduler.PolyLRScheduler(t_initial=6, power=2.0, t_in_epochs=False)|2|true",
                "timm.scheduler.StepLRScheduler(decay_t=2, decay_rate=0.5, noise_range_t=1)|3|false",
                "timm.scheduler.MultiStepLRScheduler(decay_t=[2, 4], decay_rate=0.5)|2|false",
                "timm.scheduler.PlateauLRScheduler(patience_t=1, mode='min', decay_rate=0.5)|2|false"
            })
    void singleAndBatchFollowTheStepsPerEpoch(String spec, int k, boolean perUpdate) {
        int steps = 8 * k;
        double[] lrs = {0.1, 0.05};
        double[] metrics = {1.0, 0.9, 0.9, 0.9, 0.9, 0.8};
        LrCurve curve = LrCurve.compute(ScheduleSpec.parse(spec), lrs, steps, k, metrics, 0.9);
        ToolRun single =
                ToolRun.args(
                        spec,
                        String.valueOf(steps),
                        "--lr",
                        LRS,
                        "--metrics",
                        METRICS,
                        "--steps-per-epoch",
                        String.valueOf(k));
        assertEquals(LrCurveTool.EXIT_OK, single.code(), single.err());
        List<String> rows = single.out().lines().toList();
        assertEquals(steps, rows.size());
        String batchCase =
                "{\"spec\": \""
                        + spec.replace("\"", "\\\"")
                        + "\", \"steps\": "
                        + steps
                        + ", \"lr\": \""
                        + LRS
                        + "\", \"metrics\": \""
                        + METRICS
                        + "\", \"steps_per_epoch\": "
                        + k
                        + "}";
        ToolRun batch = ToolRun.withInput(batchCase, "--batch");
        assertEquals(LrCurveTool.EXIT_OK, batch.code(), batch.err());
        JsonArray lr = JsonParser.parseString(batch.out()).getAsJsonObject().getAsJsonArray("lr");
        assertEquals(steps, lr.size());
        for (int n = 0; n < steps; n++) {
            String[] f = rows.get(n).split(",");
            assertEquals(String.valueOf(n), f[0]);
            for (int g = 0; g < lrs.length; g++) {
                double want = curve.getLr(n, g);
                assertEquals(want, Double.parseDouble(f[g + 1]), rows.get(n));
                assertEquals(want, lr.get(n).getAsJsonArray().get(g).getAsDouble(), batch.out());
            }
        }
        // within the second epoch: a per-update schedule moves, a per-epoch one holds
        if (perUpdate) {
            assertNotEquals(curve.getLr(k, 0), curve.getLr(k + 1, 0));
        } else {
            assertEquals(curve.getLr(k, 0), curve.getLr(2 * k - 1, 0));
        }
    }
}
