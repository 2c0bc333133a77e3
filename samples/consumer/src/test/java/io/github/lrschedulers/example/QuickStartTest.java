package io.github.lrschedulers.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import io.github.lrschedulers.LrTracker;
import io.github.lrschedulers.Schedule;
import io.github.lrschedulers.spec.ScheduleSpec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Runs the quick start as a user would and checks what it prints: it trained, at the rates. */
class QuickStartTest {

    private static final Pattern REPORT =
            Pattern.compile(
                    "(.+): loss (\\S+) after epoch 1, (\\S+) after epoch (\\d+); lr (\\S+) at"
                            + " update (\\d+)");

    @Test
    void quickStartTrainsAtTheSchedulesRates() throws Exception {
        assertEquals("PyTorch", Engine.getInstance().getEngineName());
        String printed = runMain();
        List<Matcher> reports = new ArrayList<>();
        for (String line : printed.split("\\R")) {
            Matcher m = REPORT.matcher(line);
            if (m.matches()) {
                reports.add(m);
            }
        }
        assertEquals(2, reports.size(), printed);

        assertTrained(
                reports.get(0),
                "OneCycleLR, ScheduledSgd",
                fresh(ScheduleSpec.parse("OneCycleLR(max_lr=0.1, total_steps=48)"), Double.NaN));
        assertTrained(
                reports.get(1),
                "LinearLR then CosineAnnealingLR, ScheduledAdam",
                fresh(
                        ScheduleSpec.parse(
                                "SequentialLR(schedulers=[LinearLR(start_factor=0.1,"
                                        + " total_iters=8), CosineAnnealingLR(T_max=40)],"
                                        + " milestones=[8])"),
                        0.01));
    }

    /** A tracker of the schedule that no training touched. */
    private static LrTracker fresh(Schedule schedule, double baseLr) {
        LrTracker.Builder b = LrTracker.builder().setSchedule(schedule);
        if (!Double.isNaN(baseLr)) {
            b.optBaseLr(baseLr);
        }
        return b.build();
    }

    private static void assertTrained(Matcher report, String run, LrTracker expected) {
        assertEquals(run, report.group(1));
        double first = Double.parseDouble(report.group(2));
        double last = Double.parseDouble(report.group(3));
        assertEquals(QuickStart.EPOCHS, Integer.parseInt(report.group(4)), run);
        assertTrue(
                last < first, run + ": the loss must decrease, but went " + first + " -> " + last);
        int update = Integer.parseInt(report.group(6));
        assertEquals(QuickStart.UPDATES, update, run);
        // The last update's rate, as printed (Float.toString round-trips), is the schedule's.
        assertEquals(expected.getNewValue(update), Float.parseFloat(report.group(5)), run);
    }

    /** Runs QuickStart.main and returns what it printed on System.out, then prints it there. */
    private static String runMain() throws Exception {
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (PrintStream tee = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            System.setOut(tee);
            QuickStart.main(new String[0]);
        } finally {
            System.setOut(out);
        }
        String printed = captured.toString(StandardCharsets.UTF_8);
        out.print(printed);
        return printed;
    }
}
