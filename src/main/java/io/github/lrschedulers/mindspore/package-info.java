/**
 * MindSpore's learning rates ({@code mindspore.nn}): the dynamic learning-rate functions, whose
 * Python lists of doubles the optimizer narrows to float32 and reads at its {@code global_step}
 * ({@code *LrList}: {@link io.github.lrschedulers.mindspore.CosineDecayLrList} is {@code
 * cosine_decay_lr}), and the {@code LearningRateSchedule} classes, which compute in float32 (their
 * own names: {@link io.github.lrschedulers.mindspore.CosineDecayLR}).
 *
 * <p>Update {@code n} gets the rate at {@code global_step = n - 1}; the schedules carry their own
 * rate, so every parameter group gets it and the optimizer's base rate is ignored. A list is as
 * long as its {@code total_step} (piecewise_constant_lr: its last milestone); an update past its
 * end throws {@link IllegalStateException}, as MindSpore's {@code Gather} raises on CPU and GPU.
 */
package io.github.lrschedulers.mindspore;
