package io.github.lrschedulers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lrschedulers.spec.ScheduleSpec;
import io.github.lrschedulers.spec.SpecParseException;
import io.github.lrschedulers.userdefined.HalveEvery;
import io.github.lrschedulers.userdefined.LinearThenTenth;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Schedulers a user defines outside the library (test classes in {@code userdefined}, public API
 * only) behave like the built-in ones: one definition gives the builder, the spec, the printed form
 * and equality; they compose, lint and run far. Their curves against PyTorch subclasses are in
 * GoldenTest (user-defined.jsonl); their checkpoints in UserDefinedCheckpointTest.
 */
class UserDefinedScheduleTest {

    private static final List<ScheduleDefinition<?>> USER =
            List.of(LinearThenTenth.DEFINITION, HalveEvery.DEFINITION);

    @Test
    void theBuilderAndTheSpecMakeEqualSchedulesThatPrintTheirSpec() {
        Schedule built = HalveEvery.builder().setPeriod(3).optFactor(0.9).build();
        Schedule parsed = ScheduleSpec.parse("HalveEvery(3, 0.9)", USER);
        assertEquals(built, parsed);
        assertEquals(built.hashCode(), parsed.hashCode());
        assertEquals("HalveEvery(period=3, factor=0.9)", built.toString());
        assertEquals(built, ScheduleSpec.parse(built.toString(), USER));
        assertEquals("LinearThenTenth(epochs=10)", LinearThenTenth.builder().build().toString());
        assertEquals(
                "HalveEvery period must be set",
                assertThrows(IllegalArgumentException.class, () -> HalveEvery.builder().build())
                        .getMessage());
    }

    @Test
    void theSpecParserChecksAUserDefinitionAsItChecksTheBuiltInOnes() {
        SpecParseException e =
                assertThrows(
                        SpecParseException.class,
                        () -> ScheduleSpec.parse("HalveEvery(period=1.5)", USER));
        assertEquals(
                "HalveEvery period must be an integer, but was 1.5 at index 18 in"
                        + " \"HalveEvery(period=1.5)\"",
                e.getMessage());
        e =
                assertThrows(
                        SpecParseException.class,
                        () -> ScheduleSpec.parse("HalveEvery(perod=2)", USER));
        assertTrue(e.getMessage().contains("expected one of [period, factor, last_epoch]"));
        // Without the definition, the name is unknown: registering is the user's choice.
        assertThrows(SpecParseException.class, () -> ScheduleSpec.parse("HalveEvery(2)"));
    }

    @Test
    void aClosedFormUserScheduleJumpsToAFarUpdateWithTheSteppedValue() {
        Schedule s = LinearThenTenth.builder().optEpochs(1000).build();
        LrTracker far = LrTracker.of(s, 0.1);
        LrTracker stepped = LrTracker.of(s, 0.1);
        for (int n = 1; n <= 2000; n++) {
            stepped.getNewValue("p", n);
        }
        assertEquals(stepped.getLr(0, 1500), far.getLr(0, 1500));
        assertEquals(0.1 * 0.1, far.getLr(0, 1999), 0.0);
    }

    @Test
    void compositionsLintAndPerGroupRatesWorkForUserSchedules() {
        Schedule seq =
                SequentialLr.builder()
                        .setSchedulers(
                                LinearThenTenth.builder().optEpochs(4).build(),
                                HalveEvery.builder().setPeriod(2).build())
                        .setMilestones(6)
                        .build();
        assertEquals(2, seq.nesting());
        assertFalse(seq.usesMetrics());
        assertEquals(StepUnit.EPOCH, seq.getStepUnit());
        LrTracker tracker = LrTracker.builder().setSchedule(seq).optBaseLrs(0.1, 0.02).build();
        ScheduleLint.Report report =
                ScheduleLint.builder().setTracker(tracker).setPlannedUpdates(20).build().check();
        assertFalse(report.isRejected(), report.toString());
        assertEquals(tracker.getLr(0, 12) / 5, tracker.getLr(1, 12), 1e-18);
    }

    @Test
    void aRegisteredDefinitionCannotBeReplacedByAnotherOfTheSameName() {
        ScheduleDefinition<HalveEvery> clash =
                ScheduleDefinition.builder(HalveEvery.class, "StepLR", a -> null).build();
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class, () -> ScheduleRegistry.register(clash));
        assertTrue(e.getMessage().contains("'StepLR' is registered already"), e.getMessage());
    }
}
