/**
 * Training samples that use djl-lr-schedulers: {@link
 * io.github.lrschedulers.samples.TrainFashionMnist}, {@link
 * io.github.lrschedulers.samples.TrainMnist} and {@link
 * io.github.lrschedulers.samples.TrainCifar10} each read top to bottom, as DJL's {@code
 * TrainMnist}, and share only the option handling and the data lookup.
 *
 * <p>Each sample is a final class with a private constructor whose {@code main} delegates to a
 * static method that tests call.
 */
package io.github.lrschedulers.samples;
