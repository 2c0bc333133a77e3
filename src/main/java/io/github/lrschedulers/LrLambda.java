package io.github.lrschedulers;

/**
 * A function of an integer step, as PyTorch's {@code lr_lambda} and CyclicLR's {@code scale_fn}.
 *
 * <p>PyTorch calls {@code lr_lambda(last_epoch)} with the scheduler's step count and CyclicLR's
 * {@code scale_fn} with the cycle number or the iteration, always a Python int. Implementations
 * must be pure and thread-safe. Spec strings give {@code lambda epoch: 0.95 ** epoch}, parsed into
 * {@link io.github.lrschedulers.spec.PyLambda}, which prints back as its source; a Java lambda
 * works too, but a schedule holding one prints a spec that cannot be parsed back.
 */
@FunctionalInterface
public interface LrLambda {

    /**
     * Returns the factor for a step.
     *
     * @param x the step (PyTorch's {@code last_epoch}, cycle or iteration)
     * @return the factor, as the Python float it converts to
     * @throws ArithmeticException where the Python function raises
     */
    double apply(long x);
}
