package io.github.lrschedulers.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.lrschedulers.LrTracker;
import io.github.lrschedulers.PyTorchState;
import io.github.lrschedulers.userdefined.HalveEvery;
import io.github.lrschedulers.userdefined.LinearThenTenth;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints carry the schedule's state ({@code scheduler_state}), which a restore starts from
 * instead of replaying; the replay check stays available and agrees.
 */
class CheckpointStateTest {

    private static final String COSINE = "CosineAnnealingLR(T_max=5)";

    @TempDir Path dir;

    private Path json() {
        return dir.resolve("model-schedule.json");
    }

    private String save(String spec) throws Exception {
        CheckpointRuns.Setup s = new CheckpointRuns.Setup().spec(spec, false);
        s.dir = dir;
        s.saveEvery = 3;
        s.stopAfterUpdates = 7;
        CheckpointRuns.run(s);
        return Files.readString(json(), StandardCharsets.UTF_8);
    }

    /** Gives an edited state the digest of its content, as a forger would. */
    private static String forge(JsonObject o) {
        o.remove("sha256");
        o.addProperty(
                "sha256",
                CheckpointFiles.sha256Hex(
                        CheckpointFiles.canonical(o).getBytes(StandardCharsets.UTF_8)));
        return CheckpointFiles.canonical(o);
    }

    @Test
    void theStateRestoresAsTheReplayDoes() throws Exception {
        String text = save(COSINE);
        JsonObject o = JsonParser.parseString(text).getAsJsonObject();
        PyTorchState state = PyTorchState.fromJson(o.get("scheduler_state").getAsString());
        assertEquals(5, state.getSteps(), "the state of update 6, the last one done");
        LrTracker fast = CheckpointRuns.tracker(COSINE, false);
        LrTracker replayed = CheckpointRuns.tracker(COSINE, false);
        try (Model a = CheckpointRuns.model(1, 3);
                Model b = CheckpointRuns.model(1, 3)) {
            CheckpointListener.Restored at = CheckpointListener.restore(a, dir, "model", fast);
            assertEquals(at, CheckpointListener.restore(b, dir, "model", replayed, true));
            for (int n = 1; n < 40; n++) {
                assertEquals(
                        Double.doubleToLongBits(replayed.getLr(0, n)),
                        Double.doubleToLongBits(fast.getLr(0, n)),
                        "update " + n);
            }
        }
    }

    @Test
    void aForgedStateIsRefused() throws Exception {
        String text = save(COSINE);
        JsonObject o = JsonParser.parseString(text).getAsJsonObject();
        String state = o.get("scheduler_state").getAsString();
        o.addProperty("scheduler_state", state.replace("\"T_max\": 5", "\"T_max\": 6"));
        Files.writeString(json(), forge(o), StandardCharsets.UTF_8);
        try (Model model = CheckpointRuns.model(1, 3)) {
            IllegalStateException e =
                    assertThrows(
                            IllegalStateException.class,
                            () ->
                                    CheckpointListener.restore(
                                            model,
                                            dir,
                                            "model",
                                            CheckpointRuns.tracker(COSINE, false)));
            assertTrue(
                    e.getMessage().contains("scheduler_state is not a state of")
                            && e.getMessage().contains("scheduler.T_max must be 5"),
                    e.getMessage());
        }
        // A state of this configuration with another rate (CosineAnnealingLR goes on from it):
        // the saved rates give it away, and the replay check names it.
        String edited =
                state.replaceFirst(
                        "\"param_groups\": \\[\\{\"lr\": [^,]+",
                        "\"param_groups\": [{\"lr\": 0.01");
        assertNotEquals(state, edited);
        o.addProperty("scheduler_state", edited);
        Files.writeString(json(), forge(o), StandardCharsets.UTF_8);
        try (Model model = CheckpointRuns.model(1, 3)) {
            IllegalStateException e =
                    assertThrows(
                            IllegalStateException.class,
                            () ->
                                    CheckpointListener.restore(
                                            model,
                                            dir,
                                            "model",
                                            CheckpointRuns.tracker(COSINE, false)));
            assertTrue(
                    e.getMessage().contains("but the schedule recomputed from its configuration"),
                    e.getMessage());
            IllegalStateException replay =
                    assertThrows(
                            IllegalStateException.class,
                            () ->
                                    CheckpointListener.restore(
                                            model,
                                            dir,
                                            "model",
                                            CheckpointRuns.tracker(COSINE, false),
                                            true));
            assertTrue(
                    replay.getMessage().contains("the saved scheduler_state is")
                            && replay.getMessage().contains("replayed from update 1"),
                    replay.getMessage());
        }
    }

    @Test
    void aUserDefinedScheduleHasNoStateAndReplays() throws Exception {
        CheckpointRuns.Setup s =
                new CheckpointRuns.Setup()
                        .spec(
                                "SequentialLR(schedulers=[LinearThenTenth(epochs=5),"
                                        + " HalveEvery(period=3)], milestones=[6])",
                                false);
        s.dir = dir;
        s.schedules = List.of(LinearThenTenth.DEFINITION, HalveEvery.DEFINITION);
        s.saveEvery = 3;
        s.stopAfterUpdates = 7;
        CheckpointRuns.Result r = CheckpointRuns.run(s);
        assertFalse(r.tracker().hasPyTorchState());
        JsonObject o =
                JsonParser.parseString(Files.readString(json(), StandardCharsets.UTF_8))
                        .getAsJsonObject();
        assertFalse(o.has("scheduler_state"), "no state: a restore replays");
        assertTrue(o.has("rates"));
    }
}
