package io.github.lrschedulers.finder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.engine.Engine;
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
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.TranslateException;
import ai.djl.util.Pair;
import io.github.lrschedulers.LrTracker;
import io.github.lrschedulers.ParameterGroups;
import io.github.lrschedulers.optimizer.ScheduledSgd;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The range test on the real PyTorch engine: it trains, applies its rates to every parameter group,
 * stops on divergence, and leaves every parameter array exactly as it was, so that training
 * afterwards is bit-identical to training without the test.
 */
class LrFinderTest {

    static final int SAMPLES = 256;
    static final int BATCH = 16;

    @TempDir Path dir;

    /** A classifier with a batch norm (running statistics are parameters too). */
    static Block block() {
        return new SequentialBlock()
                .add(Linear.builder().setUnits(16).build())
                .add(BatchNorm.builder().build())
                .add(Activation::relu)
                .add(Linear.builder().setUnits(3).build());
    }

    /** 256 points of 4 features in 3 classes, the same at every call, in order. */
    static ArrayDataset dataset(NDManager manager, int samples) {
        Random random = new Random(7);
        float[] x = new float[samples * 4];
        float[] y = new float[samples];
        for (int i = 0; i < samples; i++) {
            for (int k = 0; k < 4; k++) {
                x[i * 4 + k] = (float) random.nextGaussian();
            }
            y[i] = x[i * 4] + x[i * 4 + 1] > 0.5f ? 2 : x[i * 4 + 2] > x[i * 4 + 3] ? 1 : 0;
        }
        return new ArrayDataset.Builder()
                .setData(manager.create(x, new Shape(samples, 4)))
                .optLabels(manager.create(y, new Shape(samples)))
                .setSampling(BATCH, false)
                .build();
    }

