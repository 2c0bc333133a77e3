/** Tests of the transformers schedules against the reference oracle. */
package io.github.lrschedulers.transformers;
