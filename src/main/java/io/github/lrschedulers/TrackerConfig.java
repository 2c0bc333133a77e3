package io.github.lrschedulers;

import java.util.Arrays;

/**
 * The configuration of an {@link LrTracker}, as its builder checked it: what {@link
 * LrTracker#copy()} builds a fresh tracker from, and what a checkpoint saves and compares on
 * restore (the schedule, the base rates, and how the schedule is stepped).
 *
 * @param schedule the schedule
 * @param baseLrs the base rate of each parameter group; never modified
 * @param stepsPerEpoch the updates per scheduler step, 1 when stepping per update or at epoch ends
 * @param atEpochEnds whether the schedule steps at recorded epoch ends
 * @param baseMomentum the optimizer's momentum
 * @param parameterGroups the assignment of parameters to groups, or null for all in group 0
 */
record TrackerConfig(
        Schedule schedule,
        double[] baseLrs,
        int stepsPerEpoch,
        boolean atEpochEnds,
        double baseMomentum,
        ParameterGroups parameterGroups) {

    /** Returns the number of parameter groups. */
    int groups() {
        return baseLrs.length;
    }

    /** Returns the group of a parameter, by the id DJL's optimizer passes. */
    int groupOf(String parameterId) {
        return parameterGroups == null ? 0 : parameterGroups.groupOf(parameterId);
    }

    /** {@inheritDoc} */
    @Override
    public String toString() {
        return "LrTracker("
                + schedule
                + ", base_lrs="
                + Arrays.toString(baseLrs)
                + (atEpochEnds ? ", steps at epoch ends" : ", steps_per_epoch=" + stepsPerEpoch)
                + ")";
    }
}
