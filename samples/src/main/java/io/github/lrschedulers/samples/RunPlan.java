package io.github.lrschedulers.samples;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.training.TrainingResult;
import ai.djl.training.optimizer.Optimizer;
import io.github.lrschedulers.LrTracker;
import io.github.lrschedulers.Schedule;
import io.github.lrschedulers.ScheduleLint;
import io.github.lrschedulers.StepUnit;
import io.github.lrschedulers.listener.CheckpointListener;
import io.github.lrschedulers.listener.LrLoggingListener;
import io.github.lrschedulers.optimizer.OptimizerState;
import io.github.lrschedulers.samples.SampleArguments.InvalidOptionsException;
import io.github.lrschedulers.spec.ScheduleSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run the options ask for, checked before DJL's engine starts or any data is prepared: the
 * spec, the step unit, the monitored metric, the rates and the schedule against the planned number
 * of updates ({@link ScheduleLint}), and the checkpoint {@code --resume} needs.
 *
 * <p>The number of updates per epoch comes from the size of the training data the sample will read,
 * taken from its files without preparing them ({@link TrainSize}). During the run, the plan does
 * the samples' bookkeeping: restoring a checkpoint for {@code --resume}, the log line that starts
 * the run and the result that ends it.
 *
 * @param args the options
 * @param modelName the model's name (checkpoint files)
 * @param schedule the schedule
 * @param unit when the scheduler steps
 * @param trainExamples the training examples per epoch (after {@code --max-batches})
 * @param batchesPerEpoch the updates per epoch
 * @param plannedUpdates the updates of the whole run
 * @param lint the schedule's check against the run
 */
