package io.github.lrschedulers.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compares the single-case output of {@link LrCurveTool} with what the PyTorch reference harness
 * {@code torch_curve.py} printed for the same arguments: {@code curves/cases.tsv} lists the cases,
 * {@code curves/NAME.out} holds the harness's output, {@code curves/generate.sh} regenerates it.
 */
class LrCurveToolCurvesTest {

    /**
     * Cases where the library is known not to be bit-faithful yet, with every value within one
     * float32 ulp: {@code internal.Py.pow}/{@code Py.cos} use {@link StrictMath} (fdlibm), which
     * differs from the C library CPython calls, e.g. {@code StrictMath.pow(0.95, 20)} is {@code
     * 0.35848592240854193} where Python's {@code 0.95 ** 20} is {@code 0.3584859224085419}, and
     * {@code StrictMath.cos(0.9749770304244186)} is {@code 0.5611870653623823} where Python's
     * {@code math.cos} gives {@code 0.5611870653623824}. These cases fail once the library matches,
     * so that they get removed from this list.
     */
    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (String line : resource("cases.tsv").split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            assertEquals(4, f.length, "NAME<TAB>STEPS<TAB>OPTIONS<TAB>SPEC: " + line);
            List<String> args = new ArrayList<>(List.of(f[3], f[1]));
            if (!f[2].equals("-")) {
                args.addAll(Arrays.asList(f[2].split(" ")));
            }
            cases.add(Arguments.of(f[0], args));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void printsWhatTorchCurvePrints(String name, List<String> args) {
        String expected = resource(name + ".out");
        ToolRun run = ToolRun.args(args.toArray(new String[0]));

        assertEquals("", run.err(), "stderr");
        assertEquals(LrCurveTool.EXIT_OK, run.code(), "exit code");
        assertSameLines(name, expected, run.out());
    }

    private static void assertSameLines(String name, String expected, String actual) {
        String[] e = expected.split("\n", -1);
        String[] a = actual.split("\n", -1);
        for (int i = 0; i < Math.min(e.length, a.length); i++) {
            if (!e[i].equals(a[i])) {
                fail(name + ": line " + (i + 1) + " is " + a[i] + ", PyTorch printed " + e[i]);
            }
        }
        assertEquals(e.length, a.length, name + ": number of lines");
    }

    private static String resource(String name) {
        try (InputStream in = LrCurveToolCurvesTest.class.getResourceAsStream("/curves/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource curves/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
