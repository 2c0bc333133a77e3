package io.github.lrschedulers.mindspore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lrschedulers.LrCurve;
import io.github.lrschedulers.LrTracker;
import io.github.lrschedulers.Schedule;
import io.github.lrschedulers.ScheduleLint;
import io.github.lrschedulers.spec.ScheduleSpec;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Java entry points: each builder makes the schedule its spec makes (equal, printing that
 * spec), a tracker runs it without a base rate, and the validators' rules reach the builder.
 */
class MindSporeBuildersTest {

    static Stream<Arguments> builders() {
        return Stream.of(
                Arguments.of(
                        PiecewiseConstantLrList.builder()
                                .setMilestone(2, 5, 10)
                                .setLearningRates(0.1, 0.05, 0.01)
                                .build(),
                        "mindspore.nn.piecewise_constant_lr(milestone=[2, 5, 10],"
                                + " learning_rates=[0.1, 0.05, 0.01])"),
                Arguments.of(
                        ExponentialDecayLrList.builder()
                                .setLearningRate(0.1)
                                .setDecayRate(0.9)
                                .setTotalStep(6)
                                .setStepPerEpoch(2)
                                .setDecayEpoch(1)
                                .optIsStair(true)
                                .build(),
                        "mindspore.nn.exponential_decay_lr(0.1, 0.9, 6, 2, 1, True)"),
                Arguments.of(
                        NaturalExpDecayLrList.builder()
                                .setLearningRate(0.1)
                                .setDecayRate(0.9)
                                .setTotalStep(6)
                                .setStepPerEpoch(2)
                                .setDecayEpoch(2)
                                .build(),
                        "mindspore.nn.natural_exp_decay_lr(0.1, 0.9, 6, 2, 2)"),
                Arguments.of(
                        InverseDecayLrList.builder()
                                .setLearningRate(0.1)
                                .setDecayRate(0.5)
                                .setTotalStep(6)
                                .setStepPerEpoch(1)
                                .setDecayEpoch(1)
                                .build(),
                        "mindspore.nn.inverse_decay_lr(0.1, 0.5, 6, 1, 1, is_stair=False)"),
                Arguments.of(
                        CosineDecayLrList.builder()
                                .setMinLr(0.01)
                                .setMaxLr(0.1)
                                .setTotalStep(6)
                                .setStepPerEpoch(2)
                                .setDecayEpoch(2)
                                .build(),
                        "mindspore.nn.cosine_decay_lr(0.01, 0.1, 6, 2, 2)"),
                Arguments.of(
                        PolynomialDecayLrList.builder()
                                .setLearningRate(0.1)
                                .setEndLearningRate(0.01)
                                .setTotalStep(6)
                                .setStepPerEpoch(2)
                                .setDecayEpoch(2)
                                .setPower(0.5)
                                .optUpdateDecayEpoch(true)
                                .build(),
                        "mindspore.nn.polynomial_decay_lr(0.1, 0.01, 6, 2, 2, 0.5, True)"),
                Arguments.of(
                        WarmupLrList.builder()
                                .setLearningRate(0.1)
                                .setTotalStep(6)
                                .setStepPerEpoch(2)
                                .setWarmupEpoch(2)
                                .build(),
                        "mindspore.nn.warmup_lr(0.1, 6, 2, 2)"),
                Arguments.of(
                        ExponentialDecayLR.builder()
                                .setLearningRate(0.1)
                                .setDecayRate(0.9)
                                .setDecaySteps(4)
                                .optIsStair(true)
                                .build(),
                        "mindspore.nn.ExponentialDecayLR(0.1, 0.9, 4, True)"),
                Arguments.of(
                        NaturalExpDecayLR.builder()
                                .setLearningRate(0.1)
                                .setDecayRate(0.9)
                                .setDecaySteps(4)
                                .build(),
                        "mindspore.nn.NaturalExpDecayLR(0.1, 0.9, 4)"),
                Arguments.of(
                        InverseDecayLR.builder()
                                .setLearningRate(0.1)
                                .setDecayRate(0.5)
                                .setDecaySteps(2)
                                .build(),
                        "mindspore.nn.InverseDecayLR(0.1, 0.5, 2)"),
                Arguments.of(
                        CosineDecayLR.builder()
                                .setMinLr(0.01)
                                .setMaxLr(0.1)
                                .setDecaySteps(4)
                                .build(),
                        "mindspore.nn.CosineDecayLR(0.01, 0.1, 4)"),
                Arguments.of(
                        PolynomialDecayLR.builder()
                                .setLearningRate(0.1)
                                .setEndLearningRate(0.01)
                                .setDecaySteps(4)
                                .setPower(0.5)
                                .optUpdateDecaySteps(true)
                                .build(),
                        "mindspore.nn.PolynomialDecayLR(0.1, 0.01, 4, 0.5, True)"),
                Arguments.of(
                        WarmUpLR.builder().setLearningRate(0.1).setWarmupSteps(2).build(),
                        "mindspore.nn.WarmUpLR(0.1, 2)"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("builders")
    void theBuilderMakesTheSpecsSchedule(Schedule built, String spec) {
        Schedule parsed = ScheduleSpec.parse(spec);
        assertEquals(parsed, built);
        assertEquals(parsed, ScheduleSpec.parse(built.toString()));
        assertTrue(built.isReadAtUpdateCounter(), spec);
        // No base rate: the schedule carries its own; update n reads global_step n - 1.
        LrTracker tracker = LrTracker.builder().setSchedule(built).build();
        LrCurve curve = LrCurve.compute(built, new double[] {0.3}, 6, 1, new double[0], 0.9);
        for (int n = 1; n <= 6; n++) {
            assertEquals((float) curve.getLr(n - 1, 0), tracker.getNewValue(n), spec + " " + n);
        }
    }

    @Test
    void aListFailsAtTheUpdatePastItsEnd() {
        LrTracker tracker =
                LrTracker.builder()
                        .setSchedule(ScheduleSpec.parse("mindspore.nn.warmup_lr(0.1, 6, 2, 2)"))
                        .build();
        assertEquals(0.05f, tracker.getNewValue(3));
        assertEquals(0.1f, tracker.getNewValue(6));
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> tracker.getNewValue(7));
        assertTrue(e.getMessage().contains("reads index 6"), e.getMessage());
    }

    @Test
    void theLintAcceptsAListAsLongAsTheRunAndRejectsAShorterOne() {
        LrTracker tracker =
                LrTracker.builder()
                        .setSchedule(
                                ScheduleSpec.parse(
                                        "mindspore.nn.cosine_decay_lr(0.0, 0.1, 60, 6, 10)"))
                        .build();
        ScheduleLint.Report fits =
                ScheduleLint.builder().setTracker(tracker).setPlannedUpdates(60).build().check();
        assertTrue(fits.getErrors().isEmpty(), fits.getFindings().toString());
        ScheduleLint.Report past =
                ScheduleLint.builder().setTracker(tracker).setPlannedUpdates(61).build().check();
        assertEquals(1, past.getErrors().size(), past.getFindings().toString());
        String message = past.getErrors().get(0).getMessage();
        assertTrue(message.contains("update 61 of the 61 planned"), message);
    }

    @Test
    void theValidatorsRulesReachTheBuilder() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> WarmUpLR.builder().setLearningRate(0.1).setWarmupSteps(0).build());
        assertEquals(
                "mindspore.nn.WarmUpLR warmup_steps must be an int > 0 (check_positive_int), but"
                        + " was 0",
                e.getMessage());
        IllegalArgumentException spec =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> ScheduleSpec.parse("mindspore.nn.ExponentialDecayLR(1, 0.9, 4)"));
        assertTrue(
                spec.getMessage()
                        .contains(
                                "learning_rate must be a float > 0 (check_positive_float), but was"
                                        + " 1"),
                spec.getMessage());
    }
}
