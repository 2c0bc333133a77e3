package io.github.lrschedulers.listener;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListenerAdapter;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.github.lrschedulers.LrTracker;
import io.github.lrschedulers.internal.PyRepr;
import io.github.lrschedulers.optimizer.OptimizerState;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saves the model's parameters and the schedule's state together, so that a resumed run continues
 * on the same learning-rate curve, bit for bit.
 *
 * <p>DJL saves no optimizer or tracker state. At each epoch end (and every N updates if asked) this
 * listener writes {@code <name>.params} (the block's parameters) and {@code <name>-schedule.json}:
 * the schedule's spec, base rates and stepping, the number of updates done, the completed epochs
 * and the batches done in the current epoch, the metrics reported to ReduceLROnPlateau, the
 * recorded epoch ends, the rates and momentums of the last update and the next, the scheduler's own
 * state (step count, plateau best, bad epochs, cooldown) and the SHA-256 of the parameter file.
 * Both files are written to temporary files and moved into place.
 *
 * <p>{@link #restore(Model, Path, String, LrTracker)} loads both into a new model and a new tracker
 * built with the same configuration, recomputes the rates and the scheduler state at the saved
 * update and compares them with the saved ones: on any difference it fails with a message naming
 * both values, and a corrupt, foreign or mismatched file is an error, never a silent restart. Pass
 * the returned update count to the optimizer's {@code optBeginNumUpdate}.
 *
 * <p>The optimizer's own state (SGD's momentum buffers, Adam's moments) is saved too, in {@code
 * <name>.optimizer}, when the optimizer is a {@link OptimizerState} ({@link
 * io.github.lrschedulers.optimizer.ScheduledSgd}, {@link
 * io.github.lrschedulers.optimizer.ScheduledAdam}) given to {@link
 * Builder#optOptimizer(OptimizerState)}; restore it with {@link #restoreOptimizer(Model, Path,
 * String, OptimizerState)}. DJL's own optimizers have no API for their state.
 *
 * <p>Order of use: build → {@link #continueFrom(Restored)} when resuming → batches ({@code
 * onTrainingBatch} counts them, and saves after every N-th update) → {@code onEpoch} (saves) → … .
 * The counters are the run's progress, so they are not reset at {@code onTrainingBegin}: use one
 * instance per run.
 */
public final class CheckpointListener extends TrainingListenerAdapter {

    /** The format name written into every state file. */
    public static final String FORMAT = "djl-lr-schedulers-state/1";

    private static final Logger logger = LoggerFactory.getLogger(CheckpointListener.class);
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

    private final LrTracker tracker;
    private final Path outputDir;
    private final String modelName;
    private final int saveEveryUpdates;
    private final OptimizerState optimizer;
    private int epoch;
    private int batchInEpoch;
    private int lastSaved;

