package io.github.lrschedulers.optimizer;

import ai.djl.ndarray.NDArray;
import ai.djl.training.optimizer.Optimizer;
import io.github.lrschedulers.LrTracker;
import java.util.Map;

/**
 * Stochastic gradient descent with momentum, as PyTorch's {@code torch.optim.SGD}, whose rate and
 * momentum follow an {@link LrTracker}.
 *
 * <p>Built like DJL's optimizers and usable wherever DJL takes an {@link Optimizer}:
 *
 * <pre>{@code
 * LrTracker lr = LrTracker.builder()
 *         .setSchedule(ScheduleSpec.parse("OneCycleLR(max_lr=0.1, total_steps=1000)"))
 *         .build();
 * Optimizer sgd = ScheduledSgd.builder().setLearningRateTracker(lr).build();
 * }</pre>
 *
 * <p>Each update is PyTorch's (dampening 0, no Nesterov): {@code g = grad * rescale} (clipped to
 * {@code ±clipGrad} if set) {@code + weightDecay * w}; with momentum {@code m}, {@code buf = g} at
 * the first update and {@code buf = m * buf + g} after, {@code g = buf}; then {@code w -= lr * g}.
 * The momentum is the tracker's where the schedule cycles it (CyclicLR, OneCycleLR with {@code
 * cycle_momentum}), as PyTorch writes it into the optimizer's groups at every step; else {@link
 * Builder#optMomentum(float)}.
 *
 * <p>Updates are counted per parameter and device copy, so a step on N devices is one schedule step
 * and every copy gets the same rate (DJL's own optimizers advance N times per step). After a
 * restore, {@code optBeginNumUpdate(n)} continues from update {@code n + 1}.
 */
public final class ScheduledSgd extends Optimizer implements OptimizerState {

    private final LrTracker tracker;
    private final float momentum;
    private final boolean cycled;
    private final ParameterCopies copies;

    private ScheduledSgd(Builder b) {
        super(b);
        this.tracker = b.tracker;
        this.momentum = b.momentum;
        this.cycled = b.tracker.cyclesMomentum();
        this.copies = new ParameterCopies(b.begin, "ScheduledSgd");
    }

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@inheritDoc} */
    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        ParameterCopies.Copy copy = copies.of(parameterId, weight);
        int numUpdate = copies.next(copy);
        float lr = tracker.getNewValue(parameterId, numUpdate);
        float m = cycled ? tracker.getNewMomentum(parameterId, numUpdate) : momentum;
        float wd = getWeightDecay();
        boolean plain = rescaleGrad == 1f && clipGrad <= 0 && wd == 0f;
        NDArray g = plain ? grad : gradient(grad, weight, rescaleGrad, clipGrad, wd);
        NDArray direction = g;
        if (m != 0f || cycled) {
            // PyTorch starts the buffer with the first gradient; a restored buffer goes on.
            boolean fresh = copy.state == null && !copies.restores(parameterId);
            NDArray buf =
                    copies.state(copy, parameterId, weight, w -> new NDArray[] {g.duplicate()})[0];
            if (!fresh) {
                buf.muli(m).addi(g);
            }
            direction = buf;
        }
        try (NDArray step = direction.mul(lr)) {
            weight.subi(step);
        }
        if (!plain) {
            g.close();
        }
        zeroGradient(weight);
    }

    /** {@inheritDoc} */
    @Override
    public void saveState(java.io.DataOutputStream os, Map<String, String> nameOfId)
            throws java.io.IOException {
        copies.save(os, nameOfId);
    }

    /** {@inheritDoc} */
    @Override
    public void loadState(
            ai.djl.ndarray.NDManager manager,
            java.io.DataInputStream is,
            Map<String, String> idOfName)
            throws java.io.IOException {
        copies.load(manager, is, idOfName);
    }

    /**
     * Returns {@code grad * rescale}, clipped to {@code ±clip} if {@code clip > 0}, plus {@code
     * weightDecay * weight}: the gradient PyTorch's optimizers step with.
     */
    static NDArray gradient(
            NDArray grad, NDArray weight, float rescale, float clip, float weightDecay) {
        NDArray g = grad.mul(rescale);
        if (clip > 0) {
            NDArray clipped = g.clip(-clip, clip);
            g.close();
            g = clipped;
        }
        if (weightDecay != 0f) {
            try (NDArray decay = weight.mul(weightDecay)) {
                g.addi(decay);
            }
        }
        return g;
    }

    /** PyTorch accumulates gradients: clear the weight's, as DJL's own optimizers do. */
    static void zeroGradient(NDArray weight) {
        if (weight.hasGradient()) {
            try (NDArray gradient = weight.getGradient()) {
                gradient.subi(gradient);
            }
        }
    }

    /**
     * Returns the tracker of the rate.
     *
     * @return the tracker
     */
    public LrTracker getTracker() {
        return tracker;
    }

    /** The builder of {@link ScheduledSgd}. */
    public static final class Builder extends ScheduledBuilder<Builder> {

        private float momentum;

        private Builder() {}

        /**
         * Sets the momentum where the schedule does not cycle it. Default: 0 (PyTorch default).
         *
         * @param momentum the momentum
         * @return this builder
         */
        public Builder optMomentum(float momentum) {
            this.momentum = momentum;
            return this;
        }

        /** {@inheritDoc} */
        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Builds the optimizer.
         *
         * @return the optimizer
         * @throws IllegalArgumentException if the tracker is missing
         */
        public ScheduledSgd build() {
            validate();
            return new ScheduledSgd(this);
        }
    }
}
