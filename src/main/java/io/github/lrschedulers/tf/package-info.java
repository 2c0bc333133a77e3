/**
 * TensorFlow 1.x learning-rate decays ({@code tf.compat.v1.train.*}) and the Object Detection API's
 * schedules ({@code object_detection.utils.learning_schedules.*}), bit for bit in float32.
 *
 * <p>Each schedule carries its own rate (the optimizer's base rates are ignored, every parameter
 * group gets the schedule's value) and is evaluated once per optimizer update at TF's {@code
 * global_step} before its increment: update {@code n} gets step {@code n - 1}. Every tensor
 * operation is rounded to float32 in TF's order; Python arithmetic in the upstream code stays in
 * double until it meets a tensor.
 */
package io.github.lrschedulers.tf;
