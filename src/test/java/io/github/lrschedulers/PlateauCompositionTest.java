package io.github.lrschedulers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lrschedulers.spec.ScheduleSpec;
import io.github.lrschedulers.spec.SpecParseException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * ReduceLROnPlateau inside SequentialLR, beyond PyTorch: the warmup part is PyTorch's warmup curve,
 * and from the milestone on the plateau part is PyTorch's ReduceLROnPlateau curve on the metrics
 * reported from then on.
 */
class PlateauCompositionTest {

    @Test
    void warmupThenPlateauIsWarmupThenAFreshPlateau() {
        int milestone = 4;
        Schedule warmup = ScheduleSpec.parse("LinearLR(start_factor=0.25, total_iters=4)");
        Schedule plateau = ScheduleSpec.parse("ReduceLROnPlateau(patience=1, factor=0.5)");
        Schedule both =
                SequentialLr.builder()
                        .setSchedulers(warmup, plateau)
                        .setMilestones(milestone)
                        .optAllowPlateau(true)
                        .build();
        assertTrue(both.usesMetrics());
        double[] metrics = {9, 8, 7, 6, 5, 5, 5, 5, 4, 4, 4, 4, 4};
        double[] base = {0.1};
        int updates = metrics.length;
        LrCurve curve = LrCurve.compute(both, base, updates, 1, metrics, 0);
        LrCurve warm = LrCurve.compute(warmup, base, milestone, 1, new double[0], 0);
        double[] later = Arrays.copyOfRange(metrics, milestone, metrics.length);
        LrCurve fresh = LrCurve.compute(plateau, base, updates - milestone, 1, later, 0);
        for (int k = 0; k < milestone; k++) {
            assertEquals(warm.getLr(k, 0), curve.getLr(k, 0), "warmup update " + k);
        }
        for (int k = milestone; k < updates; k++) {
            assertEquals(fresh.getLr(k - milestone, 0), curve.getLr(k, 0), "plateau update " + k);
        }
        assertTrue(curve.getLr(updates - 1, 0) < 0.1, "the stalled metric reduced the rate");
    }

    @Test
    void pytorchsSpecFormKeepsPyTorchsRejection() {
        Schedule both =
                SequentialLr.builder()
                        .setSchedulers(
                                ScheduleSpec.parse("LinearLR()"),
                                ScheduleSpec.parse("ReduceLROnPlateau()"))
                        .setMilestones(5)
                        .optAllowPlateau(true)
                        .build();
        assertThrows(SpecParseException.class, () -> ScheduleSpec.parse(both.toString()));
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        ChainedScheduler.builder()
                                .setSchedulers(ScheduleSpec.parse("ReduceLROnPlateau()"))
                                .build());
    }
}
