package io.github.lrschedulers.optax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.lrschedulers.LrTracker;
import io.github.lrschedulers.Schedule;
import io.github.lrschedulers.spec.ScheduleSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The Java builders of the optax schedules: the same schedule as the spec, printed back as one,
 * rejecting with optax's rule named, carrying their own start rate.
 */
class OptaxBuilderTest {

    @Test
    void buildersMakeTheSpecsSchedules() {
        assertSame(
                "optax.exponential_decay(0.1, 10, 0.5, transition_begin=3, staircase=True,"
                        + " end_value=0.01)",
                ExponentialDecay.builder()
                        .setInitValue(0.1)
                        .setTransitionSteps(10)
                        .setDecayRate(0.5)
                        .optTransitionBegin(3)
                        .optStaircase(true)
                        .optEndValue(0.01)
                        .build());
        assertSame(
                "optax.cosine_decay_schedule(0.1, 40, alpha=0.1, exponent=2)",
                CosineDecaySchedule.builder()
                        .setInitValue(0.1)
                        .setDecaySteps(40)
                        .optAlpha(0.1)
                        .optExponent(2)
                        .build());
        assertSame(
                "optax.warmup_cosine_decay_schedule(0.0, 0.1, 5, 40, end_value=0.001,"
                        + " exponent=1.5)",
                WarmupCosineDecaySchedule.builder()
                        .setInitValue(0.0)
                        .setPeakValue(0.1)
                        .setWarmupSteps(5)
                        .setDecaySteps(40)
                        .optEndValue(0.001)
                        .optExponent(1.5)
                        .build());
        assertSame(
                "optax.warmup_exponential_decay_schedule(0.0, 0.1, 5, 4, 0.8, 2, True, 0.02)",
                WarmupExponentialDecaySchedule.builder()
                        .setInitValue(0.0)
                        .setPeakValue(0.1)
                        .setWarmupSteps(5)
                        .setTransitionSteps(4)
                        .setDecayRate(0.8)
                        .optTransitionBegin(2)
                        .optStaircase(true)
                        .optEndValue(0.02)
                        .build());
        assertSame(
                "optax.polynomial_schedule(0.5, 0.01, 3, 40, 2)",
                PolynomialSchedule.builder()
                        .setInitValue(0.5)
                        .setEndValue(0.01)
                        .setPower(3)
                        .setTransitionSteps(40)
                        .optTransitionBegin(2)
                        .build());
    }

    @Test
    void joinSchedulesTakesOptaxSchedules() {
        assertSame(
                "optax.join_schedules([optax.polynomial_schedule(0.0, 0.1, 1, 10),"
                        + " optax.cosine_decay_schedule(0.1, 40)], [10])",
                JoinSchedules.builder()
                        .setSchedules(
                                PolynomialSchedule.builder()
                                        .setInitValue(0.0)
                                        .setEndValue(0.1)
                                        .setPower(1)
                                        .setTransitionSteps(10)
                                        .build(),
                                CosineDecaySchedule.builder()
                                        .setInitValue(0.1)
                                        .setDecaySteps(40)
                                        .build())
                        .setBoundaries(10)
                        .build());
        assertThrows(
                IllegalArgumentException.class,
                () -> ScheduleSpec.parse("optax.join_schedules([StepLR(step_size=2)], [])"));
    }

    @Test
    void anIntPowerIsNotAFloatPower() {
        Schedule i =
                PolynomialSchedule.builder()
                        .setInitValue(0.5)
                        .setEndValue(0.01)
                        .setPower(3)
                        .setTransitionSteps(40)
                        .build();
        Schedule f = ScheduleSpec.parse("optax.polynomial_schedule(0.5, 0.01, 3.0, 40)");
        assertNotEquals(i, f);
        assertEquals(
                "optax.polynomial_schedule(init_value=0.5, end_value=0.01, power=3,"
                        + " transition_steps=40, transition_begin=0)",
                i.toString());
    }

    private static void assertSame(String spec, Schedule built) {
        Schedule parsed = ScheduleSpec.parse(spec);
        assertEquals(parsed, built);
        assertEquals(parsed, ScheduleSpec.parse(built.toString()), built::toString);
        LrTracker a = LrTracker.of(parsed, 1.0);
        LrTracker b = LrTracker.of(built, 1.0);
        for (int n = 1; n <= 60; n++) {
            assertEquals(a.getLr(0, n), b.getLr(0, n), spec + " update " + n);
        }
    }

