package io.github.lrschedulers.listener;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lrschedulers.ScheduleDefinition;
import io.github.lrschedulers.userdefined.HalveEvery;
import io.github.lrschedulers.userdefined.LinearThenTenth;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scheduler defined outside the library, inside a composition, through a real training run with
 * checkpoints: stopped after 7 updates and resumed from the checkpoint of update 6, it ends with
 * the very weights and rates of the uninterrupted run; a checkpoint of another configuration of it
 * is refused.
 */
class UserDefinedCheckpointTest {

    private static final List<ScheduleDefinition<?>> USER =
            List.of(LinearThenTenth.DEFINITION, HalveEvery.DEFINITION);
    private static final String SPEC =
            "SequentialLR(schedulers=[LinearThenTenth(epochs=5), HalveEvery(period=3)],"
                    + " milestones=[6])";

    @TempDir Path dir;

    private CheckpointRuns.Setup setup(String spec) {
        CheckpointRuns.Setup s = new CheckpointRuns.Setup().spec(spec, false);
        s.dir = dir;
        s.schedules = USER;
        s.saveEvery = 3;
        return s;
    }

    private void clear() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
    }

    @Test
    void aUserDefinedScheduleInACompositionResumesBitForBit() throws Exception {
        CheckpointRuns.Result straight = CheckpointRuns.run(setup(SPEC));
        clear();
        CheckpointRuns.Setup first = setup(SPEC);
        first.stopAfterUpdates = 7;
        CheckpointRuns.run(first);
        CheckpointRuns.Setup rest = setup(SPEC);
        rest.resume = true;
        CheckpointRuns.Result resumed = CheckpointRuns.run(rest);
        assertEquals(6, resumed.at().updates(), "resumed from the checkpoint of update 6");
        assertArrayEquals(straight.weights(), resumed.weights());
        int updates = first.epochs * CheckpointRuns.PER_EPOCH;
        for (int n = 1; n <= updates; n++) {
            assertEquals(
                    straight.tracker().getLr(0, n), resumed.tracker().getLr(0, n), "update " + n);
        }
        assertTrue(
                straight.tracker().getLr(0, updates) < straight.tracker().getLr(0, 1),
                "the user's schedule moved the rate");
    }

    @Test
    void aCheckpointOfAnotherConfigurationIsRefused() throws Exception {
        CheckpointRuns.Setup first = setup(SPEC);
        first.stopAfterUpdates = 7;
        CheckpointRuns.run(first);
        CheckpointRuns.Setup other = setup(SPEC.replace("epochs=5", "epochs=4"));
        other.resume = true;
        Exception e = assertThrows(Exception.class, () -> CheckpointRuns.run(other));
        assertTrue(e.getMessage().contains("LinearThenTenth(epochs=5)"), e.getMessage());
    }
}
