package io.github.lrschedulers.samples;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.metric.Metrics;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.TrainingResult;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.evaluator.Accuracy;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.translate.TranslateException;
import io.github.lrschedulers.LrTracker;
import io.github.lrschedulers.Schedule;
import io.github.lrschedulers.finder.LrFinder;
import io.github.lrschedulers.finder.LrFinderResult;
import io.github.lrschedulers.finder.LrSuggestion;
import io.github.lrschedulers.listener.CheckpointListener;
import io.github.lrschedulers.listener.LrHistory;
import io.github.lrschedulers.listener.LrLoggingListener;
import io.github.lrschedulers.listener.LrPlot;
import io.github.lrschedulers.listener.LrScheduleListener;
import io.github.lrschedulers.samples.SampleArguments.StepUnit;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training loop the samples share: DJL's {@code EasyTrain.fit} with a scheduled optimizer, the
 * learning-rate listeners and checkpoints, so that a sample only chooses its data and its model.
 */
public final class SampleTraining {

    private static final Logger logger = LoggerFactory.getLogger(SampleTraining.class);

    private SampleTraining() {}

    /** Loads a sample's training and validation data. */
    @FunctionalInterface
    public interface DataLoader {
        /**
         * Loads and prepares the data sets.
         *
         * @param args the options (data directory, batch size, limit)
         * @return the training and validation data
         * @throws IOException if the data cannot be read
         * @throws TranslateException if the data cannot be transformed
         */
        Datasets load(SampleArguments args) throws IOException, TranslateException;
    }

    /**
     * The prepared training and validation data of a run.
     *
     * @param train the training data
     * @param validation the validation data
     */
    public record Datasets(RandomAccessDataset train, RandomAccessDataset validation) {}

    /** Tells the number of training examples a sample's data will have, preparing nothing. */
    @FunctionalInterface
    public interface TrainSize {
        /**
         * Returns the number of training examples the {@link DataLoader} will load (before {@code
         * --max-batches}), read from the files without preparing them, or the published number when
         * there are none yet.
         *
         * @param args the options (data directory)
         * @return the number of examples
         * @throws IOException if the files cannot be read
         */
        long examples(SampleArguments args) throws IOException;
    }

    /**
     * What a sample trains.
     *
     * @param name the sample's short name (the default output directory)
     * @param modelName the model's name (checkpoint files)
     * @param block creates the model's block
     * @param inputShape the shape of one input batch of one example, with batch dimension 1
     * @param trainSize tells the number of training examples before the data is loaded
     * @param data loads the data
     */
    public record Task(
            String name,
            String modelName,
            Supplier<Block> block,
            Shape inputShape,
            TrainSize trainSize,
            DataLoader data) {}

