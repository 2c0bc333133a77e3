/**
 * optax's learning-rate schedules ({@code optax.*_schedule}), in float32 as optax computes them
 * eagerly under jax.
 *
 * <p>Each schedule carries its own rate (every parameter group gets it) and is read once per
 * optimizer update at the optimizer's int32 {@code count} before its increment: update {@code n}
 * gets count {@code n - 1}. Every operation rounds to float32 in optax's order; Python-side
 * arithmetic on the arguments (such as {@code end_value / peak_value}) is done in double and
 * rounded once. cos and pow are correctly rounded (optax on CPU uses glibc's {@code cosf}/{@code
 * powf}, at most 1 ulp away, and flushes subnormals to zero). A Python int exponent multiplies
 * ({@code lax.integer_pow}), a float one calls pow: {@code exponent=2} and {@code exponent=2.0}
 * differ.
 */
package io.github.lrschedulers.optax;
