/** Tests of the tools: the lr-curve tool against PyTorch's reference output. */
package io.github.lrschedulers.tools;
