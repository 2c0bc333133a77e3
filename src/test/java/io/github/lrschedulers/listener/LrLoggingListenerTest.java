package io.github.lrschedulers.listener;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.metric.Metric;
import ai.djl.metric.Metrics;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.TrainingResult;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.evaluator.Accuracy;
import ai.djl.training.evaluator.Evaluator;
import ai.djl.training.listener.EvaluatorTrainingListener;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.listener.TrainingListenerAdapter;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.translate.TranslateException;
import io.github.lrschedulers.LrTracker;
import io.github.lrschedulers.spec.ScheduleSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Trains a small MLP on the PyTorch engine with DJL's listeners and an {@link LrLoggingListener},
 * first or last in the list, and checks its rows against the tracker and against DJL's own epoch
 * metrics.
 */
class LrLoggingListenerTest {

    private static final int SAMPLES = 64;
    private static final int BATCH = 8;
    private static final int EPOCHS = 3;
    private static final int FEATURES = 4;
    private static final int CLASSES = 3;
    private static final int UPDATES_PER_EPOCH = SAMPLES / BATCH;
    private static final String SPEC = "OneCycleLR(max_lr=0.1, total_steps=24)";
    private static final String LOSS = "SoftmaxCrossEntropyLoss";

    private static LrTracker tracker() {
        return LrTracker.builder().setSchedule(ScheduleSpec.parse(SPEC)).build();
    }

    /** What a training run leaves: DJL's result and per-epoch metrics. */
    private record Run(TrainingResult result, Metrics metrics) {

        /** The value DJL's EvaluatorTrainingListener recorded for an epoch, from 1. */
        float djl(String stage, String evaluator, int epoch) {
            List<Metric> values = metrics.getMetric(stage + "_epoch_" + evaluator);
            assertEquals(EPOCHS, values.size(), stage + " " + evaluator);
            return values.get(epoch - 1).getValue().floatValue();
        }
    }

    /** A listener that reads DJL's own epoch accumulators, as a naive listener would. */
    private static final class NaiveReader extends TrainingListenerAdapter {
        final List<Float> trainLoss = new ArrayList<>();

        @Override
        public void onEpoch(Trainer trainer) {
            Evaluator loss = trainer.getLoss();
            trainLoss.add(loss.getAccumulator(EvaluatorTrainingListener.TRAIN_EPOCH));
        }
    }

