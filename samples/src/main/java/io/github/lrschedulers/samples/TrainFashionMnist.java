package io.github.lrschedulers.samples;

import ai.djl.Model;
import ai.djl.basicdataset.cv.classification.FashionMnist;
import ai.djl.basicmodelzoo.basic.Mlp;
import ai.djl.engine.Engine;
import ai.djl.metric.Metrics;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.repository.Repository;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.TrainingResult;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Dataset;
import ai.djl.training.evaluator.Accuracy;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.translate.TranslateException;
import io.github.lrschedulers.LrTracker;
import io.github.lrschedulers.listener.CheckpointListener;
import io.github.lrschedulers.listener.LrLoggingListener;
import io.github.lrschedulers.listener.LrScheduleListener;
import io.github.lrschedulers.optimizer.OptimizerState;
import java.io.IOException;
import java.io.PrintStream;

/**
 * Trains an MLP on Fashion-MNIST with a PyTorch learning-rate schedule: DJL's {@code TrainMnist}
 * with {@code --schedule "<any PyTorch scheduler spec>"}. {@link #train} reads top to bottom: the
 * plan (options checked before the engine starts), model, schedule and tracker, data, optimizer,
 * listeners, fit.
 *
 * <p>The data is read by DJL's {@link FashionMnist}. Offline (DJL_OFFLINE=true) it comes from
 * Debian's {@code dataset-fashion-mnist} ({@value SampleData#DEBIAN_FASHION}), installed with
 * apt-get when missing and running as root; see {@link SampleData}. Options: {@link
 * SampleArguments}.
 *
 * <pre>
 * mvn -B -q -f samples/pom.xml compile exec:exec -Dsample=TrainFashionMnist \
 *     -Dsample.args="--schedule 'OneCycleLR(max_lr=0.1, total_steps=1.0*run)' --epochs 3 --plot"
 * </pre>
 */
public final class TrainFashionMnist {

    private static final String NAME = "fashion-mnist";
    private static final String MODEL = "mlp";
    private static final Shape INPUT =
            new Shape(1, 1, FashionMnist.IMAGE_HEIGHT, FashionMnist.IMAGE_WIDTH);

    private TrainFashionMnist() {}

    /**
     * Runs the sample: {@code --help} lists the options; bad options, a bad spec or a schedule that
     * cannot work with the planned run print one line and exit with 2, before DJL's engine starts;
     * missing data prints one line and exits with 1.
     *
     * @param args the command line
     * @throws TranslateException if the data cannot be transformed
     */
    public static void main(String[] args) throws TranslateException {
        SampleMain.exitOnFailure(main(args, System.out, System.err));
    }

    static int main(String[] argv, PrintStream out, PrintStream err) throws TranslateException {
        return SampleMain.run(
                NAME, MODEL, argv, out, err, TrainFashionMnist::train, TrainFashionMnist::findLr);
    }

    /**
     * Trains and returns DJL's result.
     *
     * @param args the command line
     * @return the training result
     * @throws IOException if the data or output cannot be read or written
     * @throws TranslateException if the data cannot be transformed
     */
    public static TrainingResult runExample(String[] args) throws IOException, TranslateException {
        return run(args).result();
    }

    static SampleRun run(String[] argv, TrainingListener... extra)
            throws IOException, TranslateException {
        SampleArguments args = SampleMain.trainingArguments(argv, NAME, TrainFashionMnist::findLr);
        return train(args, System.out, extra);
    }

