package io.github.lrschedulers.listener;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListenerAdapter;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.lrschedulers.LrTracker;
import io.github.lrschedulers.PyTorchState;
import io.github.lrschedulers.internal.PyRepr;
import io.github.lrschedulers.optimizer.OptimizerState;
import io.github.lrschedulers.spec.PythonFloats;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saves the model's parameters, the optimizer's state and the schedule's state together, so that a
 * resumed run continues on the same learning-rate curve, bit for bit.
 *
 * <p>DJL saves no optimizer or tracker state. At each epoch end (and every N updates if asked) this
 * listener writes one checkpoint into the output folder:
 *
 * <ul>
 *   <li>{@code <name>.<g>.params}: the block's parameters, generation {@code g};
 *   <li>{@code <name>.<g>.optimizer}: the optimizer's state (SGD's momentum buffers, Adam's
 *       moments), when the optimizer is an {@link OptimizerState} given to {@link
 *       Builder#optOptimizer(OptimizerState)};
 *   <li>{@code <name>-schedule.json} ({@value #FORMAT}): the schedule's spec, base rates and
 *       stepping, the updates done (counted from the training batches, one optimizer step each, as
 *       {@code EasyTrain} does; never the tracker's latest update, which a preview moves), the
 *       epochs done and the batches done in the current epoch, the metrics reported to
 *       ReduceLROnPlateau, the epoch ends, the rates, momentums and scheduler state of the last and
 *       the next update, the schedule's state at the first of these ({@code scheduler_state},
 *       {@link LrTracker#getPyTorchState(int)}; none for user-defined schedules), each parameter's
 *       name and shape, the generation, the name, size and SHA-256 of the other files, and the
 *       SHA-256 of its own canonical content.
 * </ul>
 *
 * <p><b>Crashes.</b> A save writes and forces the new generation's files to the disk, then switches
 * to them by atomically renaming a new state file over the old one, then deletes the older
 * generations: a crash at any point leaves the previous checkpoint or the new one, complete.
 *
 * <p><b>Restore.</b> {@link #restore(Model, Path, String, LrTracker)} loads a checkpoint into a new
 * model and a new tracker built with the same configuration, which starts from the saved schedule
 * state instead of replaying from update 1 ({@link #restore(Model, Path, String, LrTracker,
 * boolean)} keeps the full replay check). Every field is checked against what it must be (the
 * tracker's configuration, counts that agree with each other, the rates and scheduler state
 * recomputed at the saved update, each parameter's shape in the model, the other files' sizes and
 * digests), and the state file's digest covers the rest: an edited, truncated, foreign or
 * mismatched checkpoint fails with a message naming the file and both values, never a silent
 * restart. Files are read only if they are regular files (a link to a device is refused) of bounded
 * size. Pass the returned update count to the optimizer's {@code optBeginNumUpdate}, then restore
 * its state with {@link #restoreOptimizer(Model, Path, String, OptimizerState)}.
 *
 * <p><b>Listener order.</b> The listener may sit anywhere in the listener list. An epoch-end
 * checkpoint must hold that epoch's metric and end: if the {@link LrScheduleListener} of the same
 * tracker has not run its {@code onEpoch} yet, this listener has it record them first (it then
 * skips its own {@code onEpoch}). A tracker driven by other code that reports after the epoch's
 * listeners gets its checkpoint at the next training batch (the same state) or at the training end.
 * A checkpoint that would not resume the run (the tracker saw fewer updates than the batches
 * trained, or its epoch records disagree with the epochs done) is refused with an {@link
 * IllegalStateException}, never written.
 *
 * <p>Order of use: build → {@link #continueFrom(Restored)} when resuming → {@code onTrainingBegin}
 * (refuses a tracker whose metrics or epoch ends disagree with the epochs done, such as a restored
 * one without {@code continueFrom}) → batches ({@code onTrainingBatch} counts them, and saves after
 * every N-th update) → {@code onEpoch} (saves) → … . The counters are the run's progress, so they
 * are not reset at {@code onTrainingBegin}: use one instance per run.
 */
public final class CheckpointListener extends TrainingListenerAdapter {

    /** The format name written into every state file. */
    public static final String FORMAT = "djl-lr-schedulers-state/2";

    private static final Logger logger = LoggerFactory.getLogger(CheckpointListener.class);

    private static final String[] REQUIRED = {
        "format",
        "schedule",
        "base_lrs",
        "steps_per_epoch",
        "step_at_epoch_ends",
        "updates",
        "epochs_done",
        "batches_in_epoch",
        "metrics",
        "epoch_ends",
        "rates",
        "generation",
        "parameters",
        "params_file",
        "params_bytes",
        "params_sha256",
        "sha256"
    };
    private static final String[] OPTIMIZER = {
        "optimizer_file", "optimizer_bytes", "optimizer_sha256"
    };

    private final LrTracker tracker;
    private final Path outputDir;
    private final String modelName;
    private final int saveEveryUpdates;
    private final OptimizerState optimizer;
    private int epochsDone;
    private int batchesInEpoch;
    private int updatesDone;
    private int savedUpdates = -1;
    private int savedEpochs = -1;
    private boolean pending;
    private long generation;
    private WritePoint writePoint = point -> {};

    private CheckpointListener(Builder b) {
        this.tracker = b.tracker;
        this.outputDir = b.outputDir;
        this.modelName = b.modelName;
        this.saveEveryUpdates = b.saveEveryUpdates;
        this.optimizer = b.optimizer;
    }

    /** A point of a save, where tests inject a crash. */
    interface WritePoint {
        void reached(String point) throws IOException;
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
     * Continues the counts of a restored run.
     *
     * @param restored what {@link #restore(Model, Path, String, LrTracker)} returned
     */
    public void continueFrom(Restored restored) {
        this.epochsDone = restored.epoch();
        this.batchesInEpoch = restored.batchInEpoch();
        this.updatesDone = restored.updates();
        this.savedUpdates = restored.updates();
        this.savedEpochs = restored.epoch();
    }

    /** Sets the hook called at each point of a save (tests inject crashes there). */
    void onWritePoint(WritePoint hook) {
        this.writePoint = Objects.requireNonNull(hook, "hook");
    }

    /** The tracker whose state this listener saves. */
    LrTracker tracker() {
        return tracker;
    }

    /** The optimizer updates done so far in the run, counted from the training batches. */
    int updatesDone() {
        return updatesDone;
    }

    /** {@inheritDoc} */
    @Override
    public void onTrainingBatch(Trainer trainer, BatchData batchData) {
        // DJL notifies a batch after its forward and backward pass but before trainer.step(): the
        // parameters are those after the updates done so far, the state to checkpoint mid-epoch.
        if (pending) {
            savePending(trainer.getModel());
        }
        int done = updatesDone;
        if (saveEveryUpdates > 0
                && done > 0
                && done % saveEveryUpdates == 0
                && !(done == savedUpdates && epochsDone == savedEpochs)) {
            save(trainer.getModel());
        }
        batchesInEpoch++;
        updatesDone++;
    }

    /** {@inheritDoc} */
    @Override
    public void onEpoch(Trainer trainer) {
        epochsDone++;
        batchesInEpoch = 0;
        if (recordsBehind()) {
            // The LrScheduleListener of this tracker sits after this one: have it record the
            // epoch's metric and end now, so that the checkpoint holds them.
            int done = updatesDone;
            trainer.notifyListeners(
                    l -> {
                        if (l instanceof LrScheduleListener s && s.getTracker() == tracker) {
                            s.recordEarly(done);
                        }
                    });
        }
        if (recordsBehind()) {
            pending = true;
            logger.debug(
                    "Epoch {} ended before its metric or end was reported: checkpoint deferred",
                    epochsDone);
            return;
        }
        save(trainer.getModel());
    }

    /** {@inheritDoc} */
    @Override
    public void onTrainingEnd(Trainer trainer) {
        if (pending) {
            savePending(trainer.getModel());
        }
    }

    private void savePending(Model model) {
        pending = false;
        save(model);
    }

    private boolean recordsBehind() {
        return tracker.usesMetrics() && tracker.getMetricCount() < epochsDone
                || tracker.stepsAtEpochEnds() && tracker.getEpochEnds().length < epochsDone;
    }

    /** {@inheritDoc} */
    @Override
    public void onTrainingBegin(Trainer trainer) {
        String bad = recordsDisagree();
        if (bad != null) {
            throw new IllegalStateException("refusing to checkpoint this run: " + bad);
        }
    }

    /** Why the tracker's epoch records disagree with the epochs done, or null. */
    private String recordsDisagree() {
        if (tracker.usesMetrics() && tracker.getMetricCount() != epochsDone) {
            return String.format(
                    "%d epochs are done, but %d metrics were reported to the tracker (add an"
                            + " LrScheduleListener of this tracker, or call continueFrom after a"
                            + " restore)",
                    epochsDone, tracker.getMetricCount());
        }
        if (tracker.stepsAtEpochEnds() && tracker.getEpochEnds().length != epochsDone) {
            return String.format(
                    "%d epochs are done, but the tracker recorded %d epoch ends (add an"
                            + " LrScheduleListener of this tracker, or call continueFrom after a"
                            + " restore)",
                    epochsDone, tracker.getEpochEnds().length);
        }
        return null;
    }

    /** Why a checkpoint of the current state would not resume the run, or null. */
    private String inconsistency() {
        String bad = recordsDisagree();
        if (bad != null) {
            return bad;
        }
        int ended = updatesDone - batchesInEpoch;
        if (tracker.stepsAtEpochEnds()) {
            int[] ends = tracker.getEpochEnds();
            if (ends.length > 0 && ends[ends.length - 1] != ended) {
                return String.format(
                        "epoch %d ended after update %d, but the tracker recorded its end after"
                                + " update %d",
                        epochsDone, ended, ends[ends.length - 1]);
            }
        }
        if (tracker.getLatestUpdate() < updatesDone) {
            return String.format(
                    "%d updates were done (one per training batch), but the optimizer asked the"
                            + " tracker for update %d at most: give the trainer's optimizer this"
                            + " tracker, step once per batch, and call continueFrom after a"
                            + " restore",
                    updatesDone, tracker.getLatestUpdate());
        }
        return null;
    }

    /** Saves the parameters and the state of the updates done as a new generation. */
    private void save(Model model) {
        String bad = inconsistency();
        if (bad != null) {
            throw new IllegalStateException(
                    "refusing to write a checkpoint that would not resume this run: " + bad);
        }
        Path json = stateFile(outputDir, modelName);
        try {
            writePoint.reached("begin");
            Files.createDirectories(outputDir);
            long gen = nextGeneration();
            String paramsName = modelName + "." + gen + ".params";
            CheckpointFiles.Written params =
                    CheckpointFiles.writeSynced(
                            outputDir.resolve(paramsName),
                            os -> model.getBlock().saveParameters(os));
            writePoint.reached("params written");
            JsonObject state = state(tracker, updatesDone, epochsDone, batchesInEpoch);
            state.addProperty("generation", gen);
            state.add("parameters", shapes(model));
            state.addProperty("params_file", paramsName);
            state.addProperty("params_bytes", params.bytes());
            state.addProperty("params_sha256", params.sha256());
            if (optimizer != null) {
                String optimizerName = modelName + "." + gen + ".optimizer";
                Map<String, String> names = namesById(model);
                CheckpointFiles.Written o =
                        CheckpointFiles.writeSynced(
                                outputDir.resolve(optimizerName),
                                os -> optimizer.saveState(os, names));
                writePoint.reached("optimizer written");
                state.addProperty("optimizer_file", optimizerName);
                state.addProperty("optimizer_bytes", o.bytes());
                state.addProperty("optimizer_sha256", o.sha256());
            }
            state.addProperty("sha256", CheckpointFiles.sha256Hex(canonicalBytes(state)));
            byte[] text = CheckpointFiles.print(state);
            Path tmp = outputDir.resolve(modelName + "-schedule.json." + gen + ".tmp");
            CheckpointFiles.writeSynced(tmp, os -> os.write(text));
            writePoint.reached("state written");
            CheckpointFiles.syncDirectory(outputDir);
            writePoint.reached("files synced");
            try {
                Files.move(tmp, json, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException(
                        "the file system of " + outputDir + " cannot rename atomically", e);
            }
            writePoint.reached("switched");
            CheckpointFiles.syncDirectory(outputDir);
            writePoint.reached("switch synced");
            generation = gen;
            deleteOtherGenerations(gen);
            savedUpdates = updatesDone;
            savedEpochs = epochsDone;
            if (batchesInEpoch == 0 && epochsDone > 0) {
                logger.info(
                        "Checkpoint at the end of epoch {} (update {}): {}",
                        epochsDone,
                        updatesDone,
                        json);
            } else {
                logger.info(
                        "Checkpoint after update {} (epoch {}, batch {}): {}",
                        updatesDone,
                        epochsDone + 1,
                        batchesInEpoch,
                        json);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the checkpoint " + json, e);
        }
    }

    private Pattern generationFiles() {
        return Pattern.compile(
                Pattern.quote(modelName)
                        + "\\.([0-9]{1,15})\\.(?:params|optimizer)|"
                        + Pattern.quote(modelName + "-schedule.json.")
                        + "([0-9]{1,15})\\.tmp");
    }

    /** The next generation: above every generation in the folder and the state file's. */
    private long nextGeneration() throws IOException {
        long max = generation;
        Pattern p = generationFiles();
        try (Stream<Path> files = Files.list(outputDir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Matcher m = p.matcher(f.getFileName().toString());
                if (m.matches()) {
                    max = Math.max(max, Long.parseLong(m.group(m.group(1) != null ? 1 : 2)));
                }
            }
        }
        try {
            JsonObject o = readState(stateFile(outputDir, modelName));
            JsonElement g = o.get("generation");
            if (g != null && g.isJsonPrimitive() && g.getAsJsonPrimitive().isNumber()) {
                max = Math.max(max, g.getAsLong());
            }
        } catch (IOException | RuntimeException e) {
            // no state file yet, or one this save replaces
        }
        return max + 1;
    }

    /** Deletes the files of every generation but the given one, after the switch to it. */
    private void deleteOtherGenerations(long gen) throws IOException {
        Pattern p = generationFiles();
        List<Path> old = new ArrayList<>();
        try (Stream<Path> files = Files.list(outputDir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Matcher m = p.matcher(f.getFileName().toString());
                if (m.matches() && Long.parseLong(m.group(m.group(1) != null ? 1 : 2)) != gen) {
                    old.add(f);
                }
            }
        }
        for (Path f : old) {
            Files.deleteIfExists(f);
            writePoint.reached("deleted " + f.getFileName());
        }
    }

    private static JsonArray shapes(Model model) {
        JsonArray a = new JsonArray();
        for (var p : model.getBlock().getParameters()) {
            JsonObject o = new JsonObject();
            o.addProperty("name", p.getKey());
            JsonArray dims = new JsonArray();
            for (long d : p.getValue().getArray().getShape().getShape()) {
                dims.add(d);
            }
            o.add("shape", dims);
            a.add(o);
        }
        return a;
    }

    private static byte[] canonicalBytes(JsonObject state) {
        JsonObject copy = state.deepCopy();
        copy.remove("sha256");
        return CheckpointFiles.canonical(copy).getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, String> namesById(Model model) {
        Map<String, String> names = new TreeMap<>();
        for (var p : model.getBlock().getParameters()) {
            names.put(p.getValue().getId(), p.getKey());
        }
        return names;
    }

    /**
     * Restores the optimizer's state saved with a checkpoint, after {@link #restore(Model, Path,
     * String, LrTracker)} and before training goes on.
     *
     * @param model the restored model
     * @param dir the folder of the checkpoint
     * @param name the model name the checkpoint was saved under
     * @param optimizer the new optimizer, built with {@code optBeginNumUpdate(restored.updates())}
     * @throws IOException if the files cannot be read
     * @throws IllegalArgumentException if the name is not a plain file name
     * @throws IllegalStateException if no optimizer state was saved, or it does not match
     */
    public static void restoreOptimizer(
            Model model, Path dir, String name, OptimizerState optimizer) throws IOException {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(optimizer, "optimizer");
        CheckpointFiles.checkName("name", name);
        Path json = stateFile(dir, name);
        Fields f = new Fields(json, readState(json));
        f.checkKeys();
        f.checkDigest();
        if (!f.o.has("optimizer_file")) {
            throw new IllegalStateException(
                    json + " has no optimizer state: the run was saved without optOptimizer");
        }
        long gen = f.integer("generation", 1, Long.MAX_VALUE);
        Path file = dir.resolve(f.fileName("optimizer_file", name + "." + gen + ".optimizer"));
        long bytes = f.checkFile(file, "optimizer");
        Map<String, String> ids = new TreeMap<>();
        for (Map.Entry<String, String> e : namesById(model).entrySet()) {
            ids.put(e.getValue(), e.getKey());
        }
        try (DataInputStream is =
                new DataInputStream(
                        new BufferedInputStream(
                                new BoundedInputStream(Files.newInputStream(file), bytes)))) {
            optimizer.loadState(model.getNDManager(), is, ids);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(
                    file + " is not an optimizer state of this model: " + e.getMessage(), e);
        }
    }

    /** Returns the state file of a model name. */
    static Path stateFile(Path dir, String name) {
        return dir.resolve(name + "-schedule.json");
    }

    /**
     * Returns whether a checkpoint of this name exists in a folder.
     *
     * @param dir the folder
     * @param name the model name
     * @return whether its state file exists (a regular file); {@link #restore(Model, Path, String,
     *     LrTracker)} checks the rest
     * @throws IllegalArgumentException if the name is not a plain file name
     */
    public static boolean exists(Path dir, String name) {
        CheckpointFiles.checkName("name", name);
        return Files.isRegularFile(stateFile(dir, name));
    }

    /** The schedule part of a state: configuration, progress, metrics, ends and rates. */
    static JsonObject state(LrTracker tracker, int updates, int epochsDone, int batchesInEpoch) {
        JsonObject o = new JsonObject();
        o.addProperty("format", FORMAT);
        o.addProperty("schedule", tracker.getSchedule().toString());
        o.add("base_lrs", doubles(tracker.getBaseLrs()));
        o.addProperty("steps_per_epoch", tracker.getStepsPerEpoch());
        o.addProperty("step_at_epoch_ends", tracker.stepsAtEpochEnds());
        o.addProperty("updates", updates);
        o.addProperty("epochs_done", epochsDone);
        o.addProperty("batches_in_epoch", batchesInEpoch);
        o.add("metrics", doubles(tracker.getReportedMetrics()));
        JsonArray ends = new JsonArray();
        for (int e : tracker.getEpochEnds()) {
            ends.add(e);
        }
        o.add("epoch_ends", ends);
        o.add("rates", rates(tracker, updates));
        if (tracker.hasPyTorchState()) {
            // The schedule's state at the first update of rates, which restore starts from.
            o.addProperty(
                    "scheduler_state", tracker.getPyTorchState(Math.max(1, updates) - 1).toJson());
        }
        return o;
    }

    /** The rates, momentums and scheduler state of the last update done and the next one. */
    private static JsonObject rates(LrTracker tracker, int updates) {
        JsonObject o = new JsonObject();
        for (int n = Math.max(1, updates); n <= updates + 1; n++) {
            JsonObject at = new JsonObject();
            double[] lr = new double[tracker.getGroups()];
            double[] momentum = new double[tracker.getGroups()];
            for (int g = 0; g < lr.length; g++) {
                lr[g] = tracker.getLr(g, n);
                momentum[g] = tracker.getMomentum(g, n);
            }
            at.add("lr", doubles(lr));
            at.add("momentum", doubles(momentum));
            JsonObject sched = new JsonObject();
            for (Map.Entry<String, String> e : tracker.getSchedulerState(n).entrySet()) {
                sched.addProperty(e.getKey(), e.getValue());
            }
            at.add("scheduler", sched);
            o.add(Integer.toString(n), at);
        }
        return o;
    }

    private static JsonArray doubles(double[] values) {
        JsonArray a = new JsonArray();
        for (double v : values) {
            a.add(PyRepr.repr(v));
        }
        return a;
    }

    /**
     * What a restore found: where the run stands.
     *
     * @param updates the optimizer updates done
     * @param epoch the epochs completed (the run goes on in epoch {@code epoch + 1}, counted from
     *     1)
     * @param batchInEpoch the batches done in the current epoch
     */
    public record Restored(int updates, int epoch, int batchInEpoch) {}

    /**
     * Restores a checkpoint into a model and a fresh tracker of the same configuration.
     *
     * @param model the model, with its block, whose parameters to load
     * @param dir the folder of the checkpoint
     * @param name the model name the checkpoint was saved under
     * @param tracker a new tracker built as the saved run's (no metrics or epoch ends reported)
     * @return the number of updates done (for the optimizer's {@code optBeginNumUpdate}), the
     *     completed epochs and the batches done in the current epoch
     * @throws IOException if the files cannot be read
     * @throws IllegalArgumentException if the name is not a plain file name
     * @throws IllegalStateException if the files are corrupt, edited, not this library's, or do not
     *     match the model, the tracker's configuration or the recomputed rates
     */
    public static Restored restore(Model model, Path dir, String name, LrTracker tracker)
            throws IOException {
        return restore(model, dir, name, tracker, false);
    }

    /**
     * Restores a checkpoint as {@link #restore(Model, Path, String, LrTracker)} does, optionally
     * with the full replay check.
     *
     * <p>Without it, the tracker starts from the schedule's state saved in the checkpoint ({@code
     * scheduler_state}, the {@link LrTracker#getPyTorchState(int)} of the saved update), so that
     * restoring at update 10^7 takes milliseconds: the state is checked against the tracker's
     * configuration key by key, the rates and scheduler state it gives at the saved updates against
     * the saved ones, and the file's digest covers it. With {@code replayCheck}, the tracker
     * ignores it and replays the schedule from update 1 to the saved update (time linear in the
     * updates for recursive schedules), and the saved state must equal the replayed one.
     * Checkpoints of user-defined schedules hold no such state and always replay.
     *
     * @param model the model, with its block, whose parameters to load
     * @param dir the folder of the checkpoint
     * @param name the model name the checkpoint was saved under
     * @param tracker a new tracker built as the saved run's (no metrics or epoch ends reported)
     * @param replayCheck whether to replay from update 1 and compare, instead of starting from the
     *     saved state
     * @return the number of updates done, the completed epochs and the batches done in the current
     *     epoch
     * @throws IOException if the files cannot be read
     * @throws IllegalArgumentException if the name is not a plain file name
     * @throws IllegalStateException if the files are corrupt, edited, not this library's, or do not
     *     match the model, the tracker's configuration or the recomputed rates
     */
    public static Restored restore(
            Model model, Path dir, String name, LrTracker tracker, boolean replayCheck)
            throws IOException {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(tracker, "tracker");
        CheckpointFiles.checkName("name", name);
        Path json = stateFile(dir, name);
        JsonObject o = readState(json);
        try {
            return restore(model, dir, name, new Fields(json, o), tracker, replayCheck);
        } catch (RuntimeException e) {
            if (e instanceof IllegalStateException) {
                throw e;
            }
            throw new IllegalStateException(json + " is corrupt: " + e, e);
        }
    }

    /** Reads a state file: bounded, strict JSON, this library's format. */
    private static JsonObject readState(Path json) throws IOException {
        byte[] bytes =
                CheckpointFiles.readBounded(json, CheckpointFiles.MAX_STATE_BYTES, "state file");
        JsonObject o = CheckpointFiles.parseStrict(bytes, json);
        JsonElement f = o.get("format");
        String format = f != null && f.isJsonPrimitive() ? f.getAsString() : String.valueOf(f);
        if (!FORMAT.equals(format)) {
            throw new IllegalStateException(
                    json
                            + " is not a "
                            + FORMAT
                            + " state file (format: "
                            + format
                            + ")"
                            + (format.startsWith("djl-lr-schedulers-state/")
                                    ? ": it was written by another version of this library"
                                    : ""));
        }
        return o;
    }

    private static Restored restore(
            Model model, Path dir, String name, Fields f, LrTracker tracker, boolean replayCheck)
            throws IOException {
        Path json = f.json;
        if (tracker.getMetricCount() > 0 || tracker.getEpochEnds().length > 0) {
            throw new IllegalStateException(
                    "restore needs a new tracker, but this one has metrics or epoch ends already");
        }
        f.checkKeys();
        expect(json, "schedule", f.string("schedule"), tracker.getSchedule().toString());
        expect(json, "base_lrs", f.array("base_lrs"), doubles(tracker.getBaseLrs()));
        expect(
                json,
                "steps_per_epoch",
                f.integer("steps_per_epoch", 1, Integer.MAX_VALUE),
                (long) tracker.getStepsPerEpoch());
        expect(
                json,
                "step_at_epoch_ends",
                f.bool("step_at_epoch_ends"),
                tracker.stepsAtEpochEnds());
        int updates = (int) f.integer("updates", 0, Integer.MAX_VALUE - 1);
        int epochs = (int) f.integer("epochs_done", 0, Integer.MAX_VALUE);
        int batches = (int) f.integer("batches_in_epoch", 0, updates);
        if (epochs == 0 && batches != updates) {
            throw new IllegalStateException(
                    String.format(
                            "%s: batches_in_epoch must be updates (%d) in the first epoch, but was"
                                    + " %d",
                            json, updates, batches));
        }
        double[] metrics = f.doubles("metrics");
        int wantMetrics = tracker.usesMetrics() ? epochs : 0;
        if (metrics.length != wantMetrics) {
            throw new IllegalStateException(
                    String.format(
                            "%s has %d metrics, but %s",
                            json,
                            metrics.length,
                            tracker.usesMetrics()
                                    ? "ReduceLROnPlateau gets one per epoch done, " + epochs
                                    : "the schedule " + tracker.getSchedule() + " takes none"));
        }
        int[] ends = f.ints("epoch_ends", 0, updates);
        if (tracker.stepsAtEpochEnds()) {
            if (ends.length != epochs) {
                throw new IllegalStateException(
                        String.format(
                                "%s has %d epoch ends, but %d epochs were done",
                                json, ends.length, epochs));
            }
            for (int i = 1; i < ends.length; i++) {
                if (ends[i] < ends[i - 1]) {
                    throw new IllegalStateException(
                            String.format(
                                    "%s: epoch %d ends after update %d, before epoch %d (after"
                                            + " update %d)",
                                    json, i + 1, ends[i], i, ends[i - 1]));
                }
            }
            int last = ends.length == 0 ? 0 : ends[ends.length - 1];
            if (updates - last != batches) {
                throw new IllegalStateException(
                        String.format(
                                "%s: epoch %d ended after update %d, so %d updates make %d batches"
                                        + " in epoch %d, but batches_in_epoch was %d",
                                json, epochs, last, updates, updates - last, epochs + 1, batches));
            }
        } else if (ends.length != 0) {
            throw new IllegalStateException(
                    json + " has epoch ends, but the tracker does not step at epoch ends");
        }
        long gen = f.integer("generation", 1, Long.MAX_VALUE);
        Path params = dir.resolve(f.fileName("params_file", name + "." + gen + ".params"));
        if (f.o.has("optimizer_file")) {
            f.fileName("optimizer_file", name + "." + gen + ".optimizer");
        }
        List<Shape> shapes = checkShapes(model, f);
        for (double m : metrics) {
            tracker.reportMetric(m);
        }
        for (int e : ends) {
            tracker.epochEnded(e);
        }
        PyTorchState savedState = schedulerState(f, tracker);
        if (savedState != null && !replayCheck) {
            tracker.startFrom(savedState);
        }
        JsonObject saved = f.object("rates");
        JsonObject now = rates(tracker, updates);
        if (savedState != null
                && replayCheck
                && !savedState.equals(tracker.getPyTorchState(Math.max(1, updates) - 1))) {
            throw new IllegalStateException(
                    String.format(
                            "%s: the saved scheduler_state is %s, but the schedule replayed from"
                                    + " update 1 gives %s",
                            json,
                            savedState.toJson(),
                            tracker.getPyTorchState(Math.max(1, updates) - 1).toJson()));
        }
        if (!saved.keySet().equals(now.keySet())) {
            throw new IllegalStateException(
                    String.format(
                            "%s: rates must hold updates %s, but holds %s",
                            json, now.keySet(), new TreeMap<>(saved.asMap()).keySet()));
        }
        for (String n : now.keySet()) {
            JsonElement se = saved.get(n);
            JsonObject c = now.getAsJsonObject(n);
            if (!se.isJsonObject() || !se.getAsJsonObject().keySet().equals(c.keySet())) {
                throw new IllegalStateException(
                        String.format(
                                "%s: the rates of update %s must hold %s, but were %s",
                                json, n, c.keySet(), se));
            }
            JsonObject s = se.getAsJsonObject();
            for (String key : new String[] {"lr", "momentum", "scheduler"}) {
                if (!s.get(key).equals(c.get(key))) {
                    throw new IllegalStateException(
                            String.format(
                                    "%s: the saved %s of update %s is %s, but the schedule"
                                            + " recomputed from its configuration gives %s",
                                    json, key, n, s.get(key), c.get(key)));
                }
            }
        }
        f.checkDigest();
        long bytes = f.checkFile(params, "params");
        if (updates >= 1) {
            tracker.getNewValue(updates); // the tracker now knows where the run stands
        }
        try (InputStream in =
                new BufferedInputStream(
                        new BoundedInputStream(Files.newInputStream(params), bytes))) {
            model.getBlock().loadParameters(model.getNDManager(), new DataInputStream(in));
        } catch (MalformedModelException | RuntimeException e) {
            throw new IllegalStateException(
                    params + " is not a parameter file of this model: " + e.getMessage(), e);
        }
        int i = 0;
        for (var p : model.getBlock().getParameters()) {
            Shape loaded = p.getValue().getArray().getShape();
            if (!loaded.equals(shapes.get(i))) {
                throw new IllegalStateException(
                        String.format(
                                "%s: parameter %s was loaded with shape %s, but %s lists %s",
                                params, p.getKey(), loaded, json, shapes.get(i)));
            }
            i++;
        }
        logger.info(
                "Restored {} at update {} (epoch {}, batch {})",
                json,
                updates,
                epochs + 1,
                batches);
        return new Restored(updates, epochs, batches);
    }

    /**
     * Returns the schedule's saved state, checked against the tracker's configuration, or null if
     * the checkpoint holds none (a user-defined schedule's, or an earlier version's).
     */
    private static PyTorchState schedulerState(Fields f, LrTracker tracker) {
        if (!f.o.has("scheduler_state")) {
            return null; // replayed, as a user-defined schedule's
        }
        try {
            PyTorchState state = PyTorchState.fromJson(f.string("scheduler_state"));
            tracker.copy().startFrom(state); // checks it against the configuration
            return state;
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            throw new IllegalStateException(
                    String.format(
                            "%s: scheduler_state is not a state of %s: %s",
                            f.json, tracker.getSchedule(), e.getMessage()),
                    e);
        }
    }

    /** Checks the saved parameter names and shapes against the model's, and returns the shapes. */
    private static List<Shape> checkShapes(Model model, Fields f) {
        JsonArray saved = f.array("parameters");
        var params = model.getBlock().getParameters();
        List<String> names = new ArrayList<>();
        List<Shape> shapes = new ArrayList<>();
        for (JsonElement e : saved) {
            if (!e.isJsonObject()
                    || !e.getAsJsonObject().keySet().equals(Set.of("name", "shape"))) {
                throw new IllegalStateException(
                        f.json + ": each of parameters must be {name, shape}, but one was " + e);
            }
            Fields p = new Fields(f.json, e.getAsJsonObject());
            names.add(p.string("name"));
            long[] dims = new long[p.array("shape").size()];
            int[] ints = p.ints("shape", 0, Integer.MAX_VALUE);
            for (int d = 0; d < dims.length; d++) {
                dims[d] = ints[d];
            }
            shapes.add(new Shape(dims));
        }
        if (!names.equals(params.keys())) {
            throw new IllegalStateException(
                    String.format(
                            "%s holds the parameters %s, but the model has %s",
                            f.json, names, params.keys()));
        }
        for (int i = 0; i < params.size(); i++) {
            var p = params.get(i).getValue();
            if (p.isInitialized() && !p.getArray().getShape().equals(shapes.get(i))) {
                throw new IllegalStateException(
                        String.format(
                                "%s: parameter %s has shape %s in the checkpoint, but %s in the"
                                        + " model",
                                f.json, names.get(i), shapes.get(i), p.getArray().getShape()));
            }
        }
        return shapes;
    }

    private static void expect(Path json, String what, Object saved, Object now) {
        if (!saved.equals(now)) {
            throw new IllegalStateException(
                    String.format(
                            "%s was saved with %s %s, but the tracker has %s",
                            json, what, saved, now));
        }
    }

    /** The typed, checked fields of a state object; every message names the file and the key. */
    private static final class Fields {
        final Path json;
        final JsonObject o;

        Fields(Path json, JsonObject o) {
            this.json = json;
            this.o = o;
        }

        /** Checks that the state has exactly the keys of its format. */
        void checkKeys() {
            Set<String> want = new TreeSet<>(List.of(REQUIRED));
            if (o.has("scheduler_state")) {
                want.add("scheduler_state"); // absent for user-defined schedules
            }
            if (o.has("optimizer_file") || o.has("optimizer_bytes") || o.has("optimizer_sha256")) {
                want.addAll(List.of(OPTIMIZER));
            }
            Set<String> has = new TreeSet<>(o.keySet());
            if (!has.equals(want)) {
                Set<String> missing = new TreeSet<>(want);
                missing.removeAll(has);
                Set<String> unknown = new TreeSet<>(has);
                unknown.removeAll(want);
                throw new IllegalStateException(
                        String.format(
                                "%s is not a complete %s state file: missing %s, unknown %s",
                                json, FORMAT, missing, unknown));
            }
        }

        /** Checks the digest of the state's canonical content. */
        void checkDigest() {
            String saved = string("sha256");
            String now = CheckpointFiles.sha256Hex(canonicalBytes(o));
            if (!saved.equals(now)) {
                throw new IllegalStateException(
                        String.format(
                                "%s was edited or corrupted: it was saved with sha256 %s, but its"
                                        + " content hashes to %s",
                                json, saved, now));
            }
        }

        private JsonElement get(String key) {
            JsonElement e = o.get(key);
            if (e == null) {
                throw new IllegalStateException(json + " has no " + key);
            }
            return e;
        }

        private IllegalStateException bad(String key, String rule, Object value) {
            return new IllegalStateException(
                    String.format("%s: %s must be %s, but was %s", json, key, rule, value));
        }

        String string(String key) {
            JsonElement e = get(key);
            if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
                throw bad(key, "a string", e);
            }
            return e.getAsString();
        }

        boolean bool(String key) {
            JsonElement e = get(key);
            if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
                throw bad(key, "true or false", e);
            }
            return e.getAsBoolean();
        }

        long integer(String key, long min, long max) {
            JsonElement e = get(key);
            if (!e.isJsonPrimitive()
                    || !e.getAsJsonPrimitive().isNumber()
                    || e.getAsLong() < min
                    || e.getAsLong() > max) {
                throw bad(key, "an integer in [" + min + ", " + max + "]", e);
            }
            return e.getAsLong();
        }

        JsonArray array(String key) {
            JsonElement e = get(key);
            if (!e.isJsonArray()) {
                throw bad(key, "an array", e);
            }
            return e.getAsJsonArray();
        }

        JsonObject object(String key) {
            JsonElement e = get(key);
            if (!e.isJsonObject()) {
                throw bad(key, "an object", e);
            }
            return e.getAsJsonObject();
        }

        int[] ints(String key, int min, int max) {
            JsonArray a = array(key);
            int[] v = new int[a.size()];
            for (int i = 0; i < v.length; i++) {
                JsonElement e = a.get(i);
                if (!e.isJsonPrimitive()
                        || !e.getAsJsonPrimitive().isNumber()
                        || e.getAsLong() < min
                        || e.getAsLong() > max) {
                    throw bad(key + "[" + i + "]", "an integer in [" + min + ", " + max + "]", e);
                }
                v[i] = (int) e.getAsLong();
            }
            return v;
        }

        /** Doubles written as Python's repr, e.g. "0.1", "nan": exactly that form. */
        double[] doubles(String key) {
            JsonArray a = array(key);
            double[] v = new double[a.size()];
            for (int i = 0; i < v.length; i++) {
                JsonElement e = a.get(i);
                String s =
                        e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()
                                ? e.getAsString()
                                : null;
                double d;
                try {
                    d = s == null ? Double.NaN : PythonFloats.parse(s);
                } catch (NumberFormatException x) {
                    s = null;
                    d = Double.NaN;
                }
                if (s == null || !PyRepr.repr(d).equals(s)) {
                    throw bad(key + "[" + i + "]", "a number as Python prints it", e);
                }
                v[i] = d;
            }
            return v;
        }

        /** A file name the state refers to: exactly the one its generation gives. */
        String fileName(String key, String expected) {
            String s = string(key);
            if (!s.equals(expected)) {
                throw bad(key, expected + " (the name and generation's file)", s);
            }
            return s;
        }

        /**
         * Checks a file's size and SHA-256 against {@code <kind>_bytes} and {@code <kind>_sha256},
         * reading at most one byte more than saved; returns its size.
         */
        long checkFile(Path file, String kind) throws IOException {
            long bytes = integer(kind + "_bytes", 0, Long.MAX_VALUE - 1);
            String sha = string(kind + "_sha256");
            if (!CheckpointFiles.isSha256(sha)) {
                throw bad(kind + "_sha256", "64 lowercase hex digits", sha);
            }
            CheckpointFiles.Written w = CheckpointFiles.hashBounded(file, bytes, kind + " file");
            if (w.bytes() != bytes || !w.sha256().equals(sha)) {
                throw new IllegalStateException(
                        String.format(
                                "%s was saved with %s_sha256 %s of %s (%d bytes), but the file"
                                        + " has %s bytes and hashes to %s",
                                json,
                                kind,
                                sha,
                                file,
                                bytes,
                                w.bytes() > bytes ? "more than " + bytes : w.bytes(),
                                w.bytes() > bytes ? "something else" : w.sha256()));
            }
            return bytes;
        }
    }

    /** Reads at most a given number of bytes of a stream. */
    private static final class BoundedInputStream extends FilterInputStream {
        private long left;

        BoundedInputStream(InputStream in, long limit) {
            super(in);
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }

    /** The builder of {@link CheckpointListener}. */
    public static final class Builder {

        private LrTracker tracker;
        private Path outputDir;
        private String modelName = "model";
        private int saveEveryUpdates;
        private OptimizerState optimizer;

        private Builder() {}

        /**
         * Sets the tracker whose state to save. Required.
         *
         * @param tracker the tracker the optimizer uses
         * @return this builder
         */
        public Builder setTracker(LrTracker tracker) {
            this.tracker = Objects.requireNonNull(tracker, "tracker");
            return this;
        }

        /**
         * Sets the folder of the checkpoint. Required.
         *
         * @param outputDir the folder
         * @return this builder
         */
        public Builder setOutputDir(Path outputDir) {
            this.outputDir = Objects.requireNonNull(outputDir, "outputDir");
            return this;
        }

        /**
         * Sets the file name stem. Default: {@code model}.
         *
         * @param modelName the name
         * @return this builder
         * @throws IllegalArgumentException if the name is not a plain file name (a path, {@code
         *     ..})
         */
        public Builder optModelName(String modelName) {
            this.modelName = CheckpointFiles.checkName("modelName", modelName);
            return this;
        }

        /**
         * Saves the optimizer's state with each checkpoint. Default: none.
         *
         * @param optimizer the optimizer the trainer uses, e.g. a {@link
         *     io.github.lrschedulers.optimizer.ScheduledSgd}
         * @return this builder
         */
        public Builder optOptimizer(OptimizerState optimizer) {
            this.optimizer = optimizer;
            return this;
        }

        /**
         * Also saves mid-epoch, after every N updates. Default: 0 (epoch ends only).
         *
         * @param n the number of updates between checkpoints, or 0
         * @return this builder
         */
        public Builder optSaveEveryUpdates(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("saveEveryUpdates must be >= 0, but was " + n);
            }
            this.saveEveryUpdates = n;
            return this;
        }

        /**
         * Builds the listener.
         *
         * @return the listener
         * @throws IllegalArgumentException if the tracker or the folder is missing
         */
        public CheckpointListener build() {
            if (tracker == null || outputDir == null) {
                throw new IllegalArgumentException("tracker and outputDir must be set");
            }
            return new CheckpointListener(this);
        }
    }
}
