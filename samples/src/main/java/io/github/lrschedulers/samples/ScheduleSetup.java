package io.github.lrschedulers.samples;

import ai.djl.nn.Block;
import ai.djl.training.optimizer.Optimizer;
import io.github.lrschedulers.Length;
import io.github.lrschedulers.LrTracker;
import io.github.lrschedulers.OneCycleLr;
import io.github.lrschedulers.ParameterGroups;
import io.github.lrschedulers.RunLength;
import io.github.lrschedulers.Schedule;
import io.github.lrschedulers.StepUnit;
import io.github.lrschedulers.optimizer.ScheduledAdam;
import io.github.lrschedulers.optimizer.ScheduledSgd;
import io.github.lrschedulers.spec.ScheduleSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the samples' options into a schedule, an {@link LrTracker} and an optimizer: the part of a
 * sample that needs no engine, so tests run it for every scheduler.
 *
 * <p><b>Step unit.</b> The schedule's own {@link Schedule#getStepUnit()} is the default: PyTorch
 * code steps OneCycleLR and CyclicLR (and compositions holding one) after every batch and the other
 * schedulers after every epoch, as in PyTorch's documentation. {@code --step-unit} overrides it.
 * Per-epoch stepping uses the real epoch ends ({@link LrTracker.Builder#optStepAtEpochEnds()},
 * recorded by {@link io.github.lrschedulers.listener.LrScheduleListener}), or every K updates with
 * {@code --steps-per-epoch K}. ReduceLROnPlateau steps only at epoch ends, with the monitored
 * metric.
 */
public final class ScheduleSetup {

    private ScheduleSetup() {}

    /**
     * Returns the schedule of the options: the parsed {@code --schedule}, or OneCycleLR over the
     * whole run ({@code total_steps=1.0*run}) when none is given, with its lengths relative to the
     * run resolved for the run's {@code --epochs} of {@code updatesPerEpoch} updates.
     *
     * @param args the options
     * @param updatesPerEpoch the number of updates (batches) of a full epoch
     * @return the schedule
     * @throws IllegalArgumentException if the spec is invalid, or a resolved length is rejected
     */
    public static Schedule schedule(SampleArguments args, int updatesPerEpoch) {
        Schedule given =
                args.getSchedule() != null
                        ? ScheduleSpec.parse(args.getSchedule())
                        : OneCycleLr.builder()
                                .setMaxLr(args.getLrs()[0])
                                .optTotalSteps(Length.ofRun(1.0))
                                .buildForRun();
        return resolve(args, given, updatesPerEpoch);
    }

    /**
     * Resolves a schedule's lengths relative to the run (e.g. {@code total_steps=1.0*run}, {@code
     * T_max=3*epoch}) for the run's {@code --epochs} of {@code updatesPerEpoch} updates, counted in
     * the scheduler steps of the run's step unit.
     *
     * @param args the options
     * @param schedule the schedule, relative or not
     * @param updatesPerEpoch the number of updates (batches) of a full epoch
     * @return the schedule with numbers of steps
     * @throws IllegalArgumentException if the schedule rejects a resolved length
     */
    public static Schedule resolve(SampleArguments args, Schedule schedule, int updatesPerEpoch) {
        if (!schedule.isRunRelative()) {
            return schedule;
        }
        int updatesPerStep = 1;
        if (stepUnit(args, schedule) == StepUnit.EPOCH) {
            updatesPerStep =
                    args.getStepsPerEpoch() > 0 ? args.getStepsPerEpoch() : updatesPerEpoch;
        }
        return schedule.resolve(new RunLength(args.getEpochs(), updatesPerEpoch), updatesPerStep);
    }

    /**
     * Returns the step unit the run uses.
     *
     * @param args the options
     * @param schedule the schedule
     * @return the step unit
     * @throws IllegalArgumentException if ReduceLROnPlateau is asked to step per update
     */
    public static StepUnit stepUnit(SampleArguments args, Schedule schedule) {
        StepUnit unit = args.getStepUnit() != null ? args.getStepUnit() : schedule.getStepUnit();
        if (unit == StepUnit.UPDATE && schedule.usesMetrics()) {
            throw new IllegalArgumentException(
                    "ReduceLROnPlateau steps with a metric at epoch ends: use --step-unit epoch, not"
                            + " update");
        }
        return unit;
    }

    /**
     * Builds the tracker of the options.
     *
     * @param args the options
     * @param schedule the schedule
     * @param block the model's block, whose parameters are split into one group per {@code --lr}
     *     value in their order (the first ones in group 0, the head in the last); may be {@code
     *     null} with a single rate
     * @return the tracker
     * @throws IllegalArgumentException if the library rejects the configuration
     */
    public static LrTracker tracker(SampleArguments args, Schedule schedule, Block block) {
        LrTracker.Builder b = builder(args, schedule);
        double[] lrs = args.getLrs();
        if (lrs.length > 1) {
            if (block == null) {
                throw new IllegalArgumentException(
                        "several --lr values need the model, to assign its parameters to groups");
            }
            b.optParameterGroups(groups(block, lrs.length));
        }
        return b.build();
    }

    /**
     * Returns the tracker's builder without the parameter groups: rates, momentum and stepping, all
     * that {@link RunPlan} checks before a model exists.
     */
    static LrTracker.Builder builder(SampleArguments args, Schedule schedule) {
        LrTracker.Builder b = LrTracker.builder().setSchedule(schedule);
        b.optBaseLrs(args.getLrs());
        if (!schedule.cyclesMomentum() && args.getOptimizer().equals("sgd")) {
            b.optBaseMomentum(args.getMomentum());
        } else if (!schedule.cyclesMomentum()) {
            b.optBaseMomentum(0.9); // Adam's beta1
        }
        if (stepUnit(args, schedule) == StepUnit.EPOCH) {
            if (args.getStepsPerEpoch() > 0) {
                b.optStepsPerEpoch(args.getStepsPerEpoch());
            } else {
                b.optStepAtEpochEnds();
            }
        }
        return b;
    }

    /** Splits the block's parameters, in order, into {@code n} contiguous groups. */
    static ParameterGroups groups(Block block, int n) {
        List<String> names = new ArrayList<>(block.getParameters().keys());
        return ParameterGroups.byName(
                block,
                name -> {
                    int i = names.indexOf(name);
                    return i < 0 ? 0 : (int) ((long) i * n / names.size());
                });
    }

    /**
     * Whether the run needs an {@link io.github.lrschedulers.listener.LrScheduleListener}: the
     * schedule uses a metric or steps at real epoch ends.
     *
     * @param tracker the tracker
     * @return whether to add the listener
     */
    public static boolean needsScheduleListener(LrTracker tracker) {
        return tracker.usesMetrics() || tracker.stepsAtEpochEnds();
    }

    /**
     * Builds the optimizer of the options on a tracker: {@link ScheduledSgd} or {@link
     * ScheduledAdam}, so that CyclicLR and OneCycleLR cycle SGD's momentum or Adam's beta1.
     *
     * @param args the options
     * @param tracker the tracker
     * @param beginNumUpdate the number of updates already done (0, or a checkpoint's)
     * @return the optimizer
     */
    public static Optimizer optimizer(SampleArguments args, LrTracker tracker, int beginNumUpdate) {
        if (args.getOptimizer().equals("adam")) {
            return ScheduledAdam.builder()
                    .setLearningRateTracker(tracker)
                    .optBeginNumUpdate(beginNumUpdate)
                    .build();
        }
        return ScheduledSgd.builder()
                .setLearningRateTracker(tracker)
                .optMomentum(args.getMomentum())
                .optBeginNumUpdate(beginNumUpdate)
                .build();
    }
}
