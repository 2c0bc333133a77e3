package io.github.lrschedulers.samples;

import ai.djl.Model;
import ai.djl.basicdataset.cv.classification.FashionMnist;
import ai.djl.engine.Engine;
import ai.djl.metric.Metrics;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.Repository;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Dataset;
import ai.djl.training.evaluator.Accuracy;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.loss.Loss;
import ai.djl.translate.TranslateException;
import io.github.lrschedulers.LrTracker;
import io.github.lrschedulers.listener.AveragedParameters;
import io.github.lrschedulers.listener.LrLoggingListener;
import io.github.lrschedulers.listener.LrScheduleListener;
import io.github.lrschedulers.listener.SwaListener;
import io.github.lrschedulers.spec.ScheduleSpec;
import java.io.IOException;
import java.util.Locale;

/**
 * Trains Fashion-MNIST with Stochastic Weight Averaging, PyTorch's recipe ({@code
 * torch.optim.swa_utils}): a cosine schedule, then SWALR from the SWA start epoch, and the
 * parameters averaged at the end of every epoch trained under SWALR ({@link SwaListener}, as {@code
 * swa_model.update_parameters(model)}). At the end it evaluates the last weights and the averaged
 * ones (swapped in, BatchNorm statistics recomputed as {@code update_bn} does where the model has
 * BatchNorm layers, swapped out) and prints both accuracies.
 *
 * <p>The schedule, stepped at epoch ends, is {@code SequentialLR(schedulers=[CosineAnnealingLR(
 * T_max=epochs), SWALR(swa_lr=0.05, anneal_epochs=1)], milestones=[swa_start])} with {@code
 * swa_start = max(1, epochs / 2)}. Options are {@link TrainFashionMnist}'s data, batch, epoch,
 * {@code --lr} (the rate before SWA) and optimizer options; {@code --schedule} does not apply.
 *
 * <pre>
 * mvn -B -q -f samples/pom.xml compile exec:exec -Dsample=TrainSwa -Dsample.args="--epochs 6"
 * </pre>
 */
public final class TrainSwa {

    private static final String NAME = "swa";
    private static final Shape INPUT =
            new Shape(1, FashionMnist.IMAGE_HEIGHT * FashionMnist.IMAGE_WIDTH);

    /** SWALR's rate. */
    static final double SWA_LR = 0.05;

    private TrainSwa() {}

    /**
     * What the run measured.
     *
     * @param lastAccuracy the test accuracy of the last weights
     * @param swaAccuracy the test accuracy of the averaged weights
     * @param averaged the epoch ends averaged
     * @param tracker the schedule's tracker
     */
    record Result(double lastAccuracy, double swaAccuracy, long averaged, LrTracker tracker) {}

    /**
     * Trains, then prints the accuracy of the last and of the averaged weights.
     *
     * @param args the command line
     * @throws IOException if the data cannot be read
     * @throws TranslateException if the data cannot be transformed
     */
    public static void main(String[] args) throws IOException, TranslateException {
        SampleMain.configureDjl();
        Result r = run(args);
        System.out.printf(Locale.ROOT, "Last weights: test accuracy %.4f%n", r.lastAccuracy());
        System.out.printf(
                Locale.ROOT,
                "SWA weights (%d epochs averaged): test accuracy %.4f%n",
                r.averaged(),
                r.swaAccuracy());
    }

    /** The SWA start epoch (0-based): the first epoch trained under SWALR. */
    static int swaStart(int epochs) {
        return Math.max(1, epochs / 2);
    }

    /** The schedule: cosine annealing, then SWALR from the SWA start epoch. */
    static String spec(int epochs) {
        return String.format(
                Locale.ROOT,
                "SequentialLR(schedulers=[CosineAnnealingLR(T_max=%d), SWALR(swa_lr=%s,"
                        + " anneal_epochs=1)], milestones=[%d])",
                epochs,
                SWA_LR,
                swaStart(epochs));
    }

    static Result run(String[] argv) throws IOException, TranslateException {
        SampleArguments args = SampleArguments.parse(argv, NAME);
        int epochs = args.getEpochs();
        try (Model model = Model.newInstance("mlp")) {
            Engine.getInstance().setRandomSeed(args.getSeed());
            model.setBlock(TrainFashionMnist.mlp());

            Repository repository = SampleData.fashionMnist(args.getDataDir());
            FashionMnist train = TrainFashionMnist.dataset(repository, Dataset.Usage.TRAIN, args);
            FashionMnist test = TrainFashionMnist.dataset(repository, Dataset.Usage.TEST, args);

            // The schedule steps at epoch ends, as PyTorch's recipe calls scheduler.step().
            LrTracker tracker =
                    LrTracker.builder()
                            .setSchedule(ScheduleSpec.parse(spec(epochs)))
                            .optBaseLr(args.getLrs()[0])
                            .optBaseMomentum(args.getMomentum())
                            .optStepAtEpochEnds()
                            .build();

            // SWA: average at the end of every epoch from swa_start on. PyTorch's loop averages
            // when `epoch > swa_start` with SWALR from `swa_start + 1`; here SWALR starts at
            // swa_start, so the first average closes the first SWALR epoch.
            try (SwaListener swa = SwaListener.builder().setStartEpoch(swaStart(epochs)).build()) {
                DefaultTrainingConfig config =
                        new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                                .addEvaluator(new Accuracy())
                                .optDevices(Engine.getInstance().getDevices())
                                .optOptimizer(ScheduleSetup.optimizer(args, tracker, 0))
                                .addTrainingListeners(TrainingListener.Defaults.logging())
                                .addTrainingListeners(
                                        LrLoggingListener.builder()
                                                .setTracker(tracker)
                                                .optLogEveryUpdates(args.getLogEvery())
                                                .build())
                                .addTrainingListeners(
                                        LrScheduleListener.builder().setTracker(tracker).build())
                                .addTrainingListeners(swa);
                try (Trainer trainer = model.newTrainer(config)) {
                    trainer.setMetrics(new Metrics());
                    trainer.initialize(INPUT);
                    EasyTrain.fit(trainer, epochs, train, test);

                    // The last weights, then the averaged ones: swap in, recompute the
                    // BatchNorm statistics (none in this MLP), evaluate, swap the live ones back.
                    double last = accuracy(trainer, test);
                    AveragedParameters average = swa.getAverage();
                    average.swapIn(model.getBlock());
                    average.updateBatchNorm(trainer, trainer.iterateDataset(train));
                    double averaged = accuracy(trainer, test);
                    average.swapOut(model.getBlock());
                    return new Result(last, averaged, average.getAveragedCount(), tracker);
                }
            }
        }
    }

    /** The accuracy of the model's current weights on the test set. */
    static double accuracy(Trainer trainer, Dataset test) throws IOException, TranslateException {
        Accuracy accuracy = new Accuracy();
        accuracy.addAccumulator(NAME);
        for (Batch batch : trainer.iterateDataset(test)) {
            try (batch) {
                accuracy.updateAccumulator(
                        NAME, batch.getLabels(), trainer.evaluate(batch.getData()));
            }
        }
        return accuracy.getAccumulator(NAME);
    }
}
