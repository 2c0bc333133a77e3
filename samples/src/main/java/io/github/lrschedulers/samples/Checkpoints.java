package io.github.lrschedulers.samples;

import ai.djl.Model;
import ai.djl.training.DefaultTrainingConfig;
import io.github.lrschedulers.LrTracker;
import java.io.IOException;
import java.nio.file.Path;

/** Checkpoints of a sample run: the model's parameters and the schedule's state, for --resume. */
final class Checkpoints {

    private Checkpoints() {}

    /**
     * Where a resumed run continues.
     *
     * @param updates the optimizer updates done
     * @param epoch the epochs completed
     * @param batchInEpoch the batches done in the current epoch
     */
    record Resume(int updates, int epoch, int batchInEpoch) {
        /** A run from the start. */
        static final Resume NONE = new Resume(0, 0, 0);
    }

    static Resume restore(Model model, Path dir, String name, LrTracker tracker)
            throws IOException {
        throw new UnsupportedOperationException("--resume needs the library's CheckpointListener");
    }

    static void addListener(
            DefaultTrainingConfig config,
            LrTracker tracker,
            Path dir,
            String name,
            SampleArguments args) {
        // No checkpoints yet.
    }
}
