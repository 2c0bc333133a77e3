package io.github.lrschedulers.samples;

import io.github.lrschedulers.LrTracker;
import io.github.lrschedulers.Schedule;
import io.github.lrschedulers.ScheduleLint;
import io.github.lrschedulers.listener.CheckpointListener;
import io.github.lrschedulers.samples.SampleArguments.InvalidOptionsException;
import io.github.lrschedulers.samples.SampleArguments.StepUnit;
import io.github.lrschedulers.spec.ScheduleSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The run the options ask for, checked before DJL's engine starts or any data is prepared: the
 * spec, the step unit, the monitored metric, the rates and the schedule against the planned number
 * of updates ({@link ScheduleLint}), and the checkpoint {@code --resume} needs.
 *
 * <p>The number of updates per epoch comes from the size of the training data the sample will read,
 * taken from its files without preparing them ({@link SampleTraining.Task#trainSize()}).
 *
 * @param args the options
 * @param schedule the schedule
 * @param unit when the scheduler steps
 * @param trainExamples the training examples per epoch (after {@code --max-batches})
 * @param batchesPerEpoch the updates per epoch
 * @param plannedUpdates the updates of the whole run
 * @param lint the schedule's check against the run
 */
record RunPlan(
        SampleArguments args,
        Schedule schedule,
        StepUnit unit,
        long trainExamples,
        int batchesPerEpoch,
        int plannedUpdates,
        ScheduleLint.Report lint) {

    /**
     * Plans and checks a run.
     *
     * @param task the sample
     * @param args the options
     * @return the plan
     * @throws InvalidOptionsException if the run cannot work; the message is one line
     * @throws IOException if the data's files cannot be read
     */
    static RunPlan of(SampleTraining.Task task, SampleArguments args) throws IOException {
        Schedule given = null;
        if (args.getSchedule() != null) {
            try {
                given = ScheduleSpec.parse(args.getSchedule());
            } catch (IllegalArgumentException e) {
                throw new InvalidOptionsException("--schedule: " + e.getMessage());
            }
            checkStepping(args, given);
        }
        if (args.isResume() && !CheckpointListener.exists(args.getOutputDir(), task.modelName())) {
            throw new InvalidOptionsException(
                    "--resume: no checkpoint "
                            + task.modelName()
                            + " in "
                            + args.getOutputDir().toAbsolutePath()
                            + "; train without --resume first (with the same --output-dir)");
        }

        long examples = Math.min(task.trainSize().examples(args), SampleTraining.limit(args));
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
        Schedule schedule = given != null ? given : ScheduleSetup.schedule(args, (int) batches);
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
        return new RunPlan(args, schedule, unit, examples, (int) batches, (int) planned, lint);
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
     * Refuses to resume a run whose checkpoint is already at or past the planned end: nothing is
     * trained and nothing is written.
     *
     * @param resume where the checkpoint is
     * @param outputDir the output directory, for the message
     * @throws SampleTraining.RunFinishedException if there is nothing left to train
     */
    void checkNotFinished(Checkpoints.Resume resume, java.nio.file.Path outputDir) {
        boolean finished = resume.epoch() >= args.getEpochs() || resume.updates() >= plannedUpdates;
        if (finished) {
            throw new SampleTraining.RunFinishedException(
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
    }
}
