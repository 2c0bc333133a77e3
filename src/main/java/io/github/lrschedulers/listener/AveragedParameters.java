package io.github.lrschedulers.listener;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.util.Pair;
import ai.djl.util.Preconditions;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A running average of a block's parameters: PyTorch's {@code torch.optim.swa_utils.AveragedModel}
 * with its default {@code avg_fn}, for Stochastic Weight Averaging (Izmailov et al., <a
 * href="https://arxiv.org/abs/1803.05407">arXiv:1803.05407</a>).
 *
 * <p>{@link #update(Block)} is {@code update_parameters(model)}: the first call copies every
 * parameter; each later call, with {@code n} the updates averaged so far, sets
 *
 * <pre>{@code
 * averaged = averaged + (p - averaged) / (n + 1)
 * }</pre>
 *
 * <p>in the parameter's own data type, on its device, with the engine's operators: on DJL's PyTorch
 * engine the same float32 subtraction, division and addition as PyTorch's CPU path, so the averages
 * equal {@code AveragedModel}'s bit for bit ({@code SwaGoldenTest}).
 *
 * <p><b>Buffers.</b> DJL keeps what PyTorch calls buffers (BatchNorm's running mean and variance)
 * as parameters that need no gradient. As with {@code use_buffers=False} (the default), those are
 * copied from the model at each update, not averaged; {@link Builder#optUseBuffers(boolean)}
 * averages them too, as {@code use_buffers=True} does. DJL has no {@code num_batches_tracked}.
 *
 * <p><b>Evaluating the average.</b> {@link #swapIn(Block)} copies the averages into the block's
 * parameter arrays in place (the live values are kept aside); {@link #swapOut(Block)} puts the live
 * values back, bit for bit. In between the block evaluates, predicts or saves ({@code
 * Block.saveParameters}) the averaged model. The copy reaches the parameter's own array, which is
 * the one a trainer on a single device uses; DJL's copies for further devices are not updated.
 *
 * <p><b>BatchNorm statistics.</b> {@link #updateBatchNorm(Trainer, Iterable)} is the closest DJL
 * allows to {@code torch.optim.swa_utils.update_bn}, not the same: see there.
 *
 * <p>Order of use: build → {@link #update(Block)} … → {@link #swapIn(Block)} → (optionally {@link
 * #updateBatchNorm(Trainer, Iterable)}) → evaluate → {@link #swapOut(Block)} → more updates → … →
 * {@link #close()}, which frees the averages.
 */
public final class AveragedParameters implements AutoCloseable {

    /** The format name at the head of a saved state. */
    static final String FORMAT = "djl-lr-schedulers-swa/1";

    private static final NDIndex ALL = new NDIndex("...");

    private final boolean useBuffers;
    private final float batchNormMomentum;
    private final Map<String, NDArray> averaged = new LinkedHashMap<>();
    private final Map<String, NDArray> live = new LinkedHashMap<>();
    private NDManager manager;
    private long count;

    private AveragedParameters(Builder b) {
        this.useBuffers = b.useBuffers;
        this.batchNormMomentum = b.batchNormMomentum;
    }

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the number of updates averaged, PyTorch's {@code n_averaged}.
     *
     * @return the updates averaged so far
     */
    public long getAveragedCount() {
        return count;
    }

    /**
     * Returns whether the buffers (parameters without gradient) are averaged too.
     *
     * @return PyTorch's {@code use_buffers}
     */
    public boolean isUseBuffers() {
        return useBuffers;
    }

    /**
     * Returns the averages by parameter name (the block's {@code getParameters()} names); the
     * arrays belong to this object.
     *
     * @return an unmodifiable view, empty before the first update
     */
    public Map<String, NDArray> getAveraged() {
        return Collections.unmodifiableMap(averaged);
    }

    /**
     * Returns whether the averages are swapped into a block.
     *
     * @return true between {@link #swapIn(Block)} and {@link #swapOut(Block)}
     */
    public boolean isSwappedIn() {
        return !live.isEmpty();
    }

    /**
     * Averages the block's current parameters in: PyTorch's {@code update_parameters(model)}.
     *
     * @param block the trained block, with the same parameters at every update
     * @throws IllegalStateException if the averages are swapped in
     * @throws IllegalArgumentException if the parameters differ from the first update's (names,
     *     shapes) or are not floating point
     */
    public void update(Block block) {
        requireNotSwapped("update");
        List<Pair<String, Parameter>> params = parameters(block);
        for (Pair<String, Parameter> pair : params) {
            String name = pair.getKey();
            NDArray p = pair.getValue().getArray();
            Preconditions.checkArgument(
                    p.getDataType().isFloating(),
                    "parameter " + name + " must be floating point, but is " + p.getDataType());
            NDArray avg = averaged.get(name);
            if (avg == null) {
                NDArray copy = p.duplicate();
                copy.attach(manager(p));
                averaged.put(name, copy);
            } else if (!useBuffers && !pair.getValue().requiresGradient()) {
                avg.set(ALL, p);
            } else {
                try (NDArray diff = p.sub(avg)) {
                    diff.divi(count + 1);
                    avg.addi(diff);
                }
            }
        }
        count++;
    }

    /**
     * Copies the averages into the block's parameters, keeping the live values aside.
     *
     * @param block the block the averages come from
     * @throws IllegalStateException if nothing is averaged yet or the averages are swapped in
     */
    public void swapIn(Block block) {
        requireNotSwapped("swapIn");
        if (count == 0) {
            throw new IllegalStateException("swapIn needs an average, but no update was done");
        }
        for (Pair<String, Parameter> pair : parameters(block)) {
            NDArray p = pair.getValue().getArray();
            NDArray kept = p.duplicate();
            kept.attach(manager);
            live.put(pair.getKey(), kept);
            p.set(ALL, averaged.get(pair.getKey()));
        }
    }

    /**
     * Puts the live values back into the block's parameters, bit for bit.
     *
     * @param block the block given to {@link #swapIn(Block)}
     * @throws IllegalStateException if the averages are not swapped in
     */
    public void swapOut(Block block) {
        if (live.isEmpty()) {
            throw new IllegalStateException("swapOut needs swapIn first");
        }
        for (Pair<String, Parameter> pair : parameters(block)) {
            try (NDArray kept = live.get(pair.getKey())) {
                pair.getValue().getArray().set(ALL, kept);
            }
        }
        live.clear();
    }

    /**
     * Recomputes the BatchNorm running statistics of the trainer's block with one pass over the
     * batches in training mode, as the cumulative average of the batches' statistics: the closest
     * DJL allows to {@code torch.optim.swa_utils.update_bn}, which sets {@code momentum=None}.
     *
     * <p>DJL's {@code BatchNorm} keeps its momentum private and final and hands PyTorch the factor
     * {@code 1f - momentum}, so the cumulative factor {@code 1/k} of the k-th batch cannot be set.
     * Instead, before each batch every running statistic (the parameters of type {@code
     * RUNNING_MEAN} and {@code RUNNING_VAR}) is set to 0, so that the forward pass leaves {@code
     * (1f - momentum)} times the batch's statistic; dividing by that factor (in double) recovers
     * the statistic up to one float32 rounding, and PyTorch's update {@code running = (1/k) * s +
     * (1 - 1/k) * running} is then applied in double and stored in float32. The result agrees with
     * {@code update_bn} to within a few float32 ulps ({@code SwaGoldenTest} measures it), not bit
     * for bit. The factor comes from {@link Builder#optBatchNormMomentum(float)}, which must be the
     * momentum the block's BatchNorm layers were built with. With no batch, the means become 0 and
     * the variances 1, as {@code update_bn} leaves them. Dropout and other training-mode behaviour
     * apply during the pass, as in PyTorch.
     *
     * <p>When the averages are swapped in, the new statistics also replace the averaged ones, as
     * {@code update_bn(loader, swa_model)} changes the averaged model; {@link #swapOut(Block)}
     * restores the live statistics.
     *
     * @param trainer the trainer of the block, whose {@code forward} runs each batch
     * @param batches the data, for example {@code trainer.iterateDataset(trainSet)}; each batch is
     *     closed after use
     */
    public void updateBatchNorm(Trainer trainer, Iterable<Batch> batches) {
        List<Pair<String, Parameter>> stats = new ArrayList<>();
        for (Pair<String, Parameter> pair : parameters(trainer.getModel().getBlock())) {
            Parameter.Type type = pair.getValue().getType();
            if (type == Parameter.Type.RUNNING_MEAN || type == Parameter.Type.RUNNING_VAR) {
                stats.add(pair);
            }
        }
        if (stats.isEmpty()) {
            return;
        }
        double factor = 1f - batchNormMomentum;
        float[][] running = new float[stats.size()][];
        int k = 0;
        for (Batch batch : batches) {
            try (batch) {
                for (Pair<String, Parameter> s : stats) {
                    s.getValue().getArray().set(ALL, 0f);
                }
                trainer.forward(batch.getData()).close();
                k++;
                double m = 1.0 / k;
                for (int i = 0; i < running.length; i++) {
                    float[] left = stats.get(i).getValue().getArray().toFloatArray();
                    if (running[i] == null) {
                        running[i] = new float[left.length];
                    }
                    for (int j = 0; j < left.length; j++) {
                        double batchStat = left[j] / factor;
                        running[i][j] = (float) (m * batchStat + (1 - m) * running[i][j]);
                    }
                }
            }
        }
        for (int i = 0; i < running.length; i++) {
            Parameter p = stats.get(i).getValue();
            NDArray array = p.getArray();
            if (running[i] == null) {
                array.set(ALL, p.getType() == Parameter.Type.RUNNING_MEAN ? 0f : 1f);
            } else {
                try (NDArray v = array.getManager().create(running[i], array.getShape())) {
                    array.set(ALL, v);
                }
            }
            NDArray avg = averaged.get(stats.get(i).getKey());
            if (isSwappedIn() && avg != null) {
                avg.set(ALL, array);
            }
        }
    }

    /** Frees the averages and the kept live values. */
    @Override
    public void close() {
        if (manager != null) {
            manager.close();
            manager = null;
        }
        averaged.clear();
        live.clear();
    }

    /** Writes the count and the averages. */
    void save(DataOutputStream os) throws IOException {
        os.writeUTF(FORMAT);
        os.writeBoolean(useBuffers);
        os.writeLong(count);
        os.writeInt(averaged.size());
        for (Map.Entry<String, NDArray> e : averaged.entrySet()) {
            byte[] bytes = e.getValue().encode();
            os.writeUTF(e.getKey());
            os.writeInt(bytes.length);
            os.write(bytes);
        }
    }

    /**
     * Reads what {@link #save} wrote, checked against the block's parameters.
     *
     * @throws IllegalArgumentException if the state does not fit this object or the block
     */
    void load(DataInputStream is, Block block, String what) throws IOException {
        requireNotSwapped("load");
        String format = is.readUTF();
        Preconditions.checkArgument(
                FORMAT.equals(format),
                what + " must have the format " + FORMAT + ", but has " + format);
        boolean buffers = is.readBoolean();
        Preconditions.checkArgument(
                buffers == useBuffers,
                what + " was saved with useBuffers=" + buffers + ", but this has " + useBuffers);
        long n = is.readLong();
        int size = is.readInt();
        List<Pair<String, Parameter>> params = parameters(block);
        Preconditions.checkArgument(
                n > 0 && size == params.size(),
                what
                        + " holds "
                        + size
                        + " arrays averaged "
                        + n
                        + " times, but the block has "
                        + params.size()
                        + " parameters");
        Map<String, NDArray> read = new LinkedHashMap<>();
        for (Pair<String, Parameter> pair : params) {
            String name = is.readUTF();
            int length = is.readInt();
            Preconditions.checkArgument(
                    name.equals(pair.getKey()) && length > 0 && length <= is.available(),
                    what + " holds " + name + " where the block has " + pair.getKey());
            NDArray p = pair.getValue().getArray();
            NDArray a = manager(p).decode(is.readNBytes(length));
            read.put(name, a);
            Preconditions.checkArgument(
                    a.getShape().equals(p.getShape()) && a.getDataType() == p.getDataType(),
                    what
                            + " holds "
                            + name
                            + " as "
                            + a.getDataType()
                            + a.getShape()
                            + ", but the block has "
                            + p.getDataType()
                            + p.getShape());
        }
        averaged.values().forEach(NDArray::close);
        averaged.clear();
        averaged.putAll(read);
        count = n;
    }

    private NDManager manager(NDArray like) {
        if (manager == null) {
            manager =
                    NDManager.newBaseManager(
                            like.getDevice(), like.getManager().getEngine().getEngineName());
        }
        return manager;
    }

    private void requireNotSwapped(String call) {
        if (!live.isEmpty()) {
            throw new IllegalStateException(call + " needs the live values: call swapOut first");
        }
    }

    /** The block's parameters, checked against the averaged ones once there are some. */
    private List<Pair<String, Parameter>> parameters(Block block) {
        List<Pair<String, Parameter>> params = new ArrayList<>();
        for (Pair<String, Parameter> pair : block.getParameters()) {
            Parameter p = pair.getValue();
            Preconditions.checkArgument(
                    p.isInitialized(), "parameter " + pair.getKey() + " must be initialized");
            NDArray avg = averaged.get(pair.getKey());
            Preconditions.checkArgument(
                    averaged.isEmpty() || avg != null,
                    "parameter "
                            + pair.getKey()
                            + " is not among the averaged "
                            + averaged.keySet());
            Preconditions.checkArgument(
                    avg == null || avg.getShape().equals(p.getArray().getShape()),
                    "parameter "
                            + pair.getKey()
                            + " must have the averaged shape "
                            + (avg == null ? null : avg.getShape())
                            + ", but has "
                            + p.getArray().getShape());
            params.add(pair);
        }
        Preconditions.checkArgument(
                averaged.isEmpty() || params.size() == averaged.size(),
                "the block must have the "
                        + averaged.size()
                        + " averaged parameters, but has "
                        + params.size());
        return params;
    }

    /** Builds {@link AveragedParameters}. */
    public static final class Builder {

        private boolean useBuffers;
        private float batchNormMomentum = 0.9f;

        private Builder() {}

        /**
         * Sets whether the buffers (parameters without gradient, such as BatchNorm's running
         * statistics) are averaged too, PyTorch's {@code use_buffers}. Default: false (they are
         * copied from the model at each update).
         *
         * @param useBuffers whether to average the buffers
         * @return this builder
         */
        public Builder optUseBuffers(boolean useBuffers) {
            this.useBuffers = useBuffers;
            return this;
        }

        /**
         * Sets the momentum the block's BatchNorm layers were built with ({@code
         * BatchNorm.builder().optMomentum(m)}), which {@link #updateBatchNorm(Trainer, Iterable)}
         * needs. Default: 0.9 (DJL's default).
         *
         * @param momentum DJL's BatchNorm momentum, in [0, 1)
         * @return this builder
         */
        public Builder optBatchNormMomentum(float momentum) {
            this.batchNormMomentum = momentum;
            return this;
        }

        /**
         * Builds the averager.
         *
         * @return a new averager, with nothing averaged
         * @throws IllegalArgumentException if the BatchNorm momentum is outside [0, 1)
         */
        public AveragedParameters build() {
            Preconditions.checkArgument(
                    batchNormMomentum >= 0 && batchNormMomentum < 1,
                    "batchNormMomentum must be in [0, 1), but was " + batchNormMomentum);
            return new AveragedParameters(this);
        }
    }
}
