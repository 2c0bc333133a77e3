package io.github.lrschedulers.listener;

import static io.github.lrschedulers.listener.SwaGoldenTest.assertBits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.listener.TrainingListenerAdapter;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SWA in real DJL training runs: the listener averages at the scheduled epoch ends or updates
 * (checked against the running mean of the parameters it saw, in float32), the swap in and out
 * restores the live weights bit for bit, and the averages survive a resume.
 */
class SwaListenerTest {

    private static final int SAMPLES = 64;
    private static final int BATCH = 16;

    @TempDir Path dir;

    /** The parameters' values each time a batch or an epoch end is reported. */
    private static final class Recorder extends TrainingListenerAdapter {
        final List<Map<String, float[]>> atBatches = new ArrayList<>();
        final List<Map<String, float[]>> atEpochs = new ArrayList<>();

        @Override
        public void onTrainingBatch(Trainer trainer, BatchData batchData) {
            atBatches.add(values(trainer.getModel().getBlock()));
        }

        @Override
        public void onEpoch(Trainer trainer) {
            atEpochs.add(values(trainer.getModel().getBlock()));
        }
    }

    static Map<String, float[]> values(Block block) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            out.put(p.getKey(), p.getValue().getArray().toFloatArray());
        }
        return out;
    }

    /** PyTorch's rule in Java float32: the mean of the parameters, the buffers copied. */
    static Map<String, float[]> expected(Block block, List<Map<String, float[]>> snapshots) {
        Map<String, float[]> avg = new LinkedHashMap<>();
        int n = 0;
        for (Map<String, float[]> snap : snapshots) {
            for (Pair<String, Parameter> p : block.getParameters()) {
                float[] v = snap.get(p.getKey());
                float[] a = avg.get(p.getKey());
                if (a == null || !p.getValue().requiresGradient()) {
                    avg.put(p.getKey(), v.clone());
                } else {
                    for (int i = 0; i < a.length; i++) {
                        a[i] = a[i] + (v[i] - a[i]) / (float) (n + 1);
                    }
                }
            }
            n++;
        }
        return avg;
    }

    static void assertAverages(Map<String, float[]> want, AveragedParameters average) {
        assertEquals(want.keySet(), average.getAveraged().keySet());
        for (Map.Entry<String, NDArray> e : average.getAveraged().entrySet()) {
            assertBits(want.get(e.getKey()), e.getValue().toFloatArray(), e.getKey());
        }
    }

    private static Block mlp() {
        return new SequentialBlock()
                .add(Linear.builder().setUnits(8).build())
                .add(BatchNorm.builder().build())
                .add(Activation::relu)
                .add(Linear.builder().setUnits(1).build());
    }

    private static ArrayDataset data(NDManager manager) {
        NDArray x = manager.randomNormal(0, 1, new Shape(SAMPLES, 3), DataType.FLOAT32);
        NDArray y = x.sum(new int[] {1}, true).mul(0.5f).add(1f);
        return new ArrayDataset.Builder().setData(x).optLabels(y).setSampling(BATCH, false).build();
    }

    private static Trainer trainer(Model model, TrainingListener... listeners) {
        DefaultTrainingConfig config =
                new DefaultTrainingConfig(Loss.l2Loss())
                        .optOptimizer(
                                Optimizer.sgd()
                                        .setLearningRateTracker(Tracker.fixed(0.05f))
                                        .build())
                        .addTrainingListeners(listeners);
        Trainer trainer = model.newTrainer(config);
        trainer.initialize(new Shape(BATCH, 3));
        return trainer;
    }

    @Test
    void averagesEpochEndsFromTheStartEpochAndSwapsBitForBit() throws Exception {
        Engine.getInstance().setRandomSeed(7);
        Recorder recorder = new Recorder();
        try (Model model = Model.newInstance("swa");
                SwaListener swa = SwaListener.builder().setStartEpoch(1).build()) {
            model.setBlock(mlp());
            ArrayDataset set = data(model.getNDManager());
            try (Trainer trainer = trainer(model, recorder, swa)) {
                EasyTrain.fit(trainer, 4, set, null);
                Block block = model.getBlock();
                AveragedParameters average = swa.getAverage();
                assertEquals(3, average.getAveragedCount());
                assertAverages(expected(block, recorder.atEpochs.subList(1, 4)), average);

                Map<String, float[]> live = values(block);
                average.swapIn(block);
                assertTrue(average.isSwappedIn());
                for (Map.Entry<String, float[]> e : values(block).entrySet()) {
                    assertBits(
                            average.getAveraged().get(e.getKey()).toFloatArray(),
                            e.getValue(),
                            "swapped in " + e.getKey());
                }
                assertThrows(IllegalStateException.class, () -> average.update(block));
                average.updateBatchNorm(trainer, trainer.iterateDataset(set));
                Map<String, float[]> recomputed = values(block);
                average.swapOut(block);
                assertFalse(average.isSwappedIn());
                for (Map.Entry<String, float[]> e : values(block).entrySet()) {
                    assertBits(live.get(e.getKey()), e.getValue(), "swapped out " + e.getKey());
                }
                for (Map.Entry<String, NDArray> e : average.getAveraged().entrySet()) {
                    assertBits(
                            recomputed.get(e.getKey()),
                            e.getValue().toFloatArray(),
                            "averaged after updateBatchNorm " + e.getKey());
                }
                String mean = runningMean(block);
                assertNotEquals(
                        Float.floatToRawIntBits(live.get(mean)[0]),
                        Float.floatToRawIntBits(recomputed.get(mean)[0]),
                        "the statistics were recomputed");

                // Training goes on from the live weights, and the next epoch end averages.
                EasyTrain.fit(trainer, 1, set, null);
                assertEquals(4, average.getAveragedCount());
                assertFalse(
                        live.get(mean)[0] == values(block).get(mean)[0],
                        "the live weights train on");
            }
        }
    }

    private static String runningMean(Block block) {
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().getType() == Parameter.Type.RUNNING_MEAN) {
                return p.getKey();
            }
        }
        throw new AssertionError("no running mean");
    }

    @Test
    void averagesEveryKUpdatesFromTheStartUpdate() throws Exception {
        Engine.getInstance().setRandomSeed(11);
        Recorder recorder = new Recorder();
        try (Model model = Model.newInstance("swa-updates");
                SwaListener swa =
                        SwaListener.builder().setStartUpdate(2).optEveryUpdates(3).build()) {
            model.setBlock(mlp());
            ArrayDataset set = data(model.getNDManager());
            try (Trainer trainer = trainer(model, recorder, swa)) {
                EasyTrain.fit(trainer, 3, set, null);
            }
            // Batch u + 1 is reported with the parameters after u updates: 2, 5, 8, 11.
            List<Map<String, float[]>> seen = new ArrayList<>();
            for (int u : new int[] {2, 5, 8, 11}) {
                seen.add(recorder.atBatches.get(u));
            }
            assertEquals(12, recorder.atBatches.size());
            assertAverages(expected(model.getBlock(), seen), swa.getAverage());
        }
    }

    @Test
    void averagesSurviveAResumeAndAMismatchIsRefused() throws Exception {
        Engine.getInstance().setRandomSeed(3);
        try (Model model = Model.newInstance("swa-resume");
                SwaListener swa =
                        SwaListener.builder().setStartEpoch(1).optOutputDir(dir).build()) {
            model.setBlock(mlp());
            ArrayDataset set = data(model.getNDManager());
            try (Trainer trainer = trainer(model, swa)) {
                EasyTrain.fit(trainer, 4, set, null);
            }
            assertTrue(Files.size(dir.resolve("model-swa.state")) > 0);
            Block block = model.getBlock();
            try (SwaListener resumed =
                    SwaListener.builder().setStartEpoch(1).optOutputDir(dir).build()) {
                resumed.restore(block, new CheckpointListener.Restored(16, 4, 0));
                assertEquals(3, resumed.getAverage().getAveragedCount());
                Map<String, float[]> want = new LinkedHashMap<>();
                swa.getAverage().getAveraged().forEach((k, v) -> want.put(k, v.toFloatArray()));
                assertAverages(want, resumed.getAverage());
            }
            try (SwaListener late =
                    SwaListener.builder().setStartEpoch(1).optOutputDir(dir).build()) {
                IllegalStateException e =
                        assertThrows(
                                IllegalStateException.class,
                                () ->
                                        late.restore(
                                                block, new CheckpointListener.Restored(20, 5, 0)));
                assertTrue(
                        e.getMessage().contains("misses the average at epoch end 5"),
                        e.getMessage());
            }
            try (SwaListener early =
                    SwaListener.builder().setStartEpoch(1).optOutputDir(dir).build()) {
                IllegalStateException e =
                        assertThrows(
                                IllegalStateException.class,
                                () ->
                                        early.restore(
                                                block, new CheckpointListener.Restored(8, 2, 0)));
                assertTrue(
                        e.getMessage().contains("average at epoch end 4, after the checkpoint's 2"),
                        e.getMessage());
            }
        }
    }

    @Test
    void builderRejectsAmbiguousOrBadStarts() {
        IllegalStateException none =
                assertThrows(IllegalStateException.class, () -> SwaListener.builder().build());
        assertEquals(
                "set exactly one of setStartEpoch and setStartUpdate, but startEpoch was null and"
                        + " startUpdate null",
                none.getMessage());
        assertThrows(
                IllegalStateException.class,
                () -> SwaListener.builder().setStartEpoch(1).setStartUpdate(1).build());
        assertThrows(
                IllegalStateException.class,
                () -> SwaListener.builder().setStartEpoch(1).optEveryUpdates(2).build());
        IllegalArgumentException negative =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> SwaListener.builder().setStartEpoch(-1).build());
        assertEquals("startEpoch must be >= 0, but was -1", negative.getMessage());
        IllegalArgumentException every =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> SwaListener.builder().setStartUpdate(0).optEveryUpdates(0).build());
        assertEquals("every must be >= 1, but was 0", every.getMessage());
        IllegalArgumentException momentum =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> AveragedParameters.builder().optBatchNormMomentum(1f).build());
        assertEquals("batchNormMomentum must be in [0, 1), but was 1.0", momentum.getMessage());
    }
}
