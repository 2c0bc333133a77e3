package io.github.lrschedulers.tf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lrschedulers.ReadAtCounterGoldens;
import io.github.lrschedulers.Schedule;
import io.github.lrschedulers.StepUnit;
import io.github.lrschedulers.spec.ScheduleSpec;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The Java builders of the TF family make the schedules their specs make, print specs that parse
 * back to equal schedules, and reject what the spec parser rejects.
 */
class TfBuilderTest {

    @Test
    void buildersEqualTheirSpecs() {
        assertEquals(
                ScheduleSpec.parse(
                        "tf.compat.v1.train.exponential_decay(0.1, 10, 0.5, staircase=True)"),
                ExponentialDecay.builder()
                        .setLearningRate(0.1)
                        .setDecaySteps(10)
                        .setDecayRate(0.5)
                        .optStaircase(true)
                        .build());
        assertEquals(
                ScheduleSpec.parse(
                        "tf.compat.v1.train.piecewise_constant([2, 4], [0.1, 0.01, 0.001])"),
                PiecewiseConstant.builder()
                        .setBoundaries(List.of(2L, 4L))
                        .setValues(0.1, 0.01, 0.001)
                        .build());
        assertEquals(
                ScheduleSpec.parse(
                        "object_detection.utils.learning_schedules.cosine_decay_with_warmup("
                                + "0.1, 100, 0.01, 10, 5)"),
                CosineDecayWithWarmup.builder()
                        .setLearningRateBase(0.1)
                        .setTotalSteps(100)
                        .optWarmupLearningRate(0.01)
                        .optWarmupSteps(10)
                        .optHoldBaseRateSteps(5)
                        .build());
        assertEquals(
                ScheduleSpec.parse(
                        "object_detection.utils.learning_schedules.manual_stepping([5, 10],"
                                + " [0.1, 0.01, 0.001], warmup=True)"),
                ManualStepping.builder()
                        .setBoundaries(List.of(5L, 10L))
                        .setRates(0.1, 0.01, 0.001)
                        .optWarmup(true)
                        .build());
    }

    @Test
    void everyGoldenScheduleRoundTripsThroughItsSpec() {
        int n = 0;
        for (ReadAtCounterGoldens.Case c : TfGoldenTest.cases()) {
            if (c.error() == null) {
                Schedule s = ScheduleSpec.parse(c.spec());
                assertEquals(s, ScheduleSpec.parse(s.toString()), s::toString);
                assertEquals(StepUnit.UPDATE, s.getStepUnit());
                n++;
            }
        }
        assertTrue(n > 300, "round trips: " + n);
    }

    @Test
    void theScheduleCarriesItsOwnStartRate() {
        assertEquals(
                Optional.of(List.of((double) 0.1f)),
                CosineDecay.builder()
                        .setLearningRate(0.1)
                        .setDecaySteps(10)
                        .build()
                        .getOwnStartRates());
        assertEquals(
                Optional.of(List.of((double) 0.01f)),
                ManualStepping.builder()
                        .setBoundaries(List.of(5L))
                        .setRates(0.01, 0.1)
                        .build()
                        .getOwnStartRates());
        assertEquals(
                Optional.of(List.of(16777217.0)),
                ScheduleSpec.parse("tf.compat.v1.train.piecewise_constant([5], [16777217, 1])")
                        .getOwnStartRates(),
                "int values are exact, not float32");
    }

    @Test
    void buildersRejectWithTheUpstreamRule() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                CosineDecayWithWarmup.builder()
                                        .setLearningRateBase(0.1)
                                        .setTotalSteps(10)
                                        .optWarmupSteps(20)
                                        .build());
        assertEquals(
                "cosine_decay_with_warmup total_steps must be larger or equal to warmup_steps"
                        + " (20), but was 10",
                e.getMessage());
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                ManualStepping.builder()
                                        .setBoundaries(List.of(0L, 5L))
                                        .setRates(0.1, 0.01, 0.001)
                                        .build());
        assertEquals(
                "manual_stepping boundaries: First step cannot be zero (the OD API's ValueError), but was [0, 5]",
                e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> ExponentialDecay.builder().setLearningRate(0.1).setDecaySteps(10).build());
    }
}
