package io.github.lrschedulers.optimizer;

import ai.djl.training.optimizer.Optimizer;
import io.github.lrschedulers.LrTracker;
import java.util.Objects;

/**
 * What the builders of {@link ScheduledSgd} and {@link ScheduledAdam} share: the tracker and the
 * update count to begin from.
 *
 * @param <T> the concrete builder
 */
abstract class ScheduledBuilder<T extends ScheduledBuilder<T>>
        extends Optimizer.OptimizerBuilder<T> {

    LrTracker tracker;
    int begin;

    /**
     * Sets the tracker of the rate (and of the momentum, where the schedule cycles it). Required.
     *
     * @param tracker the tracker
     * @return this builder
     */
    public T setLearningRateTracker(LrTracker tracker) {
        this.tracker = Objects.requireNonNull(tracker, "tracker");
        return self();
    }

    /** {@inheritDoc} */
    @Override
    public T optBeginNumUpdate(int beginNumUpdate) {
        this.begin = beginNumUpdate;
        return super.optBeginNumUpdate(beginNumUpdate);
    }

    /** Checks what build() needs. */
    void validate() {
        if (tracker == null) {
            throw new IllegalArgumentException("learningRateTracker must be set");
        }
    }
}
