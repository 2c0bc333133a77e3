/** PyTorch learning-rate schedulers as DJL trackers. */
package io.github.lrschedulers;
