package io.github.lrschedulers;

/**
 * The length of a training run: its epochs and the optimizer updates (batches) of each, what a
 * {@link Length} relative to the run or to an epoch resolves against.
 *
 * @param epochs the number of epochs, at least 1
 * @param updatesPerEpoch the updates of an epoch, at least 1
 */
public record RunLength(int epochs, int updatesPerEpoch) {

    /**
     * Checks the run.
     *
     * @param epochs the number of epochs, at least 1
     * @param updatesPerEpoch the updates of an epoch, at least 1
     * @throws IllegalArgumentException if either is below 1
     */
    public RunLength {
        Checks.argument(epochs >= 1, "a run's epochs must be >= 1, but was %d", epochs);
        Checks.argument(
                updatesPerEpoch >= 1,
                "a run's updates per epoch must be >= 1, but was %d",
                updatesPerEpoch);
    }

    /**
     * Returns the updates of the whole run, {@code epochs * updatesPerEpoch}.
     *
     * @return the updates
     */
    public long updates() {
        return (long) epochs * updatesPerEpoch;
    }

    /**
     * Returns the run as messages name it, e.g. {@code 3 epochs of 469 updates}.
     *
     * @return the description
     */
    @Override
    public String toString() {
        return epochs + (epochs == 1 ? " epoch of " : " epochs of ") + updatesPerEpoch + " updates";
    }
}