    private static ArrayDataset dataset(NDManager manager, Random random, int n) {
        float[] x = new float[n * FEATURES];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < FEATURES; k++) {
                x[i * FEATURES + k] = (float) random.nextGaussian();
            }
            float a = x[i * FEATURES] + x[i * FEATURES + 1];
            float b = x[i * FEATURES + 2] - x[i * FEATURES + 3];
            y[i] = a > 0.5f ? 2 : b > 0 ? 1 : 0;
        }
        return new ArrayDataset.Builder()
                .setData(manager.create(x, new Shape(n, FEATURES)))
                .optLabels(manager.create(y, new Shape(n)))
                .setSampling(BATCH, false)
                .build();
    }

    /** Trains 3 epochs of 8 updates with the tracker and the listeners, in this order. */
    private static Run train(LrTracker tracker, TrainingListener... listeners)
            throws IOException, TranslateException {
        assertEquals("PyTorch", Engine.getInstance().getEngineName());
        Engine.getInstance().setRandomSeed(1234);
        Random random = new Random(7);
        try (NDManager manager = NDManager.newBaseManager();
                Model model = Model.newInstance("lr-logging-test")) {
            ArrayDataset train = dataset(manager, random, SAMPLES);
            ArrayDataset validate = dataset(manager, random, SAMPLES / 2);
            model.setBlock(
                    new SequentialBlock()
                            .add(Linear.builder().setUnits(16).build())
                            .add(Activation::relu)
                            .add(Linear.builder().setUnits(CLASSES).build()));
            DefaultTrainingConfig config =
                    new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                            .optOptimizer(Optimizer.sgd().setLearningRateTracker(tracker).build())
                            .optDevices(new Device[] {Device.cpu()})
                            .addEvaluator(new Accuracy())
                            .addTrainingListeners(listeners);
            Metrics metrics = new Metrics();
            TrainingResult result;
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.setMetrics(metrics);
                trainer.initialize(new Shape(BATCH, FEATURES));
                EasyTrain.fit(trainer, EPOCHS, train, validate);
                result = trainer.getTrainingResult();
            }
            return new Run(result, metrics);
        }
    }

    private static TrainingListener[] concat(TrainingListener[] first, TrainingListener... second) {
        List<TrainingListener> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(second));
        return all.toArray(new TrainingListener[0]);
    }

    private static List<LrHistory.Row> epochRows(LrLoggingListener listener) {
        List<LrHistory.Row> rows = new ArrayList<>();
        for (LrHistory.Row r : listener.getHistory().rows()) {
            if (!Double.isNaN(r.trainLoss())) {
                rows.add(r);
            }
        }
        return rows;
    }

    /**
     * Checks the rows: an update row every 4 updates and one epoch row per epoch, one row per
     * update (an epoch row takes the place of the update row of its last update); the rates and
     * momenta the tracker's, the metrics DJL's; and the rate of every update.
     */
    private static void assertRecorded(LrLoggingListener listener, LrTracker tracker, Run run) {
        List<LrHistory.Row> rows = listener.getHistory().rows();
        List<Integer> updates = new ArrayList<>();
        List<Integer> expectedUpdates = new ArrayList<>();
        for (int u = 4; u <= EPOCHS * UPDATES_PER_EPOCH; u += 4) {
            if (u % UPDATES_PER_EPOCH != 0) {
                expectedUpdates.add(u);
            }
        }
        List<Integer> rowUpdates = new ArrayList<>();
        for (LrHistory.Row r : rows) {
            rowUpdates.add(r.update());
            assertEquals(tracker.getLr(0, r.update()), r.lr(0), "lr at " + r);
            assertEquals(tracker.getMomentum(0, r.update()), r.momentum()[0], "momentum at " + r);
            // The update's batch belongs to this epoch: update 8 is epoch 1's last.
            assertEquals(
                    (r.update() + UPDATES_PER_EPOCH - 1) / UPDATES_PER_EPOCH,
                    r.epoch(),
                    r.toString());
            if (Double.isNaN(r.trainLoss())) {
                updates.add(r.update());
                assertTrue(Double.isNaN(r.validateLoss()), r.toString());
                assertTrue(Double.isNaN(r.trainAccuracy()), r.toString());
                assertTrue(Double.isNaN(r.validateAccuracy()), r.toString());
            }
        }
        assertEquals(expectedUpdates, updates);
        // Once each, in order: the epoch ends 8, 16 and 24 are logging points too.
        assertEquals(List.of(4, 8, 12, 16, 20, 24), rowUpdates);

        LrHistory history = listener.getHistory();
        assertEquals(EPOCHS * UPDATES_PER_EPOCH, history.getUpdateCount());
        float[] every = history.getUpdateRates(0);
        for (int u = 1; u <= EPOCHS * UPDATES_PER_EPOCH; u++) {
            assertEquals((float) tracker.getLr(0, u), every[u - 1], "rate of update " + u);
        }

        List<LrHistory.Row> epochs = epochRows(listener);
        assertEquals(EPOCHS, epochs.size());
        for (int e = 1; e <= EPOCHS; e++) {
            LrHistory.Row r = epochs.get(e - 1);
            assertEquals(e, r.epoch());
            assertEquals(e * UPDATES_PER_EPOCH, r.update());
            assertEquals((float) r.trainLoss(), run.djl("train", LOSS, e), "train loss " + e);
            assertEquals((float) r.validateLoss(), run.djl("validate", LOSS, e), "val loss " + e);
            assertEquals((float) r.trainAccuracy(), run.djl("train", "Accuracy", e));
            assertEquals((float) r.validateAccuracy(), run.djl("validate", "Accuracy", e));
            assertTrue(r.trainLoss() > 0 && r.validateLoss() > 0, r.toString());
            assertTrue(r.validateAccuracy() >= 0 && r.validateAccuracy() <= 1, r.toString());
        }
        // The epoch rows come after their epoch's update rows.
        assertEquals(epochs.get(EPOCHS - 1), rows.get(rows.size() - 1));
        LrHistory.Row last = epochs.get(EPOCHS - 1);
        assertEquals(run.result().getTrainLoss(), (float) last.trainLoss());
        assertEquals(run.result().getValidateLoss(), (float) last.validateLoss());
        assertEquals(
                run.result().getValidateEvaluation("Accuracy"), (float) last.validateAccuracy());
        assertEquals(EPOCHS, run.result().getEpoch());
        assertArrayEquals(last.lr(), listener.getLastLr());
        assertEquals(EPOCHS * UPDATES_PER_EPOCH, tracker.getLatestUpdate());
    }

    private static LrLoggingListener listener(LrTracker tracker, Path dir) {
        return LrLoggingListener.builder()
                .setTracker(tracker)
                .optLogEveryUpdates(4)
                .optOutputDir(dir)
                .build();
    }

    private static Path outputDir(String name) throws IOException {
        Path dir = Path.of("target", "lr-logging-test", name);
        for (String f :
                List.of(
                        LrLoggingListener.CSV_FILE,
                        LrLoggingListener.PNG_FILE,
                        LrLoggingListener.SVG_FILE)) {
            Files.deleteIfExists(dir.resolve(f));
        }
        return dir;
    }

    private static void assertFiles(LrLoggingListener listener, Path dir) throws IOException {
        LrHistory read = LrHistory.readCsv(dir.resolve(LrLoggingListener.CSV_FILE));
        assertEquals(listener.getHistory().rows(), read.rows());
        // The rate line has a point per update.
        LrPlotTest.assertPlot(
                dir.resolve(LrLoggingListener.PNG_FILE),
                dir.resolve(LrLoggingListener.SVG_FILE),
                1,
                EPOCHS * UPDATES_PER_EPOCH);
    }

    @Test
    void firstInTheListenerList() throws Exception {
        LrTracker tracker = tracker();
        Path dir = outputDir("first");
        LrLoggingListener lrLog = listener(tracker, dir);
        NaiveReader naive = new NaiveReader();
        Run run =
                train(
                        tracker,
                        concat(
                                new TrainingListener[] {lrLog, naive},
                                TrainingListener.Defaults.logging()));
        assertRecorded(lrLog, tracker, run);
        assertFiles(lrLog, dir);
        // A listener reading DJL's accumulators before EvaluatorTrainingListener resets them
        // sees the epoch's values.
        List<Float> expected = new ArrayList<>();
        for (LrHistory.Row r : epochRows(lrLog)) {
            expected.add((float) r.trainLoss());
        }
        assertEquals(expected, naive.trainLoss);
    }

    @Test
    void lastInTheListenerList() throws Exception {
        LrTracker tracker = tracker();
        Path dir = outputDir("last");
        LrLoggingListener lrLog = listener(tracker, dir);
        NaiveReader naive = new NaiveReader();
        Run run = train(tracker, concat(TrainingListener.Defaults.logging(), naive, lrLog));
        assertRecorded(lrLog, tracker, run);
        assertFiles(lrLog, dir);
        // Here the naive reader comes after EvaluatorTrainingListener has reset the accumulators:
        // the order matters for it, not for LrLoggingListener.
        assertEquals(EPOCHS, naive.trainLoss.size());
        for (Float v : naive.trainLoss) {
            assertTrue(v.isNaN(), naive.trainLoss.toString());
        }
    }

    @Test
    void aPreviewOfALaterUpdateDoesNotShiftTheRows() throws Exception {
        LrTracker tracker = tracker();
        // Asking for update 20 before training (a plot of the planned curve, say) moves the
        // tracker's latest update; the rows still follow the real updates.
        tracker.getNewValue("preview", 20);
        Path dir = outputDir("preview");
        LrLoggingListener lrLog = listener(tracker, dir);
        Run run =
                train(
                        tracker,
                        concat(
                                new TrainingListener[] {lrLog},
                                TrainingListener.Defaults.logging()));
        assertRecorded(lrLog, tracker, run);
        assertFiles(lrLog, dir);
    }

    @Test
    void firstAndLastRecordTheSameRows() throws Exception {
        LrTracker tracker = tracker();
        LrLoggingListener first =
                LrLoggingListener.builder().setTracker(tracker).optLogEveryUpdates(4).build();
        LrLoggingListener last =
                LrLoggingListener.builder().setTracker(tracker).optLogEveryUpdates(4).build();
        Run run =
                train(
                        tracker,
                        concat(
                                concat(
                                        new TrainingListener[] {first},
                                        TrainingListener.Defaults.logging()),
                                last));
        assertRecorded(first, tracker, run);
        assertRecorded(last, tracker, run);
        assertEquals(first.getHistory().rows(), last.getHistory().rows());

        // And in separate runs, seeded alike.
        LrTracker tracker2 = tracker();
        LrLoggingListener alone =
                LrLoggingListener.builder().setTracker(tracker2).optLogEveryUpdates(4).build();
        Run run2 = train(tracker2, concat(TrainingListener.Defaults.logging(), alone));
        assertRecorded(alone, tracker2, run2);
        assertEquals(first.getHistory().rows(), alone.getHistory().rows());
    }

    @Test
    void perEpochOnlyWithoutMomentumOrFiles() throws Exception {
        LrTracker tracker = tracker();
        LrLoggingListener lrLog =
                LrLoggingListener.builder().setTracker(tracker).optRecordMomentum(false).build();
        assertTrue(lrLog.getHistory().isEmpty());
        assertArrayEquals(new double[] {tracker.getLr(0, 1)}, lrLog.getLastLr());
        Run run = train(tracker, concat(TrainingListener.Defaults.basic(), lrLog));
        List<LrHistory.Row> rows = lrLog.getHistory().rows();
        assertEquals(EPOCHS, rows.size());
        for (int e = 1; e <= EPOCHS; e++) {
            LrHistory.Row r = rows.get(e - 1);
            assertEquals(e * UPDATES_PER_EPOCH, r.update());
            assertEquals(tracker.getLr(0, r.update()), r.lr(0));
            assertTrue(Double.isNaN(r.momentum()[0]));
            assertEquals(run.djl("validate", LOSS, e), (float) r.validateLoss());
        }
    }

    /**
     * Trains as {@link #train} does, with DJL's logging listeners, the given listener and a {@link
     * CheckpointListener} saving into {@code dir} every 5 updates; with {@code restore}, from the
     * checkpoint there. With {@code crashAt > 0} the run dies before update {@code crashAt} as a
     * killed process would: the trainer is never closed, so no {@code onTrainingEnd} runs.
     */
    private static Run trainWithCheckpoints(
            LrTracker tracker, Path dir, boolean restore, int crashAt, LrLoggingListener lrLog)
            throws Exception {
        Engine.getInstance().setRandomSeed(1234);
        Random random = new Random(7);
        try (NDManager manager = NDManager.newBaseManager();
                Model model = Model.newInstance("lr-logging-resume")) {
            ArrayDataset train = dataset(manager, random, SAMPLES);
            ArrayDataset validate = dataset(manager, random, SAMPLES / 2);
            model.setBlock(
                    new SequentialBlock()
                            .add(Linear.builder().setUnits(16).build())
                            .add(Activation::relu)
                            .add(Linear.builder().setUnits(CLASSES).build()));
            CheckpointListener.Restored at = new CheckpointListener.Restored(0, 0, 0);
            if (restore) {
                model.getBlock().initialize(manager, DataType.FLOAT32, new Shape(BATCH, FEATURES));
                at = CheckpointListener.restore(model, dir, "m", tracker);
                lrLog.continueFrom(at);
            }
            CheckpointListener checkpoints =
                    CheckpointListener.builder()
                            .setTracker(tracker)
                            .setOutputDir(dir)
                            .optModelName("m")
                            .optSaveEveryUpdates(5)
                            .build();
            checkpoints.continueFrom(at);
            DefaultTrainingConfig config =
                    new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                            .optOptimizer(
                                    Optimizer.sgd()
                                            .setLearningRateTracker(tracker)
                                            .optBeginNumUpdate(at.updates())
                                            .build())
                            .optDevices(new Device[] {Device.cpu()})
                            .addEvaluator(new Accuracy())
                            .addTrainingListeners(TrainingListener.Defaults.logging())
                            .addTrainingListeners(lrLog, checkpoints);
            Metrics metrics = new Metrics();
            Trainer trainer = model.newTrainer(config);
            trainer.setMetrics(metrics);
            trainer.initialize(new Shape(BATCH, FEATURES));
            int updates = at.updates();
            for (int epoch = at.epoch(); epoch < EPOCHS; epoch++) {
                int b = 0;
                for (Batch batch : trainer.iterateDataset(train)) {
                    try (batch) {
                        if (epoch == at.epoch() && b++ < at.batchInEpoch()) {
                            continue; // done before the checkpoint
                        }
                        if (updates + 1 == crashAt) {
                            return null; // killed: the trainer is not closed
                        }
                        EasyTrain.trainBatch(trainer, batch);
                        trainer.step();
                        updates++;
                    }
                }
                EasyTrain.evaluateDataset(trainer, validate);
                trainer.notifyListeners(listener -> listener.onEpoch(trainer));
            }
            TrainingResult result = trainer.getTrainingResult();
            trainer.close();
            return new Run(result, metrics);
        }
    }

    /**
     * A run killed before update 14, resumed from its checkpoint after update 10 (epoch 2, batch
     * 2): the CSV held the rows up to update 12 when it died; the resumed listener keeps those up
     * to update 10, drops 12, numbers the epochs on (2 and 3, not 1 and 2), and ends with the rows
     * and the per-update rates of an uninterrupted run.
     */
    @Test
    void aResumedRunContinuesTheHistoryTheCsvAndTheEpochNumbers() throws Exception {
        Path straightDir = outputDir("straight");
        LrTracker straight = tracker();
        LrLoggingListener reference = listener(straight, straightDir);
        trainWithCheckpoints(straight, straightDir, false, -1, reference);

        Path dir = outputDir("resumed");
        Files.deleteIfExists(dir.resolve("m-schedule.json"));
        LrTracker first = tracker();
        LrLoggingListener killed = listener(first, dir);
        assertEquals(null, trainWithCheckpoints(first, dir, false, 14, killed));
        // Written as it grew: every row recorded before the crash, each flushed.
        List<LrHistory.Row> onDisk =
                LrHistory.readCsv(dir.resolve(LrLoggingListener.CSV_FILE)).rows();
        assertEquals(killed.getHistory().rows(), onDisk);
        assertEquals(reference.getHistory().rows().subList(0, 3), onDisk);
        assertEquals(12, onDisk.get(2).update());

        LrTracker second = tracker();
        LrLoggingListener resumed = listener(second, dir);
        PrintStream err = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
            trainWithCheckpoints(second, dir, true, -1, resumed);
        } finally {
            System.setErr(err);
        }
        String lines = log.toString(StandardCharsets.UTF_8);
        err.print(lines);

        List<LrHistory.Row> want = reference.getHistory().rows();
        List<LrHistory.Row> got = resumed.getHistory().rows();
        assertEquals(want.size(), got.size(), got.toString());
        for (int i = 0; i < want.size(); i++) {
            LrHistory.Row w = want.get(i);
            LrHistory.Row g = got.get(i);
            assertEquals(w.update(), g.update(), g.toString());
            assertEquals(w.epoch(), g.epoch(), g.toString());
            assertArrayEquals(w.lr(), g.lr(), g.toString());
            assertArrayEquals(w.momentum(), g.momentum(), g.toString());
        }
        // The rows kept from the killed run, epoch 1's metrics included.
        assertEquals(want.subList(0, 2), got.subList(0, 2));
        assertEquals(got, LrHistory.readCsv(dir.resolve(LrLoggingListener.CSV_FILE)).rows());
        assertArrayEquals(
                reference.getHistory().getUpdateRates(0), resumed.getHistory().getUpdateRates(0));
        assertEquals(EPOCHS * UPDATES_PER_EPOCH, resumed.getHistory().getUpdateCount());

        assertTrue(
                lines.contains("after update 10 (epoch 2, batch 2): 2 rows kept, 1 later"), lines);
        assertTrue(lines.contains("Epoch 2: lr "), lines);
        assertTrue(lines.contains("Epoch 3: lr "), lines);
        assertFalse(lines.contains("Epoch 1: lr "), lines);
        assertFalse(lines.contains("Epoch 4: lr "), lines);
        LrPlotTest.assertPlot(
                dir.resolve(LrLoggingListener.PNG_FILE),
                dir.resolve(LrLoggingListener.SVG_FILE),
                1,
                EPOCHS * UPDATES_PER_EPOCH);
    }

    /** A CSV that cannot be continued is kept aside, never overwritten, and a new one begins. */
    @Test
    void anUnreadableCsvToContinueIsMovedAsideNotLost() throws Exception {
        Path dir = outputDir("unreadable");
        Files.createDirectories(dir);
        String garbage = "not,a,history\n1,2,3\n";
        Files.writeString(dir.resolve(LrLoggingListener.CSV_FILE), garbage);
        LrTracker tracker = tracker();
        LrLoggingListener lrLog = listener(tracker, dir);
        lrLog.continueFrom(new CheckpointListener.Restored(0, 0, 0));
        List<RuntimeException> late = new ArrayList<>();
        TrainingListener tooLate = new ContinueAtEachBatch(lrLog, late);
        train(tracker, concat(TrainingListener.Defaults.logging(), lrLog, tooLate));
        assertEquals(EPOCHS * UPDATES_PER_EPOCH, late.size());
        assertEquals(
                "continueFrom must be called before the run's first batch",
                late.get(0).getMessage());
        assertEquals(
                garbage, Files.readString(dir.resolve(LrLoggingListener.CSV_FILE + ".unreadable")));
        assertEquals(
                lrLog.getHistory().rows(),
                LrHistory.readCsv(dir.resolve(LrLoggingListener.CSV_FILE)).rows());
        assertEquals(List.of(4, 8, 12, 16, 20, 24), updates(lrLog.getHistory()));
    }

    /** Calls {@code continueFrom} at each batch, too late, and keeps what it throws. */
    private static final class ContinueAtEachBatch extends TrainingListenerAdapter {

        private final LrLoggingListener lrLog;
        private final List<RuntimeException> thrown;

        ContinueAtEachBatch(LrLoggingListener lrLog, List<RuntimeException> thrown) {
            this.lrLog = lrLog;
            this.thrown = thrown;
        }

        @Override
        public void onTrainingBatch(Trainer trainer, BatchData batchData) {
            try {
                lrLog.continueFrom(new CheckpointListener.Restored(3, 0, 3));
            } catch (IllegalStateException e) {
                thrown.add(e);
            }
        }
    }

    private static List<Integer> updates(LrHistory history) {
        List<Integer> updates = new ArrayList<>();
        for (LrHistory.Row r : history.rows()) {
            updates.add(r.update());
        }
        return updates;
    }

    @Test
    void continueFromRejectsNegativeProgress() {
        LrLoggingListener lrLog = LrLoggingListener.builder().setTracker(tracker()).build();
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> lrLog.continueFrom(new CheckpointListener.Restored(-1, 0, 0)));
        assertEquals("restored updates and epoch must be >= 0, but were -1 and 0", e.getMessage());
    }

    /** The class javadoc's usage snippet, as it is there. */
    @Test
    void usage() {
        LrTracker tracker =
                LrTracker.builder()
                        .setSchedule(ScheduleSpec.parse("OneCycleLR(max_lr=0.1, total_steps=24)"))
                        .build();
        LrLoggingListener lrLog =
                LrLoggingListener.builder()
                        .setTracker(tracker)
                        .optLogEveryUpdates(4)
                        .optOutputDir(Path.of("build", "lr"))
                        .build();
        DefaultTrainingConfig config =
                new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                        .optOptimizer(Optimizer.sgd().setLearningRateTracker(tracker).build())
                        .addEvaluator(new Accuracy())
                        .addTrainingListeners(TrainingListener.Defaults.logging())
                        .addTrainingListeners(lrLog);
        assertTrue(config.getTrainingListeners().contains(lrLog));
        assertTrue(lrLog.toString().contains("plot=true"), lrLog.toString());
        assertTrue(lrLog.toString().contains("logEveryUpdates=4"), lrLog.toString());
    }

    @Test
    void builderChecks() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class, () -> LrLoggingListener.builder().build());
        assertEquals("tracker must be set", e.getMessage());
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> LrLoggingListener.builder().optLogEveryUpdates(-1));
        assertEquals("logEveryUpdates must be >= 0, but was -1", e.getMessage());
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                LrLoggingListener.builder()
                                        .setTracker(tracker())
                                        .optPlot(true)
                                        .build());
        assertEquals("plot needs an output directory: call optOutputDir(dir)", e.getMessage());
        assertFalse(
                LrLoggingListener.builder()
                        .setTracker(tracker())
                        .optOutputDir(Path.of("x"))
                        .optPlot(false)
                        .build()
                        .toString()
                        .contains("plot=true"));
        assertTrue(
                LrLoggingListener.builder()
                        .setTracker(tracker())
                        .optOutputDir(Path.of("x"))
                        .build()
                        .toString()
                        .contains("plot=true"));
    }

    @Test
    void describesEachGroupOnlyWhereTheyDiffer() {
        LrHistory.Row row =
                new LrHistory.Row(
                        5,
                        1,
                        new double[] {0.0041, 0.00041, 0.0041},
                        new double[] {0.93, 0.93, 0.93},
                        Double.NaN,
                        Double.NaN,
                        Double.NaN,
                        Double.NaN);
        assertEquals(
                "0.0041 (group 1: 0.00041, group 2: 0.0041), momentum 0.93",
                LrLoggingListener.describe(row, true));
        assertEquals(
                "0.0041 (group 1: 0.00041, group 2: 0.0041)",
                LrLoggingListener.describe(row, false));
        LrHistory.Row one =
                new LrHistory.Row(
                        5,
                        1,
                        new double[] {0.1, 0.1},
                        new double[] {0.9, 0.85},
                        Double.NaN,
                        Double.NaN,
                        Double.NaN,
                        Double.NaN);
        assertEquals("0.1, momentum 0.9 (group 1: 0.85)", LrLoggingListener.describe(one, true));
    }

    @Test
    void formatsAsPythonsPercentThreeG() {
        // Expected strings from Python 3: '%.3g' % v.
        double[] values = {
            0.0041,
            0.00041,
            1e-5,
            0.1,
            1234.5,
            999.5,
            0.00012345,
            2.0,
            0.93,
            -2.5e-7,
            0.125,
            100.0,
            0.0,
            1e22,
            0.0001,
            9.995e-05,
            123456789.0
        };
        String[] python = {
            "0.0041",
            "0.00041",
            "1e-05",
            "0.1",
            "1.23e+03",
            "1e+03",
            "0.000123",
            "2",
            "0.93",
            "-2.5e-07",
            "0.125",
            "100",
            "0",
            "1e+22",
            "0.0001",
            "0.0001",
            "1.23e+08"
        };
        for (int i = 0; i < values.length; i++) {
            assertEquals(python[i], LrLoggingListener.format3g(values[i]), "value " + values[i]);
        }
        assertEquals("nan", LrLoggingListener.format3g(Double.NaN));
    }
}
