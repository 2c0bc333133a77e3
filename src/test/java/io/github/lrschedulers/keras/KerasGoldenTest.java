package io.github.lrschedulers.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.lrschedulers.ReadAtCounterGoldens;
import io.github.lrschedulers.ReadAtCounterGoldens.Case;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compares Keras 3's schedules with the float32 oracle (keras_schedules.py):
 * src/test/resources/golden/beyond/keras.jsonl, written by generate_keras.py. Row k of a golden is
 * update k + 1, which evaluates step k; a case with {@code grad_accum} N has at row k the step (k +
 * 1) N - 1, asked of a tracker as update (k + 1) N (steps above 2^24, where the float32 step
 * collapses). Every value must be the oracle's float32 bit for bit (0 ulp; NaN matches NaN); a
 * configuration the oracle rejects, at construction or at a step, must be rejected.
 */
class KerasGoldenTest {

    private static final String GOLDEN = "/golden/beyond/keras.jsonl";
    private static final AtomicLong VALUES = new AtomicLong();

    static List<Case> cases() {
        return ReadAtCounterGoldens.load(GOLDEN);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesTheOracle(Case c) {
        ReadAtCounterGoldens.assertMatches(c, VALUES);
    }

    @Test
    void everyScheduleOfTheFamilyHasGoldensAndRejections() {
        Set<String> names = new TreeSet<>();
        Set<String> rejected = new TreeSet<>();
        Set<String> far = new TreeSet<>();
        for (Case c : cases()) {
            String name = c.spec().substring(0, c.spec().indexOf('('));
            (c.error() == null ? names : rejected).add(name);
            if (c.gradAccum() > 1) {
                far.add(name);
            }
        }
        assertEquals(6, names.size(), names::toString);
        assertEquals(names, rejected);
        assertEquals(names, far);
    }

    @AfterAll
    static void report() {
        System.out.println(
                "KerasGoldenTest: " + VALUES.get() + " values, all 0 ulp (bit-identical)");
    }
}
