package io.github.lrschedulers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lrschedulers.spec.PyLambda;
import io.github.lrschedulers.spec.ScheduleSpec;
import io.github.lrschedulers.spec.SpecParseException;
import io.github.lrschedulers.spec.SpecParser;
import org.junit.jupiter.api.Test;

/**
 * One nesting limit, {@link Schedule#MAX_NESTING}, for the builders and the spec parser: every
 * schedule the builders allow runs, hashes, prints and parses back to an equal schedule; one level
 * more is rejected by both with the limit and the depth; a 5,000-deep attempt fails the same way,
 * never with a StackOverflowError.
 */
class NestingLimitTest {

    /** As deep as a lambda may be: 'lambda', 62 unary minuses and '**' take 64 levels. */
    private static final PyLambda DEEPEST_LAMBDA =
            PyLambda.parse("lambda e: " + "-".repeat(SpecParser.MAX_DEPTH - 2) + "0.5 ** e");

    /**
     * Leaves whose printed specs nest brackets deepest: a list holding a negative number, a float
     * call, and a lambda that is itself as deep as a lambda may be.
     */
    private static Schedule[] deepestLeaves() {
        return new Schedule[] {
            MultiStepLr.builder().setMilestones(-1, 3).optGamma(0.5).build(),
            CosineAnnealingLr.builder().setTMax(4).optEtaMin(Double.NEGATIVE_INFINITY).build(),
            LambdaLr.builder().setLrLambdas(DEEPEST_LAMBDA, DEEPEST_LAMBDA).build(),
            LambdaLr.builder().setLrLambda(DEEPEST_LAMBDA).build(),
            ExponentialLr.builder().setGamma(Double.NaN).build(),
        };
    }

    /** Wraps a schedule {@code levels} times, alternating SequentialLR and ChainedScheduler. */
    private static Schedule nest(Schedule leaf, int levels) {
        Schedule s = leaf;
        for (int i = 0; i < levels; i++) {
            s =
                    i % 2 == 0
                            ? SequentialLr.builder()
                                    .setSchedulers(StepLr.builder().setStepSize(2).build(), s)
                                    .setMilestones(-2)
                                    .build()
                            : ChainedScheduler.builder()
                                    .setSchedulers(s, ExponentialLr.builder().setGamma(0.9).build())
                                    .build();
        }
        return s;
    }

    @Test
    void everyScheduleAtTheLimitRunsAndParsesBack() {
        for (Schedule leaf : deepestLeaves()) {
            Schedule deepest = nest(leaf, Schedule.MAX_NESTING - 1);
            assertEquals(Schedule.MAX_NESTING, deepest.nesting());
            String printed = deepest.toString();
            Schedule back = ScheduleSpec.parse(printed);
            assertEquals(deepest, back, printed);
            assertEquals(deepest.hashCode(), back.hashCode());
            assertEquals(printed, back.toString());
            int groups = leaf.getArguments().get("lr_lambda") instanceof java.util.List ? 2 : 1;
            double[] lrs = groups == 2 ? new double[] {0.1, 0.2} : new double[] {0.1};
            LrTracker tracker = LrTracker.builder().setSchedule(deepest).optBaseLrs(lrs).build();
            try {
                tracker.getNewValue(5);
            } catch (IllegalArgumentException | IllegalStateException e) {
                // a step PyTorch rejects (e.g. a restarted child without get_lr): a clear error
                assertTrue(e.getMessage().contains("PyTorch"), e.getMessage());
            }
        }
    }

