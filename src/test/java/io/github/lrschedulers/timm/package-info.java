/** Tests of the timm schedulers against the reference oracle, and of their builders. */
package io.github.lrschedulers.timm;
