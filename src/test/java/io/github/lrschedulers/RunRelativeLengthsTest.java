package io.github.lrschedulers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.lrschedulers.spec.ScheduleSpec;
import io.github.lrschedulers.spec.SpecParseException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Lengths relative to the run ({@link Length}, {@link RunRelativeSchedule}): the relative forms of
 * every golden configuration resolve to the very schedule and curve, in builders and specs alike.
 */
class RunRelativeLengthsTest {

    /** A configuration of a golden: its spec, base rates, updates and updates per step. */
    record Config(String spec, double[] lrs, int updates, int updatesPerStep, double[] metrics) {
        @Override
        public String toString() {
            return spec + " (every " + updatesPerStep + ")";
        }
    }

    static Stream<Config> goldenConfigs() {
        List<Config> out = new ArrayList<>();
        for (String file :
                List.of(
                        "/golden/pytorch-cases.jsonl",
                        "/golden/pytorch2-compositions.jsonl",
                        "/golden/swalr.jsonl",
                        "/golden/edge-cases.jsonl")) {
            for (GoldenCase c : GoldenCase.load(file)) {
                if (c.expectedError == null) {
                    out.add(new Config(c.spec, c.lrs, c.steps, c.stepsPerEpoch, c.metrics));
                }
            }
        }
        for (String family : List.of("keras", "tf1", "mindspore", "transformers", "optax")) {
            for (JsonObject o : lines("/golden/beyond/" + family + ".jsonl")) {
                if (o.has("spec") && o.has("steps")) {
                    double[] lrs =
                            o.has("lr")
                                    ? GoldenCase.parseList(o.get("lr").getAsString())
                                    : new double[] {0.1};
                    int steps = Math.min(o.get("steps").getAsInt(), 2000);
                    out.add(new Config(o.get("spec").getAsString(), lrs, steps, 1, new double[0]));
                }
            }
        }
        return out.stream();
    }