    /**
     * A lambda nests no deeper printed than parsed, even where printing adds brackets (a negative
     * {@code float('...')} constant prints as {@code -x}, parenthesized as a power's base): at and
     * around the parser's depth limit, whatever parses prints a spec that parses back.
     */
    @Test
    void everyLambdaThatParsesPrintsASpecThatParsesBack() {
        String[] bodies = {
            "float('-inf') ** e", "float('-2') ** e", "float('-0.0') + e", "float('-1.5')", "e"
        };
        int parsed = 0;
        for (String body : bodies) {
            for (int minuses = SpecParser.MAX_DEPTH - 6;
                    minuses <= SpecParser.MAX_DEPTH;
                    minuses++) {
                String source = "lambda e: " + "-".repeat(minuses) + body;
                PyLambda l;
                try {
                    l = PyLambda.parse(source);
                } catch (SpecParseException e) {
                    assertTrue(e.getMessage().startsWith("nesting deeper than"), e.getMessage());
                    continue;
                }
                parsed++;
                assertEquals(l, PyLambda.parse(l.toString()), source);
                Schedule deep = nest(LambdaLr.builder().setLrLambda(l).build(), 15);
                assertEquals(deep, ScheduleSpec.parse(deep.toString()), source);
            }
        }
        assertTrue(parsed >= 15, "lambdas parsed: " + parsed);
    }

    @Test
    void buildersRejectOneLevelMoreWithTheLimitAndTheDepth() {
        Schedule atLimit = nest(StepLr.builder().setStepSize(3).build(), Schedule.MAX_NESTING - 1);
        IllegalArgumentException sequential =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                SequentialLr.builder()
                                        .setSchedulers(atLimit, atLimit)
                                        .setMilestones(3)
                                        .build());
        assertEquals(
                "SequentialLR schedulers must nest at most 16 levels deep (Schedule.MAX_NESTING),"
                        + " but this SequentialLR would nest 17 levels deep",
                sequential.getMessage());
        IllegalArgumentException chained =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> ChainedScheduler.builder().setSchedulers(atLimit).build());
        assertEquals(
                "ChainedScheduler schedulers must nest at most 16 levels deep"
                        + " (Schedule.MAX_NESTING), but this ChainedScheduler would nest 17 levels"
                        + " deep",
                chained.getMessage());
    }

    @Test
    void fiveThousandLevelsFailAtTheLimitNotWithAStackOverflow() {
        Schedule s = StepLr.builder().setStepSize(3).build();
        int built = 1;
        IllegalArgumentException e = null;
        for (int i = 0; i < 5000 && e == null; i++) {
            try {
                s = SequentialLr.builder().setSchedulers(s).setMilestones().build();
                built++;
            } catch (IllegalArgumentException x) {
                e = x;
            }
        }
        assertEquals(Schedule.MAX_NESTING, built);
        assertTrue(e.getMessage().contains("would nest 17 levels deep"), e.getMessage());
        // 4,000 levels: as deep as the spec length limit allows
        String spec = "SequentialLR([".repeat(4000) + "StepLR(3)" + "], [])".repeat(4000);
        SpecParseException p = assertThrows(SpecParseException.class, () -> SpecParser.parse(spec));
        assertEquals(14 * Schedule.MAX_NESTING, p.getPosition());
    }

    @Test
    void parserRejectsOneLevelMoreWithTheLimitAndTheDepth() {
        int levels = Schedule.MAX_NESTING;
        String atLimit =
                "SequentialLR([".repeat(levels - 1) + "StepLR(3)" + "], [])".repeat(levels - 1);
        assertEquals(nest(levels - 1), ScheduleSpec.parse(atLimit));
        String over = "SequentialLR([".repeat(levels) + "StepLR(3)" + "], [])".repeat(levels);
        SpecParseException e =
                assertThrows(SpecParseException.class, () -> ScheduleSpec.parse(over));
        int position = 14 * levels;
        assertEquals(position, e.getPosition());
        String message =
                "schedules must nest at most 16 levels deep (Schedule.MAX_NESTING), but this call"
                        + " is at level 17 at index "
                        + position
                        + " in \"SequentialLR([";
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }

    /** StepLR(3) in {@code levels} SequentialLRs without milestones. */
    private static Schedule nest(int levels) {
        Schedule s = StepLr.builder().setStepSize(3).build();
        for (int i = 0; i < levels; i++) {
            s = SequentialLr.builder().setSchedulers(s).setMilestones().build();
        }
        return s;
    }
}
