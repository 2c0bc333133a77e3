package io.github.lrschedulers;

import java.util.Arrays;
import java.util.Objects;

/**
 * The learning rates (and momentums) a schedule gives for a number of updates, computed as the
 * reference harness computes PyTorch's: SGD with the given rate per parameter group and a base
 * momentum.
 *
 * <p>Update {@code k} (from 0) uses the rates after {@code k / stepsPerEpoch} scheduler steps.
 * Scheduler step {@code i} of ReduceLROnPlateau takes {@code metrics[i]}, or the last metric once
 * they run out. As in the reference harness, which steps the scheduler after the last update too,
 * the schedule is stepped {@code updates / stepsPerEpoch} times, so that a configuration failing at
 * that step fails here. A schedule {@link Schedule#isReadAtUpdateCounter() read at the update
 * counter} (Keras, MindSpore) takes a step per update whatever {@code stepsPerEpoch}; it and any
 * schedule not {@linkplain Schedule#isSteppedAfterLastUpdate() stepped after the last update} take
 * none after the last update, as their libraries.
 */
public final class LrCurve {

    private final double[][] lr;
    private final double[][] momentum;

    private LrCurve(double[][] lr, double[][] momentum) {
        this.lr = lr;
        this.momentum = momentum;
    }

    /**
     * Computes a curve.
     *
     * @param schedule the schedule; lengths relative to the run ({@link Length}) resolve for a run
     *     of {@code ceil(updates / stepsPerEpoch)} epochs of {@code stepsPerEpoch} updates
     * @param baseLrs the rate of each parameter group
     * @param updates the number of updates
     * @param stepsPerEpoch the number of updates per scheduler step
     * @param metrics the metrics of ReduceLROnPlateau's steps, may be empty otherwise
     * @param baseMomentum the optimizer's momentum in every group
     * @return the curve
     * @throws IllegalArgumentException if PyTorch rejects the configuration
     * @throws IllegalStateException if a step oversteps OneCycleLR or ReduceLROnPlateau has no
     *     metric
     */
    public static LrCurve compute(
            Schedule schedule,
            double[] baseLrs,
            int updates,
            int stepsPerEpoch,
            double[] metrics,
            double baseMomentum) {
        Objects.requireNonNull(schedule, "schedule");
        Checks.argument(updates >= 0, "updates must be >= 0, but was %d", updates);
        Checks.argument(
                stepsPerEpoch >= 1, "stepsPerEpoch must be >= 1, but was %d", stepsPerEpoch);
        Checks.argument(baseLrs.length >= 1, "baseLrs must have at least one value");
        // The harness builds SGD(groups, lr=lrs[0]), which rejects a negative default rate.
        Checks.argument(
                !(baseLrs[0] < 0),
                "the learning rate must be >= 0 (torch.optim.SGD raises 'Invalid learning rate'),"
                        + " but was %s",
                Checks.num(baseLrs[0]));
        if (schedule.isRunRelative()) {
            int epochs = Math.max(1, (updates + stepsPerEpoch - 1) / stepsPerEpoch);
            schedule =
                    schedule.resolve(
                            new RunLength(epochs, stepsPerEpoch),
                            schedule.isReadAtUpdateCounter() ? 1 : stepsPerEpoch);
        }
        double[] m = metrics.clone();
        Sim sim =
                new Sim(
                        schedule,
                        baseLrs,
                        baseMomentum,
                        i -> {
                            if (m.length == 0) {
                                throw new IllegalStateException(
                                        "ReduceLROnPlateau needs metrics, but none were given");
                            }
                            return m[Math.min(i, m.length - 1)];
                        });
        int groups = baseLrs.length;
        boolean counter = schedule.isReadAtUpdateCounter();
        int perStep = counter ? 1 : stepsPerEpoch;
        double[][] lr = new double[updates][];
        double[][] mom = new double[updates][];
        for (int k = 0; k < updates; k++) {
            while (sim.steps() < k / perStep) {
                sim.step();
            }
            lr[k] = Arrays.copyOf(sim.lr, groups);
            mom[k] = Arrays.copyOf(sim.momentum, groups);
        }
        while (schedule.isSteppedAfterLastUpdate() && sim.steps() < updates / perStep) {
            sim.step();
        }
        return new LrCurve(lr, mom);
    }

    /**
     * Returns the number of updates.
     *
     * @return the number of updates
     */
    public int getUpdates() {
        return lr.length;
    }

    /**
     * Returns the rate of a group at an update.
     *
     * @param update the update, from 0
     * @param group the group
     * @return the rate
     */
    public double getLr(int update, int group) {
        return lr[update][group];
    }

    /**
     * Returns the momentum of a group at an update.
     *
     * @param update the update, from 0
     * @param group the group
     * @return the momentum
     */
    public double getMomentum(int update, int group) {
        return momentum[update][group];
    }
}
