package io.github.lrschedulers.timm;

import io.github.lrschedulers.ScheduleDefinition;

/**
 * The setters of the cyclic schedulers' builders: {@code t_initial} and the cycles.
 *
 * @param <S> the schedule
 * @param <B> the builder
 */
abstract class CycleBuilder<S extends CyclicScheduler, B extends CycleBuilder<S, B>>
        extends UnitBuilder<S, B> {

    CycleBuilder(ScheduleDefinition<S> definition) {
        super(definition);
    }

    /**
     * Sets the length of a cycle (the first, with {@code cycle_mul}). Required.
     *
     * @param tInitial the length, in the scheduler's unit of t
     * @return this builder
     */
    public B setTInitial(double tInitial) {
        return set("t_initial", tInitial);
    }

    /**
     * Sets the rate at the end of a cycle. Default: 0.
     *
     * @param lrMin the rate
     * @return this builder
     */
    public B optLrMin(double lrMin) {
        return set("lr_min", lrMin);
    }

    /**
     * Sets the factor of each cycle's length over the last one's. Default: 1.
     *
     * @param cycleMul the factor
     * @return this builder
     */
    public B optCycleMul(double cycleMul) {
        return set("cycle_mul", cycleMul);
    }

    /**
     * Sets the factor of each cycle's peak over the last one's. Default: 1.
     *
     * @param cycleDecay the factor
     * @return this builder
     */
    public B optCycleDecay(double cycleDecay) {
        return set("cycle_decay", cycleDecay);
    }

    /**
     * Sets the number of cycles, after which the rate stays at {@code lr_min}. Default: 1 (no
     * restart).
     *
     * @param cycleLimit the cycles
     * @return this builder
     */
    public B optCycleLimit(double cycleLimit) {
        return set("cycle_limit", cycleLimit);
    }
}
