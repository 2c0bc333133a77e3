/**
 * The learning-rate schedules of Hugging Face transformers ({@code transformers.optimization}): the
 * {@code get_*_schedule*} functions and {@code get_scheduler} with every {@code SchedulerType}
 * name, bit for bit in Python's double arithmetic.
 *
 * <p>Each but ReduceLROnPlateau is PyTorch's {@code LambdaLR}: update {@code n} gets each group's
 * base rate times {@code lr_lambda(n - 1)}, so they scale the optimizer's rates and chain like
 * PyTorch's schedulers; polynomial's {@code lr_end} and {@code min_lr} are relative to {@code
 * optimizer.defaults["lr"]}, here the first group's base rate.
 */
package io.github.lrschedulers.transformers;