    @Test
    void rejectsWithOptaxsRuleNamed() {
        assertEquals(
                "cosine_decay_schedule decay_steps must be > 0 (cosine_decay_schedule requires"
                        + " positive decay_steps), but was 0",
                assertThrows(
                                IllegalArgumentException.class,
                                () ->
                                        CosineDecaySchedule.builder()
                                                .setInitValue(0.1)
                                                .setDecaySteps(0)
                                                .build())
                        .getMessage());
        assertEquals(
                "warmup_cosine_decay_schedule decay_steps - warmup_steps must be > 0"
                        + " (cosine_decay_schedule requires positive decay_steps), but was -5",
                assertThrows(
                                IllegalArgumentException.class,
                                () ->
                                        WarmupCosineDecaySchedule.builder()
                                                .setInitValue(0.1)
                                                .setPeakValue(0.5)
                                                .setWarmupSteps(10)
                                                .setDecaySteps(5)
                                                .build())
                        .getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> ScheduleSpec.parse("optax.cosine_decay_schedule(0.1, 10, exponent='x')"));
    }

    @Test
    void buildersOfTheDictSchedulesMakeTheSpecsSchedules() {
        assertSame(
                "optax.piecewise_constant_schedule(0.1, {20: 0.1, 10: 0.5})",
                PiecewiseConstantSchedule.builder()
                        .setInitValue(0.1)
                        .optBoundariesAndScales(Map.of(10L, 0.5, 20L, 0.1))
                        .build());
        assertSame(
                "optax.piecewise_interpolate_schedule('cosine', 0.5, {10: 0.2, 25: 3.0})",
                PiecewiseInterpolateSchedule.builder()
                        .setInterpolateType("cosine")
                        .setInitValue(0.5)
                        .optBoundariesAndScales(Map.of(25L, 3.0, 10L, 0.2))
                        .build());
        assertSame(
                "optax.linear_onecycle_schedule(60, 0.5, 0.2, 0.7, 10.0, 100.0)",
                LinearOnecycleSchedule.builder()
                        .setTransitionSteps(60)
                        .setPeakValue(0.5)
                        .optPctStart(0.2)
                        .optPctFinal(0.7)
                        .optDivFactor(10)
                        .optFinalDivFactor(100)
                        .build());
        assertSame(
                "optax.cosine_onecycle_schedule(60, 0.5, pct_start=0.25, div_factor=10.0,"
                        + " final_div_factor=100.0)",
                CosineOnecycleSchedule.builder()
                        .setTransitionSteps(60)
                        .setPeakValue(0.5)
                        .optPctStart(0.25)
                        .optDivFactor(10)
                        .optFinalDivFactor(100)
                        .build());
        assertSame(
                "optax.sgdr_schedule([dict(init_value=0.0, peak_value=0.1, warmup_steps=5,"
                        + " decay_steps=30, exponent=2), {'init_value': 0.01, 'peak_value': 0.05,"
                        + " 'warmup_steps': 0, 'decay_steps': 20}])",
                SgdrSchedule.builder()
                        .setCosineKwargs(
                                Map.of(
                                        "init_value", 0.0,
                                        "peak_value", 0.1,
                                        "warmup_steps", 5,
                                        "decay_steps", 30,
                                        "exponent", 2),
                                Map.of(
                                        "init_value",
                                        0.01,
                                        "peak_value",
                                        0.05,
                                        "warmup_steps",
                                        0L,
                                        "decay_steps",
                                        20L))
                        .build());
    }

    @Test
    void dictCallsAndDictLiteralsAreTheSameDict() {
        assertEquals(
                ScheduleSpec.parse(
                        "optax.sgdr_schedule([{\"init_value\": 0.0, \"peak_value\": 0.1,"
                                + " \"warmup_steps\": 5, \"decay_steps\": 30}])"),
                ScheduleSpec.parse(
                        "optax.sgdr_schedule(cosine_kwargs=[dict(init_value=0.0, peak_value=0.1,"
                                + " warmup_steps=5, decay_steps=30)])"));
        // a repeated key keeps its first place and its last value, as in Python
        assertEquals(
                ScheduleSpec.parse("optax.piecewise_constant_schedule(0.3, {3: 0.2, 5: 0.1})"),
                ScheduleSpec.parse(
                        "optax.piecewise_constant_schedule(0.3, {3: 0.5, 5: 0.1, 3.0: 0.2})"));
    }

