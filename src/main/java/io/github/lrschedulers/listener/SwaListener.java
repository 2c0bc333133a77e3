package io.github.lrschedulers.listener;

import ai.djl.nn.Block;
import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListenerAdapter;
import ai.djl.util.Preconditions;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stochastic Weight Averaging during training: averages the model's parameters into an {@link
 * AveragedParameters} at the end of every epoch from a start epoch, or every k updates from a start
 * update, as PyTorch's recipe calls {@code swa_model.update_parameters(model)}.
 *
 * <p>PyTorch's recipe, with SWALR as the schedule from {@code swa_start} on:
 *
 * <pre>{@code
 * for epoch in range(epochs):
 *     train_one_epoch()
 *     if epoch > swa_start:
 *         swa_model.update_parameters(model)
 *         swa_scheduler.step()
 * }</pre>
 *
 * <p>is this listener with {@code setStartEpoch(swa_start + 1)}: the end of every epoch whose
 * 0-based index is at least the start epoch averages. In update mode ({@link
 * Builder#setStartUpdate(int)}) the parameters after {@code u} optimizer updates are averaged for
 * every {@code u = start + j * every}; DJL reports a batch before its update, so the average after
 * update {@code u} is taken when batch {@code u + 1} is reported, or at the training end.
 *
 * <p>After training, {@link #getAverage()} swaps the averages in for evaluation or saving and back
 * out ({@link AveragedParameters#swapIn(Block)}, {@link AveragedParameters#updateBatchNorm}).
 *
 * <p><b>Resume.</b> With {@link Builder#optOutputDir(Path)} every average is saved to {@code
 * <name>-swa.state} (the count and the averages, written and forced to disk, then renamed over the
 * previous state atomically). After a {@link CheckpointListener#restore}, {@link #restore(Block,
 * CheckpointListener.Restored)} loads it and checks that it holds exactly the averages the restored
 * run had made (a state ahead of the checkpoint, or one missing an average the resumed run will not
 * redo, is refused with an {@link IllegalStateException}).
 *
 * <p>Order of use: build → {@link #restore} when resuming → training (averages at epoch ends or
 * batches) → {@link #getAverage()} → {@link #close()}. The counters are the run's progress, so they
 * are not reset at {@code onTrainingBegin}: use one instance per run. The listener may sit anywhere
 * in the listener list.
 */
public final class SwaListener extends TrainingListenerAdapter implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(SwaListener.class);

    private final boolean perEpoch;
    private final int start;
    private final int every;
    private final Path outputDir;
    private final String modelName;
    private final AveragedParameters average;
    private int epochsDone;
    private int updatesDone;
    private long lastPosition = -1;

    private SwaListener(Builder b) {
        this.perEpoch = b.startEpoch != null;
        this.start = perEpoch ? b.startEpoch : b.startUpdate;
        this.every = b.every;
        this.outputDir = b.outputDir;
        this.modelName = b.modelName;
        this.average =
                AveragedParameters.builder()
                        .optUseBuffers(b.useBuffers)
                        .optBatchNormMomentum(b.batchNormMomentum)
                        .build();
    }

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the averages.
     *
     * @return the averaged parameters, owned by this listener
     */
    public AveragedParameters getAverage() {
        return average;
    }

    /** {@inheritDoc} */
    @Override
    public void onTrainingBatch(Trainer trainer, BatchData batchData) {
        if (!perEpoch) {
            averageAt(updatesDone, trainer.getModel().getBlock());
        }
        updatesDone++;
    }

    /** {@inheritDoc} */
    @Override
    public void onEpoch(Trainer trainer) {
        epochsDone++;
        if (perEpoch) {
            averageAt(epochsDone, trainer.getModel().getBlock());
        }
    }

    /** {@inheritDoc} */
    @Override
    public void onTrainingEnd(Trainer trainer) {
        if (!perEpoch) {
            averageAt(updatesDone, trainer.getModel().getBlock());
        }
    }

    /**
     * Loads the saved averages of a restored run.
     *
     * @param block the model's block, already restored
     * @param resume what {@link CheckpointListener#restore} returned
     * @throws IllegalStateException if the saved averages are not those of the restored run
     */
    public void restore(Block block, CheckpointListener.Restored resume) {
        Objects.requireNonNull(outputDir, "restore needs optOutputDir");
        Path file = stateFile();
        long position = perEpoch ? resume.epoch() : resume.updates();
        long saved = -1;
        long count = 0;
        if (Files.exists(file)) {
            try {
                byte[] bytes =
                        CheckpointFiles.readBounded(file, Integer.MAX_VALUE - 16, "SWA state");
                DataInputStream is = new DataInputStream(new ByteArrayInputStream(bytes));
                saved = is.readLong();
                average.load(is, block, file.toString());
                count = average.getAveragedCount();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the SWA state " + file, e);
            }
        }
        // The resumed run redoes the average at its first batch (update mode), not the one at
        // the epoch end it resumes from.
        long redone = perEpoch ? position + 1 : position;
        String unit = perEpoch ? "epoch end" : "update";
        if (saved > position) {
            throw new IllegalStateException(
                    String.format(
                            "%s holds the average at %s %d, after the checkpoint's %d",
                            file, unit, saved, position));
        }
        if (count != countUpTo(saved)) {
            throw new IllegalStateException(
                    String.format(
                            "%s holds %d averages at %s %d, but the schedule has %d by then",
                            file, count, unit, saved, countUpTo(saved)));
        }
        long next = next(saved);
        if (next < redone) {
            throw new IllegalStateException(
                    String.format(
                            "%s misses the average at %s %d, which the run resumed at %s %d will"
                                    + " not redo",
                            file, unit, next, unit, position));
        }
        epochsDone = resume.epoch();
        updatesDone = resume.updates();
        lastPosition = saved;
    }

    /** Frees the averages. */
    @Override
    public void close() {
        average.close();
    }

    private void averageAt(long position, Block block) {
        if (position == lastPosition || !scheduled(position)) {
            return;
        }
        average.update(block);
        lastPosition = position;
        logger.debug(
                "SWA: average {} at {} {}",
                average.getAveragedCount(),
                perEpoch ? "epoch end" : "update",
                position);
        if (outputDir != null) {
            save(position);
        }
    }

    private boolean scheduled(long position) {
        if (perEpoch) {
            return position > start;
        }
        return position >= start && (position - start) % every == 0;
    }

    /** The averages the schedule makes at positions up to {@code position}. */
    private long countUpTo(long position) {
        if (perEpoch) {
            return Math.max(0, position - start);
        }
        return position < start ? 0 : (position - start) / every + 1;
    }

    /** The first scheduled position after {@code position}. */
    private long next(long position) {
        if (perEpoch) {
            return Math.max(position + 1, start + 1L);
        }
        if (position < start) {
            return start;
        }
        return start + ((position - start) / every + 1) * every;
    }

    private Path stateFile() {
        return outputDir.resolve(modelName + "-swa.state");
    }

    private void save(long position) {
        Path file = stateFile();
        Path tmp = outputDir.resolve(modelName + "-swa.state.tmp");
        try {
            Files.createDirectories(outputDir);
            CheckpointFiles.writeSynced(
                    tmp,
                    os -> {
                        os.writeLong(position);
                        average.save(os);
                    });
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException(
                        "the file system of " + outputDir + " cannot rename atomically", e);
            }
            CheckpointFiles.syncDirectory(outputDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the SWA state " + file, e);
        }
    }

    /** Builds {@link SwaListener}. */
    public static final class Builder {

        private Integer startEpoch;
        private Integer startUpdate;
        private int every = 1;
        private boolean useBuffers;
        private float batchNormMomentum = 0.9f;
        private Path outputDir;
        private String modelName = "model";

        private Builder() {}

        /**
         * Averages at the end of every epoch whose 0-based index is at least {@code epoch}:
         * PyTorch's {@code if epoch > swa_start} is {@code setStartEpoch(swa_start + 1)}.
         *
         * @param epoch the first epoch (0-based) whose end averages, at least 0
         * @return this builder
         */
        public Builder setStartEpoch(int epoch) {
            this.startEpoch = epoch;
            return this;
        }

        /**
         * Averages the parameters after {@code update} optimizer updates, then every {@link
         * #optEveryUpdates(int)} updates.
         *
         * @param update the updates done at the first average, at least 0
         * @return this builder
         */
        public Builder setStartUpdate(int update) {
            this.startUpdate = update;
            return this;
        }

        /**
         * Sets the updates between two averages in update mode. Default: 1.
         *
         * @param every the updates between averages, at least 1
         * @return this builder
         */
        public Builder optEveryUpdates(int every) {
            this.every = every;
            return this;
        }

        /**
         * Sets whether BatchNorm's running statistics are averaged too: {@link
         * AveragedParameters.Builder#optUseBuffers(boolean)}. Default: false.
         *
         * @param useBuffers PyTorch's {@code use_buffers}
         * @return this builder
         */
        public Builder optUseBuffers(boolean useBuffers) {
            this.useBuffers = useBuffers;
            return this;
        }

        /**
         * Sets the model's BatchNorm momentum: {@link
         * AveragedParameters.Builder#optBatchNormMomentum(float)}. Default: 0.9.
         *
         * @param momentum DJL's BatchNorm momentum, in [0, 1)
         * @return this builder
         */
        public Builder optBatchNormMomentum(float momentum) {
            this.batchNormMomentum = momentum;
            return this;
        }

        /**
         * Saves every average to {@code <dir>/<name>-swa.state}, for {@link #restore}. Default: not
         * saved.
         *
         * @param dir the folder, usually the {@link CheckpointListener}'s
         * @return this builder
         */
        public Builder optOutputDir(Path dir) {
            this.outputDir = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /**
         * Sets the name of the state file. Default: "model".
         *
         * @param name a file name stem
         * @return this builder
         */
        public Builder optModelName(String name) {
            this.modelName = CheckpointFiles.checkName("name", name);
            return this;
        }

        /**
         * Builds the listener.
         *
         * @return a new listener, with nothing averaged
         * @throws IllegalStateException unless exactly one of the start epoch and the start update
         *     is set, or if the updates between averages are set in epoch mode
         * @throws IllegalArgumentException if the start is negative, the updates between averages
         *     below 1 or the BatchNorm momentum outside [0, 1)
         */
        public SwaListener build() {
            if ((startEpoch == null) == (startUpdate == null)) {
                throw new IllegalStateException(
                        "set exactly one of setStartEpoch and setStartUpdate, but startEpoch was "
                                + startEpoch
                                + " and startUpdate "
                                + startUpdate);
            }
            if (startEpoch != null && every != 1) {
                throw new IllegalStateException(
                        "optEveryUpdates needs setStartUpdate, but setStartEpoch was set");
            }
            int first = startEpoch != null ? startEpoch : startUpdate;
            Preconditions.checkArgument(
                    first >= 0,
                    (startEpoch != null ? "startEpoch" : "startUpdate")
                            + " must be >= 0, but was "
                            + first);
            Preconditions.checkArgument(every >= 1, "every must be >= 1, but was " + every);
            return new SwaListener(this);
        }
    }
}