    private CheckpointListener(Builder b) {
        this.tracker = b.tracker;
        this.outputDir = b.outputDir;
        this.modelName = b.modelName;
        this.saveEveryUpdates = b.saveEveryUpdates;
        this.optimizer = b.optimizer;
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
     * Continues the epoch count of a restored run.
     *
     * @param restored what {@link #restore(Model, Path, String, LrTracker)} returned
     */
    public void continueFrom(Restored restored) {
        this.epoch = restored.epoch();
        this.batchInEpoch = restored.batchInEpoch();
        this.lastSaved = restored.updates();
    }

    /** {@inheritDoc} */
    @Override
    public void onTrainingBatch(Trainer trainer, BatchData batchData) {
        // DJL notifies a batch after its forward and backward pass but before trainer.step(): the
        // parameters are those after the updates done so far, the state to checkpoint mid-epoch.
        int done = tracker.getLatestUpdate();
        if (saveEveryUpdates > 0 && done > lastSaved && done % saveEveryUpdates == 0) {
            save(trainer.getModel(), done);
        }
        batchInEpoch++;
    }

    /** {@inheritDoc} */
    @Override
    public void onEpoch(Trainer trainer) {
        epoch++;
        batchInEpoch = 0;
        save(trainer.getModel(), tracker.getLatestUpdate());
    }

    /**
     * Saves the parameters and the state of the given number of updates.
     *
     * @param model the model
     * @param updates the number of updates done
     */
    private void save(Model model, int updates) {
        try {
            Files.createDirectories(outputDir);
            Path params = outputDir.resolve(modelName + ".params");
            Path tmp = outputDir.resolve(modelName + ".params.tmp");
            try (DataOutputStream os =
                    new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
                model.getBlock().saveParameters(os);
            }
            String sha = sha256(tmp);
            JsonObject state = state(tracker, updates, epoch, batchInEpoch, sha);
            Path optimizerTmp = null;
            if (optimizer != null) {
                optimizerTmp = outputDir.resolve(modelName + ".optimizer.tmp");
                try (DataOutputStream os =
                        new DataOutputStream(
                                new BufferedOutputStream(Files.newOutputStream(optimizerTmp)))) {
                    optimizer.saveState(os, namesById(model));
                }
                state.addProperty("optimizer_sha256", sha256(optimizerTmp));
            }
            Path json = stateFile(outputDir, modelName);
            Path jsonTmp = outputDir.resolve(modelName + "-schedule.json.tmp");
            Files.writeString(jsonTmp, GSON.toJson(state), StandardCharsets.UTF_8);
            Files.move(tmp, params, StandardCopyOption.REPLACE_EXISTING);
            if (optimizerTmp != null) {
                Files.move(
                        optimizerTmp,
                        outputDir.resolve(modelName + ".optimizer"),
                        StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(jsonTmp, json, StandardCopyOption.REPLACE_EXISTING);
            lastSaved = updates;
            logger.info(
                    "Checkpoint after update {} (epoch {}): {}, {}", updates, epoch, params, json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the checkpoint in " + outputDir, e);
        }
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
     * @throws IllegalStateException if no optimizer state was saved, or it does not match
     */
    public static void restoreOptimizer(
            Model model, Path dir, String name, OptimizerState optimizer) throws IOException {
        Path json = stateFile(dir, name);
        Path file = dir.resolve(name + ".optimizer");
        JsonObject o;
        try {
            o =
                    JsonParser.parseString(Files.readString(json, StandardCharsets.UTF_8))
                            .getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new IllegalStateException(
                    json + " is not a JSON state file: " + e.getMessage(), e);
        }
        if (!o.has("optimizer_sha256")) {
            throw new IllegalStateException(
                    json + " has no optimizer state: the run was saved without optOptimizer");
        }
        expect(
                json,
                "optimizer_sha256 (of " + file + ")",
                o.get("optimizer_sha256").getAsString(),
                sha256(file));
        Map<String, String> ids = new TreeMap<>();
        for (Map.Entry<String, String> e : namesById(model).entrySet()) {
            ids.put(e.getValue(), e.getKey());
        }
        try (DataInputStream is =
                new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            optimizer.loadState(model.getNDManager(), is, ids);
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
     * @return whether both the parameters and the state file exist
     */
    public static boolean exists(Path dir, String name) {
        return Files.isRegularFile(stateFile(dir, name))
                && Files.isRegularFile(dir.resolve(name + ".params"));
    }

    static JsonObject state(
            LrTracker tracker, int updates, int epoch, int batchInEpoch, String paramsSha256) {
        JsonObject o = new JsonObject();
        o.addProperty("format", FORMAT);
        o.addProperty("schedule", tracker.getSchedule().toString());
        o.add("base_lrs", doubles(tracker.getBaseLrs()));
        o.addProperty("steps_per_epoch", tracker.getStepsPerEpoch());
        o.addProperty("step_at_epoch_ends", tracker.stepsAtEpochEnds());
        o.addProperty("updates", updates);
        o.addProperty("epoch", epoch);
        o.addProperty("batch_in_epoch", batchInEpoch);
        o.add("metrics", doubles(tracker.getReportedMetrics()));
        JsonArray ends = new JsonArray();
        for (int e : tracker.getEpochEnds()) {
            ends.add(e);
        }
        o.add("epoch_ends", ends);
        o.add("rates", rates(tracker, updates));
        if (paramsSha256 != null) {
            o.addProperty("params_sha256", paramsSha256);
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

    /** What a restore found: where the run stands. */
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
     * @throws IllegalStateException if the files are corrupt, not this library's, or do not match
     *     the tracker's configuration or the recomputed rates
     */
    public static Restored restore(Model model, Path dir, String name, LrTracker tracker)
            throws IOException {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(tracker, "tracker");
        Path json = stateFile(dir, name);
        Path params = dir.resolve(name + ".params");
        JsonObject o;
        try {
            JsonElement e = JsonParser.parseString(Files.readString(json, StandardCharsets.UTF_8));
            o = e.getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new IllegalStateException(
                    json + " is not a JSON state file: " + e.getMessage(), e);
        }
        String format = o.has("format") ? o.get("format").getAsString() : null;
        if (!FORMAT.equals(format)) {
            throw new IllegalStateException(
                    json + " is not a " + FORMAT + " state file (format: " + format + ")");
        }
        try {
            return restore(model, params, json, o, tracker);
        } catch (RuntimeException e) {
            if (e instanceof IllegalStateException) {
                throw e;
            }
            throw new IllegalStateException(json + " is corrupt: " + e, e);
        }
    }

    private static Restored restore(
            Model model, Path params, Path json, JsonObject o, LrTracker tracker)
            throws IOException {
        if (tracker.getMetricCount() > 0 || tracker.getEpochEnds().length > 0) {
            throw new IllegalStateException(
                    "restore needs a new tracker, but this one has metrics or epoch ends already");
        }
        expect(json, "schedule", o.get("schedule").getAsString(), tracker.getSchedule().toString());
        expect(json, "base_lrs", o.get("base_lrs"), doubles(tracker.getBaseLrs()));
        expect(
                json,
                "steps_per_epoch",
                o.get("steps_per_epoch").getAsInt(),
                tracker.getStepsPerEpoch());
        expect(
                json,
                "step_at_epoch_ends",
                o.get("step_at_epoch_ends").getAsBoolean(),
                tracker.stepsAtEpochEnds());
        String sha = sha256(params);
        expect(
                json,
                "params_sha256 (of " + params + ")",
                o.get("params_sha256").getAsString(),
                sha);
        for (JsonElement m : o.getAsJsonArray("metrics")) {
            tracker.reportMetric(parse(m.getAsString()));
        }
        for (JsonElement e : o.getAsJsonArray("epoch_ends")) {
            tracker.epochEnded(e.getAsInt());
        }
        int updates = o.get("updates").getAsInt();
        JsonObject saved = o.getAsJsonObject("rates");
        JsonObject now = rates(tracker, updates);
        for (String n : new TreeMap<>(saved.asMap()).keySet()) {
            JsonObject s = saved.getAsJsonObject(n);
            JsonObject c = now.getAsJsonObject(n);
            if (c == null) {
                throw new IllegalStateException(
                        json + " has rates of update " + n + ", unexpected");
            }
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
        if (updates >= 1) {
            tracker.getNewValue(updates); // the tracker now knows where the run stands
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(params))) {
            model.getBlock().loadParameters(model.getNDManager(), new DataInputStream(in));
        } catch (MalformedModelException e) {
            throw new IllegalStateException(params + " is not a parameter file of this model", e);
        }
        return new Restored(updates, o.get("epoch").getAsInt(), o.get("batch_in_epoch").getAsInt());
    }

    private static void expect(Path json, String what, Object saved, Object now) {
        if (!saved.equals(now)) {
            throw new IllegalStateException(
                    String.format(
                            "%s was saved with %s %s, but the tracker has %s",
                            json, what, saved, now));
        }
    }

    private static double parse(String s) {
        switch (s) {
            case "nan":
                return Double.NaN;
            case "inf":
                return Double.POSITIVE_INFINITY;
            case "-inf":
                return Double.NEGATIVE_INFINITY;
            default:
                return Double.parseDouble(s);
        }
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in =
                new DigestInputStream(
                        Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
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
         */
        public Builder optModelName(String modelName) {
            this.modelName = Objects.requireNonNull(modelName, "modelName");
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
