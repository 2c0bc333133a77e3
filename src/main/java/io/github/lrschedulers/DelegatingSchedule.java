package io.github.lrschedulers;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A schedule that runs another one, as a library's factory function returns one of its schedules:
 * transformers' {@code get_scheduler("cosine", ...)} returns {@code
 * get_cosine_schedule_with_warmup(...)}, and {@code get_reduce_on_plateau_schedule(...)} returns
 * PyTorch's ReduceLROnPlateau. It prints and compares as its own call, with its own arguments, and
 * runs as the schedule it made (metrics, step unit, start rates and step limit included).
 */
public abstract class DelegatingSchedule extends Schedule {

    private final Schedule delegate;

    /**
     * Creates the schedule from its validated arguments and the schedule they make.
     *
     * @param arguments the arguments, bound by the schedule's definition
     * @param delegate the schedule that runs
     */
    protected DelegatingSchedule(Arguments arguments, Schedule delegate) {
        super(arguments);
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /**
     * Returns the schedule that runs.
     *
     * @return the schedule made from the arguments
     */
    public final Schedule getDelegate() {
        return delegate;
    }

    @Override
    final Live instantiate(Sim sim) {
        return delegate.instantiate(sim);
    }

    @Override
    final boolean isPlateau() {
        return delegate.isPlateau();
    }

    /** {@inheritDoc} */
    @Override
    public final boolean usesMetrics() {
        return delegate.usesMetrics();
    }

    /** {@inheritDoc} */
    @Override
    public final boolean cyclesMomentum() {
        return delegate.cyclesMomentum();
    }

    /** {@inheritDoc} */
    @Override
    public final Optional<List<Double>> getOwnStartRates() {
        return delegate.getOwnStartRates();
    }

    /** {@inheritDoc} */
    @Override
    public final StepUnit getStepUnit() {
        return delegate.getStepUnit();
    }

    /** {@inheritDoc} */
    @Override
    public final boolean isReadAtUpdateCounter() {
        return delegate.isReadAtUpdateCounter();
    }

    /** {@inheritDoc} */
    @Override
    public final OptionalLong getStepLimit() {
        return delegate.getStepLimit();
    }
}
