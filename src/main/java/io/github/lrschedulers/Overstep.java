package io.github.lrschedulers;

import io.github.lrschedulers.internal.PyError;

/**
 * PyTorch's {@code ValueError} for a step past the last one a schedule is defined for (its {@link
 * Schedule#getStepLimit()}): the step engine reports it as {@link IllegalStateException}, a state
 * of the run rather than a bad configuration.
 */
class Overstep extends PyError {
    private static final long serialVersionUID = 1L;

    Overstep(String message) {
        super("ValueError", message);
    }
}
