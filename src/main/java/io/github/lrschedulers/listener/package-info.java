/**
 * Training listeners: the learning rate in logs, files and plots; the plateau metric feed.
 *
 * <p>{@link io.github.lrschedulers.listener.LrLoggingListener} logs and records the rate an {@link
 * io.github.lrschedulers.LrTracker} gives, with each epoch's losses, into an {@link
 * io.github.lrschedulers.listener.LrHistory} that it writes as CSV; {@link
 * io.github.lrschedulers.listener.LrPlot} plots it as PNG and SVG with XChart, an optional
 * dependency. {@link io.github.lrschedulers.listener.SwaListener} averages the weights for
 * Stochastic Weight Averaging into {@link io.github.lrschedulers.listener.AveragedParameters}.
 */
package io.github.lrschedulers.listener;
