package io.github.lrschedulers.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import io.github.lrschedulers.LrReason;
import io.github.lrschedulers.LrTracker;
import io.github.lrschedulers.spec.ScheduleSpec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trains a small MLP on the PyTorch engine and checks that {@link LrLoggingListener} logs each
 * discrete change of the rate with its reason, on the line of the update where it changes, and
 * writes the reasons into the CSV's {@code reason} column.
 */
class LrReasonsListenerTest {

    private static final int SAMPLES = 64;
    private static final int BATCH = 8;
    private static final int EPOCHS = 3;
    private static final int UPDATES = EPOCHS * SAMPLES / BATCH;
    private static final Pattern UPDATE_LINE =
            Pattern.compile("Update (\\d+): lr [^\\n]*? because ([^\\n]*)");

    @TempDir Path dir;

    private static ArrayDataset dataset(NDManager manager, Random random, int n) {
        float[] x = new float[n * 4];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 4; k++) {
                x[i * 4 + k] = (float) random.nextGaussian();
            }
            y[i] = x[i * 4] + x[i * 4 + 1] > 0.5f ? 2 : x[i * 4 + 2] > 0 ? 1 : 0;
        }
        return new ArrayDataset.Builder()
                .setData(manager.create(x, new Shape(n, 4)))
                .optLabels(manager.create(y, new Shape(n)))
                .setSampling(BATCH, false)
                .build();
    }

    /** Trains 3 epochs of 8 updates and returns what the listeners logged. */
    private static String train(LrTracker tracker, TrainingListener... listeners) throws Exception {
        assertEquals("PyTorch", Engine.getInstance().getEngineName());
        Engine.getInstance().setRandomSeed(1234);
        Random random = new Random(7);
        PrintStream err = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (NDManager manager = NDManager.newBaseManager();
                Model model = Model.newInstance("lr-reasons-test")) {
            model.setBlock(
                    new SequentialBlock()
                            .add(Linear.builder().setUnits(16).build())
                            .add(Activation::relu)
                            .add(Linear.builder().setUnits(3).build()));
            DefaultTrainingConfig config =
                    new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                            .optOptimizer(Optimizer.sgd().setLearningRateTracker(tracker).build())
                            .optDevices(new Device[] {Device.cpu()})
                            .addTrainingListeners(listeners);
            System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(BATCH, 4));
                EasyTrain.fit(
                        trainer,
                        EPOCHS,
                        dataset(manager, random, SAMPLES),
                        dataset(manager, random, SAMPLES / 2));
            }
        } finally {
            System.setErr(err);
        }
        String lines = log.toString(StandardCharsets.UTF_8);
        err.print(lines);
        return lines;
    }

    private static String messages(List<LrReason> reasons) {
        return reasons.stream().map(LrReason::getMessage).collect(Collectors.joining("; "));
    }

    @Test
    void everyJumpIsLoggedWithItsReasonAndWrittenToTheCsv() throws Exception {
        LrTracker tracker =
                LrTracker.builder()
                        .setSchedule(
                                ScheduleSpec.parse(
                                        "SequentialLR(schedulers=[ConstantLR(factor=0.5,"
                                                + " total_iters=4), StepLR(step_size=6,"
                                                + " gamma=0.5)], milestones=[8])"))
                        .optBaseLr(0.1)
                        .build();
        LrLoggingListener lrLog =
                LrLoggingListener.builder()
                        .setTracker(tracker)
                        .optLogEveryUpdates(10)
                        .optOutputDir(dir)
                        .optPlot(false)
                        .build();
        String log = train(tracker, lrLog);

        // The updates whose rate jumps, from the tracker's rates: here every change is a jump.
        List<Integer> jumps = new ArrayList<>();
        for (int u = 2; u <= UPDATES; u++) {
            if (tracker.getLr(0, u) != tracker.getLr(0, u - 1)) {
                jumps.add(u);
            }
        }
        assertEquals(3, jumps.size(), "the constant phase's end and two StepLR decays");
        List<Integer> logged = new ArrayList<>();
        Matcher m = UPDATE_LINE.matcher(log);
        while (m.find()) {
            int u = Integer.parseInt(m.group(1));
            logged.add(u);
            assertEquals(messages(tracker.getReasons(0, u)), m.group(2).trim());
        }
        assertEquals(jumps, logged, log);
        assertTrue(log.contains("schedulers[0] (ConstantLR): factor phase ended"), log);
        assertTrue(log.contains("schedulers[1] (StepLR): decay every step_size=6"), log);

        // The CSV: each row's reason holds the reasons since the row before.
        List<LrHistory.Row> rows =
                LrHistory.readCsv(dir.resolve(LrLoggingListener.CSV_FILE)).rows();
        assertEquals(lrLog.getHistory().rows(), rows);
        int before = 0;
        int withReason = 0;
        for (LrHistory.Row r : rows) {
            List<String> since = new ArrayList<>();
            for (int u = before + 1; u <= r.update(); u++) {
                if (u >= 2 && !tracker.getReasons(0, u).isEmpty()) {
                    since.add(messages(tracker.getReasons(0, u)));
                }
            }
            assertEquals(String.join("; ", since), r.reason(), "row of update " + r.update());
            withReason += r.reason().isEmpty() ? 0 : 1;
            before = r.update();
        }
        assertTrue(withReason >= 2, rows.toString());
        assertEquals(jumps.get(jumps.size() - 1), tracker.getLastChange(0, UPDATES).getAsInt());
    }

    @Test
    void aPlateauNamesTheMonitoredMetric() throws Exception {
        // mode='max' on a falling loss: every epoch after the first fails to improve.
        LrTracker tracker =
                LrTracker.builder()
                        .setSchedule(
                                ScheduleSpec.parse(
                                        "ReduceLROnPlateau(mode='max', patience=0, factor=0.5)"))
                        .optBaseLr(0.1)
                        .optStepAtEpochEnds()
                        .build();
        LrScheduleListener schedule = LrScheduleListener.builder().setTracker(tracker).build();
        LrLoggingListener lrLog =
                LrLoggingListener.builder()
                        .setTracker(tracker)
                        .optMetricName("validateLoss")
                        .optOutputDir(dir)
                        .optPlot(false)
                        .build();
        String log = train(tracker, schedule, lrLog);

        double[] metrics = tracker.getReportedMetrics();
        Matcher m = UPDATE_LINE.matcher(log);
        assertTrue(m.find(), log);
        int u = Integer.parseInt(m.group(1));
        assertEquals(SAMPLES / BATCH + SAMPLES / BATCH + 1, u, "the third epoch's first update");
        String want =
                "validateLoss "
                        + metrics[1]
                        + " did not improve on "
                        + metrics[0]
                        + " for 1 epochs → ×0.5";
        assertEquals(want, m.group(2).trim());
        assertFalse(m.find(), "a single reduction in 3 epochs: " + log);
        String csv = LrHistory.readCsv(dir.resolve(LrLoggingListener.CSV_FILE)).rows().toString();
        assertTrue(csv.contains("reason=" + want), csv);
    }
}
