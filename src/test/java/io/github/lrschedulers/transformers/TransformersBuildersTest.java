package io.github.lrschedulers.transformers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.lrschedulers.Schedule;
import io.github.lrschedulers.spec.ScheduleSpec;
import io.github.lrschedulers.spec.SpecParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Java builders of the transformers schedules give what their spec strings give. */
class TransformersBuildersTest {

    @Test
    void getSchedulerFromTheBuilderEqualsTheSpecAndPrintsItsDict() {
        Map<String, Object> kwargs = new LinkedHashMap<>();
        kwargs.put("num_cycles", 1.5);
        kwargs.put("min_lr_rate", 0.1);
        GetScheduler built =
                GetScheduler.builder()
                        .setName("cosine_with_min_lr")
                        .optNumWarmupSteps(10)
                        .optNumTrainingSteps(100)
                        .optSchedulerSpecificKwargs(kwargs)
                        .build();
        String spec =
                "transformers.get_scheduler(name='cosine_with_min_lr', num_warmup_steps=10,"
                        + " num_training_steps=100, scheduler_specific_kwargs={'num_cycles': 1.5,"
                        + " 'min_lr_rate': 0.1})";
        assertEquals(spec, built.toString());
        assertEquals(built, ScheduleSpec.parse(spec));
        assertInstanceOf(GetCosineWithMinLrScheduleWithWarmup.class, built.getDelegate());
        assertEquals(
                GetCosineWithMinLrScheduleWithWarmup.builder()
                        .setNumWarmupSteps(10)
                        .setNumTrainingSteps(100)
                        .optNumCycles(1.5)
                        .optMinLrRate(0.1)
                        .build(),
                built.getDelegate());
    }

    @Test
    void wsdFromTheBuilderEqualsTheSpec() {
        Schedule built =
                GetWsdSchedule.builder()
                        .setNumWarmupSteps(3)
                        .setNumDecaySteps(4)
                        .optNumTrainingSteps(20)
                        .optDecayType(GetWsdSchedule.Type.ONE_MINUS_SQRT)
                        .build();
        assertEquals(built, ScheduleSpec.parse(built.toString()));
        assertEquals(
                built,
                ScheduleSpec.parse("transformers.get_wsd_schedule(3, 4, 20, decay_type='1-sqrt')"));
    }

    @Test
    void kwargsOfTheWrongKindAreRejectedNamingTheFunction() {
        SpecParseException e =
                assertThrows(
                        SpecParseException.class,
                        () ->
                                ScheduleSpec.parse(
                                        "transformers.get_scheduler('cosine', num_warmup_steps=1,"
                                                + " num_training_steps=9,"
                                                + " scheduler_specific_kwargs={'num_cycles': 'x'})"));
        assertEquals(
                "transformers.get_scheduler scheduler_specific_kwargs:"
                        + " get_cosine_schedule_with_warmup() argument 'num_cycles' must be of kind"
                        + " number, but was x",
                e.getMessage().substring(0, e.getMessage().indexOf(" at index")));
    }
}
