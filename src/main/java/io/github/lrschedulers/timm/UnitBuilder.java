package io.github.lrschedulers.timm;

import io.github.lrschedulers.ScheduleDefinition;

/**
 * The setters of the builders of the schedulers stepped per epoch or per update: {@code
 * warmup_prefix} and {@code t_in_epochs}.
 *
 * @param <S> the schedule
 * @param <B> the builder
 */
abstract class UnitBuilder<S extends TimmScheduler, B extends UnitBuilder<S, B>>
        extends TimmBuilder<S, B> {

    UnitBuilder(ScheduleDefinition<S> definition) {
        super(definition);
    }

    /**
     * Sets whether the schedule starts after the warmup (else the warmup overlaps its start).
     * Default: false for the cyclic schedulers, true for the step schedulers (timm defaults).
     *
     * @param warmupPrefix whether the warmup comes first
     * @return this builder
     */
    public B optWarmupPrefix(boolean warmupPrefix) {
        return set("warmup_prefix", warmupPrefix);
    }

    /**
     * Sets whether t counts epochs ({@code step(epoch)} after each epoch) or updates ({@code
     * step_update(num_updates)} after each). Default: true.
     *
     * @param tInEpochs whether t counts epochs
     * @return this builder
     */
    public B optTInEpochs(boolean tInEpochs) {
        return set("t_in_epochs", tInEpochs);
    }
}