    /**
     * {@code --resume} of a run that is already finished: nothing was trained or written. The
     * samples print the message and exit with 0, so a retry loop around a run ends.
     */
    public static final class RunFinishedException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        RunFinishedException(String message) {
            super(message);
        }
    }

    /** Exit code of a sample that trained, or found its run finished. */
    static final int EXIT_OK = 0;

    /** Exit code when the data or a checkpoint cannot be read or written. */
    static final int EXIT_FAILURE = 1;

    /** Exit code of bad options, or a schedule that cannot work with the planned run. */
    static final int EXIT_USAGE = 2;

    /**
     * Runs a sample from its {@code main}: {@code --help} prints the options; bad options, a bad
     * spec or a schedule that would fail are one line on {@code err}, before DJL's engine starts or
     * data is prepared; missing data too. Failures during training propagate.
     *
     * @param task what to train
     * @param argv the command line
     * @param out where the help text and the result go
     * @param err where errors go
     * @return the exit code: {@link #EXIT_OK}, {@link #EXIT_USAGE} for bad options, {@link
     *     #EXIT_FAILURE} when data or a checkpoint cannot be read
     * @throws TranslateException if the data cannot be transformed
     */
    static int main(Task task, String[] argv, PrintStream out, PrintStream err)
            throws TranslateException {
        configureDjl();
        String prefix = task.name() + ": ";
        try {
            SampleArguments args = SampleArguments.parse(argv, task.name());
            if (args.isHelp()) {
                out.print(
                        "usage: "
                                + task.name()
                                + " [options]; trains "
                                + task.modelName()
                                + " with a PyTorch learning-rate schedule\n"
                                + SampleArguments.help());
                out.flush();
                return EXIT_OK;
            }
            if (args.isFindLr()) {
                findLr(task, args, out);
                return EXIT_OK;
            }
            run(task, args);
            return EXIT_OK;
        } catch (SampleArguments.InvalidOptionsException e) {
            err.println(prefix + e.getMessage());
            err.flush();
            return EXIT_USAGE;
        } catch (RunFinishedException e) {
            out.println(prefix + e.getMessage());
            out.flush();
            return EXIT_OK;
        } catch (IOException e) {
            err.println(
                    prefix
                            + "error: "
                            + String.valueOf(e.getMessage()).replaceAll("\\s*[\\r\\n]+\\s*", " "));
            err.flush();
            return EXIT_FAILURE;
        }
    }

    /**
     * Runs a sample's {@code main} and exits with a non-zero code on failure.
     *
     * @param task what to train
     * @param argv the command line
     * @throws TranslateException if the data cannot be transformed
     */
    static void exitingMain(Task task, String[] argv) throws TranslateException {
        int code = main(task, argv, System.out, System.err);
        if (code != EXIT_OK) {
            System.exit(code);
        }
    }

    /**
     * A finished run: DJL's result with the schedule's tracker and the recorded rates.
     *
     * @param result DJL's training result
     * @param tracker the tracker the optimizer used
     * @param history the rates and epoch metrics the {@link LrLoggingListener} recorded
     * @param stepUnit when the scheduler stepped
     * @param firstUpdate the number of updates done before this run (a checkpoint's, else 0)
     * @param outputDir the output directory
     */
    public record Run(
            TrainingResult result,
            LrTracker tracker,
            LrHistory history,
            StepUnit stepUnit,
            int firstUpdate,
            Path outputDir) {

        /**
         * Returns the final validation accuracy, NaN without validation.
         *
         * @return the accuracy
         */
        public double validationAccuracy() {
            Float acc = result.getValidateEvaluation("Accuracy");
            return acc == null ? Double.NaN : acc;
        }
    }

    /**
     * Sets DJL's offline and tracking switches as system properties where neither the environment
     * nor the command line set them: tracking off always, offline unless {@code DJL_OFFLINE} or
     * {@code -Dai.djl.offline} says otherwise. Call before DJL's engine starts.
     */
    static void configureDjl() {
        if (System.getenv("OPT_OUT_TRACKING") == null
                && System.getProperty("OPT_OUT_TRACKING") == null) {
            System.setProperty("OPT_OUT_TRACKING", "true");
        }
        if (System.getenv("DJL_OFFLINE") == null && System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /**
     * Parses the options and trains.
     *
     * @param task what to train
     * @param argv the command line
     * @return the run
     * @throws IOException if data or output files cannot be read or written
     * @throws TranslateException if the data cannot be transformed
     */
    public static Run run(Task task, String[] argv) throws IOException, TranslateException {
        return run(task, argv, new TrainingListener[0]);
    }

    /**
     * Parses the options and trains, with more listeners after the sample's own (tests use this to
     * interrupt a run).
     *
     * @param task what to train
     * @param argv the command line
     * @param extraListeners listeners added last
     * @return the run
     * @throws IOException if data or output files cannot be read or written
     * @throws TranslateException if the data cannot be transformed
     */
    static Run run(Task task, String[] argv, TrainingListener... extraListeners)
            throws IOException, TranslateException {
        return run(task, SampleArguments.parse(argv, task.name()), extraListeners);
    }

    private static Run run(Task task, SampleArguments args, TrainingListener... extraListeners)
            throws IOException, TranslateException {
        if (args.isFindLr()) {
            findLr(task, args, System.out);
            throw new RunFinishedException(
                    "--find-lr ran the range test instead of training; nothing was trained");
        }
        configureDjl();
        // Every option, the spec and the schedule against the run: before the engine and the data.
        RunPlan plan = RunPlan.of(task, args);
        for (String warning : plan.warnings()) {
            logger.warn(warning);
        }
        logger.info("Schedule: {}", plan.lint().getPreview());

        Path outputDir = args.getOutputDir();
        try (Model model = Model.newInstance(task.modelName())) {
            Engine.getInstance().setRandomSeed(args.getSeed());
            model.setBlock(task.block().get());
            Schedule schedule = plan.schedule();
            StepUnit unit = plan.unit();
            LrTracker tracker = ScheduleSetup.tracker(args, schedule, model.getBlock());
            Checkpoints.Resume resume =
                    args.isResume()
                            ? Checkpoints.restore(model, outputDir, task.modelName(), tracker)
                            : Checkpoints.Resume.NONE;
            if (args.isResume()) {
                plan.checkNotFinished(resume, outputDir);
            }
            Datasets data = task.data().load(args);
            int batchesPerEpoch = batches(data.train().size(), args.getBatchSize());
            if (batchesPerEpoch != plan.batchesPerEpoch()) {
                throw new IllegalStateException(
                        "the data has "
                                + batchesPerEpoch
                                + " batches per epoch, but the plan counted "
                                + plan.batchesPerEpoch()
                                + " from its files");
            }
            Files.createDirectories(outputDir);
            logger.info(
                    "Training {} on {} with {} ({}, stepped per {}), {} updates per epoch{}",
                    task.modelName(),
                    Arrays.toString(Engine.getInstance().getDevices()),
                    schedule,
                    args.getOptimizer(),
                    unit.name().toLowerCase(Locale.ROOT),
                    batchesPerEpoch,
                    args.isResume()
                            ? ", resuming after update "
                                    + resume.updates()
                                    + " (epoch "
                                    + (resume.epoch() + 1)
                                    + ", batch "
                                    + resume.batchInEpoch()
                                    + ")"
                            : "");

            Optimizer optimizer = ScheduleSetup.optimizer(args, tracker, resume.updates());
            if (args.isResume()) {
                Checkpoints.restoreOptimizer(model, outputDir, task.modelName(), optimizer);
            }
            LrLoggingListener.Builder lrLog =
                    LrLoggingListener.builder()
                            .setTracker(tracker)
                            .optLogEveryUpdates(args.getLogEvery());
            if (args.isPlot()) {
                lrLog.optOutputDir(outputDir).optPlot(true);
            }
            LrLoggingListener lrLogging = lrLog.build();
            if (args.isResume()) {
                lrLogging.continueFrom(
                        new CheckpointListener.Restored(
                                resume.updates(), resume.epoch(), resume.batchInEpoch()));
            }
            DefaultTrainingConfig config =
                    new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                            .addEvaluator(new Accuracy())
                            .optDevices(Engine.getInstance().getDevices())
                            .optOptimizer(optimizer)
                            .addTrainingListeners(TrainingListener.Defaults.logging())
                            .addTrainingListeners(lrLogging);
            if (ScheduleSetup.needsScheduleListener(tracker)) {
                config.addTrainingListeners(
                        LrScheduleListener.builder()
                                .setTracker(tracker)
                                .optMonitoredMetric(args.getMonitor())
                                .build());
            }
            Checkpoints.addListener(
                    config, tracker, optimizer, outputDir, task.modelName(), args, resume);
            config.addTrainingListeners(extraListeners);

            TrainingResult result;
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.setMetrics(new Metrics());
                trainer.initialize(task.inputShape());
                fit(trainer, args.getEpochs(), data, resume);
                result = trainer.getTrainingResult();
            }
            Run run =
                    new Run(
                            result,
                            tracker,
                            lrLogging.getHistory(),
                            unit,
                            resume.updates(),
                            outputDir);
            if (args.isPlot()) {
                logger.info(
                        "Wrote {}, {} and {} to {}",
                        LrLoggingListener.CSV_FILE,
                        LrLoggingListener.PNG_FILE,
                        LrLoggingListener.SVG_FILE,
                        outputDir.toAbsolutePath());
            }
            System.out.printf(
                    Locale.ROOT,
                    "Final validation accuracy: %.4f (%s, %d updates)%n",
                    run.validationAccuracy(),
                    task.modelName(),
                    tracker.getLatestUpdate());
            return run;
        }
    }

    /** The range test's CSV, in the output directory. */
    static final String FIND_CSV = "lr-find.csv";

    /** The range test's PNG plot, in the output directory. */
    static final String FIND_PNG = "lr-find.png";

    /** The range test's SVG plot, in the output directory. */
    static final String FIND_SVG = "lr-find.svg";

    /**
     * Runs the learning-rate range test ({@code --find-lr}) on a new model with the options' data,
     * batch size, optimizer and momentum: 100 updates from 1e-7 to 10, one batch each (the data is
     * read again from its start if it has fewer batches). Prints every suggestion, writes {@value
     * #FIND_CSV}, {@value #FIND_PNG} and {@value #FIND_SVG} to the output directory, and says how
     * to train with the suggestion.
     *
     * @param task what to test
     * @param args the options
     * @param out where the suggestions go
     * @return the range test's result
     * @throws IOException if data or output files cannot be read or written
     * @throws TranslateException if the data cannot be transformed
     */
    static LrFinderResult findLr(Task task, SampleArguments args, PrintStream out)
            throws IOException, TranslateException {
        configureDjl();
        RunPlan plan = RunPlan.of(task, args);
        Path outputDir = args.getOutputDir();
        try (Model model = Model.newInstance(task.modelName())) {
            Engine.getInstance().setRandomSeed(args.getSeed());
            model.setBlock(task.block().get());
            LrFinder.Builder finder = LrFinder.builder();
            double[] lrs = args.getLrs();
            if (lrs.length > 1) {
                // Several --lr values: the groups keep their ratios to group 0.
                double[] ratios = new double[lrs.length];
                for (int g = 0; g < lrs.length; g++) {
                    ratios[g] = lrs[g] / lrs[0];
                }
                finder.optGroupRatios(ratios)
                        .optParameterGroups(ScheduleSetup.groups(model.getBlock(), lrs.length));
            }
            Datasets data = task.data().load(args);
            Files.createDirectories(outputDir);
            logger.info(
                    "Learning-rate range test of {} on {} ({}), {} batches of {} per pass",
                    task.modelName(),
                    Arrays.toString(Engine.getInstance().getDevices()),
                    args.getOptimizer(),
                    plan.batchesPerEpoch(),
                    args.getBatchSize());
            LrFinderResult result =
                    finder.build()
                            .run(
                                    model,
                                    lr ->
                                            new DefaultTrainingConfig(
                                                            Loss.softmaxCrossEntropyLoss())
                                                    .optDevices(devices())
                                                    .optOptimizer(
                                                            ScheduleSetup.optimizer(args, lr, 0)),
                                    data.train(),
                                    task.inputShape());
            result.writeCsv(outputDir.resolve(FIND_CSV));
            boolean plotted = LrPlot.isAvailable();
            if (plotted) {
                result.writePlot(outputDir.resolve(FIND_PNG), outputDir.resolve(FIND_SVG));
            }
            double[] rates = result.getLrs();
            out.printf(
                    Locale.ROOT,
                    "LR range test: %d updates, lr %.3g to %.3g (%s)%n",
                    result.size(),
                    rates[0],
                    rates[rates.length - 1],
                    result.getStop().name().toLowerCase(Locale.ROOT).replace('_', ' '));
            for (LrSuggestion s : result.getSuggestions()) {
                out.printf(
                        Locale.ROOT,
                        "  %-9s %.3g  (%s)%n",
                        s.getMethod().getLabel(),
                        s.getLr(),
                        s.getMethod().getRule());
            }
            if (result.getSuggestions().isEmpty()) {
                out.println("  no suggestion: too few updates before the loss diverged");
            }
            out.printf(
                    Locale.ROOT,
                    "Wrote %s%s to %s%n",
                    FIND_CSV,
                    plotted ? ", " + FIND_PNG + " and " + FIND_SVG : "",
                    outputDir.toAbsolutePath());
            result.getSuggestion(LrSuggestion.Method.VALLEY)
                    .ifPresent(
                            v ->
                                    out.printf(
                                            Locale.ROOT,
                                            "Train with fastai's default, valley: --lr %.3g (the"
                                                    + " peak of the default OneCycleLR), or put"
                                                    + " it in --schedule, e.g."
                                                    + " 'OneCycleLR(max_lr=%.3g, total_steps=%d)'%n",
                                            v.getLr(),
                                            v.getLr(),
                                            args.getEpochs() * plan.batchesPerEpoch()));
            out.flush();
            return result;
        }
    }

    /**
     * DJL's {@code EasyTrain.fit}, able to start in the middle of an epoch: the first {@code
     * resume.batchInEpoch()} batches of the epoch the checkpoint was taken in are skipped.
     */
    private static void fit(Trainer trainer, int epochs, Datasets data, Checkpoints.Resume resume)
            throws IOException, TranslateException {
        for (int epoch = resume.epoch(); epoch < epochs; epoch++) {
            int skip = epoch == resume.epoch() ? resume.batchInEpoch() : 0;
            for (Batch batch : trainer.iterateDataset(data.train())) {
                if (skip > 0) {
                    skip--;
                    batch.close();
                    continue;
                }
                EasyTrain.trainBatch(trainer, batch);
                trainer.step();
                batch.close();
            }
            EasyTrain.evaluateDataset(trainer, data.validation());
            trainer.notifyListeners(listener -> listener.onEpoch(trainer));
        }
    }

    /**
     * Returns the number of batches of a data set: the last one may be partial.
     *
     * @param size the number of examples
     * @param batchSize the batch size
     * @return the number of batches
     */
    static int batches(long size, int batchSize) {
        return (int) ((size + batchSize - 1) / batchSize);
    }

    /**
     * Returns the number of examples per epoch the options allow: all, or {@code --max-batches}
     * batches.
     *
     * @param args the options
     * @return the limit for {@code optLimit}
     */
    static long limit(SampleArguments args) {
        return args.getMaxBatches() < 0
                ? Long.MAX_VALUE
                : (long) args.getMaxBatches() * args.getBatchSize();
    }

    /**
     * Returns the devices DJL trains on: every GPU DJL's engine sees, else the CPU.
     *
     * @return the devices
     */
    static Device[] devices() {
        return Engine.getInstance().getDevices();
    }
}
