package io.github.lrschedulers.listener;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.loss.Loss;
import com.google.gson.JsonParser;
import io.github.lrschedulers.LrTracker;
import io.github.lrschedulers.optimizer.ScheduledSgd;
import io.github.lrschedulers.spec.ScheduleSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Stops a real training run mid-epoch, restores it from the checkpoint into a new model, tracker
 * and optimizer, and checks that it ends with the very parameters of an uninterrupted run: every
 * rate of the resumed updates was the same, bit for bit.
 */
class CheckpointListenerTest {

    private static final int SAMPLES = 32;
    private static final int BATCH = 8;
    private static final int EPOCHS = 3;
    private static final int PER_EPOCH = SAMPLES / BATCH;

    @TempDir Path dir;

    private static LrTracker tracker(String spec) {
        LrTracker.Builder b =
                LrTracker.builder().setSchedule(ScheduleSpec.parse(spec)).optBaseLr(0.05);
        if (spec.startsWith("ReduceLROnPlateau")) {
            b.optStepAtEpochEnds();
        }
        return b.build();
    }

    /**
     * Trains until {@code stopAfter} updates (or to the end), checkpointing every 3 updates; with
     * {@code resume}, starts from the checkpoint. Returns the final weights and the tracker.
     */
    private float[] train(String spec, int stopAfter, boolean resume, LrTracker[] out)
            throws Exception {
        Engine.getInstance().setRandomSeed(7);
        LrTracker tracker = tracker(spec);
        out[0] = tracker;
        try (Model model = Model.newInstance("resume");
                NDManager manager = NDManager.newBaseManager()) {
            model.setBlock(Linear.builder().setUnits(1).build());
            NDArray w = manager.create(new float[] {1.5f, -2f, 0.5f}, new Shape(3, 1));
            NDArray x = manager.randomNormal(0, 1, new Shape(SAMPLES, 3), DataType.FLOAT32);
            NDArray vx = manager.randomNormal(0, 1, new Shape(SAMPLES, 3), DataType.FLOAT32);
            ArrayDataset trainSet =
                    new ArrayDataset.Builder()
                            .setData(x)
                            .optLabels(x.matMul(w).add(0.3f))
                            .setSampling(BATCH, false)
                            .build();
            ArrayDataset validateSet =
                    new ArrayDataset.Builder()
                            .setData(vx)
                            .optLabels(vx.matMul(w).mul(-1))
                            .setSampling(BATCH, false)
                            .build();
            model.getBlock().setInitializer(Initializer.ONES, Parameter.Type.WEIGHT);
            model.getBlock().initialize(manager, DataType.FLOAT32, new Shape(BATCH, 3));
            CheckpointListener.Restored at = new CheckpointListener.Restored(0, 0, 0);
            if (resume) {
                at = CheckpointListener.restore(model, dir, "model", tracker);
            }
            ScheduledSgd sgd =
                    ScheduledSgd.builder()
                            .setLearningRateTracker(tracker)
                            .optMomentum(0.5f)
                            .optBeginNumUpdate(at.updates())
                            .build();
            if (resume) {
                CheckpointListener.restoreOptimizer(model, dir, "model", sgd);
            }
            CheckpointListener checkpoints =
                    CheckpointListener.builder()
                            .setTracker(tracker)
                            .setOutputDir(dir)
                            .optSaveEveryUpdates(3)
                            .optOptimizer(sgd)
                            .build();
            checkpoints.continueFrom(at);
            DefaultTrainingConfig config =
                    new DefaultTrainingConfig(Loss.l2Loss())
                            .optInitializer(Initializer.ONES, Parameter.Type.WEIGHT)
                            .optOptimizer(sgd)
                            .addTrainingListeners(checkpoints);
            if (tracker.usesMetrics()) {
                config.addTrainingListeners(
                        LrScheduleListener.builder().setTracker(tracker).build());
            }
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(BATCH, 3));
                trainer.notifyListeners(l -> l.onTrainingBegin(trainer));
                int updates = at.updates();
                for (int epoch = at.epoch(); epoch < EPOCHS; epoch++) {
                    int b = 0;
                    for (Batch batch : trainer.iterateDataset(trainSet)) {
                        try (batch) {
                            if (epoch == at.epoch() && b++ < at.batchInEpoch()) {
                                continue; // done before the checkpoint
                            }
                            if (updates == stopAfter) {
                                return null;
                            }
                            EasyTrain.trainBatch(trainer, batch);
                            trainer.step();
                            updates++;
                        }
                    }
                    EasyTrain.evaluateDataset(trainer, validateSet);
                    trainer.notifyListeners(l -> l.onEpoch(trainer));
                }
                return model.getBlock().getParameters().get("weight").getArray().toFloatArray();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ExponentialLR(gamma=0.9)",
                "OneCycleLR(max_lr=0.1, total_steps=12)",
                "ReduceLROnPlateau(patience=0, factor=0.5)"
            })
    void aRunResumedMidEpochEndsWithTheUninterruptedRunsParameters(String spec) throws Exception {
        LrTracker[] straight = new LrTracker[1];
        float[] want = train(spec, -1, false, straight);
        Files.list(dir).forEach(p -> p.toFile().delete());
        LrTracker[] first = new LrTracker[1];
        train(spec, 7, false, first);
        LrTracker[] resumed = new LrTracker[1];
        float[] got = train(spec, -1, true, resumed);
        assertArrayEquals(want, got, spec);
        for (int n = 1; n <= EPOCHS * PER_EPOCH; n++) {
            assertEquals(straight[0].getLr(0, n), resumed[0].getLr(0, n), spec + " update " + n);
        }
        if (spec.startsWith("Reduce")) {
            assertArrayEquals(straight[0].getReportedMetrics(), resumed[0].getReportedMetrics());
            assertTrue(straight[0].getLr(0, 12) < 0.05, "the plateau reduced the rate");
        }
    }

    @Test
    void aForeignCorruptOrMismatchedCheckpointIsAnError() throws Exception {
        String spec = "ExponentialLR(gamma=0.9)";
        train(spec, 7, false, new LrTracker[1]);
        Path json = dir.resolve("model-schedule.json");
        String saved = Files.readString(json, StandardCharsets.UTF_8);
        try (Model model = Model.newInstance("m")) {
            model.setBlock(Linear.builder().setUnits(1).build());
            model.getBlock()
                    .initialize(model.getNDManager(), DataType.FLOAT32, new Shape(BATCH, 3));

            IllegalStateException other =
                    assertThrows(
                            IllegalStateException.class,
                            () ->
                                    CheckpointListener.restore(
                                            model,
                                            dir,
                                            "model",
                                            tracker("ExponentialLR(gamma=0.8)")));
            assertTrue(other.getMessage().contains("ExponentialLR(gamma=0.9)"), other.getMessage());
            assertTrue(other.getMessage().contains("ExponentialLR(gamma=0.8)"), other.getMessage());

            String lr = saved.replaceFirst("\"lr\": \\[\\s*\"([0-9.e-]+)\"", "\"lr\": [\"0.5\"");
            Files.writeString(json, lr, StandardCharsets.UTF_8);
            IllegalStateException rate =
                    assertThrows(
                            IllegalStateException.class,
                            () -> CheckpointListener.restore(model, dir, "model", tracker(spec)));
            assertTrue(rate.getMessage().contains("the saved lr of update"), rate.getMessage());
            assertTrue(rate.getMessage().contains("0.5"), rate.getMessage());

            Files.writeString(json, saved.substring(0, saved.length() / 2), StandardCharsets.UTF_8);
            assertThrows(
                    IllegalStateException.class,
                    () -> CheckpointListener.restore(model, dir, "model", tracker(spec)));

            Files.writeString(json, "{\"format\": \"something-else\"}", StandardCharsets.UTF_8);
            IllegalStateException foreign =
                    assertThrows(
                            IllegalStateException.class,
                            () -> CheckpointListener.restore(model, dir, "model", tracker(spec)));
            assertTrue(foreign.getMessage().contains("something-else"), foreign.getMessage());

            Files.writeString(json, saved, StandardCharsets.UTF_8);
            String paramsFile =
                    JsonParser.parseString(saved)
                            .getAsJsonObject()
                            .get("params_file")
                            .getAsString();
            Files.write(dir.resolve(paramsFile), new byte[] {1, 2, 3});
            IllegalStateException params =
                    assertThrows(
                            IllegalStateException.class,
                            () -> CheckpointListener.restore(model, dir, "model", tracker(spec)));
            assertTrue(params.getMessage().contains("params_sha256"), params.getMessage());
        }
    }
}
