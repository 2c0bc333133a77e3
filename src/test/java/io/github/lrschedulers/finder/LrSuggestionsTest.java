package io.github.lrschedulers.finder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * The rules' arguments and edge cases, with answers derived by hand from the rules as their javadoc
 * states them (the curves of the references are in {@link LrSuggestionsGoldenTest}).
 */
class LrSuggestionsTest {

    @Test
    void badArgumentsAreRejectedWithTheValues() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> LrSuggestions.steep(new double[3], new double[2]));
        assertEquals("lrs and losses must have the same length, but had 3 and 2", e.getMessage());
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> LrSuggestions.steepest(new double[3], new double[3], -1, 1));
        assertEquals("skipBegin and skipEnd must be >= 0, but were -1, 1", e.getMessage());
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> LrSuggestions.slide(new double[30], 0, 0.005));
        assertEquals("lrDiff must be >= 1, but was 0", e.getMessage());
    }

    @Test
    void pythonsSlicesAndNegativeIndices() {
        double[] lrs = {1, 2, 3, 4, 5};
        double[] losses = {5, 4, 1, 0, 0};
        // [skip_begin : -0] is empty in Python: no suggestion.
        assertEquals(OptionalInt.empty(), LrSuggestions.steepest(lrs, losses, 0, 0));
        // Gradients on [0 : -1] = rows 0..3 with unit spacing: -1, -2, -2, -1: first smallest.
        assertEquals(OptionalInt.of(1), LrSuggestions.steepest(lrs, losses, 0, 1));
        // Two strictly decreasing rows: max_start = 1 - 2 = -1, sections 2/3, index -1 + 0 + 0,
        // Python's last row.
        assertEquals(OptionalInt.of(1), LrSuggestions.valley(new double[] {2, 1}));
        assertEquals(OptionalInt.empty(), LrSuggestions.valley(new double[0]));
        // No valley (increasing): max_start = max_end = 0.
        assertEquals(OptionalInt.of(0), LrSuggestions.valley(new double[] {1, 2, 3}));
    }

    @Test
    void fastaisWindowSkipsATenthOfTheIterationsAndTheLastFiveRowsAndStopsAtNaN() {
        double[] losses = new double[30];
        assertArrayEquals(new int[] {10, 25}, LrSuggestions.fastaiWindow(losses, 100));
        losses[20] = Double.NaN;
        assertArrayEquals(new int[] {10, 20}, LrSuggestions.fastaiWindow(losses, 100));
        assertArrayEquals(new int[] {4, 4}, LrSuggestions.fastaiWindow(new double[4], 40));
    }

    @Test
    void minimumIsATenthOfTheRateAndMarksTheMinimumItself() {
        int n = 40;
        double[] lrs = new double[n];
        double[] losses = new double[n];
        for (int i = 0; i < n; i++) {
            lrs[i] = 1e-4 * (i + 1);
            losses[i] = Math.abs(i - 20) + 1;
        }
        LrSuggestion m =
                LrFinderResult.of(lrs, losses, losses, n)
                        .getSuggestion(LrSuggestion.Method.MINIMUM)
                        .orElseThrow();
        assertEquals(20, m.getIndex());
        assertEquals(lrs[20] / 10, m.getLr(), 0.0);
        assertEquals(lrs[20], m.getMarkedLr(), 0.0);
        assertEquals(1.0, m.getMarkedLoss(), 0.0);
    }
}
