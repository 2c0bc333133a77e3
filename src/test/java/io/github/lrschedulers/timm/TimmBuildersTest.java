package io.github.lrschedulers.timm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lrschedulers.LrCurve;
import io.github.lrschedulers.Schedule;
import io.github.lrschedulers.StepUnit;
import io.github.lrschedulers.spec.ScheduleSpec;
import org.junit.jupiter.api.Test;

/** The Java builders of timm's schedulers give what their spec strings give. */
class TimmBuildersTest {

    @Test
    void cyclicBuildersEqualTheirSpecs() {
        Schedule cosine =
                CosineLRScheduler.builder()
                        .setTInitial(100)
                        .optLrMin(1e-5)
                        .optCycleMul(1.5)
                        .optCycleDecay(0.5)
                        .optCycleLimit(3)
                        .optWarmupT(5)
                        .optWarmupLrInit(1e-6)
                        .optWarmupPrefix(true)
                        .optTInEpochs(false)
                        .optNoiseRangeT(20, 80)
                        .optNoisePct(0.5)
                        .optNoiseStd(2.0)
                        .optNoiseSeed(7)
                        .optKDecay(2.0)
                        .optInitialize(true)
                        .build();
        assertEquals(
                ScheduleSpec.parse(
                        "timm.scheduler.CosineLRScheduler(100, 1e-5, 1.5, 0.5, 3, 5, 1e-6, True,"
                                + " False, [20.0, 80.0], 0.5, 2.0, 7, 2.0)"),
                cosine);
        assertEquals(cosine, ScheduleSpec.parse(cosine.toString()));
        assertEquals(StepUnit.UPDATE, cosine.getStepUnit());
        assertTrue(cosine.isReadAtUpdateCounter());
        Schedule tanh = TanhLRScheduler.builder().setTInitial(10).optLb(-6).optUb(4).build();
        assertEquals(
                ScheduleSpec.parse("timm.scheduler.TanhLRScheduler(t_initial=10, lb=-6, ub=4)"),
                tanh);
        assertEquals(StepUnit.EPOCH, tanh.getStepUnit());
        Schedule poly =
                PolyLRScheduler.builder().setTInitial(10).optPower(2).optNoiseRangeT(3).build();
        assertEquals(
                ScheduleSpec.parse(
                        "timm.scheduler.PolyLRScheduler(t_initial=10, power=2, noise_range_t=3.0)"),
                poly);
    }

    @Test
    void stepAndPlateauBuildersEqualTheirSpecs() {
        assertEquals(
                ScheduleSpec.parse("timm.scheduler.StepLRScheduler(3, 0.5, warmup_prefix=False)"),
                StepLRScheduler.builder()
                        .setDecayT(3)
                        .optDecayRate(0.5)
                        .optWarmupPrefix(false)
                        .build());
        assertEquals(
                ScheduleSpec.parse("timm.scheduler.MultiStepLRScheduler([2.0, 5.0], 0.1)"),
                MultiStepLRScheduler.builder().setDecayT(2, 5).optDecayRate(0.1).build());
        Schedule plateau =
                PlateauLRScheduler.builder()
                        .optDecayRate(0.5)
                        .optPatienceT(2)
                        .optThreshold(0.01)
                        .optCooldownT(1)
                        .optLrMin(0.001)
                        .optMode("min")
                        .optNoiseType("uniform")
                        .build();
        assertEquals(
                ScheduleSpec.parse(
                        "timm.scheduler.PlateauLRScheduler(decay_rate=0.5, patience_t=2,"
                                + " threshold=0.01, cooldown_t=1, lr_min=0.001, mode='min',"
                                + " noise_type='uniform')"),
                plateau);
        assertTrue(plateau.usesMetrics());
        assertFalse(plateau.isSteppedAfterLastUpdate());
    }

    @Test
    void theFactoryMakesTheNamedSchedulerWithItsDefaults() {
        CreateSchedulerV2 built =
                CreateSchedulerV2.builder()
                        .optSched("poly")
                        .optNumEpochs(8)
                        .optDecayRate(0.5)
                        .optNoise(0.25, 0.5)
                        .optStepOnEpochs(false)
                        .optUpdatesPerEpoch(3)
                        .build();
        assertEquals(
                ScheduleSpec.parse(
                        "timm.scheduler.create_scheduler_v2(sched='poly', num_epochs=8,"
                                + " decay_rate=0.5, noise=[0.25, 0.5], step_on_epochs=False,"
                                + " updates_per_epoch=3)"),
                built);
        assertEquals(
                PolyLRScheduler.builder()
                        .setTInitial(24)
                        .optPower(0.5)
                        .optCycleDecay(0.1)
                        .optWarmupLrInit(1e-5)
                        .optNoiseRangeT(6, 12)
                        .optTInEpochs(false)
                        .build(),
                built.getDelegate());
        assertTrue(built.isReadAtUpdateCounter());
    }

    @Test
    void rejectedConfigurationsNameTheRule() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> CosineLRScheduler.builder().setTInitial(0).build());
        assertTrue(e.getMessage().contains("t_initial must be > 0"), e.getMessage());
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> PlateauLRScheduler.builder().optDecayRate(1.0).build());
        assertTrue(e.getMessage().contains("Factor should be < 1.0"), e.getMessage());
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> TanhLRScheduler.builder().setTInitial(5).optLb(3).optUb(3).build());
        assertTrue(e.getMessage().contains("lb must be < ub"), e.getMessage());
    }

    @Test
    void aPlateauCurveNeedsMetrics() {
        Schedule plateau = PlateauLRScheduler.builder().build();
        double[] lrs = {0.1};
        assertThrows(
                IllegalStateException.class,
                () -> LrCurve.compute(plateau, lrs, 3, 1, new double[0], 0.9));
    }
}
