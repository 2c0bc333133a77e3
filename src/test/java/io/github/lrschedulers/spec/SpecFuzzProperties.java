package io.github.lrschedulers.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonParser;
import io.github.lrschedulers.CosineAnnealingLr;
import io.github.lrschedulers.ExponentialLr;
import io.github.lrschedulers.LrCurve;
import io.github.lrschedulers.RandomSchedules;
import io.github.lrschedulers.Schedule;
import io.github.lrschedulers.StepLr;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * Fuzzing the spec parser: whatever the input, {@link ScheduleSpec#parse(String)} and {@link
 * PyLambda#parse(String)} either succeed or throw {@link SpecParseException} (never another
 * exception, never a {@link StackOverflowError}, never a hang), and every schedule built through
 * the Java builders prints a spec that parses back to an equal schedule.
 *
 * <p>Inputs: random strings over the spec alphabet, valid specs (every golden case's spec and
 * random builder-made schedules) mutated by deleting, inserting, replacing, duplicating and
 * swapping characters and segments, and deep nesting ({@code "SequentialLR([" * 10000}, long
 * operator chains, 10^5 characters).
 *
 * <p>The normal suite runs about 14,000 tries in all, in a few seconds. The long profile scales
 * every property so that the total is the given number of tries:
 *
 * <pre>
 * mvn -B test -Dtest=SpecFuzzProperties -Dfuzz.tries=1000000
 * </pre>
 *
 * <p>A parse that takes longer than {@link #HANG_SECONDS} seconds is reported as a hang: a watchdog
 * prints the input and halts the test JVM, which fails the build.
 */
@AddLifecycleHook(
        value = SpecFuzzProperties.ScaleTries.class,
        propagateTo = PropagationMode.DIRECT_DESCENDANTS)
class SpecFuzzProperties {

    /** The tries of all properties of this class in the normal suite (their annotations). */
    static final int DEFAULT_TOTAL = 14_000;

    static final int HANG_SECONDS = 30;

    private static final AtomicLong TRIES = new AtomicLong();
    private static final AtomicLong PARSED = new AtomicLong();
    private static final List<String> SEEDS = goldenSpecs();
    private static final String ALPHABET =
            "SequentialLRStepLRCyclicOneCycleLambdaabcdefghijklmnopqrstuvwxyz_"
                    + "0123456789.eE+-*/%<>=!()[]{},:;'\"\\ \t\n#@&|^~`?$"
                    + "\u00e9\u00b2\u0660\u00a0\u2028\ud835\udfcf\u0000\ufeff";
    private static final String[] TOKENS = {
        "(",
        ")",
        "[",
        "]",
        ",",
        "=",
        "lambda e: ",
        "lambda",
        ":",
        "**",
        "//",
        "%",
        "-",
        "+",
        "1e308",
        "1e-400",
        "1e99999",
        "inf",
        "nan",
        "float('inf')",
        "float('nan')",
        "None",
        "True",
        "False",
        "'",
        "\"",
        "\\",
        "0x10",
        "1_000",
        "_",
        ".",
        "e",
        "e+",
        "9999999999999999999",
        "-9223372036854775808",
        "2**-1074",
        "10**400",
        "0 ** -1",
        "1/0",
        "1//0",
        "1%0",
        "math.",
        "math.cos(",
        "math.log(0)",
        "math.sqrt(-1)",
        "abs(",
        "min(",
        "max()",
        "int(",
        "float(",
        "not ",
        " and ",
        " or ",
        " if ",
        " else ",
        "<",
        "<=",
        "==",
        "!=",
        "SequentialLR(",
        "ChainedScheduler(",
        "ReduceLROnPlateau(",
        "schedulers=[",
        "milestones=[",
        "lr_lambda=",
        "scale_fn=",
        "T_max=",
        "max_lr=",
        "total_steps=",
        "last_epoch=-1",
        "last_epoch=0",
        "step_size=0",
        "gamma=-1",
        "\u0000",
        "\ud800",
        " ",
    };

    /** Scales the tries of every property of this class when {@code fuzz.tries} is set. */
    static final class ScaleTries implements AroundPropertyHook {
        @Override
        public PropertyExecutionResult aroundProperty(
                PropertyLifecycleContext context, PropertyExecutor property) {
            Integer total = Integer.getInteger("fuzz.tries");
            int tries = context.attributes().tries().orElse(1000);
            if (total != null) {
                long scaled = ((long) tries * total + DEFAULT_TOTAL - 1) / DEFAULT_TOTAL;
                context.attributes()
                        .setTries((int) Math.max(1, Math.min(Integer.MAX_VALUE, scaled)));
            }
            return property.execute();
        }

        @Override
        public int aroundPropertyProximity() {
            return -100; // outermost: the tries are set before the property starts
        }
    }

    private static List<String> goldenSpecs() {
        List<String> out = new ArrayList<>();
        for (String file :
                List.of("/golden/pytorch-cases.jsonl", "/golden/pytorch2-compositions.jsonl")) {
            try (InputStream in = SpecFuzzProperties.class.getResourceAsStream(file);
                    BufferedReader r =
                            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (!line.isBlank()) {
                        out.add(
                                JsonParser.parseString(line)
                                        .getAsJsonObject()
                                        .get("spec")
                                        .getAsString());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return List.copyOf(out);
    }

    // ------------------------------------------------------------------ the oracle

    private static volatile String current;
    private static volatile long startedAt;
    private static final Thread WATCHDOG = startWatchdog();

    private static Thread startWatchdog() {
        Thread t =
                new Thread(
                        () -> {
                            while (true) {
                                try {
                                    Thread.sleep(1000);
                                } catch (InterruptedException e) {
                                    return;
                                }
                                String s = current;
                                if (s != null
                                        && System.nanoTime() - startedAt > HANG_SECONDS * 1e9) {
                                    System.err.println(
                                            "SpecFuzzProperties: parse hangs for more than "
                                                    + HANG_SECONDS
                                                    + " s on: "
                                                    + s.substring(0, Math.min(2000, s.length())));
                                    Runtime.getRuntime().halt(97);
                                }
                            }
                        },
                        "spec-fuzz-watchdog");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /**
     * Parses an input: it must succeed or throw SpecParseException, in bounded time; a success must
     * print back to a spec that parses to an equal schedule, and its curve must compute or fail
     * with the documented exceptions only.
     */
    static void check(String input) {
        assertTrue(WATCHDOG.isAlive());
        TRIES.incrementAndGet();
        Schedule s;
        current = input;
        startedAt = System.nanoTime();
        try {
            s = ScheduleSpec.parse(input);
        } catch (SpecParseException e) {
            assertSame(input, e.getSource());
            assertTrue(
                    e.getPosition() >= 0 && e.getPosition() <= input.length(),
                    "position " + e.getPosition() + " of " + e.getMessage());
            assertFalse(e.getMessage().isEmpty());
            return;
        } catch (Throwable t) {
            throw new AssertionError(
                    "parse threw " + t + " (not a SpecParseException) on: " + shorten(input), t);
        } finally {
            current = null;
        }
        PARSED.incrementAndGet();
        roundTrips(s);
        runs(s);
    }

    static void checkLambda(String input) {
        TRIES.incrementAndGet();
        current = input;
        startedAt = System.nanoTime();
        try {
            PyLambda f = PyLambda.parse(input);
            PARSED.incrementAndGet();
            assertEquals(f, PyLambda.parse(f.toString()), input);
            for (long x : new long[] {0, 1, 2, 7, -1, 1L << 40}) {
                try {
                    f.apply(x);
                } catch (ArithmeticException e) {
                    // Python raises here (division by zero, math domain error, overflow)
                }
            }
        } catch (SpecParseException e) {
            assertSame(input, e.getSource());
        } catch (Throwable t) {
            throw new AssertionError(
                    "lambda parse threw " + t + " (not a SpecParseException) on: " + shorten(input),
                    t);
        } finally {
            current = null;
        }
    }

    static void roundTrips(Schedule s) {
        String printed = s.toString();
        Schedule back;
        try {
            back = ScheduleSpec.parse(printed);
        } catch (RuntimeException e) {
            throw new AssertionError("the printed spec of " + s + " does not parse: " + e, e);
        }
        assertEquals(s, back, printed);
        assertEquals(s.hashCode(), back.hashCode(), printed);
        assertEquals(printed, back.toString());
    }

    /** A parsed schedule runs 30 updates or fails only with the documented exceptions. */
    private static void runs(Schedule s) {
        try {
            LrCurve.compute(s, new double[] {0.1}, 30, 1, new double[] {1.0, 0.5, 2.0}, 0.9);
        } catch (IllegalArgumentException | IllegalStateException e) {
            // PyTorch rejects this configuration, or the group count does not match the lists
        } catch (Throwable t) {
            fail("running " + s + " threw " + t, t);
        }
    }

    private static String shorten(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "... (" + s.length() + " chars)";
    }

    // ------------------------------------------------------------------ generators

    @Provide
    Arbitrary<String> randomStrings() {
        return Arbitraries.strings().withChars(ALPHABET.toCharArray()).ofMaxLength(80);
    }

    @Provide
    Arbitrary<String> tokenSoup() {
        return Arbitraries.randomValue(
                r -> {
                    StringBuilder sb = new StringBuilder();
                    if (r.nextInt(4) > 0) {
                        sb.append(ScheduleSpec.names().get(r.nextInt(15))).append('(');
                    }
                    int n = r.nextInt(30);
                    for (int i = 0; i < n; i++) {
                        sb.append(TOKENS[r.nextInt(TOKENS.length)]);
                        if (r.nextInt(3) == 0) {
                            sb.append(r.nextInt(100));
                        }
                    }
                    return sb.toString();
                });
    }

    @Provide
    Arbitrary<String> mutatedSpecs() {
        return Arbitraries.randomValue(
                r -> {
                    String seed =
                            r.nextInt(3) == 0
                                    ? RandomSchedules.any(r, 2, true).toString()
                                    : SEEDS.get(r.nextInt(SEEDS.size()));
                    return mutate(r, seed, 1 + r.nextInt(r.nextBoolean() ? 3 : 12));
                });
    }

    @Provide
    Arbitrary<String> mutatedLambdas() {
        return Arbitraries.randomValue(
                r -> mutate(r, RandomSchedules.lambda(r).toString(), 1 + r.nextInt(4)));
    }

    @Provide
    Arbitrary<String> deepNesting() {
        String[] openers = {
            "SequentialLR([",
            "SequentialLR(schedulers=[",
            "ChainedScheduler([",
            "(",
            "[",
            "-",
            "not ",
            "abs(",
            "min(",
            "math.cos(",
            "float(",
            "2**",
            "1+",
            "lambda e: (",
            "F(a=",
            "StepLR(",
            "(1 if ",
            "[[",
            "\"",
            "'",
            "1 < ",
        };
        return Arbitraries.randomValue(
                r -> {
                    String open = openers[r.nextInt(openers.length)];
                    int n = r.nextInt(5) == 0 ? 10_000 + r.nextInt(30_000) : r.nextInt(3000);
                    StringBuilder sb = new StringBuilder();
                    if (r.nextBoolean()) {
                        sb.append("LambdaLR(lr_lambda=lambda e: ");
                    }
                    sb.append(open.repeat(n));
                    if (r.nextBoolean()) {
                        sb.append("1");
                        String close = open.contains("[") ? "])" : ")";
                        sb.append(close.repeat(r.nextInt(n + 1)));
                    }
                    if (r.nextInt(10) == 0) {
                        sb.append(" ".repeat(100_001 - Math.min(sb.length(), 100_000)));
                    }
                    return sb.toString();
                });
    }

    static String mutate(Random r, String s, int times) {
        StringBuilder sb = new StringBuilder(s);
        for (int t = 0; t < times; t++) {
            int n = sb.length();
            int i = n == 0 ? 0 : r.nextInt(n);
            switch (r.nextInt(8)) {
                case 0: // delete a character
                    if (n > 0) {
                        sb.deleteCharAt(i);
                    }
                    break;
                case 1: // insert a character
                    sb.insert(i, ALPHABET.charAt(r.nextInt(ALPHABET.length())));
                    break;
                case 2: // replace a character
                    if (n > 0) {
                        sb.setCharAt(i, ALPHABET.charAt(r.nextInt(ALPHABET.length())));
                    }
                    break;
                case 3: // insert a token
                    sb.insert(i, TOKENS[r.nextInt(TOKENS.length)]);
                    break;
                case 4: // duplicate a segment, possibly many times
                    {
                        int j = Math.min(n, i + r.nextInt(40));
                        String seg = sb.substring(i, j);
                        sb.insert(j, seg.repeat(r.nextInt(8) == 0 ? 200 : 1));
                        break;
                    }
                case 5: // delete a segment
                    sb.delete(i, Math.min(n, i + r.nextInt(20)));
                    break;
                case 6: // swap two segments
                    {
                        int j = n == 0 ? 0 : r.nextInt(n);
                        int a = Math.min(i, j);
                        int b = Math.max(i, j);
                        int len = Math.min(r.nextInt(10), b - a);
                        String x = sb.substring(a, a + len);
                        String y = sb.substring(b, Math.min(n, b + len));
                        sb.replace(b, Math.min(n, b + len), x);
                        sb.replace(a, a + len, y);
                        break;
                    }
                default: // change a number
                    sb.insert(i, r.nextBoolean() ? "-" : String.valueOf(r.nextInt(10)));
            }
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------ properties

    @Property(tries = 2500, shrinking = ShrinkingMode.BOUNDED)
    void randomStringsThrowOnlySpecParseException(@ForAll("randomStrings") String s) {
        check(s);
        check("StepLR(" + s + ")");
        checkLambda("lambda e: " + s);
    }

    @Property(tries = 2500)
    void tokenSoupThrowsOnlySpecParseException(@ForAll("tokenSoup") String s) {
        check(s);
    }

    @Property(tries = 5000)
    void mutatedValidSpecsThrowOnlySpecParseException(@ForAll("mutatedSpecs") String s) {
        check(s);
    }

    @Property(tries = 1000)
    void mutatedLambdasThrowOnlySpecParseException(@ForAll("mutatedLambdas") String s) {
        checkLambda(s);
        check("LambdaLR(lr_lambda=" + s + ")");
    }

    @Property(tries = 500)
    void deepNestingIsRejectedWithoutStackOverflow(@ForAll("deepNesting") String s) {
        check(s);
        checkLambda(s);
    }

    @Property(tries = 2500)
    void everyBuiltScheduleRoundTrips(@ForAll("seeds") long seed) {
        Random r = new Random(seed);
        Schedule s = RandomSchedules.any(r, 3, r.nextBoolean());
        TRIES.incrementAndGet();
        roundTrips(s);
    }

    /** Found by the fuzzer: NaN printed as Python's repr "nan", which is no literal. */
    @Example
    void nanArgumentsRoundTrip() {
        roundTrips(CosineAnnealingLr.builder().setTMax(7).optEtaMin(Double.NaN).build());
        roundTrips(ExponentialLr.builder().setGamma(Double.NaN).build());
        roundTrips(StepLr.builder().setStepSize(3).optGamma(-Double.NaN).build());
        assertEquals(
                "CosineAnnealingLR(T_max=7, eta_min=float('nan'))",
                CosineAnnealingLr.builder().setTMax(7).optEtaMin(Double.NaN).build().toString());
    }

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    @AfterContainer
    static void report() {
        System.out.printf(
                "SpecFuzzProperties: %d inputs (%d parsed and round-tripped), %d golden seeds%n",
                TRIES.get(), PARSED.get(), SEEDS.size());
    }
}
