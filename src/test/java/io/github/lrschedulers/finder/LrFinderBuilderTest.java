package io.github.lrschedulers.finder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each bad setting fails at build with a message naming it, the rule and the value. */
class LrFinderBuilderTest {

    static Stream<Arguments> badSettings() {
        return Stream.of(
                bad(b -> b.optStartLr(0), "startLr must be > 0 and finite, but was 0.0"),
                bad(
                        b -> b.optStartLr(Double.POSITIVE_INFINITY),
                        "startLr must be > 0 and finite, but was inf"),
                bad(
                        b -> b.optEndLr(1e-8),
                        "endLr must be finite and > startLr (1e-07), but was 1e-08"),
                bad(
                        b -> b.optEndLr(Double.NaN),
                        "endLr must be finite and > startLr (1e-07), but was nan"),
                bad(b -> b.optNumIterations(1), "numIterations must be >= 2, but was 1"),
                bad(b -> b.optSmoothing(1), "smoothing must be >= 0 and < 1, but was 1.0"),
                bad(b -> b.optSmoothing(-0.1), "smoothing must be >= 0 and < 1, but was -0.1"),
                bad(b -> b.optDivergeThreshold(1), "divergeThreshold must be > 1, but was 1.0"),
                bad(
                        b -> b.optDivergeThreshold(Double.NaN),
                        "divergeThreshold must be > 1, but was nan"),
                bad(
                        b -> b.optGroupRatios(0.5, 1),
                        "groupRatios must start with 1 (group 0's own rate), but was [0.5, 1.0]"),
                bad(
                        b -> b.optGroupRatios(1, -2),
                        "groupRatios must be > 0 and finite, but was [1.0, -2.0]"));
    }

    private static Arguments bad(UnaryOperator<LrFinder.Builder> setting, String message) {
        return Arguments.of(setting, message);
    }

    @ParameterizedTest
    @MethodSource("badSettings")
    void rejects(UnaryOperator<LrFinder.Builder> setting, String message) {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> setting.apply(LrFinder.builder()).build());
        assertEquals(message, e.getMessage());
    }

    @Test
    void defaultsAreFastais() {
        assertEquals(
                "LrFinder{startLr=1e-07, endLr=10.0, numIterations=100, mode=EXPONENTIAL,"
                        + " smoothing=0.98, divergeThreshold=4.0, groupRatios=[1.0]}",
                LrFinder.builder().build().toString());
        LrFinder f = LrFinder.builder().optDivergeThreshold(Double.POSITIVE_INFINITY).build();
        assertEquals(1e-7, f.rate(0), 0.0);
        assertEquals(10.0, f.rate(99), 0.0);
    }
}
