/**
 * Optimizers that apply a schedule as PyTorch does: one schedule step per trainer step on any
 * number of devices, and the momentum (SGD) or beta1 (Adam) that CyclicLR and OneCycleLR cycle.
 */
package io.github.lrschedulers.optimizer;
