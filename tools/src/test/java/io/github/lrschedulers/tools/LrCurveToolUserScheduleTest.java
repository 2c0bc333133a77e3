package io.github.lrschedulers.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lrschedulers.LrCurve;
import io.github.lrschedulers.Schedule;
import io.github.lrschedulers.ScheduleRegistry;
import io.github.lrschedulers.spec.PythonFloats;
import org.junit.jupiter.api.Test;

/**
 * A schedule of the user's own, found through a {@link io.github.lrschedulers.ScheduleProvider} on
 * the class path, is accepted by the lr-curve tool by its name, alone and inside a composition, and
 * prints the very values the schedule computes.
 */
class LrCurveToolUserScheduleTest {

    @Test
    void theRegistryFindsTheProvidersSchedule() {
        assertEquals(UserSchedules.CosineTo.DEFINITION, ScheduleRegistry.find("CosineTo"));
    }

    @Test
    void theToolPrintsTheCurveOfAScheduleFromAProvider() {
        ToolRun run = ToolRun.args("CosineTo(steps=6, floor=0.1)", "9", "--lr", "0.1,0.02");
        assertEquals(0, run.code(), run.err());
        Schedule s = UserSchedules.CosineTo.builder().setSteps(6).optFloor(0.1).build();
        LrCurve curve = LrCurve.compute(s, new double[] {0.1, 0.02}, 9, 1, new double[0], 0.9);
        StringBuilder want = new StringBuilder();
        for (int k = 0; k < 9; k++) {
            want.append(k)
                    .append(',')
                    .append(PythonFloats.repr(curve.getLr(k, 0)))
                    .append(',')
                    .append(PythonFloats.repr(curve.getLr(k, 1)))
                    .append('\n');
        }
        assertEquals(want.toString(), run.out().replace("\r\n", "\n"));
    }

    @Test
    void aProvidersScheduleComposesInASpec() {
        ToolRun run =
                ToolRun.args(
                        "SequentialLR(schedulers=[LinearLR(start_factor=0.5, total_iters=2),"
                                + " CosineTo(steps=4)], milestones=[2])",
                        "8");
        assertEquals(0, run.code(), run.err());
        assertEquals(8, run.out().strip().split("\n").length, run.out());
        assertTrue(run.out().startsWith("0,0.05\n"), run.out());
    }
}
