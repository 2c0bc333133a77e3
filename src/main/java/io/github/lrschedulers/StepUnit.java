package io.github.lrschedulers;

/** How often PyTorch code calls {@code scheduler.step()}: after every batch, or once per epoch. */
public enum StepUnit {
    /** After every optimizer update (one batch), as OneCycleLR and CyclicLR are documented. */
    UPDATE,
    /** Once per epoch, as most schedulers are written in PyTorch's examples. */
    EPOCH
}