    /** Trains with the options and returns the run; {@code extra} listeners go last. */
    static SampleRun train(SampleArguments args, PrintStream out, TrainingListener... extra)
            throws IOException, TranslateException {
        // Every option, the spec and the schedule against the planned run, before the engine.
        RunPlan plan = RunPlan.forTraining(args, MODEL, SampleData::fashionMnistTrainSize);
        try (Model model = Model.newInstance(MODEL)) {
            // The model, from a fixed seed.
            Engine.getInstance().setRandomSeed(args.getSeed());
            model.setBlock(mlp());

            // The schedule's tracker: one parameter group per --lr value. --resume restores the
            // parameters and the schedule's state from the checkpoint.
            LrTracker tracker = ScheduleSetup.tracker(args, plan.schedule(), model.getBlock());
            CheckpointListener.Restored resume = plan.restore(model, tracker);

            // The data: DJL's FashionMnist, from the files SampleData finds.
            Repository repository = SampleData.fashionMnist(args.getDataDir());
            FashionMnist train = dataset(repository, Dataset.Usage.TRAIN, args);
            FashionMnist test = dataset(repository, Dataset.Usage.TEST, args);
            plan.begin(train.size(), resume);

            // ScheduledSgd (or ScheduledAdam) takes its rate and momentum from the tracker.
            Optimizer optimizer = ScheduleSetup.optimizer(args, tracker, resume.updates());
            plan.restoreOptimizer(model, optimizer);

            // The listeners: DJL's logging; the rates (with --plot a CSV and plots); the epoch
            // ends and the metric the schedule steps on; the checkpoints.
            LrLoggingListener.Builder lrLog =
                    LrLoggingListener.builder()
                            .setTracker(tracker)
                            .optLogEveryUpdates(args.getLogEvery())
                            .optMetricName(args.getMonitor());
            if (args.isPlot()) {
                lrLog.optOutputDir(args.getOutputDir()).optPlot(true);
            }
            LrLoggingListener lrLogging = lrLog.build();
            DefaultTrainingConfig config =
                    new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                            .addEvaluator(new Accuracy())
                            .optDevices(Engine.getInstance().getDevices())
                            .optOptimizer(optimizer)
                            .addTrainingListeners(TrainingListener.Defaults.logging())
                            .addTrainingListeners(lrLogging);
            if (tracker.usesMetrics() || tracker.stepsAtEpochEnds()) {
                config.addTrainingListeners(
                        LrScheduleListener.builder()
                                .setTracker(tracker)
                                .optMonitoredMetric(args.getMonitor())
                                .build());
            }
            CheckpointListener checkpoints =
                    CheckpointListener.builder()
                            .setTracker(tracker)
                            .setOutputDir(args.getOutputDir())
                            .optModelName(MODEL)
                            .optOptimizer((OptimizerState) optimizer)
                            .optSaveEveryUpdates(args.getCheckpointEvery())
                            .build();
            if (args.isResume()) {
                lrLogging.continueFrom(resume);
                checkpoints.continueFrom(resume);
            }
            config.addTrainingListeners(checkpoints).addTrainingListeners(extra);

            // Fit: DJL's EasyTrain.fit, from the checkpoint's batch with --resume.
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.setMetrics(new Metrics());
                trainer.initialize(INPUT);
                fit(trainer, args.getEpochs(), train, test, resume);
                return plan.end(trainer.getTrainingResult(), tracker, lrLogging, resume, out);
            }
        }
    }

    /** DJL's {@code EasyTrain.fit}, skipping the batches a resumed epoch has done. */
    private static void fit(
            Trainer trainer,
            int epochs,
            FashionMnist train,
            FashionMnist test,
            CheckpointListener.Restored resume)
            throws IOException, TranslateException {
        for (int epoch = resume.epoch(); epoch < epochs; epoch++) {
            int skip = epoch == resume.epoch() ? resume.batchInEpoch() : 0;
            for (Batch batch : trainer.iterateDataset(train)) {
                if (skip > 0) {
                    skip--;
                } else {
                    EasyTrain.trainBatch(trainer, batch);
                    trainer.step();
                }
                batch.close();
            }
            EasyTrain.evaluateDataset(trainer, test);
            trainer.notifyListeners(listener -> listener.onEpoch(trainer));
        }
    }

    /** {@code --find-lr}: the learning-rate range test on a new model, instead of training. */
    static void findLr(SampleArguments args, PrintStream out)
            throws IOException, TranslateException {
        RunPlan plan = RunPlan.of(args, MODEL, SampleData::fashionMnistTrainSize);
        try (Model model = Model.newInstance(MODEL)) {
            Engine.getInstance().setRandomSeed(args.getSeed());
            model.setBlock(mlp());
            Repository repository = SampleData.fashionMnist(args.getDataDir());
            LrRangeTest.run(
                    plan, model, dataset(repository, Dataset.Usage.TRAIN, args), INPUT, out);
        }
    }

    /** DJL's MLP, as in DJL's TrainMnist: 784 inputs, hidden layers of 128 and 64, 10 classes. */
    static Block mlp() {
        return new Mlp(
                FashionMnist.IMAGE_HEIGHT * FashionMnist.IMAGE_WIDTH,
                FashionMnist.NUM_CLASSES,
                new int[] {128, 64});
    }

    static FashionMnist dataset(Repository repository, Dataset.Usage usage, SampleArguments args)
            throws IOException, TranslateException {
        FashionMnist.Builder b =
                FashionMnist.builder()
                        .optUsage(usage)
                        .setSampling(args.getBatchSize(), true)
                        .optLimit(args.getExampleLimit());
        if (repository != null) {
            b.optRepository(repository); // else DJL downloads (online only)
        }
        FashionMnist dataset = b.build();
        dataset.prepare();
        return dataset;
    }
}
