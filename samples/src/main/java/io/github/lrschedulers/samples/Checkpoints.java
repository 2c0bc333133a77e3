package io.github.lrschedulers.samples;

import ai.djl.Model;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.optimizer.Optimizer;
import io.github.lrschedulers.LrTracker;
import io.github.lrschedulers.listener.CheckpointListener;
import io.github.lrschedulers.optimizer.OptimizerState;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Checkpoints of a sample run, through the library's {@link CheckpointListener}: the model's
 * parameters, the schedule's state and the optimizer's state, saved at each epoch end (and every
 * {@code --checkpoint-every} updates) into the output directory, and restored by {@code --resume}.
 */
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

    /**
     * Loads the checkpoint of the output directory into the model and the new tracker.
     *
     * @throws IOException if there is no checkpoint, or it cannot be read
     */
    static Resume restore(Model model, Path dir, String name, LrTracker tracker)
            throws IOException {
        if (!CheckpointListener.exists(dir, name)) {
            throw new IOException(
                    "--resume: no checkpoint "
                            + name
                            + " in "
                            + dir.toAbsolutePath()
                            + "; train without --resume first (with the same --output-dir)");
        }
        CheckpointListener.Restored r = CheckpointListener.restore(model, dir, name, tracker);
        return new Resume(r.updates(), r.epoch(), r.batchInEpoch());
    }

    /** Loads the optimizer's state of a resumed run. */
    static void restoreOptimizer(Model model, Path dir, String name, Optimizer optimizer)
            throws IOException {
        CheckpointListener.restoreOptimizer(model, dir, name, (OptimizerState) optimizer);
    }

    /** Adds the listener that writes the checkpoints. */
    static void addListener(
            DefaultTrainingConfig config,
            LrTracker tracker,
            Optimizer optimizer,
            Path dir,
            String name,
            SampleArguments args,
            Resume resume) {
        CheckpointListener listener =
                CheckpointListener.builder()
                        .setTracker(tracker)
                        .setOutputDir(dir)
                        .optModelName(name)
                        .optOptimizer((OptimizerState) optimizer)
                        .optSaveEveryUpdates(args.getCheckpointEvery())
                        .build();
        if (resume.updates() > 0 || resume.epoch() > 0) {
            listener.continueFrom(
                    new CheckpointListener.Restored(
                            resume.updates(), resume.epoch(), resume.batchInEpoch()));
        }
        config.addTrainingListeners(listener);
    }
}
