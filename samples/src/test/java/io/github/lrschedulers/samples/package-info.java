/** Tests of the samples: the lr-curve tool against PyTorch's reference output. */
package io.github.lrschedulers.samples;