    static Map<String, byte[]> parameters(Block block) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            out.put(p.getKey(), p.getValue().getArray().toByteArray());
        }
        return out;
    }

    static void assertSameParameters(Map<String, byte[]> expected, Map<String, byte[]> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        for (String name : expected.keySet()) {
            assertArrayEquals(expected.get(name), actual.get(name), name);
        }
    }

    static DefaultTrainingConfig sgdConfig(Tracker lr) {
        return new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(Optimizer.sgd().setLearningRateTracker(lr).optMomentum(0.9f).build());
    }

    @Test
    void trainsOnTheEngineAndRestoresEveryParameterBitForBit()
            throws IOException, TranslateException {
        assertEquals("PyTorch", Engine.getInstance().getEngineName());
        Engine.getInstance().setRandomSeed(11);
        try (Model model = Model.newInstance("finder");
                NDManager manager = NDManager.newBaseManager()) {
            model.setBlock(block());
            model.getBlock()
                    .initialize(model.getNDManager(), DataType.FLOAT32, new Shape(BATCH, 4));
            Map<String, byte[]> before = parameters(model.getBlock());
            LrFinder finder = LrFinder.builder().optEndLr(1).optNumIterations(40).build();
            LrFinderResult result =
                    finder.run(model, LrFinderTest::sgdConfig, dataset(manager, SAMPLES));
            // 40 updates over 16 batches per epoch: the data was iterated three times.
            assertEquals(LrFinderResult.Stop.COMPLETED, result.getStop(), result.toString());
            assertEquals(40, result.size());
            assertEquals(1e-7, result.getLrs()[0], 0.0);
            assertEquals(1.0, result.getLrs()[39], 0.0);
            // It trained: the loss at the largest rates is well below the first one.
            double[] losses = result.getLosses();
            assertTrue(losses[39] < 0.8 * losses[0], "losses " + java.util.Arrays.toString(losses));
            assertEquals(5, result.getSuggestions().size(), result.toString());
            assertSameParameters(before, parameters(model.getBlock()));
        }
    }

    @Test
    void trainingAfterTheTestIsBitIdenticalToTrainingWithoutIt()
            throws IOException, TranslateException {
        Map<String, byte[]> with = trainAfter(true);
        Map<String, byte[]> without = trainAfter(false);
        assertSameParameters(without, with);
    }

    /** Initializes a model (seeded), optionally runs the test, then trains 2 epochs. */
    private static Map<String, byte[]> trainAfter(boolean find)
            throws IOException, TranslateException {
        Engine.getInstance().setRandomSeed(5);
        try (Model model = Model.newInstance("after");
                NDManager manager = NDManager.newBaseManager()) {
            model.setBlock(block());
            ArrayDataset data = dataset(manager, SAMPLES);
            if (find) {
                // The finder initializes the block itself.
                LrFinderResult r =
                        LrFinder.builder()
                                .optNumIterations(30)
                                .build()
                                .run(model, LrFinderTest::sgdConfig, data, new Shape(BATCH, 4));
                assertTrue(r.size() >= 10, r.toString());
            }
            try (Trainer trainer = model.newTrainer(sgdConfig(Tracker.fixed(0.05f)))) {
                trainer.initialize(new Shape(BATCH, 4));
                EasyTrain.fit(trainer, 2, data, null);
            }
            return parameters(model.getBlock());
        }
    }

    /** Records what the optimizer asks: parameter id, update, rate. */
    private static final class Recording implements Tracker {
        final LrTracker delegate;
        final List<Object[]> calls = new ArrayList<>();

        Recording(LrTracker delegate) {
            this.delegate = delegate;
        }

        @Override
        public float getNewValue(int numUpdate) {
            return getNewValue("?", numUpdate);
        }

        @Override
        public synchronized float getNewValue(String parameterId, int numUpdate) {
            float v = delegate.getNewValue(parameterId, numUpdate);
            calls.add(new Object[] {parameterId, numUpdate, v});
            return v;
        }
    }

    @Test
    void everyGroupGetsItsRatioOfTheRampAndTheTestStopsWhenTheLossDiverges()
            throws IOException, TranslateException {
        Engine.getInstance().setRandomSeed(3);
        try (Model model = Model.newInstance("groups");
                NDManager manager = NDManager.newBaseManager()) {
            Block block = block();
            model.setBlock(block);
            block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(BATCH, 4));
            Map<String, byte[]> before = parameters(block);
            // Group 1: the last layer's parameters, at a tenth of group 0's rate.
            ParameterGroups groups =
                    ParameterGroups.byName(block, name -> name.startsWith("04") ? 1 : 0);
            Map<String, Integer> groupOfId = new LinkedHashMap<>();
            for (Pair<String, Parameter> p : block.getParameters()) {
                groupOfId.put(p.getValue().getId(), groups.groupOf(p.getValue().getId()));
            }
            assertTrue(groupOfId.containsValue(1) && groupOfId.containsValue(0), "" + groupOfId);
            List<Recording> recordings = new ArrayList<>();
            LrFinder finder =
                    LrFinder.builder()
                            .optStartLr(1e-4)
                            .optEndLr(1e4)
                            .optNumIterations(100)
                            .optGroupRatios(1, 0.1)
                            .optParameterGroups(groups)
                            .build();
            LrFinderResult result =
                    finder.run(
                            model,
                            lr -> {
                                Recording r = new Recording(lr);
                                recordings.add(r);
                                return sgdConfig(r);
                            },
                            dataset(manager, SAMPLES));
            // A rate growing to 1e4 makes the loss diverge long before the end.
            assertTrue(
                    result.getStop() == LrFinderResult.Stop.DIVERGED
                            || result.getStop() == LrFinderResult.Stop.NOT_FINITE,
                    result.toString());
            assertTrue(result.size() < 100, result.toString());
            double[] s = result.getSmoothedLosses();
            double best = Double.POSITIVE_INFINITY;
            for (int i = 0; i < s.length - 1; i++) {
                best = Math.min(best, s[i]);
                assertTrue(s[i] <= 4 * best, "row " + i + " should have stopped the test");
            }
            double last = s[s.length - 1];
            assertTrue(!Double.isFinite(last) || last > 4 * Math.min(best, last), "" + last);
            // Every rate the optimizer applied is the ramp's, times the group's ratio.
            assertEquals(1, recordings.size());
            double[] lrs = result.getLrs();
            int checked = 0;
            for (Object[] call : recordings.get(0).calls) {
                int update = (Integer) call[1];
                double ratio = groupOfId.get((String) call[0]) == 1 ? 0.1 : 1.0;
                assertEquals((float) (ratio * lrs[update - 1]), (Float) call[2], "" + update);
                assertEquals((float) (ratio * finder.rate(update - 1)), (Float) call[2]);
                checked++;
            }
            // Every trained parameter (not the running statistics) at every update.
            long trained =
                    recordings.get(0).calls.stream().map(c -> (String) c[0]).distinct().count();
            assertEquals(6, trained);
            assertEquals(result.size() * trained, checked);
            assertSameParameters(before, parameters(block));
        }
    }

    @Test
    void scheduledSgdTakesTheTrackerAndTheFilesAreWritten() throws IOException, TranslateException {
        Engine.getInstance().setRandomSeed(9);
        try (Model model = Model.newInstance("scheduled");
                NDManager manager = NDManager.newBaseManager()) {
            model.setBlock(block());
            LrFinderResult result =
                    LrFinder.builder()
                            .optNumIterations(24)
                            .optMode(LrFinder.Mode.LINEAR)
                            .optStartLr(1e-3)
                            .optEndLr(2)
                            .build()
                            .run(
                                    model,
                                    lr ->
                                            new DefaultTrainingConfig(
                                                            Loss.softmaxCrossEntropyLoss())
                                                    .optOptimizer(
                                                            ScheduledSgd.builder()
                                                                    .setLearningRateTracker(lr)
                                                                    .optMomentum(0.9f)
                                                                    .build()),
                                    dataset(manager, 64),
                                    new Shape(BATCH, 4));
            assertEquals(24, result.size(), result.toString());
            assertEquals(1e-3 + (1.0 / 23) * (2 - 1e-3), result.getLrs()[1], 0.0);
            Path csv = dir.resolve("lr-find.csv");
            result.writeCsv(csv);
            List<String> lines = Files.readAllLines(csv);
            assertEquals("lr,loss,smoothed_loss", lines.get(0));
            assertEquals(25, lines.size());
            String[] row = lines.get(24).split(",");
            assertEquals(2.0, Double.parseDouble(row[0]), 0.0);
            assertEquals(result.getLosses()[23], Double.parseDouble(row[1]), 0.0);
            assertEquals(result.getSmoothedLosses()[23], Double.parseDouble(row[2]), 0.0);
            Path png = dir.resolve("lr-find.png");
            Path svg = dir.resolve("lr-find.svg");
            result.writePlot(png, svg);
            byte[] head = Files.readAllBytes(png);
            assertEquals((byte) 0x89, head[0]);
            assertEquals('P', head[1]);
            String svgText = Files.readString(svg);
            assertTrue(svgText.contains("<svg"), svgText.substring(0, 100));
            // The chart: the curve, then one marker per suggestion at its point.
            List<LrSuggestion> suggestions = result.getSuggestions();
            assertEquals(5, suggestions.size(), result.toString());
            var chart =
                    RangeTestPlot.chart(result.getLrs(), result.getSmoothedLosses(), suggestions);
            assertTrue(chart.getStyler().isXAxisLogarithmic());
            List<String> names = new ArrayList<>(chart.getSeriesMap().keySet());
            assertEquals("smoothed loss", names.get(0));
            for (int i = 0; i < suggestions.size(); i++) {
                LrSuggestion sug = suggestions.get(i);
                var series = chart.getSeriesMap().get(names.get(i + 1));
                assertTrue(names.get(i + 1).startsWith(sug.getMethod().getLabel() + " "));
                assertEquals(sug.getMarkedLr(), series.getXData()[0], 0.0);
                assertEquals(sug.getMarkedLoss(), series.getYData()[0], 0.0);
            }
        }
    }

    @Test
    void anOptimizerThatIgnoresTheTrackerIsAnErrorAndTheModelIsRestored()
            throws IOException, TranslateException {
        try (Model model = Model.newInstance("ignored");
                NDManager manager = NDManager.newBaseManager()) {
            model.setBlock(block());
            model.getBlock()
                    .initialize(model.getNDManager(), DataType.FLOAT32, new Shape(BATCH, 4));
            Map<String, byte[]> before = parameters(model.getBlock());
            LrFinder finder = LrFinder.builder().build();
            ArrayDataset data = dataset(manager, SAMPLES);
            IllegalStateException e =
                    assertThrows(
                            IllegalStateException.class,
                            () -> finder.run(model, lr -> sgdConfig(Tracker.fixed(0.5f)), data));
            assertTrue(
                    e.getMessage()
                            .startsWith(
                                    "the optimizer did not ask the finder's tracker for a rate"),
                    e.getMessage());
            assertSameParameters(before, parameters(model.getBlock()));
            // An uninitialized block needs the input shapes.
            model.setBlock(block());
            IllegalArgumentException noShapes =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> finder.run(model, LrFinderTest::sgdConfig, data));
            assertEquals(
                    "inputShapes must be given when the model's block is not initialized, but"
                            + " none was",
                    noShapes.getMessage());
            assertFalse(model.getBlock().isInitialized());
            // A dataset without a batch.
            ArrayDataset empty =
                    new ArrayDataset.Builder()
                            .setData(manager.zeros(new Shape(16, 4)))
                            .optLabels(manager.zeros(new Shape(16)))
                            .setSampling(BATCH, false)
                            .optLimit(0)
                            .build();
            IllegalArgumentException noBatch =
                    assertThrows(
                            IllegalArgumentException.class,
                            () ->
                                    finder.run(
                                            model,
                                            LrFinderTest::sgdConfig,
                                            empty,
                                            new Shape(BATCH, 4)));
            assertEquals(
                    "dataset must give at least one batch, but gave none", noBatch.getMessage());
        }
    }

    @Test
    void theReadmeExampleRunsAsWritten() throws IOException, TranslateException {
        Engine.getInstance().setRandomSeed(1);
        Path outputDir = dir;
        try (Model model = Model.newInstance("readme");
                NDManager manager = NDManager.newBaseManager()) {
            model.setBlock(
                    new SequentialBlock()
                            .add(Linear.builder().setUnits(32).build())
                            .add(Activation::relu)
                            .add(Linear.builder().setUnits(10).build()));
            Random random = new Random(3);
            float[] x = new float[512 * 784];
            float[] y = new float[512];
            for (int i = 0; i < y.length; i++) {
                y[i] = random.nextInt(10);
                for (int k = 0; k < 784; k++) {
                    x[i * 784 + k] = (float) random.nextGaussian() + (k % 10 == y[i] ? 1 : 0);
                }
            }
            ArrayDataset trainingSet =
                    new ArrayDataset.Builder()
                            .setData(manager.create(x, new Shape(512, 784)))
                            .optLabels(manager.create(y, new Shape(512)))
                            .setSampling(32, true)
                            .build();
            // README-START
            LrFinderResult result =
                    LrFinder.builder()
                            .build()
                            .run(
                                    model,
                                    lr ->
                                            new DefaultTrainingConfig(
                                                            Loss.softmaxCrossEntropyLoss())
                                                    .optOptimizer(
                                                            Optimizer.sgd()
                                                                    .setLearningRateTracker(lr)
                                                                    .build()),
                                    trainingSet,
                                    new Shape(1, 784));
            double lr = result.getSuggestion(LrSuggestion.Method.VALLEY).orElseThrow().getLr();
            System.out.println(result.getSuggestions()); // every rule's, with its source
            result.writeCsv(outputDir.resolve("lr-find.csv")); // lr,loss,smoothed_loss
            result.writePlot(outputDir.resolve("lr-find.png"), outputDir.resolve("lr-find.svg"));
            // README-END
            assertTrue(lr > 1e-7 && lr < 10, "" + lr);
            assertTrue(Files.size(outputDir.resolve("lr-find.png")) > 1000);
        }
        // The README's block is the code above, character for character.
        String test =
                Files.readString(
                        Path.of("src/test/java/io/github/lrschedulers/finder/LrFinderTest.java"));
        String code =
                test.substring(
                        test.indexOf("// README-START\n") + "// README-START\n".length(),
                        test.indexOf("// README-END"));
        StringBuilder expected = new StringBuilder();
        for (String line : code.split("\n")) {
            if (!line.isBlank()) {
                expected.append(line.substring(12)).append('\n');
            }
        }
        String readme = Files.readString(Path.of("README.md"));
        int section = readme.indexOf("\n## LR range test\n");
        assertTrue(section >= 0, "README.md has the section");
        int open = readme.indexOf("```java\n", section) + "```java\n".length();
        assertEquals(expected.toString(), readme.substring(open, readme.indexOf("```\n", open)));
    }
}
