package io.github.lrschedulers.listener;

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
import ai.djl.training.evaluator.Accuracy;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import io.github.lrschedulers.LrTracker;
import io.github.lrschedulers.spec.ScheduleSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Trains with an {@link LrLoggingListener} in a JVM whose classpath lacks XChart, and prints what
 * it finds, one {@code key=value} line each, for {@code WithoutXChartTest}. Not a test itself: that
 * test starts it in a separate JVM.
 */
public final class WithoutXChartMain {

    private WithoutXChartMain() {}

    /**
     * Runs the checks.
     *
     * @param args the output directory
     * @throws Exception if training fails
     */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        try {
            Class.forName("org.knowm.xchart.XYChart");
            System.out.println("xchart=present");
        } catch (ClassNotFoundException e) {
            System.out.println("xchart=absent");
        }
        System.out.println("available=" + LrPlot.isAvailable());
        LrTracker tracker =
                LrTracker.builder()
                        .setSchedule(ScheduleSpec.parse("OneCycleLR(max_lr=0.1, total_steps=8)"))
                        .build();
        try {
            LrLoggingListener.builder().setTracker(tracker).optOutputDir(dir).optPlot(true).build();
            System.out.println("build=accepted");
        } catch (IllegalStateException e) {
            System.out.println("build=" + e.getMessage());
        }
        LrLoggingListener lrLog =
                LrLoggingListener.builder()
                        .setTracker(tracker)
                        .optLogEveryUpdates(2)
                        .optOutputDir(dir)
                        .build();
        System.out.println("listener=" + lrLog);

        Engine.getInstance().setRandomSeed(3);
        Random random = new Random(5);
        try (NDManager manager = NDManager.newBaseManager();
                Model model = Model.newInstance("without-xchart")) {
            float[] x = new float[16 * 2];
            float[] y = new float[16];
            for (int i = 0; i < y.length; i++) {
                x[2 * i] = (float) random.nextGaussian();
                x[2 * i + 1] = (float) random.nextGaussian();
                y[i] = x[2 * i] > 0 ? 1 : 0;
            }
            ArrayDataset data =
                    new ArrayDataset.Builder()
                            .setData(manager.create(x, new Shape(16, 2)))
                            .optLabels(manager.create(y, new Shape(16)))
                            .setSampling(4, false)
                            .build();
            model.setBlock(
                    new SequentialBlock()
                            .add(Linear.builder().setUnits(8).build())
                            .add(Activation::relu)
                            .add(Linear.builder().setUnits(2).build()));
            DefaultTrainingConfig config =
                    new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                            .optOptimizer(Optimizer.sgd().setLearningRateTracker(tracker).build())
                            .optDevices(new Device[] {Device.cpu()})
                            .addEvaluator(new Accuracy())
                            .addTrainingListeners(TrainingListener.Defaults.logging())
                            .addTrainingListeners(lrLog);
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(4, 2));
                EasyTrain.fit(trainer, 2, data, data);
            }
        }
        LrHistory history = lrLog.getHistory();
        System.out.println("updates=" + history.getUpdateCount());
        System.out.println("rows=" + history.size());
        Path csv = dir.resolve(LrLoggingListener.CSV_FILE);
        System.out.println("csv=" + LrHistory.readCsv(csv).rows().equals(history.rows()));
        System.out.println("png=" + Files.exists(dir.resolve(LrLoggingListener.PNG_FILE)));
        System.out.println("svg=" + Files.exists(dir.resolve(LrLoggingListener.SVG_FILE)));
        try {
            LrPlot.write(history, dir.resolve("asked.png"), null);
            System.out.println("write=accepted");
        } catch (IllegalStateException e) {
            System.out.println("write=" + e.getMessage());
        }
        System.out.println("asked.png=" + Files.exists(dir.resolve("asked.png")));
    }
}
