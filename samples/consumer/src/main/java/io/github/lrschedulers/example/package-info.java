/** The README's quick start, built against the installed library as a user's project would. */
package io.github.lrschedulers.example;
