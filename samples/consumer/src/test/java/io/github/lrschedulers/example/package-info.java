/** Tests of the quick start and of what the library passes on to a project depending on it. */
package io.github.lrschedulers.example;
