package io.github.lrschedulers.listener;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crash at any point of a save leaves the previous checkpoint or the new one, restorable and
 * complete: the run resumed from it ends with the uninterrupted run's parameters and rates.
 */
class CheckpointCrashTest {

    /** The save in which the crash happens: the third, after update 6 (epoch 2, batch 2). */
    private static final int CRASHING_SAVE = 3;

    private static final CheckpointListener.Restored PREVIOUS =
            new CheckpointListener.Restored(4, 1, 0);
    private static final CheckpointListener.Restored NEW = new CheckpointListener.Restored(6, 1, 2);

    @TempDir Path dir;

    /** The process dies here: nothing of it runs any more. */
    private static final class SimulatedCrash extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SimulatedCrash(String point) {
            super("crash at " + point);
        }
    }

    /** Records the points of each save; crashes at one of them and at every later one. */
    private static final class Points implements CheckpointListener.WritePoint {
        final List<List<String>> saves = new ArrayList<>();
        final int crashSave;
        final int crashPoint;
        boolean dead;

        Points(int crashSave, int crashPoint) {
            this.crashSave = crashSave;
            this.crashPoint = crashPoint;
        }

        @Override
        public void reached(String point) {
            if (dead) {
                throw new SimulatedCrash(point + " (after the crash)");
            }
            if (point.equals("begin")) {
                saves.add(new ArrayList<>());
            }
            List<String> now = saves.get(saves.size() - 1);
            now.add(point);
            if (saves.size() == crashSave && now.size() - 1 == crashPoint) {
                dead = true;
                throw new SimulatedCrash(point);
            }
        }
    }

    private CheckpointRuns.Setup setup(Points points) {
        CheckpointRuns.Setup s = new CheckpointRuns.Setup();
        s.dir = dir;
        s.saveEvery = 3;
        s.configure = c -> c.onWritePoint(points);
        return s;
    }

    private void clear() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.delete(p);
            }
        }
    }

    @Test
    void aCrashAtAnyPointOfASaveLeavesThePreviousOrTheNewCheckpoint() throws Exception {
        Points reference = new Points(-1, -1);
        CheckpointRuns.Result straight = CheckpointRuns.run(setup(reference));
        List<String> points = reference.saves.get(CRASHING_SAVE - 1);
        assertTrue(points.contains("switched") && points.size() >= 8, points.toString());
        int switched = points.indexOf("switched");
        for (int p = 0; p < points.size(); p++) {
            clear();
            Points crash = new Points(CRASHING_SAVE, p);
            SimulatedCrash e =
                    assertThrows(SimulatedCrash.class, () -> CheckpointRuns.run(setup(crash)));
            assertEquals("crash at " + points.get(p), e.getMessage());

            CheckpointRuns.Setup resume = setup(new Points(-1, -1));
            resume.resume = true;
            CheckpointRuns.Result resumed = CheckpointRuns.run(resume);
            String what = "a crash at \"" + points.get(p) + "\"";
            assertEquals(p < switched ? PREVIOUS : NEW, resumed.at(), what);
            assertArrayEquals(straight.weights(), resumed.weights(), what);
            for (int n = 1; n <= 16; n++) {
                assertEquals(straight.tracker().getLr(0, n), resumed.tracker().getLr(0, n), what);
            }
            try (Stream<Path> files = Files.list(dir)) {
                List<String> left = files.map(f -> f.getFileName().toString()).sorted().toList();
                assertEquals(3, left.size(), what + ": files left " + left);
                String gen = left.get(1).replaceAll("model\\.([0-9]+)\\.optimizer", "$1");
                assertEquals(
                        List.of(
                                "model-schedule.json",
                                "model." + gen + ".optimizer",
                                "model." + gen + ".params"),
                        left,
                        what + ": the resumed run's last save kept its generation alone");
            }
        }
    }
}
