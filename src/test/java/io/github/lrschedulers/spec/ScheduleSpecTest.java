package io.github.lrschedulers.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.lrschedulers.ChainedScheduler;
import io.github.lrschedulers.LinearLr;
import io.github.lrschedulers.ReduceLrOnPlateau;
import io.github.lrschedulers.Schedule;
import io.github.lrschedulers.SequentialLr;
import io.github.lrschedulers.StepLr;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Binding spec strings to schedules, printing them back, and the errors. */
class ScheduleSpecTest {

    /**
     * Every distinct spec of the goldens, with PyTorch's error where PyTorch rejects the case (at
     * construction or at a later step), else null.
     */
    static Stream<Arguments> goldenSpecs() throws IOException {
        Map<String, String> specs = new LinkedHashMap<>();
        for (String resource :
                new String[] {
                    "/golden/pytorch-cases.jsonl", "/golden/pytorch2-compositions.jsonl"
                }) {
            try (BufferedReader r =
                    new BufferedReader(
                            new InputStreamReader(
                                    Objects.requireNonNull(
                                            ScheduleSpecTest.class.getResourceAsStream(resource)),
                                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (!line.isBlank()) {
                        JsonObject o = JsonParser.parseString(line).getAsJsonObject();
                        JsonObject expected = o.getAsJsonObject("expected");
                        String error =
                                expected.has("error") ? expected.get("error").getAsString() : null;
                        String spec = o.get("spec").getAsString();
                        // The same spec may be rejected in one case (e.g. for its group count)
                        // and run in another: it must parse if any case runs it.
                        specs.merge(
                                spec, error == null ? "" : error, (a, b) -> a.isEmpty() ? a : b);
                    }
                }
            }
        }
        assertTrue(specs.size() > 600, "golden specs: " + specs.size());
        return specs.entrySet().stream()
                .map(e -> Arguments.of(e.getKey(), e.getValue().isEmpty() ? null : e.getValue()));
    }

    @ParameterizedTest
    @MethodSource("goldenSpecs")
    void everyScheduleParsesBackFromItsPrintedSpec(String spec, String pytorchError) {
        Schedule s;
        try {
            s = ScheduleSpec.parse(spec);
        } catch (SpecParseException e) {
            // Only a configuration PyTorch rejects may fail to parse (GoldenTest checks that it
            // is rejected, and how).
            assertNotNull(pytorchError, () -> spec + " runs in PyTorch but does not parse: " + e);
            return;
        }
        Schedule again = ScheduleSpec.parse(s.toString());
        assertEquals(s, again, spec);
        assertEquals(s.hashCode(), again.hashCode());
        assertEquals(s.toString(), again.toString());
    }

    /**
     * A schedule the Java builders allow beyond PyTorch, ReduceLROnPlateau in a composition with
     * {@code optAllowPlateau(true)}, prints as a PyTorch-style spec that the parser rejects, as
     * PyTorch does: the one documented exception to the round trip.
     */
    @Test
    void plateauInACompositionPrintsButDoesNotParseBack() {
        Schedule warmupThenPlateau =
                SequentialLr.builder()
                        .setSchedulers(
                                LinearLr.builder().optTotalIters(3).build(),
                                ReduceLrOnPlateau.builder().build())
                        .setMilestones(3)
                        .optAllowPlateau(true)
                        .build();
        Schedule chained =
                ChainedScheduler.builder()
                        .setSchedulers(
                                StepLr.builder().setStepSize(2).build(),
                                ReduceLrOnPlateau.builder().build())
                        .optAllowPlateau(true)
                        .build();
        for (Schedule s : List.of(warmupThenPlateau, chained)) {
            SpecParseException e =
                    assertThrows(SpecParseException.class, () -> ScheduleSpec.parse(s.toString()));
            assertTrue(
                    e.getMessage().contains("must not contain ReduceLROnPlateau"), e.getMessage());
        }
    }

    @Test
    void printsEveryArgumentWithPyTorchsDefaults() {
        assertEquals(
                "OneCycleLR(max_lr=0.1, total_steps=1000, epochs=None, steps_per_epoch=None,"
                        + " pct_start=0.3, anneal_strategy='cos', cycle_momentum=True,"
                        + " base_momentum=0.85, max_momentum=0.95, div_factor=25.0,"
                        + " final_div_factor=10000.0, three_phase=False)",
                ScheduleSpec.parse("OneCycleLR(max_lr=0.1, total_steps=1000)").toString());
        assertEquals(
                "LambdaLR(lr_lambda=lambda epoch: 0.95 ** epoch)",
                ScheduleSpec.parse("LambdaLR(lr_lambda=lambda epoch: 0.95**epoch)").toString());
        assertEquals(
                ScheduleSpec.parse("StepLR(30, 0.5)"),
                StepLr.builder().setStepSize(30).optGamma(0.5).build());
        assertNotEquals(ScheduleSpec.parse("StepLR(30, 0.5)"), ScheduleSpec.parse("StepLR(30)"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "StepLR(step_size=3, gamma=0.5, last_epoch=-1)|StepLR(step_size=3, gamma=0.5)",
                "MultiStepLR((3, 3, 1))|MultiStepLR(milestones=[3, 3, 1], gamma=0.1)",
                "ExponentialLR(gamma=1/3)|ExponentialLR(gamma=0.3333333333333333)",
                "CosineAnnealingLR(T_max=10.0, eta_min=1e-3)|CosineAnnealingLR(T_max=10, eta_min=0.001)",
                "ReduceLROnPlateau(\"max\", min_lr=[0, 1e-4])|ReduceLROnPlateau(mode='max', factor=0.1,"
                        + " patience=10, threshold=0.0001, threshold_mode='rel', cooldown=0,"
                        + " min_lr=[0.0, 0.0001], eps=1e-08)",
                "ChainedScheduler([StepLR(2), ExponentialLR(0.9)], optimizer=None)|ChainedScheduler("
                        + "schedulers=[StepLR(step_size=2, gamma=0.1), ExponentialLR(gamma=0.9)])",
            })
    void acceptsPythonsSpellings(String spec, String printed) {
        assertEquals(printed, ScheduleSpec.parse(spec).toString());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "OneCycleLR(max_lrr=0.1)|unknown argument 'max_lrr' for OneCycleLR; expected one of"
                        + " [max_lr, total_steps, epochs, steps_per_epoch, pct_start,"
                        + " anneal_strategy, cycle_momentum, base_momentum, max_momentum,"
                        + " div_factor, final_div_factor, three_phase, last_epoch] at index 11 in"
                        + " \"OneCycleLR(max_lrr=0.1)\"",
                "FooLR(3)|unknown scheduler 'FooLR'; expected one of [LambdaLR, MultiplicativeLR,"
                        + " StepLR, MultiStepLR, ConstantLR, LinearLR, ExponentialLR,"
                        + " SequentialLR, PolynomialLR, CosineAnnealingLR, ChainedScheduler,"
                        + " ReduceLROnPlateau, CyclicLR, CosineAnnealingWarmRestarts, OneCycleLR,"
                        + " SWALR, transformers.get_constant_schedule,"
                        + " transformers.get_reduce_on_plateau_schedule,"
                        + " transformers.get_constant_schedule_with_warmup,"
                        + " transformers.get_linear_schedule_with_warmup,"
                        + " transformers.get_cosine_schedule_with_warmup,"
                        + " transformers.get_cosine_with_hard_restarts_schedule_with_warmup,"
                        + " transformers.get_polynomial_decay_schedule_with_warmup,"
                        + " transformers.get_inverse_sqrt_schedule,"
                        + " transformers.get_cosine_with_min_lr_schedule_with_warmup,"
                        + " transformers.get_cosine_with_min_lr_schedule_with_warmup_lr_rate,"
                        + " transformers.get_wsd_schedule, transformers.get_scheduler]"
                        + " at index 0 in \"FooLR(3)\"",
                "StepLR(3, 0.1, -1, 4)|StepLR takes at most 3 positional arguments after the"
                        + " optimizer [step_size, gamma, last_epoch], but got 4 at index 19 in"
                        + " \"StepLR(3, 0.1, -1, 4)\"",
                "StepLR(3, step_size=4)|StepLR got multiple values for argument 'step_size' at"
                        + " index 10 in \"StepLR(3, step_size=4)\"",
                "StepLR(gamma=0.5)|StepLR is missing the required argument 'step_size' at index 0"
                        + " in \"StepLR(gamma=0.5)\"",
                "StepLR(step_size=0)|StepLR step_size must not be 0 (PyTorch divides by it at the"
                        + " first step), but was 0 at index 0 in \"StepLR(step_size=0)\"",
                "StepLR(step_size=2.5)|StepLR step_size must be an integer, but was 2.5 at index"
                        + " 17 in \"StepLR(step_size=2.5)\"",
                "StepLR(3, last_epoch=4)|StepLR last_epoch must be -1 (start from scratch; to"
                        + " resume, ask the tracker for any update), but was 4 at index 21 in"
                        + " \"StepLR(3, last_epoch=4)\"",
                "OneCycleLR(max_lr=0.1, total_steps=10, pct_start=1)|OneCycleLR pct_start must be a"
                        + " float such as 0.3 (PyTorch checks isinstance(pct_start, float)), but was"
                        + " 1 at index 49 in \"OneCycleLR(max_lr=0.1, total_steps=10, pct_start=1)\"",
                "ConstantLR(factor=1.5)|ConstantLR factor must be between 0 and 1, but was 1.5 at"
                        + " index 0 in \"ConstantLR(factor=1.5)\"",
                "SequentialLR([StepLR(2), ReduceLROnPlateau()], [3])|SequentialLR schedulers must"
                        + " not contain ReduceLROnPlateau (PyTorch rejects it: it needs a metric at"
                        + " each step), but index 1 is one at index 0 in \"SequentialLR([StepLR(2),"
                        + " ReduceLROnPlateau()], [3])\"",
                "CyclicLR(0.01, 0.1, mode='foo')|CyclicLR mode must be 'triangular', 'triangular2' or"
                        + " 'exp_range' when scale_fn is None, but was 'foo' at index 25 in"
                        + " \"CyclicLR(0.01, 0.1, mode='foo')\"",
                "LambdaLR(lr_lambda=0.5)|LambdaLR lr_lambda must be a function such as lambda epoch:"
                        + " 0.95 ** epoch, but was 0.5 at index 19 in \"LambdaLR(lr_lambda=0.5)\"",
            })
    void rejectsWithPositionArgumentRuleAndValue(String spec, String message) {
        SpecParseException e =
                assertThrows(SpecParseException.class, () -> ScheduleSpec.parse(spec));
        assertEquals(message, e.getMessage());
    }
}
