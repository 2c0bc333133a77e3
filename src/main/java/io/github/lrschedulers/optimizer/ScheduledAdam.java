package io.github.lrschedulers.optimizer;

import ai.djl.ndarray.NDArray;
import ai.djl.training.optimizer.Optimizer;
import io.github.lrschedulers.LrTracker;
import java.util.Map;

/**
 * Adam, as PyTorch's {@code torch.optim.Adam}, whose rate and beta1 follow an {@link LrTracker}.
 *
 * <p>Each update is PyTorch's: {@code g = grad * rescale} (clipped if set) {@code + weightDecay *
 * w}; {@code m = beta1 * m + (1 - beta1) * g}; {@code v = beta2 * v + (1 - beta2) * g * g}; {@code
 * w -= lr / (1 - beta1 ** t) * m / (sqrt(v) / sqrt(1 - beta2 ** t) + eps)}. Where the schedule
 * cycles the momentum (CyclicLR, OneCycleLR with {@code cycle_momentum}), beta1 is the tracker's
 * momentum of the update, as PyTorch writes {@code betas[0]}; else {@link Builder#optBeta1(float)}.
 * Updates are counted per parameter and device copy, as in {@link ScheduledSgd}.
 */
public final class ScheduledAdam extends Optimizer implements OptimizerState {

    private final LrTracker tracker;
    private final float beta1;
    private final float beta2;
    private final float epsilon;
    private final boolean cycled;
    private final ParameterCopies copies;

    private ScheduledAdam(Builder b) {
        super(b);
        this.tracker = b.tracker;
        this.beta1 = b.beta1;
        this.beta2 = b.beta2;
        this.epsilon = b.epsilon;
        this.cycled = b.tracker.cyclesMomentum();
        this.copies = new ParameterCopies(b.begin, "ScheduledAdam");
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
        int t = copies.next(copy);
        float lr = tracker.getNewValue(parameterId, t);
        float b1 = cycled ? tracker.getNewMomentum(parameterId, t) : beta1;
        float wd = getWeightDecay();
        NDArray g = ScheduledSgd.gradient(grad, weight, rescaleGrad, clipGrad, wd);
        NDArray[] mv =
                copies.state(
                        copy,
                        parameterId,
                        weight,
                        w -> new NDArray[] {w.zerosLike(), w.zerosLike()});
        try (NDArray first = g.mul(1 - b1);
                NDArray second = g.mul(g).muli(1 - beta2)) {
            mv[0].muli(b1).addi(first);
            mv[1].muli(beta2).addi(second);
        }
        double biasCorrection1 = 1 - Math.pow(b1, t);
        double biasCorrection2 = 1 - Math.pow(beta2, t);
        float stepSize = (float) (lr / biasCorrection1);
        try (NDArray denom = mv[1].sqrt().divi((float) Math.sqrt(biasCorrection2)).addi(epsilon)) {
            try (NDArray delta = mv[0].div(denom).muli(stepSize)) {
                weight.subi(delta);
            }
        }
        g.close();
        ScheduledSgd.zeroGradient(weight);
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
     * Returns the tracker of the rate.
     *
     * @return the tracker
     */
    public LrTracker getTracker() {
        return tracker;
    }

    /** The builder of {@link ScheduledAdam}. */
    public static final class Builder extends ScheduledBuilder<Builder> {

        private float beta1 = 0.9f;
        private float beta2 = 0.999f;
        private float epsilon = 1e-8f;

        private Builder() {}

        /**
         * Sets beta1 where the schedule does not cycle it. Default: 0.9 (PyTorch default).
         *
         * @param beta1 the decay of the first moment
         * @return this builder
         */
        public Builder optBeta1(float beta1) {
            this.beta1 = beta1;
            return this;
        }

        /**
         * Sets beta2. Default: 0.999 (PyTorch default).
         *
         * @param beta2 the decay of the second moment
         * @return this builder
         */
        public Builder optBeta2(float beta2) {
            this.beta2 = beta2;
            return this;
        }

        /**
         * Sets epsilon. Default: 1e-8 (PyTorch default).
         *
         * @param epsilon the term added to the denominator
         * @return this builder
         */
        public Builder optEpsilon(float epsilon) {
            this.epsilon = epsilon;
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
        public ScheduledAdam build() {
            validate();
            return new ScheduledAdam(this);
        }
    }
}
