/**
 * Command-line tools around djl-lr-schedulers, not samples to copy: the {@code lr-curve} tool
 * ({@link io.github.lrschedulers.tools.LrCurveTool}), which prints a schedule's learning rates as
 * the PyTorch reference harness does, and the training-overhead benchmark ({@link
 * io.github.lrschedulers.tools.OverheadBenchmark}).
 */
package io.github.lrschedulers.tools;
