package io.github.lrschedulers.example;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.metric.Metric;
import ai.djl.metric.Metrics;
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
import ai.djl.translate.TranslateException;
import io.github.lrschedulers.CosineAnnealingLr;
import io.github.lrschedulers.LinearLr;
import io.github.lrschedulers.LrTracker;
import io.github.lrschedulers.SequentialLr;
import io.github.lrschedulers.listener.LrLoggingListener;
import io.github.lrschedulers.optimizer.ScheduledAdam;
import io.github.lrschedulers.optimizer.ScheduledSgd;
import io.github.lrschedulers.spec.ScheduleSpec;
import java.io.IOException;
import java.util.Random;

/** PyTorch schedules in DJL's {@code EasyTrain.fit}: a small classifier, 4 epochs of 12 updates. */
public final class QuickStart {

    static final int EPOCHS = 4;
    static final int BATCH = 16;
    static final int SAMPLES = 192;
    static final int UPDATES = EPOCHS * SAMPLES / BATCH;

    private QuickStart() {}

    /** Trains with OneCycleLR, then with a warmup and cosine annealing; prints what each did. */
    public static void main(String[] args) throws IOException, TranslateException {
        // The PyTorch recipe, pasted as it is:
        //   OneCycleLR(optimizer, max_lr=0.1, total_steps=48)
        LrTracker oneCycle =
                LrTracker.builder()
                        .setSchedule(ScheduleSpec.parse("OneCycleLR(max_lr=0.1, total_steps=48)"))
                        .build();
        // As torch.optim.SGD: every update applies the schedule's rate and cycled momentum.
        Optimizer sgd = ScheduledSgd.builder().setLearningRateTracker(oneCycle).build();
        report("OneCycleLR, ScheduledSgd", train(sgd, oneCycle), oneCycle);

        // Or with Java builders, with the optimizer's lr as PyTorch's base rate:
        LrTracker warmupCosine =
                LrTracker.builder()
                        .setSchedule(
                                SequentialLr.builder()
                                        .setSchedulers(
                                                LinearLr.builder()
                                                        .optStartFactor(0.1)
                                                        .optTotalIters(8)
                                                        .build(),
                                                CosineAnnealingLr.builder().setTMax(40).build())
                                        .setMilestones(8)
                                        .build())
                        .optBaseLr(0.01)
                        .build();
        Optimizer adam = ScheduledAdam.builder().setLearningRateTracker(warmupCosine).build();
        report(
                "LinearLR then CosineAnnealingLR, ScheduledAdam",
                train(adam, warmupCosine),
                warmupCosine);
    }

    /** Trains a new model with the optimizer; returns the training loss of every epoch. */
    static double[] train(Optimizer optimizer, LrTracker tracker)
            throws IOException, TranslateException {
        Engine.getInstance().setRandomSeed(1234);
        try (Model model = Model.newInstance("quick-start")) {
            model.setBlock(
                    new SequentialBlock()
                            .add(Linear.builder().setUnits(16).build())
                            .add(Activation::relu)
                            .add(Linear.builder().setUnits(3).build()));
            Loss loss = Loss.softmaxCrossEntropyLoss();
            DefaultTrainingConfig config =
                    new DefaultTrainingConfig(loss)
                            .optOptimizer(optimizer)
                            .addTrainingListeners(TrainingListener.Defaults.logging())
                            // Logs each epoch's rate, and the momentum where the schedule
                            // cycles it (seen with an SLF4J provider).
                            .addTrainingListeners(
                                    LrLoggingListener.builder()
                                            .setTracker(tracker)
                                            .optRecordMomentum(tracker.cyclesMomentum())
                                            .build());
            try (Trainer trainer = model.newTrainer(config)) {
                Metrics metrics = new Metrics();
                trainer.setMetrics(metrics);
                trainer.initialize(new Shape(BATCH, 4));
                EasyTrain.fit(trainer, EPOCHS, dataset(trainer.getManager()), null);
                return metrics.getMetric("train_epoch_" + loss.getName()).stream()
                        .mapToDouble(Metric::getValue)
                        .toArray();
            }
        }
    }

    /** 192 points of 4 features in 3 classes, the same at every call. */
    static ArrayDataset dataset(NDManager manager) {
        Random random = new Random(7);
        float[] x = new float[SAMPLES * 4];
        float[] y = new float[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            for (int k = 0; k < 4; k++) {
                x[i * 4 + k] = (float) random.nextGaussian();
            }
            y[i] = x[i * 4] + x[i * 4 + 1] > 0.5f ? 2 : x[i * 4 + 2] > x[i * 4 + 3] ? 1 : 0;
        }
        return new ArrayDataset.Builder()
                .setData(manager.create(x, new Shape(SAMPLES, 4)))
                .optLabels(manager.create(y, new Shape(SAMPLES)))
                .setSampling(BATCH, false)
                .build();
    }

    /** Prints the first and the last epoch's training loss and the rate of the last update. */
    static void report(String run, double[] losses, LrTracker tracker) {
        System.out.printf(
                "%s: loss %.4f after epoch 1, %.4f after epoch %d; lr %s at update %d%n",
                run,
                losses[0],
                losses[losses.length - 1],
                losses.length,
                tracker.getNewValue(UPDATES),
                UPDATES);
    }
}
