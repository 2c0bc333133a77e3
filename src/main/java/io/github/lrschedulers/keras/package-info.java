/**
 * Keras 3's learning-rate schedules ({@code keras.optimizers.schedules}), in float32 as Keras
 * computes them.
 *
 * <p>Each schedule carries its own rate (every parameter group gets it) and is evaluated once per
 * optimizer update at the optimizer's {@code iterations} before its increment: update {@code n}
 * gets step {@code n - 1}. The step is cast to float32, so steps above 2^24 round to even. Every
 * operation rounds to float32 in Keras's order; cos, log and pow are correctly rounded.
 */
package io.github.lrschedulers.keras;