record RunPlan(
        SampleArguments args,
        String modelName,
        Schedule schedule,
        StepUnit unit,
        long trainExamples,
        int batchesPerEpoch,
        int plannedUpdates,
        ScheduleLint.Report lint) {

    private static final Logger logger = LoggerFactory.getLogger(RunPlan.class);

    /** Where a run starts that does not resume: no update, epoch or batch done. */
    static final CheckpointListener.Restored FROM_START = new CheckpointListener.Restored(0, 0, 0);

    /** Tells the number of training examples a sample's data will have, preparing nothing. */
    @FunctionalInterface
    interface TrainSize {
        /**
         * Returns the number of training examples the sample will load (before {@code
         * --max-batches}), read from the files without preparing them, or the published number when
         * there are none yet.
         *
         * @param dataDir the data directory
         * @return the number of examples
         * @throws IOException if the files cannot be read, or are missing offline
         */
        long examples(Path dataDir) throws IOException;
    }

    /**
     * Plans and checks a training run, and logs the schedule's warnings and a preview of its curve.
     *
     * @param args the options
     * @param modelName the model's name (checkpoint files)
     * @param trainSize tells the number of training examples, e.g. {@link
     *     SampleData#mnistTrainSize(Path)}
     * @return the plan
     * @throws InvalidOptionsException if the run cannot work; the message is one line
     * @throws IOException if the data's files cannot be read
     */
    static RunPlan forTraining(SampleArguments args, String modelName, TrainSize trainSize)
            throws IOException {
        RunPlan plan = of(args, modelName, trainSize);
        for (String warning : plan.warnings()) {
            logger.warn(warning);
        }
        logger.info("Schedule: {}", plan.lint().getPreview());
        return plan;
    }

    /**
     * Plans and checks a run, and sets DJL's switches ({@link SampleMain#configureDjl()}) for the
     * engine that starts after it.
     *
     * @param args the options
     * @param modelName the model's name (checkpoint files)
     * @param trainSize tells the number of training examples, e.g. {@link
     *     SampleData#mnistTrainSize(Path)}
     * @return the plan
     * @throws InvalidOptionsException if the run cannot work; the message is one line
     * @throws IOException if the data's files cannot be read
     */
    static RunPlan of(SampleArguments args, String modelName, TrainSize trainSize)
            throws IOException {
        SampleMain.configureDjl();
        Schedule given = null;
        if (args.getSchedule() != null) {
            try {
                given = ScheduleSpec.parse(args.getSchedule());
            } catch (IllegalArgumentException e) {
                throw new InvalidOptionsException("--schedule: " + e.getMessage());
            }
            checkStepping(args, given);
        }
        if (args.isResume() && !CheckpointListener.exists(args.getOutputDir(), modelName)) {
            throw new InvalidOptionsException(
                    "--resume: no checkpoint "
                            + modelName
                            + " in "
                            + args.getOutputDir().toAbsolutePath()
                            + "; train without --resume first (with the same --output-dir)");
        }

        long examples = Math.min(trainSize.examples(args.getDataDir()), args.getExampleLimit());
        if (examples < 1) {
            throw new InvalidOptionsException(
                    "no training examples in the data of " + args.getDataDir().toAbsolutePath());
        }
        long batches = (examples + args.getBatchSize() - 1) / args.getBatchSize();
        long planned = batches * args.getEpochs();
        if (planned > Integer.MAX_VALUE) {
            throw new InvalidOptionsException(
                    String.format(
                            Locale.ROOT,
                            "--epochs %d of %d updates are %d updates, more than DJL counts (%d)",
                            args.getEpochs(),
                            batches,
                            planned,
                            Integer.MAX_VALUE));
        }
        Schedule schedule;
        try {
            schedule =
                    given != null
                            ? ScheduleSetup.resolve(args, given, (int) batches)
                            : ScheduleSetup.schedule(args, (int) batches);
        } catch (IllegalArgumentException e) {
            throw new InvalidOptionsException(
                    "--schedule: "
                            + e.getMessage()
                            + String.format(
                                    Locale.ROOT,
                                    " (the run: %d epochs of %d updates)",
                                    args.getEpochs(),
                                    batches));
        }
        if (given == null) {
            checkStepping(args, schedule);
        }
        StepUnit unit = ScheduleSetup.stepUnit(args, schedule);

        LrTracker tracker;
        try {
            tracker = ScheduleSetup.builder(args, schedule).build();
        } catch (IllegalArgumentException e) {
            throw new InvalidOptionsException(
                    "--schedule "
                            + schedule.getPyTorchName()
                            + " with these options: "
                            + e.getMessage());
        }
        ScheduleLint.Report lint =
                ScheduleLint.builder()
                        .setTracker(tracker)
                        .setPlannedUpdates((int) planned)
                        .optUpdatesPerEpoch((int) batches)
                        .build()
                        .check();
        if (lint.isRejected()) {
            throw new InvalidOptionsException(
                    "--schedule: "
                            + lint.getErrors().get(0).getMessage()
                            + String.format(
                                    Locale.ROOT,
                                    " (the run: %d epochs of %d updates)",
                                    args.getEpochs(),
                                    batches));
        }
        return new RunPlan(
                args, modelName, schedule, unit, examples, (int) batches, (int) planned, lint);
    }

    /** Checks the step unit options against the schedule. */
    private static void checkStepping(SampleArguments args, Schedule schedule) {
        try {
            ScheduleSetup.stepUnit(args, schedule);
        } catch (IllegalArgumentException e) {
            throw new InvalidOptionsException("--step-unit: " + e.getMessage());
        }
        if (schedule.usesMetrics() && args.getStepsPerEpoch() > 0) {
            throw new InvalidOptionsException(
                    "--steps-per-epoch: ReduceLROnPlateau steps at the real epoch ends with the"
                            + " monitored metric, but --steps-per-epoch is "
                            + args.getStepsPerEpoch());
        }
    }

    /**
     * Returns the warnings to log before training: the schedule's ({@link ScheduleLint}), with the
     * samples' option to step per update, and options the schedule ignores.
     *
     * @return the warnings, one line each
     */
    List<String> warnings() {
        List<String> out = new ArrayList<>();
        for (ScheduleLint.Finding f : lint.getWarnings()) {
            String m = f.getMessage();
            if (f.getKind() == ScheduleLint.Kind.HORIZON_BEYOND_RUN && unit == StepUnit.EPOCH) {
                m +=
                        f.perUpdateWouldFit()
                                ? ": use --step-unit update"
                                : " (--step-unit update steps it per update)";
            }
            out.add(m);
        }
        if (!schedule.usesMetrics() && !args.getMonitor().equals("validateLoss")) {
            out.add(
                    "--monitor "
                            + args.getMonitor()
                            + " is ignored: only ReduceLROnPlateau uses a metric, and the schedule"
                            + " is "
                            + schedule.getPyTorchName());
        }
        return out;
    }

    /**
     * Restores the checkpoint of the output directory into the model and the new tracker with
     * {@code --resume}; refuses to resume a run whose checkpoint is already at or past the planned
     * end (nothing is trained and nothing is written).
     *
     * @param model the model, with its block
     * @param tracker the tracker, as built for a new run
     * @return where the run continues, {@link #FROM_START} without {@code --resume}
     * @throws IOException if the checkpoint cannot be read
     * @throws SampleMain.RunFinishedException if there is nothing left to train
     */
    CheckpointListener.Restored restore(Model model, LrTracker tracker) throws IOException {
        if (!args.isResume()) {
            return FROM_START;
        }
        Path outputDir = args.getOutputDir();
        CheckpointListener.Restored resume =
                CheckpointListener.restore(model, outputDir, modelName, tracker);
        boolean finished = resume.epoch() >= args.getEpochs() || resume.updates() >= plannedUpdates;
        if (finished) {
            throw new SampleMain.RunFinishedException(
                    String.format(
                            Locale.ROOT,
                            "--resume: the run in %s is finished: its checkpoint is after %d"
                                    + " epoch%s%s (update %d), and --epochs is %d (%d updates);"
                                    + " nothing was trained or written. Raise --epochs to train"
                                    + " further, or drop --resume to start over (that replaces"
                                    + " its files).",
                            outputDir.toAbsolutePath(),
                            resume.epoch(),
                            resume.epoch() == 1 ? "" : "s",
                            resume.batchInEpoch() > 0
                                    ? " and " + resume.batchInEpoch() + " batches"
                                    : "",
                            resume.updates(),
                            args.getEpochs(),
                            plannedUpdates));
        }
        return resume;
    }

    /**
     * Restores the optimizer's state (SGD's momentum buffers, Adam's moments) from the checkpoint
     * with {@code --resume}.
     *
     * @param model the model
     * @param optimizer the optimizer, a {@link OptimizerState}
     * @throws IOException if the checkpoint cannot be read
     */
    void restoreOptimizer(Model model, Optimizer optimizer) throws IOException {
        if (args.isResume()) {
            CheckpointListener.restoreOptimizer(
                    model, args.getOutputDir(), modelName, (OptimizerState) optimizer);
        }
    }

    /**
     * Starts the run once the data is loaded: checks that it has the planned batches per epoch,
     * creates the output directory and logs what is trained, on which devices, and how.
     *
     * @param trainExamples the number of examples of the loaded training data
     * @param resume where the run starts
     * @throws IOException if the output directory cannot be created
     */
    void begin(long trainExamples, CheckpointListener.Restored resume) throws IOException {
        int loaded = (int) ((trainExamples + args.getBatchSize() - 1) / args.getBatchSize());
        if (loaded != batchesPerEpoch) {
            throw new IllegalStateException(
                    "the data has "
                            + loaded
                            + " batches per epoch, but the plan counted "
                            + batchesPerEpoch
                            + " from its files");
        }
        Files.createDirectories(args.getOutputDir());
        logger.info(
                "Training {} on {} with {} ({}, stepped per {}), {} updates per epoch{}",
                modelName,
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
    }

    /**
     * Ends the run: says where the CSV and plots went, and prints the final validation accuracy.
     *
     * @param result DJL's training result
     * @param tracker the tracker the optimizer used
     * @param lrLogging the listener that recorded the rates
     * @param resume where the run started
     * @param out where the accuracy goes
     * @return the finished run
     */
    SampleRun end(
            TrainingResult result,
            LrTracker tracker,
            LrLoggingListener lrLogging,
            CheckpointListener.Restored resume,
            PrintStream out) {
        SampleRun run =
                new SampleRun(
                        result,
                        tracker,
                        lrLogging.getHistory(),
                        unit,
                        resume.updates(),
                        args.getOutputDir());
        if (args.isPlot()) {
            logger.info(
                    "Wrote {}, {} and {} to {}",
                    LrLoggingListener.CSV_FILE,
                    LrLoggingListener.PNG_FILE,
                    LrLoggingListener.SVG_FILE,
                    args.getOutputDir().toAbsolutePath());
        }
        out.printf(
                Locale.ROOT,
                "Final validation accuracy: %.4f (%s, %d updates)%n",
                run.validationAccuracy(),
                modelName,
                tracker.getLatestUpdate());
        out.flush();
        return run;
    }
}
