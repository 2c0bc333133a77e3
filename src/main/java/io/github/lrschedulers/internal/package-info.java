/**
 * Implementation details: Python number semantics, the PyTorch scheduler simulation's helpers.
 *
 * <p>Not API: anything here may change in any release.
 */
package io.github.lrschedulers.internal;
