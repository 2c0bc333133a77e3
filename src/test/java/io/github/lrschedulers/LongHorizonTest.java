package io.github.lrschedulers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.lrschedulers.spec.ScheduleSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Long horizons.
 *
 * <p>(a) Curves of 10^5 updates, stepped per update through {@link LrTracker} in order, against
 * PyTorch's recursion: src/test/resources/golden/pytorch-long.jsonl, written by {@code
 * generate_long.py} on PyTorch 2.13 (every 1000th update and the last). Compared as float32: every
 * value bit-identical (0 ulp); the number of values bit-identical as doubles too is printed.
 *
 * <p>(b) DJL counts updates in an {@code int}: after 2^31 - 1 updates {@code numUpdate} wraps to a
 * negative number. Such an update, and update 0, must throw {@link IllegalArgumentException}, never
 * give a value. Far updates on a fresh tracker replay the schedule from step 0 (O(n)); closed-form
 * schedules are asked at 10^7 here, which runs in well under a second per schedule (the costs at
 * 10^8 and 10^9 are measured by the JMH benchmark's single-shot mode).
 */
class LongHorizonTest {

    private static final AtomicLong VALUES = new AtomicLong();
    private static final AtomicLong IDENTICAL_DOUBLES = new AtomicLong();

    /** One long case of pytorch-long.jsonl. */
    record LongCase(
            String name,
            String spec,
            int steps,
            double lr,
            int[] ks,
            double[][] lrs,
            double[][] momentums) {
        @Override
        public String toString() {
            return name + ": " + spec;
        }
    }

    static Stream<LongCase> cases() throws IOException {
        List<LongCase> out = new ArrayList<>();
        try (InputStream in =
                        LongHorizonTest.class.getResourceAsStream("/golden/pytorch-long.jsonl");
                BufferedReader r =
                        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonObject o = JsonParser.parseString(line).getAsJsonObject();
                JsonObject e = o.getAsJsonObject("expected");
                JsonArray k = e.getAsJsonArray("k");
                int[] ks = new int[k.size()];
                for (int i = 0; i < ks.length; i++) {
                    ks[i] = k.get(i).getAsInt();
                }
                out.add(
                        new LongCase(
                                o.get("name").getAsString(),
                                o.get("spec").getAsString(),
                                o.get("steps").getAsInt(),
                                Double.parseDouble(o.get("lr").getAsString()),
                                ks,
                                matrix(e.getAsJsonArray("lr")),
                                e.has("momentum") ? matrix(e.getAsJsonArray("momentum")) : null));
            }
        }
        assertTrue(out.size() >= 7, "pytorch-long.jsonl has " + out.size() + " cases");
        return out.stream();
    }

    private static double[][] matrix(JsonArray a) {
        double[][] m = new double[a.size()][];
        for (int i = 0; i < m.length; i++) {
            JsonArray row = a.get(i).getAsJsonArray();
            m[i] = new double[row.size()];
            for (int j = 0; j < m[i].length; j++) {
                m[i][j] = row.get(j).getAsDouble();
            }
        }
        return m;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesPyTorchOverLongRuns(LongCase c) {
        assertTrue(c.steps >= 100_000, c + " is not long");
        assertEquals(c.steps - 1, c.ks[c.ks.length - 1], "the last update is sampled");
        LrTracker t = LrTracker.of(ScheduleSpec.parse(c.spec), c.lr);
        int next = 0;
        for (int k = 0; k < c.steps; k++) {
            // Per update, in order, as DJL's optimizer asks: update k + 1 (1-based).
            float f = t.getNewValue(k + 1);
            if (next < c.ks.length && c.ks[next] == k) {
                double got = t.getLr(0, k + 1);
                assertEquals(Float.floatToRawIntBits((float) got), Float.floatToRawIntBits(f));
                check(c, "lr", k, c.lrs[next][0], got);
                if (c.momentums != null) {
                    check(c, "momentum", k, c.momentums[next][0], t.getMomentum(0, k + 1));
                }
                next++;
            }
        }
        assertEquals(c.ks.length, next);
    }

    private static void check(LongCase c, String what, int k, double want, double got) {
        VALUES.incrementAndGet();
        if (Double.compare(want, got) == 0) {
            IDENTICAL_DOUBLES.incrementAndGet();
        }
        if (Float.floatToIntBits((float) want) != Float.floatToIntBits((float) got)) {
            fail(
                    String.format(
                            "%s: %s of update %d: PyTorch %s, ours %s (%d float32 ulps)",
                            c, what, k, want, got, Floats.ulpDistance((float) want, (float) got)));
        }
    }

    @AfterAll
    static void report() {
        System.out.printf(
                "LongHorizonTest: %d sampled values bit-identical in float32, %d as doubles too%n",
                VALUES.get(), IDENTICAL_DOUBLES.get());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE, Integer.MIN_VALUE + 1})
    void wrappedOrZeroUpdateThrows(int numUpdate) {
        for (String spec :
                List.of(
                        "StepLR(step_size=3)",
                        "LambdaLR(lr_lambda=lambda e: 1 / (e + 1))",
                        "CyclicLR(base_lr=0.001, max_lr=0.1)",
                        "OneCycleLR(max_lr=0.1, total_steps=2000000000)")) {
            LrTracker t = LrTracker.of(ScheduleSpec.parse(spec), 0.1);
            assertThrows(IllegalArgumentException.class, () -> t.getNewValue(numUpdate), spec);
            assertThrows(IllegalArgumentException.class, () -> t.getNewValue("w", numUpdate), spec);
            assertThrows(IllegalArgumentException.class, () -> t.getLr(0, numUpdate), spec);
            assertThrows(IllegalArgumentException.class, () -> t.getMomentum(0, numUpdate), spec);
            assertThrows(
                    IllegalArgumentException.class, () -> t.getNewMomentum("w", numUpdate), spec);
        }
    }

    @Test
    void updateAfterIntWrapThrowsInsteadOfGoingBack() {
        // DJL's Optimizer.updateCount is an int: update Integer.MAX_VALUE + 1 arrives as MIN_VALUE.
        LrTracker t = LrTracker.of(ScheduleSpec.parse("LambdaLR(lr_lambda=lambda e: 0.5)"), 0.1);
        int last = Integer.MAX_VALUE;
        int wrapped = last + 1;
        assertTrue(wrapped < 0);
        assertThrows(IllegalArgumentException.class, () -> t.getNewValue(wrapped));
        // The tracker is still usable after the rejected call.
        assertEquals((float) (0.1 * 0.5), t.getNewValue(1));
    }

    /** Closed forms and the horizon at which a fresh tracker is tested in a few seconds. */
    static Stream<Arguments> farUpdates() {
        return Stream.of(
                // LambdaLR evaluates its lambda at every replayed step: about 1 us per step.
                Arguments.of(
                        "LambdaLR(lr_lambda=lambda e: 0.5 * (1 + math.cos(math.pi * (e % 1000) /"
                                + " 1000)))",
                        1_000_000),
                Arguments.of("CyclicLR(base_lr=0.001, max_lr=0.1, step_size_up=2000)", BILLION),
                Arguments.of(
                        "CyclicLR(base_lr=0.001, max_lr=0.1, step_size_up=1500, step_size_down=2500,"
                                + " mode='exp_range', gamma=0.99999)",
                        BILLION),
                Arguments.of("CosineAnnealingWarmRestarts(T_0=1000, T_mult=1)", BILLION),
                Arguments.of("CosineAnnealingWarmRestarts(T_0=7, T_mult=3)", BILLION),
                Arguments.of("OneCycleLR(max_lr=0.1, total_steps=2000000000)", BILLION),
                Arguments.of("StepLR(step_size=1000, gamma=0.999)", BILLION),
                Arguments.of("MultiStepLR(milestones=[10, 100000, 500000000], gamma=0.5)", BILLION),
                Arguments.of("ConstantLR(factor=0.5, total_iters=1000)", BILLION),
                Arguments.of("LinearLR(start_factor=0.5, total_iters=1000)", BILLION),
                Arguments.of("PolynomialLR(total_iters=1000, power=2.0)", BILLION));
    }

    private static final int BILLION = 1_000_000_000;

    /**
     * A far update on a fresh tracker (the first call, as after a restore) equals the value of a
     * tracker that reached it by 1000 single steps, is finite, and comes within seconds. Horizons
     * are 10^9 where the schedule jumps or skips; LambdaLR replays every step and is tested at
     * 10^6.
     */
    @ParameterizedTest
    @MethodSource("farUpdates")
    void farUpdateOnFreshTrackerIsFiniteAndConsistent(String spec, int far) {
        Schedule s = ScheduleSpec.parse(spec);
        long t0 = System.nanoTime();
        LrTracker fresh = LrTracker.of(s, 0.1);
        double v =
                assertTimeoutPreemptively(
                        Duration.ofSeconds(20), () -> fresh.getLr(0, far), spec + " too slow");
        long ns = System.nanoTime() - t0;
        assertTrue(Double.isFinite(v) && v >= 0, spec + " at " + far + ": " + v);
        LrTracker warm = LrTracker.of(s, 0.1);
        warm.getNewValue(far - 1000);
        for (int n = far - 999; n <= far; n++) {
            warm.getNewValue(n);
        }
        assertEquals(v, warm.getLr(0, far), spec);
        assertEquals(fresh.getMomentum(0, far), warm.getMomentum(0, far), spec);
        // Going back to update 1 after the far update replays from the start.
        assertEquals(LrTracker.of(s, 0.1).getLr(0, 1), fresh.getLr(0, 1), spec);
        System.out.printf(
                "LongHorizonTest: %s at update %d: %.2f ms on a fresh tracker%n",
                spec, far, ns / 1e6);
    }

    /** A fresh tracker asked for the sampled updates of a long golden directly (random access). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void freshTrackerAtSampledUpdatesMatchesPyTorch(LongCase c) {
        Schedule s = ScheduleSpec.parse(c.spec);
        for (int i : new int[] {c.ks.length - 1, c.ks.length / 2, 1}) {
            int k = c.ks[i];
            LrTracker fresh = LrTracker.of(s, c.lr);
            check(c, "lr (fresh)", k, c.lrs[i][0], fresh.getLr(0, k + 1));
            if (c.momentums != null) {
                check(c, "momentum (fresh)", k, c.momentums[i][0], fresh.getMomentum(0, k + 1));
            }
        }
    }

    @Test
    void oneCycleAtIntMaxThrowsAsPyTorchPastTotalSteps() {
        // total_steps + 1 updates are defined; Integer.MAX_VALUE > 2e9 + 1 is past them.
        LrTracker t =
                LrTracker.of(
                        ScheduleSpec.parse("OneCycleLR(max_lr=0.1, total_steps=2000000000)"), 0);
        assertTrue(Double.isFinite(t.getLr(0, 2_000_000_001)));
        assertThrows(IllegalStateException.class, () -> t.getNewValue(2_000_000_002));
        assertThrows(IllegalStateException.class, () -> t.getNewValue(Integer.MAX_VALUE));
    }

    @Test
    void closedFormsAnswerAtIntMax() {
        for (String spec :
                List.of(
                        "CyclicLR(base_lr=0.001, max_lr=0.1, step_size_up=2000)",
                        "CosineAnnealingWarmRestarts(T_0=1000, T_mult=2)",
                        "StepLR(step_size=1000, gamma=0.999)",
                        "OneCycleLR(max_lr=0.1, total_steps=2147483647)")) {
            LrTracker t = LrTracker.of(ScheduleSpec.parse(spec), 0.1);
            float f =
                    assertTimeoutPreemptively(
                            Duration.ofSeconds(20), () -> t.getNewValue(Integer.MAX_VALUE), spec);
            assertTrue(Float.isFinite(f) && f >= 0, spec + ": " + f);
        }
    }
}