    @Test
    void rejectsTheDictSchedulesConfigurationsWithOptaxsRuleNamed() {
        assertMessage(
                "piecewise_constant_schedule boundaries_and_scales must give scales >= 0 (optax"
                        + " expects non-negative scale factors), but gave -0.5",
                "optax.piecewise_constant_schedule(0.1, {5: -0.5})");
        assertMessage(
                "piecewise_interpolate_schedule interpolate_type must be either 'cosine' or"
                        + " 'linear' (optax), but was 'quadratic'",
                "optax.piecewise_interpolate_schedule('quadratic', 0.1)");
        assertMessage(
                "piecewise_constant_schedule boundaries_and_scales must give boundaries that fit"
                        + " in int32 (jax compares them with the int32 count), but gave"
                        + " 3000000000",
                "optax.piecewise_constant_schedule(0.1, {3000000000: 0.5})");
        assertMessage(
                "optax.piecewise_constant_schedule boundaries_and_scales keys must be an integer,"
                        + " but was 'a'",
                "optax.piecewise_constant_schedule(0.1, {'a': 0.5})");
        assertMessage(
                "linear_onecycle_schedule transition_steps must be > 0 (optax: a onecycle schedule"
                        + " was set with a non-positive transition_steps), but was 0",
                "optax.linear_onecycle_schedule(0, 0.1)");
        assertMessage(
                "cosine_onecycle_schedule final_div_factor must not make optax divide by 0"
                        + " (Python raises ZeroDivisionError), but the divisor was 0.0",
                "optax.cosine_onecycle_schedule(10, 0.1, final_div_factor=0.0)");
        assertMessage(
                "linear_onecycle_schedule div_factor must give scales >= 0 (optax expects"
                        + " non-negative scale factors), but gave -2.0",
                "optax.linear_onecycle_schedule(10, 0.1, div_factor=-2.0)");
        assertMessage(
                "linear_onecycle_schedule int(pct_start * transition_steps) must be a finite"
                        + " number (Python cannot convert NaN to an int)",
                "optax.linear_onecycle_schedule(10, 0.1, pct_start=float('nan'))");
        assertMessage(
                "sgdr_schedule cosine_kwargs must not be empty (optax's join_schedules indexes"
                        + " schedules[0]), but was []",
                "optax.sgdr_schedule([])");
        assertMessage(
                "sgdr_schedule cosine_kwargs[1]: unknown argument 'alpha' for"
                        + " optax.warmup_cosine_decay_schedule; expected one of [init_value,"
                        + " peak_value, warmup_steps, decay_steps, end_value, exponent]",
                "optax.sgdr_schedule([dict(init_value=0.0, peak_value=0.1, warmup_steps=1,"
                        + " decay_steps=10), dict(init_value=0.0, peak_value=0.1, warmup_steps=1,"
                        + " decay_steps=10, alpha=0.1)])");
        assertMessage(
                "sgdr_schedule cosine_kwargs[0]: optax.warmup_cosine_decay_schedule decay_steps"
                        + " must be set",
                "optax.sgdr_schedule([dict(init_value=0.0, peak_value=0.1, warmup_steps=1)])");
        assertMessage(
                "optax.sgdr_schedule cosine_kwargs items must be dicts such as dict(key=value),"
                        + " but was 3",
                "optax.sgdr_schedule([3])");
        assertMessage(
                "dict() takes keyword arguments only here, such as dict(init_value=0.1)",
                "optax.sgdr_schedule([dict({'a': 1})])");
    }

    @Test
    void piecewiseConstantMultipliesAsOptaxDoesEvenWithAnInfiniteScale() {
        // optax: v = v * indicator + (1 - indicator) * scale * v, so 0 * inf is NaN before the
        // boundary (real optax 0.2.8 gives nan at count 0 and inf at count 6)
        Schedule s = ScheduleSpec.parse("optax.piecewise_constant_schedule(0.1, {5: inf})");
        LrTracker t = LrTracker.of(s, 1.0);
        assertEquals(Double.NaN, t.getLr(0, 1));
        assertEquals(Double.POSITIVE_INFINITY, t.getLr(0, 7));
    }

    /** Asserts the message of a spec's rejection, without the position. */
    private static void assertMessage(String message, String spec) {
        String got =
                assertThrows(IllegalArgumentException.class, () -> ScheduleSpec.parse(spec))
                        .getMessage();
        assertEquals(message, got.substring(0, Math.min(got.length(), message.length())), got);
    }

    @Test
    void carriesItsOwnRateForEveryGroup() {
        Schedule s =
                ExponentialDecay.builder()
                        .setInitValue(0.1)
                        .setTransitionSteps(10)
                        .setDecayRate(0.5)
                        .build();
        assertEquals(Optional.of(List.of((double) 0.1f)), s.getOwnStartRates());
        LrTracker t = LrTracker.builder().setSchedule(s).optBaseLrs(0.3, 0.7).build();
        assertEquals(0.1f, t.getLr(0, 1));
        assertEquals(0.1f, t.getLr(1, 1));
        assertEquals(0.05f, t.getLr(1, 11));
    }
}
