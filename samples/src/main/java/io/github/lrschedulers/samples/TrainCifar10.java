package io.github.lrschedulers.samples;

import ai.djl.Model;
import ai.djl.basicdataset.cv.classification.Cifar10;
import ai.djl.basicmodelzoo.cv.classification.ResNetV1;
import ai.djl.engine.Engine;
import ai.djl.metric.Metrics;
import ai.djl.modality.cv.transform.Normalize;
import ai.djl.modality.cv.transform.ToTensor;
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
import ai.djl.translate.Pipeline;
import ai.djl.translate.TranslateException;
import io.github.lrschedulers.LrTracker;
import io.github.lrschedulers.listener.CheckpointListener;
import io.github.lrschedulers.listener.LrLoggingListener;
import io.github.lrschedulers.listener.LrScheduleListener;
import io.github.lrschedulers.optimizer.OptimizerState;
import java.io.IOException;
import java.io.PrintStream;

/**
 * Trains a small ResNet (DJL's {@link ResNetV1}, 18 layers, with its CIFAR-sized stem) on CIFAR-10
 * with a PyTorch learning-rate schedule: {@code --schedule "<any PyTorch scheduler spec>"}. {@link
 * #train} reads top to bottom: the plan (options checked before the engine starts), model, schedule
 * and tracker, data, optimizer, listeners, fit.
 *
 * <p>The data is read by DJL's {@link Cifar10}: online it downloads as DJL does; offline
 * (DJL_OFFLINE=true) it comes from {@code cifar-10-binary.tar.gz} or its folder {@code
 * cifar-10-batches-bin/} put into {@code --data-dir}; see {@link SampleData}. Options: {@link
 * SampleArguments}.
 *
 * <pre>
 * mvn -B -q -f samples/pom.xml compile exec:exec -Dsample=TrainCifar10 \
 *     -Dsample.args="--schedule 'OneCycleLR(max_lr=0.1, total_steps=1.0*run)' --epochs 2 --data-dir DIR"
 * </pre>
 */
public final class TrainCifar10 {

    private static final String NAME = "cifar10";
    private static final int LAYERS = 18;
    private static final String MODEL = "resnet" + LAYERS;
    private static final Shape INPUT = new Shape(1, 3, Cifar10.IMAGE_HEIGHT, Cifar10.IMAGE_WIDTH);

    private TrainCifar10() {}

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
                NAME, MODEL, argv, out, err, TrainCifar10::train, TrainCifar10::findLr);
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
        SampleArguments args = SampleMain.trainingArguments(argv, NAME, TrainCifar10::findLr);
        return train(args, System.out, extra);
    }

    /** Trains with the options and returns the run; {@code extra} listeners go last. */
    static SampleRun train(SampleArguments args, PrintStream out, TrainingListener... extra)
            throws IOException, TranslateException {
        // Every option, the spec and the schedule against the planned run, before the engine.
        RunPlan plan = RunPlan.forTraining(args, MODEL, SampleData::cifar10TrainSize);
        try (Model model = Model.newInstance(MODEL)) {
            // The model, from a fixed seed.
            Engine.getInstance().setRandomSeed(args.getSeed());
            model.setBlock(resNet());

            // The schedule's tracker: one parameter group per --lr value. --resume restores the
            // parameters and the schedule's state from the checkpoint.
            LrTracker tracker = ScheduleSetup.tracker(args, plan.schedule(), model.getBlock());
            CheckpointListener.Restored resume = plan.restore(model, tracker);

            // The data: DJL's Cifar10, from the files SampleData finds.
            Repository repository = SampleData.cifar10(args.getDataDir());
            Cifar10 train = dataset(repository, Dataset.Usage.TRAIN, args);
            Cifar10 test = dataset(repository, Dataset.Usage.TEST, args);
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
            Cifar10 train,
            Cifar10 test,
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
        RunPlan plan = RunPlan.of(args, MODEL, SampleData::cifar10TrainSize);
        try (Model model = Model.newInstance(MODEL)) {
            Engine.getInstance().setRandomSeed(args.getSeed());
            model.setBlock(resNet());
            Repository repository = SampleData.cifar10(args.getDataDir());
            LrRangeTest.run(
                    plan, model, dataset(repository, Dataset.Usage.TRAIN, args), INPUT, out);
        }
    }

    /** DJL's ResNet with {@value #LAYERS} layers, its stem sized for 32 x 32 images. */
    private static Block resNet() {
        return ResNetV1.builder()
                .setImageShape(new Shape(3, Cifar10.IMAGE_HEIGHT, Cifar10.IMAGE_WIDTH))
                .setNumLayers(LAYERS)
                .setOutSize(10)
                .build();
    }

    private static Cifar10 dataset(Repository repository, Dataset.Usage usage, SampleArguments args)
            throws IOException, TranslateException {
        Cifar10.Builder b =
                Cifar10.builder()
                        .optUsage(usage)
                        .setSampling(args.getBatchSize(), true)
                        .optLimit(args.getExampleLimit())
                        .optPipeline(
                                new Pipeline(new ToTensor())
                                        .add(
                                                new Normalize(
                                                        Cifar10.NORMALIZE_MEAN,
                                                        Cifar10.NORMALIZE_STD)));
        if (repository != null) {
            b.optRepository(repository); // else DJL downloads (online only)
        }
        Cifar10 dataset = b.build();
        dataset.prepare();
        return dataset;
    }
}
