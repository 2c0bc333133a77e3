package io.github.lrschedulers.finder;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.TrainingConfig;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Dataset;
import ai.djl.translate.TranslateException;
import ai.djl.util.Pair;
import io.github.lrschedulers.LambdaLr;
import io.github.lrschedulers.LrTracker;
import io.github.lrschedulers.ParameterGroups;
import io.github.lrschedulers.internal.CrMath;
import io.github.lrschedulers.internal.PyRepr;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The learning-rate range test of Smith, "Cyclical Learning Rates for Training Neural Networks"
 * (2017, section 3.3), as fastai's {@code lr_find} and Lightning's {@code Tuner.lr_find} run it, on
 * a real DJL {@link Trainer}: the rate grows from {@code startLr} to {@code endLr} over {@code
 * numIterations} updates, one batch each; the training loss of each batch is recorded and smoothed,
 * and the test stops early once the smoothed loss diverges. The result holds the curve and the
 * suggestions of fastai's and Lightning's rules ({@link LrSuggestion.Method}).
 *
 * <pre>{@code
 * LrFinderResult result =
 *         LrFinder.builder()
 *                 .build()
 *                 .run(
 *                         model,
 *                         lr ->
 *                                 new DefaultTrainingConfig(
 *                                                 Loss.softmaxCrossEntropyLoss())
 *                                         .optOptimizer(
 *                                                 Optimizer.sgd()
 *                                                         .setLearningRateTracker(lr)
 *                                                         .build()),
 *                         trainingSet,
 *                         new Shape(1, 784));
 * double lr = result.getSuggestion(LrSuggestion.Method.VALLEY).orElseThrow().getLr();
 * System.out.println(result.getSuggestions()); // every rule's, with its source
 * result.writeCsv(outputDir.resolve("lr-find.csv")); // lr,loss,smoothed_loss
 * result.writePlot(outputDir.resolve("lr-find.png"), outputDir.resolve("lr-find.svg"));
 * }</pre>
 *
 * <p>(The code of {@code LrFinderTest}, as README.md shows it.)
 *
 * <p><b>The rate.</b> Update {@code k} of {@code n} ({@code k = 0..n-1}) uses {@code startLr *
 * (endLr / startLr)^(k / (n - 1))} (exponential, the default) or {@code startLr + k / (n - 1) *
 * (endLr - startLr)} (linear): the first update uses {@code startLr} and the last {@code endLr}.
 * (fastai's last update uses {@code startLr * (endLr / startLr)^((n - 1) / n)}; Lightning 2.x's
 * second update already uses the rate of {@code k = 2} out of {@code n}.) The finder drives the
 * rate through an {@link LrTracker} it gives to {@code configFor}: build the optimizer with it.
 * Every DJL optimizer takes it ({@code Optimizer.sgd().setLearningRateTracker(lr)}, {@code
 * Optimizer.adam().optLearningRateTracker(lr)}, ...), and so do {@code ScheduledSgd} and {@code
 * ScheduledAdam}. The tracker is a {@code LambdaLR} whose factor is the rate above; group {@code g}
 * gets {@link Builder#optGroupRatios(double...) ratios[g]} times group 0's rate. An optimizer that
 * does not ask that tracker, or counts more than one update per trainer step (DJL's own optimizers
 * on several devices), is an error at the first update.
 *
 * <p><b>Smoothing and divergence.</b> As fastai and Lightning: {@code avg = beta * avg + (1 - beta)
 * * loss} from {@code avg = 0}, and the smoothed loss of update {@code k} is {@code avg / (1 -
 * beta^(k + 1))} (bias correction, fastai's count; Lightning divides by {@code 1 - beta^(k + 2)}).
 * After each update, as fastai: the best smoothed loss is updated, then the test stops if the
 * smoothed loss exceeds {@code divergeThreshold} times the best; the row that diverged is kept. A
 * loss that is not finite also ends the test (its row is kept).
 *
 * <p><b>State.</b> The test trains a trainer of its own, {@code model.newTrainer(configFor
 * .apply(tracker))}, with the optimizer {@code configFor} builds for it: no optimizer of the user's
 * is stepped, so no optimizer state changes. Every parameter array of the model (weights, biases,
 * running statistics) is copied before the first update and written back after the last, bit for
 * bit, also when the test fails. A block that is not initialized yet is initialized with the input
 * shapes first, and gets those initial values back: a trainer created afterwards keeps them (DJL
 * does not initialize a parameter twice). The engine's random state is not restored. The trainer
 * calls its listeners' {@code onTrainingBegin} and {@code onTrainingEnd} as any DJL trainer does;
 * the finder calls no batch or epoch events, so the config should hold no listeners that write
 * files.
 *
 * <p>Builder defaults are fastai's: {@code startLr} 1e-7, {@code endLr} 10, {@code numIterations}
 * 100, smoothing 0.98, divergence at 4 times the best (Lightning: 1e-8, 1, 100, 0.98, 4.0).
 */
public final class LrFinder {

    private static final Logger logger = LoggerFactory.getLogger(LrFinder.class);

    /** How the rate grows. */
    public enum Mode {
        /** Geometrically: equal ratios between updates. fastai's and Lightning's default. */
        EXPONENTIAL,
        /** Arithmetically: equal differences between updates. */
        LINEAR
    }

    private final double startLr;
    private final double endLr;
    private final int numIterations;
    private final Mode mode;
    private final double smoothing;
    private final double divergeThreshold;
    private final double[] groupRatios;
    private final ParameterGroups parameterGroups;

    private LrFinder(Builder b) {
        this.startLr = b.startLr;
        this.endLr = b.endLr;
        this.numIterations = b.numIterations;
        this.mode = b.mode;
        this.smoothing = b.smoothing;
        this.divergeThreshold = b.divergeThreshold;
        this.groupRatios = b.groupRatios.clone();
        this.parameterGroups = b.parameterGroups;
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
     * Returns the rate of group 0 at update {@code k} of the test (0-based).
     *
     * @param k the update, from 0
     * @return the rate
     */
    public double rate(int k) {
        if (numIterations == 1) {
            return startLr;
        }
        double r = (double) k / (numIterations - 1);
        return mode == Mode.EXPONENTIAL
                ? startLr * CrMath.pow(endLr / startLr, r)
                : startLr + r * (endLr - startLr);
    }

    /**
     * Returns a new tracker of the test's rates: update {@code k + 1} (DJL counts from 1) gets
     * {@link #rate(int) rate(k)} times the group's ratio. {@link #run} builds one per test; this is
     * for a training loop of one's own.
     *
     * @return the tracker
     */
    public LrTracker newTracker() {
        LrTracker.Builder b =
                LrTracker.builder()
                        .setSchedule(
                                LambdaLr.builder()
                                        .setLrLambda(k -> rate((int) Math.min(k, numIterations)))
                                        .build())
                        .optBaseLrs(groupRatios);
        if (parameterGroups != null) {
            b.optParameterGroups(parameterGroups);
        }
        return b.build();
    }

    /**
     * Runs the range test and leaves the model's parameters as they were.
     *
     * @param model the model, with its block
     * @param configFor makes the training config of the test from the finder's tracker: its loss,
     *     its devices and an optimizer built with that tracker
     * @param dataset the training data; iterated again from its start if it has fewer batches than
     *     the test needs
     * @param inputShapes the input shapes, to initialize a block that is not initialized yet
     * @return the curve and the suggestions
     * @throws IOException if the data cannot be read
     * @throws TranslateException if a batch cannot be made
     * @throws IllegalArgumentException if the model has no block, or it is not initialized and no
     *     input shape is given, or the dataset gives no batch
     * @throws IllegalStateException if the optimizer does not take its rate from the tracker, or
     *     counts more than one update per trainer step
     */
    public LrFinderResult run(
            Model model,
            Function<LrTracker, TrainingConfig> configFor,
            Dataset dataset,
            Shape... inputShapes)
            throws IOException, TranslateException {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(configFor, "configFor");
        Objects.requireNonNull(dataset, "dataset");
        Block block = model.getBlock();
        if (block == null) {
            throw new IllegalArgumentException("model must have a block, but had none");
        }
        if (!block.isInitialized() && inputShapes.length == 0) {
            throw new IllegalArgumentException(
                    "inputShapes must be given when the model's block is not initialized, but"
                            + " none was");
        }
        LrTracker tracker = newTracker();
        TrainingConfig config =
                Objects.requireNonNull(configFor.apply(tracker), "configFor returned null");
        try (Trainer trainer = model.newTrainer(config)) {
            if (!block.isInitialized()) {
                trainer.initialize(inputShapes);
            }
            try (NDManager copies = model.getNDManager().newSubManager()) {
                List<Pair<NDArray, NDArray>> saved = snapshot(block, copies);
                try {
                    return test(trainer, tracker, dataset);
                } finally {
                    for (Pair<NDArray, NDArray> p : saved) {
                        p.getValue().copyTo(p.getKey());
                    }
                }
            }
        }
    }

    /** Copies every parameter array: (the parameter's array, its copy). */
    private static List<Pair<NDArray, NDArray>> snapshot(Block block, NDManager copies) {
        List<Pair<NDArray, NDArray>> saved = new ArrayList<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            Parameter parameter = p.getValue();
            if (!parameter.isInitialized()) {
                continue;
            }
            NDArray array = parameter.getArray();
            NDArray copy = array.duplicate();
            copy.attach(copies);
            saved.add(new Pair<>(array, copy));
        }
        return saved;
    }

    private LrFinderResult test(Trainer trainer, LrTracker tracker, Dataset dataset)
            throws IOException, TranslateException {
        double[] lrs = new double[numIterations];
        double[] losses = new double[numIterations];
        double[] smoothed = new double[numIterations];
        int k = 0;
        double avg = 0;
        double best = Double.POSITIVE_INFINITY;
        LrFinderResult.Stop stop = null;
        while (stop == null) {
            int batches = 0;
            for (Batch batch : trainer.iterateDataset(dataset)) {
                batches++;
                double loss;
                try {
                    loss = step(trainer, batch);
                } finally {
                    batch.close();
                }
                checkTracker(tracker, k + 1);
                lrs[k] = rate(k);
                losses[k] = loss;
                avg = smoothing * avg + (1 - smoothing) * loss;
                double s = smoothed(avg, smoothing, k);
                smoothed[k] = s;
                k++;
                if (!Double.isFinite(loss) || !Double.isFinite(s)) {
                    stop = LrFinderResult.Stop.NOT_FINITE;
                } else {
                    if (s < best) {
                        best = s;
                    }
                    if (s > divergeThreshold * best) {
                        stop = LrFinderResult.Stop.DIVERGED;
                    } else if (k == numIterations) {
                        stop = LrFinderResult.Stop.COMPLETED;
                    }
                }
                if (stop != null) {
                    break;
                }
            }
            if (stop == null && batches == 0) {
                if (k == 0) {
                    throw new IllegalArgumentException(
                            "dataset must give at least one batch, but gave none");
                }
                stop = LrFinderResult.Stop.DATA_EXHAUSTED;
            }
        }
        LrFinderResult result =
                new LrFinderResult(
                        Arrays.copyOf(lrs, k),
                        Arrays.copyOf(losses, k),
                        Arrays.copyOf(smoothed, k),
                        numIterations,
                        stop);
        logger.info(
                "LR range test: {} updates, lr {} to {}, {}; suggestions {}",
                k,
                PyRepr.repr(lrs[0]),
                PyRepr.repr(lrs[k - 1]),
                stop.name().toLowerCase(Locale.ROOT),
                result.getSuggestions());
        return result;
    }

    /**
     * The bias-corrected moving average of update {@code k} (0-based): {@code avg / (1 - beta^(k +
     * 1))}, with Python's correctly rounded power.
     */
    static double smoothed(double avg, double beta, int k) {
        return avg / (1 - CrMath.pow(beta, k + 1));
    }

    /**
     * Smooths a series of losses as the test does: {@code avg = beta * avg + (1 - beta) * loss}
     * from 0, then {@link #smoothed}.
     *
     * @param losses the raw losses
     * @param beta the smoothing factor
     * @return the smoothed losses
     */
    static double[] smooth(double[] losses, double beta) {
        double[] out = new double[losses.length];
        double avg = 0;
        for (int k = 0; k < losses.length; k++) {
            avg = beta * avg + (1 - beta) * losses[k];
            out[k] = smoothed(avg, beta, k);
        }
        return out;
    }

    /** Fails unless the optimizer asked the tracker for exactly update {@code expected} last. */
    private static void checkTracker(LrTracker tracker, int expected) {
        int latest = tracker.getLatestUpdate();
        if (latest == 0) {
            throw new IllegalStateException(
                    "the optimizer did not ask the finder's tracker for a rate: build the"
                            + " optimizer of the training config with the tracker given to"
                            + " configFor, e.g. Optimizer.sgd().setLearningRateTracker(lr)");
        }
        if (latest != expected) {
            throw new IllegalStateException(
                    "the optimizer asked for update "
                            + latest
                            + " after "
                            + expected
                            + " trainer steps: it must count one update per step (DJL's own"
                            + " optimizers count one per device; ScheduledSgd and ScheduledAdam"
                            + " count one per step)");
        }
    }

    /** Trains one batch, split over the trainer's devices; returns its mean loss. */
    private static double step(Trainer trainer, Batch batch) {
        Batch[] splits = batch.split(trainer.getDevices(), false);
        double sum = 0;
        long size = 0;
        try (GradientCollector collector = trainer.newGradientCollector()) {
            for (Batch split : splits) {
                NDList data = split.getData();
                NDList labels = split.getLabels();
                NDList predictions = trainer.forward(data, labels);
                NDArray loss = trainer.getLoss().evaluate(labels, predictions);
                collector.backward(loss);
                double value = loss.getFloat();
                if (splits.length == 1) {
                    sum = value;
                    size = 1;
                } else {
                    sum += value * split.getSize();
                    size += split.getSize();
                }
            }
        }
        trainer.step();
        return sum / size;
    }

    /**
     * Returns the number of updates the test asks for.
     *
     * @return the number of iterations
     */
    public int getNumIterations() {
        return numIterations;
    }

    /** {@inheritDoc} */
    @Override
    public String toString() {
        return "LrFinder{startLr="
                + PyRepr.repr(startLr)
                + ", endLr="
                + PyRepr.repr(endLr)
                + ", numIterations="
                + numIterations
                + ", mode="
                + mode
                + ", smoothing="
                + PyRepr.repr(smoothing)
                + ", divergeThreshold="
                + PyRepr.repr(divergeThreshold)
                + ", groupRatios="
                + Arrays.toString(groupRatios)
                + "}";
    }

    /** The builder of {@link LrFinder}. */
    public static final class Builder {

        private double startLr = 1e-7;
        private double endLr = 10;
        private int numIterations = 100;
        private Mode mode = Mode.EXPONENTIAL;
        private double smoothing = 0.98;
        private double divergeThreshold = 4;
        private double[] groupRatios = {1.0};
        private ParameterGroups parameterGroups;

        private Builder() {}

        /**
         * Sets the rate of the first update. Default: 1e-7 (fastai's {@code start_lr}).
         *
         * @param startLr the first rate, positive and finite
         * @return this builder
         */
        public Builder optStartLr(double startLr) {
            this.startLr = startLr;
            return this;
        }

        /**
         * Sets the rate of the last update. Default: 10 (fastai's {@code end_lr}).
         *
         * @param endLr the last rate, finite and greater than the first
         * @return this builder
         */
        public Builder optEndLr(double endLr) {
            this.endLr = endLr;
            return this;
        }

        /**
         * Sets the number of updates, one batch each. Default: 100 (fastai's {@code num_it},
         * Lightning's {@code num_training}).
         *
         * @param numIterations the number of updates, at least 2
         * @return this builder
         */
        public Builder optNumIterations(int numIterations) {
            this.numIterations = numIterations;
            return this;
        }

        /**
         * Sets how the rate grows. Default: {@link Mode#EXPONENTIAL}.
         *
         * @param mode the mode
         * @return this builder
         */
        public Builder optMode(Mode mode) {
            this.mode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * Sets the smoothing factor {@code beta} of the loss's moving average. Default: 0.98
         * (fastai's and Lightning's).
         *
         * @param beta the factor, in [0, 1); 0 records the raw loss
         * @return this builder
         */
        public Builder optSmoothing(double beta) {
            this.smoothing = beta;
            return this;
        }

        /**
         * Sets the divergence threshold: the test stops once the smoothed loss exceeds this times
         * the best smoothed loss. Default: 4 (fastai's, Lightning's {@code early_stop_threshold});
         * {@code Double.POSITIVE_INFINITY} never stops early.
         *
         * @param threshold the threshold, greater than 1
         * @return this builder
         */
        public Builder optDivergeThreshold(double threshold) {
            this.divergeThreshold = threshold;
            return this;
        }

        /**
         * Sets the rate of each parameter group relative to group 0's, which the test ramps: with
         * {@code (1, 0.1)} group 1 always gets a tenth of group 0's rate. Default: one group.
         *
         * @param ratios the ratios, one per group, positive and finite; the first must be 1
         * @return this builder
         */
        public Builder optGroupRatios(double... ratios) {
            this.groupRatios = Objects.requireNonNull(ratios, "ratios").clone();
            return this;
        }

        /**
         * Assigns DJL's parameters to the groups of {@link #optGroupRatios(double...)}. Default:
         * every parameter in group 0.
         *
         * @param parameterGroups the assignment
         * @return this builder
         */
        public Builder optParameterGroups(ParameterGroups parameterGroups) {
            this.parameterGroups = Objects.requireNonNull(parameterGroups, "parameterGroups");
            return this;
        }

        /**
         * Builds the finder.
         *
         * @return the finder
         * @throws IllegalArgumentException if a setting is out of range
         */
        public LrFinder build() {
            check(
                    startLr > 0 && Double.isFinite(startLr),
                    "startLr must be > 0 and finite, but was " + PyRepr.repr(startLr));
            check(
                    endLr > startLr && Double.isFinite(endLr),
                    "endLr must be finite and > startLr ("
                            + PyRepr.repr(startLr)
                            + "), but was "
                            + PyRepr.repr(endLr));
            check(numIterations >= 2, "numIterations must be >= 2, but was " + numIterations);
            check(
                    smoothing >= 0 && smoothing < 1,
                    "smoothing must be >= 0 and < 1, but was " + PyRepr.repr(smoothing));
            check(
                    divergeThreshold > 1,
                    "divergeThreshold must be > 1, but was " + PyRepr.repr(divergeThreshold));
            check(
                    groupRatios.length >= 1 && groupRatios[0] == 1.0,
                    "groupRatios must start with 1 (group 0's own rate), but was "
                            + Arrays.toString(groupRatios));
            for (double r : groupRatios) {
                check(
                        r > 0 && Double.isFinite(r),
                        "groupRatios must be > 0 and finite, but was "
                                + Arrays.toString(groupRatios));
            }
            if (parameterGroups != null) {
                check(
                        parameterGroups.getMaxGroup() < groupRatios.length,
                        "parameterGroups assigns a parameter to group "
                                + parameterGroups.getMaxGroup()
                                + ", but groupRatios has "
                                + groupRatios.length
                                + " groups");
            }
            return new LrFinder(this);
        }

        private static void check(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
