/**
 * timm's learning-rate schedulers ({@code timm.scheduler}), in double as timm computes them, seeded
 * noise included.
 *
 * <p>Each group starts from its own base rate, or from {@code warmup_lr_init} (every group) when
 * {@code warmup_t > 0}: the first update uses that constructor value, never {@code _get_lr(0)}.
 * With {@code t_in_epochs=False} update {@code n} then gets {@code _get_lr(n - 1)} ({@code
 * step_update}), whatever the steps per epoch; with {@code t_in_epochs=True} (the default) the
 * updates of epoch {@code e} get {@code _get_lr(e)} ({@code step} after each epoch). Noise draws
 * from PyTorch's CPU generator seeded with {@code noise_seed + t}.
 */
package io.github.lrschedulers.timm;
