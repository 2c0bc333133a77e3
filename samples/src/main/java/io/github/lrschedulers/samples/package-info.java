/**
 * Runnable programs that use djl-lr-schedulers: the {@code lr-curve} tool ({@link
 * io.github.lrschedulers.samples.LrCurveTool}), which prints a schedule's learning rates as the
 * PyTorch reference harness does, and training examples.
 *
 * <p>Each program is a final class with a private constructor whose {@code main} delegates to a
 * static method that tests call.
 */
package io.github.lrschedulers.samples;