    private static List<JsonObject> lines(String resource) {
        List<JsonObject> out = new ArrayList<>();
        try (InputStream in =
                        Objects.requireNonNull(
                                RunRelativeLengthsTest.class.getResourceAsStream(resource),
                                resource);
                BufferedReader r =
                        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    out.add(JsonParser.parseString(line).getAsJsonObject());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * Replaces every length of a schedule (children included) by an equal relative one, for a run
     * of {@code epochs} epochs of {@code k} updates stepped every {@code k} updates: {@code v}
     * steps become {@code v*k} updates, {@code v} epochs or {@code v/epochs} of the run, in turn.
     * Goes through {@link ScheduleDefinition#createForRun(Map)}, as builders and the binder do.
     */
    static Schedule relativize(Schedule s, int epochs, int k, int[] turn) {
        Map<String, Object> given = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : s.getArguments().entrySet()) {
            Param p = s.getDefinition().getParam(e.getKey());
            given.put(e.getKey(), relative(p, e.getValue(), epochs, k, turn));
        }
        return s.getDefinition().createForRun(given);
    }

    private static Object relative(Param p, Object v, int epochs, int k, int[] turn) {
        if (v instanceof Schedule child) {
            return relativize(child, epochs, k, turn);
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object o : list) {
                out.add(relative(p, o, epochs, k, turn));
            }
            return out;
        }
        if (!p.isLength()) {
            return v;
        }
        boolean integral =
                v instanceof Long
                        || (v instanceof Double d
                                && (p.getKind() == Param.Kind.NUMBER
                                        || p.getKind() == Param.Kind.FLOAT)
                                && d == Math.rint(d));
        double steps = integral ? ((Number) v).doubleValue() : -1;
        if (!(steps >= 0 && steps <= 0x1p40)) {
            return v;
        }
        switch (turn[0]++ % 3) {
            case 0:
                return Length.ofUpdates((long) steps * k);
            case 1:
                return Length.ofEpochs(steps);
            default:
                return Length.ofRun(steps / epochs);
        }
    }

    private static void assertSameCurve(Schedule want, Schedule got, Config c) {
        LrCurve a;
        try {
            a = LrCurve.compute(want, c.lrs(), c.updates(), c.updatesPerStep(), c.metrics(), 0.9);
        } catch (RuntimeException e) {
            // A golden whose run fails at a step: the resolved schedule fails alike.
            RuntimeException f =
                    assertThrows(
                            RuntimeException.class,
                            () ->
                                    LrCurve.compute(
                                            got,
                                            c.lrs(),
                                            c.updates(),
                                            c.updatesPerStep(),
                                            c.metrics(),
                                            0.9));
            assertEquals(e.getClass(), f.getClass());
            assertEquals(e.getMessage(), f.getMessage());
            return;
        }
        LrCurve b =
                LrCurve.compute(got, c.lrs(), c.updates(), c.updatesPerStep(), c.metrics(), 0.9);
        assertEquals(a.getUpdates(), b.getUpdates());
        for (int n = 0; n < a.getUpdates(); n++) {
            for (int g = 0; g < c.lrs().length; g++) {
                assertEquals(
                        Double.doubleToRawLongBits(a.getLr(n, g)),
                        Double.doubleToRawLongBits(b.getLr(n, g)),
                        "lr of update " + (n + 1));
                assertEquals(
                        Double.doubleToRawLongBits(a.getMomentum(n, g)),
                        Double.doubleToRawLongBits(b.getMomentum(n, g)),
                        "momentum of update " + (n + 1));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenConfigs")
    void relativeFormsOfAGoldenResolveToItsScheduleAndCurve(Config c) {
        Schedule absolute;
        try {
            absolute = ScheduleSpec.parse(c.spec());
            LrCurve.compute(absolute, c.lrs(), 0, c.updatesPerStep(), c.metrics(), 0.9);
        } catch (RuntimeException e) {
            return; // the golden is a rejection, checked by its own test
        }
        int epochs = 1 + Math.floorMod(c.spec().hashCode(), 7);
        int k = c.updatesPerStep();
        RunLength run = new RunLength(epochs, k);
        Schedule relative = relativize(absolute, epochs, k, new int[] {0});
        if (!relative.isRunRelative()) {
            assertEquals(absolute, relative);
            return;
        }
        // The spec form prints, parses back equal, and resolves to the absolute schedule.
        Schedule parsed = ScheduleSpec.parse(relative.toString());
        assertEquals(relative, parsed);
        assertEquals(relative.toString(), parsed.toString());
        Schedule resolved = parsed.resolve(run, k);
        assertFalse(resolved.isRunRelative());
        assertEquals(absolute, resolved);
        assertEquals(absolute.toString(), resolved.toString());
        assertSameCurve(absolute, resolved, c);
        // What the relative schedule answers before resolution is what the schedule answers.
        assertEquals(absolute.getStepUnit(), relative.getStepUnit());
        assertEquals(absolute.usesMetrics(), relative.usesMetrics());
        assertEquals(absolute.cyclesMomentum(), relative.cyclesMomentum());
        assertEquals(absolute.isReadAtUpdateCounter(), relative.isReadAtUpdateCounter());
        // A tracker given the run resolves it at build, with the stepping of the golden.
        if (!absolute.usesMetrics()) {
            LrTracker t =
                    LrTracker.builder()
                            .setSchedule(parsed)
                            .optBaseLrs(c.lrs())
                            .optStepsPerEpoch(k)
                            .optRunLength(epochs, k)
                            .build();
            assertEquals(absolute, t.getSchedule());
            assertEquals(parsed, t.getGivenSchedule());
        }
    }

    /**
     * LrCurve (and so lr-curve) resolves lengths relative to the run for the run it computes:
     * {@code ceil(updates / stepsPerEpoch)} epochs of {@code stepsPerEpoch} updates.
     */
    @Test
    void lrCurveResolvesForItsOwnRun() {
        Random random = new Random(20261202);
        double[] lrs = {0.1, 0.01};
        for (int i = 0; i < 200; i++) {
            int n = 2 * (1 + random.nextInt(300));
            int k = 1 + random.nextInt(5);
            int epochs = (n + k - 1) / k;
            assertSameCurve(
                    "OneCycleLR(max_lr=0.1, total_steps=1.0*run)",
                    "OneCycleLR(max_lr=0.1, total_steps=" + n + ")",
                    lrs,
                    n,
                    1);
            assertSameCurve(
                    "MultiStepLR(milestones=[0.5*run], gamma=0.5)",
                    "MultiStepLR(milestones=[" + n / 2 + "], gamma=0.5)",
                    lrs,
                    n,
                    1);
            assertSameCurve(
                    "CosineAnnealingLR(T_max=1.0*run)",
                    "CosineAnnealingLR(T_max=" + epochs + ")",
                    lrs,
                    n,
                    k);
            assertSameCurve(
                    "StepLR(step_size=1*epoch, gamma=0.9)",
                    "StepLR(step_size=1, gamma=0.9)",
                    lrs,
                    n,
                    k);
        }
    }

    private static void assertSameCurve(
            String relative, String absolute, double[] lrs, int updates, int stepsPerEpoch) {
        LrCurve a =
                LrCurve.compute(
                        ScheduleSpec.parse(relative),
                        lrs,
                        updates,
                        stepsPerEpoch,
                        new double[0],
                        0.9);
        LrCurve b =
                LrCurve.compute(
                        ScheduleSpec.parse(absolute),
                        lrs,
                        updates,
                        stepsPerEpoch,
                        new double[0],
                        0.9);
        for (int u = 0; u < updates; u++) {
            for (int g = 0; g < lrs.length; g++) {
                assertEquals(
                        Double.doubleToLongBits(b.getLr(u, g)),
                        Double.doubleToLongBits(a.getLr(u, g)),
                        relative + " vs " + absolute + " at update " + u + ", K=" + stepsPerEpoch);
            }
        }
    }

    @Test
    void resolutionRoundsHalfUpOnTheDecimalAmount() {
        RunLength run = new RunLength(1, 5);
        assertEquals(2, Length.ofRun(0.3).resolve(run, 1)); // 1.5, not 1.4999999999999998
        assertEquals(1, Length.ofRun(0.29).resolve(run, 1)); // 1.45
        assertEquals(3, Length.ofUpdates(5).resolve(run, 2)); // 2.5
        assertEquals(2, Length.ofUpdates(4).resolve(run, 2));
        assertEquals(1, Length.ofEpochs(1).resolve(run, 5)); // an epoch when stepping per epoch
        assertEquals(0, Length.ofRun(0).resolve(run, 1));
        assertEquals(5, Length.ofRun(1).resolve(run, 1));
        assertEquals(10, Length.ofEpochs(2).resolve(run, 1));
    }

    @Test
    void resolvedRunLengthsMatchTheirCountsOverRandomRuns() {
        Random random = new Random(20261202L);
        for (int i = 0; i < 2000; i++) {
            int epochs = 1 + random.nextInt(random.nextBoolean() ? 10 : 5000);
            int perEpoch = 1 + random.nextInt(random.nextBoolean() ? 20 : 100_000);
            RunLength run = new RunLength(epochs, perEpoch);
            long updates = run.updates();
            long v = (long) (random.nextDouble() * (updates + 1));
            assertEquals(v, Length.ofRun((double) v / updates).resolve(run, 1), run + " " + v);
            assertEquals(v, Length.ofEpochs((double) v / perEpoch).resolve(run, 1), run + " " + v);
            int every = 1 + random.nextInt(perEpoch);
            // Round half up of v / every, in integers.
            long want =
                    BigInteger.valueOf(2 * v + every)
                            .divide(BigInteger.valueOf(2L * every))
                            .longValueExact();
            assertEquals(want, Length.ofUpdates(v).resolve(run, every), run + " " + v);
            int m = random.nextInt(epochs + 1);
            assertEquals(m, Length.ofEpochs(m).resolve(run, perEpoch), run + " " + m);

            // The whole run of OneCycleLR is the schedule of the counted total, curve and all.
            Schedule relative = ScheduleSpec.parse("OneCycleLR(max_lr=0.1, total_steps=1.0*run)");
            Schedule resolved = relative.resolve(run, 1);
            assertEquals(
                    OneCycleLr.builder().setMaxLr(0.1).optTotalSteps(updates).build(), resolved);
            if (updates <= 200) {
                Config c = new Config("", new double[] {0.1}, (int) updates, 1, new double[0]);
                assertSameCurve(
                        OneCycleLr.builder().setMaxLr(0.1).optTotalSteps(updates).build(),
                        resolved,
                        c);
            }
        }
    }

    @Test
    void theBuilderAndTheSpecGiveTheSameRelativeSchedule() {
        Schedule built =
                OneCycleLr.builder()
                        .setMaxLr(0.1)
                        .setLength("total_steps", Length.ofRun(1.0))
                        .buildForRun();
        Schedule parsed = ScheduleSpec.parse("OneCycleLR(max_lr=0.1, total_steps=1.0*run)");
        assertEquals(parsed, built);
        assertTrue(built.isRunRelative());
        assertTrue(built.toString().contains("total_steps=1*run"), built.toString());
        assertEquals(Length.ofRun(1), built.getArguments().get("total_steps"));
        // The call form and the plural units parse to the same lengths.
        assertEquals(
                ScheduleSpec.parse("StepLR(step_size=3*epoch)"),
                ScheduleSpec.parse("StepLR(step_size=epochs(3))"));
        assertEquals(
                ScheduleSpec.parse("MultiStepLR(milestones=[500*update, 0.75*run, 9])"),
                MultiStepLr.builder()
                        .setLengths(
                                "milestones", List.of(Length.ofUpdates(500), Length.ofRun(0.75), 9))
                        .buildForRun());
        assertEquals(
                ScheduleSpec.parse("MultiStepLR(milestones=[2*epoch, 0.75*run], gamma=0.5)"),
                MultiStepLr.builder()
                        .setMilestones(Length.ofEpochs(2), Length.ofRun(0.75))
                        .optGamma(0.5)
                        .buildForRun());
        assertEquals(
                ScheduleSpec.parse("CosineAnnealingLR(T_max=0.5*run, eta_min=0.001)"),
                CosineAnnealingLr.builder()
                        .setTMax(Length.ofRun(0.5))
                        .optEtaMin(0.001)
                        .buildForRun());
        assertEquals(
                ScheduleSpec.parse("OneCycleLR(max_lr=0.1, total_steps=1.0*run)"),
                OneCycleLr.builder().setMaxLr(0.1).optTotalSteps(Length.ofRun(1)).buildForRun());
        // Without relative lengths, buildForRun is build.
        assertEquals(
                StepLr.builder().setStepSize(3).build(),
                StepLr.builder().setStepSize(3).buildForRun());
    }

    @Test
    void aCompositionWithARelativeChildIsRelativeAndResolvesItsChildren() {
        String spec =
                "SequentialLR(schedulers=[LinearLR(start_factor=0.1, total_iters=0.05*run),"
                        + " CosineAnnealingLR(T_max=0.95*run)], milestones=[0.05*run])";
        Schedule s = ScheduleSpec.parse(spec);
        assertTrue(s.isRunRelative());
        Schedule resolved = s.resolve(new RunLength(4, 250), 1);
        assertEquals(
                ScheduleSpec.parse(
                        "SequentialLR(schedulers=[LinearLR(start_factor=0.1, total_iters=50),"
                                + " CosineAnnealingLR(T_max=950)], milestones=[50])"),
                resolved);
        String described = ((RunRelativeSchedule) s).describeResolution(new RunLength(4, 250), 1);
        assertTrue(described.contains("milestones=[0.05*run] is [50]"), described);
        assertTrue(described.contains("LinearLR total_iters=0.05*run is 50"), described);
        assertTrue(described.contains("CosineAnnealingLR T_max=0.95*run is 950"), described);
        assertTrue(described.contains("4 epochs of 250 updates"), described);
    }

    @Test
    void aTrackerWithoutTheRunsLengthSaysWhatIsMissing() {
        Schedule s = ScheduleSpec.parse("OneCycleLR(max_lr=0.1, total_steps=1.0*run)");
        LrTracker t = LrTracker.builder().setSchedule(s).build();
        assertTrue(t.awaitsRunLength());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> t.getNewValue(1));
        assertTrue(e.getMessage().contains("total_steps=1*run"), e.getMessage());
        assertTrue(
                e.getMessage().contains("optRunLength(epochs, updatesPerEpoch)"), e.getMessage());
        // LrCurve knows its run (3 updates here), so it resolves: lrCurveResolvesForItsOwnRun.

        t.resolveRunLength(new RunLength(3, 10));
        assertFalse(t.awaitsRunLength());
        assertEquals(
                LrTracker.of(OneCycleLr.builder().setMaxLr(0.1).optTotalSteps(30).build(), 0.1)
                        .getLr(0, 7),
                t.getLr(0, 7));
        assertTrue(t.toString().contains("total_steps=1*run is 30"), t.toString());
        t.resolveRunLength(new RunLength(3, 10)); // the same run again: nothing changes
        IllegalStateException other =
                assertThrows(
                        IllegalStateException.class,
                        () -> t.resolveRunLength(new RunLength(4, 10)));
        assertTrue(other.getMessage().contains("copy()"), other.getMessage());
        assertTrue(t.copy().awaitsRunLength());
    }

    @Test
    void aResolvedLengthThatBreaksTheSchedulesRuleNamesItsValueAndOrigin() {
        Schedule s = ScheduleSpec.parse("StepLR(step_size=0.001*run)");
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class, () -> s.resolve(new RunLength(2, 10), 1));
        assertTrue(e.getMessage().contains("step_size=0.001*run is 0"), e.getMessage());
        assertTrue(e.getMessage().contains("2 epochs of 10 updates"), e.getMessage());
        IllegalArgumentException atBuild =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                LrTracker.builder()
                                        .setSchedule(s)
                                        .optBaseLr(0.1)
                                        .optRunLength(2, 10)
                                        .build());
        assertEquals(e.getMessage(), atBuild.getMessage());
    }

    @Test
    void lengthsAreRejectedWhereTheyDoNotBelong() {
        SpecParseException notALength =
                assertThrows(
                        SpecParseException.class,
                        () -> ScheduleSpec.parse("OneCycleLR(max_lr=0.5*run, total_steps=10)"));
        assertTrue(
                notALength.getMessage().contains("max_lr is no length"), notALength.getMessage());
        assertTrue(notALength.getMessage().contains("[total_steps]"), notALength.getMessage());
        SpecParseException negative =
                assertThrows(
                        SpecParseException.class,
                        () -> ScheduleSpec.parse("StepLR(step_size=-0.5*run)"));
        assertTrue(negative.getMessage().contains(">= 0"), negative.getMessage());
        assertThrows(
                SpecParseException.class, () -> ScheduleSpec.parse("StepLR(step_size=run(1, 2))"));
        assertThrows(
                SpecParseException.class, () -> ScheduleSpec.parse("StepLR(step_size=0.5*run*2)"));
        IllegalArgumentException build =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                OneCycleLr.builder()
                                        .setMaxLr(0.1)
                                        .setLength("total_steps", Length.ofRun(1))
                                        .build());
        assertTrue(build.getMessage().contains("buildForRun()"), build.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> OneCycleLr.builder().setLength("max_lr", Length.ofRun(1)));
        assertThrows(IllegalArgumentException.class, () -> Length.ofEpochs(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new RunLength(0, 10));
        assertNotEquals(Length.ofEpochs(1), Length.ofRun(1));
    }

    @Test
    void definitionsMarkTheirLengths() {
        assertEquals(List.of("total_steps"), OneCycleLr.DEFINITION.getLengthNames());
        assertEquals(
                List.of("step_size_up", "step_size_down"), CyclicLr.DEFINITION.getLengthNames());
        assertEquals(List.of("milestones"), SequentialLr.DEFINITION.getLengthNames());
        for (ScheduleDefinition<?> d : ScheduleRegistry.getDefinitions()) {
            for (String name : d.getLengthNames()) {
                Param.Kind kind = d.getParam(name).getKind();
                assertTrue(
                        kind == Param.Kind.INTEGER
                                || kind == Param.Kind.INT
                                || kind == Param.Kind.NUMBER
                                || kind == Param.Kind.FLOAT
                                || kind == Param.Kind.INTEGER_LIST
                                || kind == Param.Kind.NUMBER_LIST
                                || kind == Param.Kind.LITERAL,
                        d.getName() + " " + name + " is a length of kind " + kind);
            }
        }
    }
}
