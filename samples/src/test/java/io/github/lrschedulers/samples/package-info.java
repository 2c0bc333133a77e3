/** Tests of the training samples: options, errors, smoke runs, resume and the range test. */
package io.github.lrschedulers.samples;
