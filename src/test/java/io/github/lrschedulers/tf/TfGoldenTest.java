package io.github.lrschedulers.tf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * Compares the TF 1.x decays and the Object Detection API's schedules with the float32 oracle
 * (tf1_decays.py): src/test/resources/golden/beyond/tf1.jsonl, written by generate_tf1.py. Row k of
 * a golden is update k + 1, which evaluates global step k. Every value must be the oracle's float32
 * bit for bit (0 ulp; NaN matches NaN); a configuration the oracle rejects, at construction or at a
 * step, must be rejected.
 */
class TfGoldenTest {

    private static final String GOLDEN = "/golden/beyond/tf1.jsonl";
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
        for (Case c : cases()) {
            String name = c.spec().substring(0, c.spec().indexOf('('));
            (c.error() == null ? names : rejected).add(name);
        }
        assertEquals(11, names.size(), names::toString);
        assertTrue(rejected.size() >= 4, rejected::toString);
    }

    @AfterAll
    static void report() {
        System.out.println("TfGoldenTest: " + VALUES.get() + " values, all 0 ulp (bit-identical)");
    }
}
