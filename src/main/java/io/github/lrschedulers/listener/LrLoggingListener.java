package io.github.lrschedulers.listener;

import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListenerAdapter;
import io.github.lrschedulers.LrTracker;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A training listener that logs the learning rate of an {@link LrTracker} and records it, with each
 * epoch's losses and accuracies, into an {@link LrHistory}, which it can write as CSV and plot.
 *
 * <p>Per epoch it logs a line in the style of DJL's {@code LoggingTrainingListener}, numbers
 * rounded to 3 significant digits as Python's {@code %.3g}:
 *
 * <pre>{@code
 * Epoch 3: lr 0.0041 (group 1: 0.00041), momentum 0.93
 * }</pre>
 *
 * <p>(a value shared by every group is printed once) and, if asked, every {@code n} updates: {@code
 * Update 40: lr 0.0853, momentum 0.859}.
 *
 * <p><b>Usage</b> (compiled in {@code LrLoggingListenerTest.usage}):
 *
 * <pre>{@code
 * LrTracker tracker = LrTracker.builder()
 *         .setSchedule(ScheduleSpec.parse("OneCycleLR(max_lr=0.1, total_steps=24)"))
 *         .build();
 * LrLoggingListener lrLog = LrLoggingListener.builder()
 *         .setTracker(tracker)
 *         .optLogEveryUpdates(4)
 *         .optOutputDir(Path.of("build", "lr"))
 *         .build();
 * DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
 *         .optOptimizer(Optimizer.sgd().setLearningRateTracker(tracker).build())
 *         .addEvaluator(new Accuracy())
 *         .addTrainingListeners(TrainingListener.Defaults.logging())
 *         .addTrainingListeners(lrLog);
 * }</pre>
 *
 * <p><b>Order of use.</b>
 *
 * <ol>
 *   <li>{@code onTrainingBegin} (the trainer's construction): starts a new {@link #getHistory()
 *       history};
 *   <li>{@code onEpoch}: notes the epoch's last update;
 *   <li>the next {@code onTrainingBatch}, or {@code onTrainingEnd}: records and logs the epoch row
 *       with the rates of the epoch's last update and DJL's values of that epoch; every {@code n}
 *       updates, {@code onTrainingBatch} also records and logs an update row;
 *   <li>{@code onTrainingEnd} (the trainer's {@code close()}): writes {@value #CSV_FILE} and, if
 *       plotting, {@value #PNG_FILE} and {@value #SVG_FILE} into the output directory.
 * </ol>
 *
 * <p>One instance can serve several runs, one at a time: each {@code onTrainingBegin} starts
 * afresh.
 *
 * <p><b>Listener order does not matter.</b> The listener may sit anywhere in the listener list.
 * DJL's {@code EvaluatorTrainingListener} (in {@code TrainingListener.Defaults.logging()}) computes
 * the epoch's losses and accuracies in its own {@code onEpoch}, so a listener reading them in its
 * {@code onEpoch} would see this epoch's or the last one's depending on its place. This listener
 * reads them ({@code trainer.getTrainingResult()}) only after every {@code onEpoch} has run: at the
 * next batch, or at the end of training. So it costs nothing per batch, and its epoch values equal
 * DJL's wherever it sits. Without an {@code EvaluatorTrainingListener}, losses and accuracies are
 * NaN.
 *
 * <p><b>Update numbers.</b> A batch's update is {@code tracker.getLatestUpdate() + 1}: DJL's {@code
 * EasyTrain} notifies listeners of a batch before {@code trainer.step()} applies it. An epoch's
 * last update is {@code tracker.getLatestUpdate()} at the end of the epoch. Before any update the
 * rates shown are those of update 1.
 *
 * <p><b>Files.</b> A failure to write the output files is logged as an error and does not fail the
 * trainer's {@code close()}.
 */
public final class LrLoggingListener extends TrainingListenerAdapter {

    /** The name of the CSV file written into the output directory. */
    public static final String CSV_FILE = "lr-history.csv";

    /** The name of the PNG plot written into the output directory. */
    public static final String PNG_FILE = "lr-plot.png";

    /** The name of the SVG plot written into the output directory. */
    public static final String SVG_FILE = "lr-plot.svg";

    /** The name of the evaluator whose values are recorded as accuracy. */
    public static final String ACCURACY = "Accuracy";

    private static final Logger logger = LoggerFactory.getLogger(LrLoggingListener.class);

    private final LrTracker tracker;
    private final int logEveryUpdates;
    private final Path outputDir;
    private final boolean plot;
    private final boolean recordMomentum;
    private int pendingEpochUpdate = -1;

    private volatile LrHistory history;
    private int epoch;

    private LrLoggingListener(Builder b) {
        this.tracker = b.tracker;
        this.logEveryUpdates = b.logEveryUpdates;
        this.outputDir = b.outputDir;
        this.plot = b.plot != null ? b.plot : b.outputDir != null;
        this.recordMomentum = b.recordMomentum;
        this.history = new LrHistory(tracker.getGroups());
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
    public void onTrainingBegin(Trainer trainer) {
        history = new LrHistory(tracker.getGroups());
        epoch = 0;
        pendingEpochUpdate = -1;
    }

    /** {@inheritDoc} */
    @Override
    public void onTrainingBatch(Trainer trainer, BatchData batchData) {
        flushEpoch(trainer);
        if (logEveryUpdates > 0) {
            int update = tracker.getLatestUpdate() + 1;
            if (update % logEveryUpdates == 0) {
                LrHistory.Row row =
                        row(update, epoch + 1, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
                history.add(row);
                logger.info("Update {}: lr {}", update, describe(row));
            }
        }
    }

    /** {@inheritDoc} */
    @Override
    public void onEpoch(Trainer trainer) {
        flushEpoch(trainer);
        epoch++;
        pendingEpochUpdate = tracker.getLatestUpdate();
    }

    /**
     * Records and logs the epoch that ended last, once every listener's {@code onEpoch} has run:
     * DJL's epoch values ({@code trainer.getTrainingResult()}) are then those of that epoch,
     * wherever this listener sits. Reading them costs nothing per batch.
     */
    private void flushEpoch(Trainer trainer) {
        if (pendingEpochUpdate < 0) {
            return;
        }
        Map<String, Float> values = trainer.getTrainingResult().getEvaluations();
        LrHistory.Row row =
                row(
                        pendingEpochUpdate,
                        epoch,
                        value(values, "train_loss"),
                        value(values, "validate_loss"),
                        value(values, "train_" + ACCURACY),
                        value(values, "validate_" + ACCURACY));
        pendingEpochUpdate = -1;
        history.add(row);
        logger.info("Epoch {}: lr {}", epoch, describe(row));
    }

    private static double value(Map<String, Float> values, String key) {
        Float v = values == null ? null : values.get(key);
        return v == null ? Double.NaN : v;
    }

    /** {@inheritDoc} */
    @Override
    public void onTrainingEnd(Trainer trainer) {
        flushEpoch(trainer);
        if (outputDir == null) {
            return;
        }
        LrHistory h = history;
        try {
            Files.createDirectories(outputDir);
            Path csv = outputDir.resolve(CSV_FILE);
            h.writeCsv(csv);
            logger.info("Learning-rate history written to {}", csv.toAbsolutePath());
            if (plot && !h.isEmpty()) {
                Path png = outputDir.resolve(PNG_FILE);
                Path svg = outputDir.resolve(SVG_FILE);
                h.writePlot(png, svg, "Learning rate: " + tracker.getSchedule().getPyTorchName());
                logger.info(
                        "Learning-rate plots written to {} and {}",
                        png.toAbsolutePath(),
                        svg.toAbsolutePath());
            }
        } catch (IOException | RuntimeException e) {
            logger.error("Could not write the learning-rate history to {}", outputDir, e);
        }
    }

    /**
     * Returns the rates of the latest recorded row; before any row, the tracker's rates at its
     * latest update (at update 1 before any update).
     *
     * @return the learning rate of each parameter group
     */
    public double[] getLastLr() {
        LrHistory h = history;
        if (!h.isEmpty()) {
            return h.last().lr();
        }
        int update = Math.max(1, tracker.getLatestUpdate());
        double[] lr = new double[tracker.getGroups()];
        for (int g = 0; g < lr.length; g++) {
            lr[g] = tracker.getLr(g, update);
        }
        return lr;
    }

    /**
     * Returns the history of the current run, or of the last run once it has ended; empty before
     * the first run.
     *
     * @return the history
     */
    public LrHistory getHistory() {
        return history;
    }

    /**
     * Returns the tracker.
     *
     * @return the tracker
     */
    public LrTracker getTracker() {
        return tracker;
    }

    /** {@inheritDoc} */
    @Override
    public String toString() {
        return "LrLoggingListener(tracker="
                + tracker
                + ", logEveryUpdates="
                + logEveryUpdates
                + ", outputDir="
                + outputDir
                + ", plot="
                + plot
                + ", recordMomentum="
                + recordMomentum
                + ")";
    }

    private LrHistory.Row row(
            int update,
            int epoch,
            double trainLoss,
            double validateLoss,
            double trainAccuracy,
            double validateAccuracy) {
        int at = Math.max(1, update);
        int groups = tracker.getGroups();
        double[] lr = new double[groups];
        double[] momentum = new double[groups];
        Arrays.fill(momentum, Double.NaN);
        for (int g = 0; g < groups; g++) {
            lr[g] = tracker.getLr(g, at);
            if (recordMomentum) {
                momentum[g] = tracker.getMomentum(g, at);
            }
        }
        return new LrHistory.Row(
                update,
                epoch,
                lr,
                momentum,
                trainLoss,
                validateLoss,
                trainAccuracy,
                validateAccuracy);
    }

    private String describe(LrHistory.Row row) {
        return describe(row, recordMomentum);
    }

    /**
     * Formats a row's rates and momenta: {@code 0.0041 (group 1: 0.00041), momentum 0.93}; a value
     * shared by every group is printed once.
     */
    static String describe(LrHistory.Row row, boolean recordMomentum) {
        StringBuilder sb = new StringBuilder();
        perGroup(sb, row.lr());
        if (recordMomentum) {
            sb.append(", momentum ");
            perGroup(sb, row.momentum());
        }
        return sb.toString();
    }

    private static void perGroup(StringBuilder sb, double[] values) {
        sb.append(format3g(values[0]));
        boolean same = true;
        for (double v : values) {
            same &= Double.compare(v, values[0]) == 0;
        }
        if (!same) {
            sb.append(" (");
            for (int g = 1; g < values.length; g++) {
                if (g > 1) {
                    sb.append(", ");
                }
                sb.append("group ").append(g).append(": ").append(format3g(values[g]));
            }
            sb.append(')');
        }
    }

    /**
     * Formats as Python's {@code '%.3g' % v}: 3 significant digits, correctly rounded, without
     * trailing zeros; exponent notation below 1e-4 and from 1000 on.
     *
     * @param v the number
     * @return the formatted number
     */
    static String format3g(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return Double.doubleToRawLongBits(v) < 0 ? "-0" : "0";
        }
        BigDecimal rounded = new BigDecimal(v).round(new MathContext(3, RoundingMode.HALF_EVEN));
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent >= -4 && exponent < 3) {
            return rounded.stripTrailingZeros().toPlainString();
        }
        String digits = rounded.unscaledValue().abs().toString().replaceAll("0+$", "");
        StringBuilder sb = new StringBuilder();
        if (v < 0) {
            sb.append('-');
        }
        sb.append(digits.charAt(0));
        if (digits.length() > 1) {
            sb.append('.').append(digits, 1, digits.length());
        }
        sb.append(exponent < 0 ? "e-" : "e+");
        int abs = Math.abs(exponent);
        if (abs < 10) {
            sb.append('0');
        }
        return sb.append(abs).toString();
    }

    /** The builder of {@link LrLoggingListener}. */
    public static final class Builder {

        private LrTracker tracker;
        private int logEveryUpdates;
        private Path outputDir;
        private Boolean plot;
        private boolean recordMomentum = true;

        private Builder() {}

        /**
         * Sets the tracker whose rates to log: the one given to the optimizer. Required.
         *
         * @param tracker the tracker
         * @return this builder
         */
        public Builder setTracker(LrTracker tracker) {
            this.tracker = Objects.requireNonNull(tracker, "tracker");
            return this;
        }

        /**
         * Records and logs the rate every {@code n} updates, besides each epoch's. Default: 0 (only
         * per epoch).
         *
         * @param n the number of updates between records, or 0 for none
         * @return this builder
         * @throws IllegalArgumentException if {@code n < 0}
         */
        public Builder optLogEveryUpdates(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("logEveryUpdates must be >= 0, but was " + n);
            }
            this.logEveryUpdates = n;
            return this;
        }

        /**
         * Sets the directory for {@value LrLoggingListener#CSV_FILE} and the plots, written when
         * training ends (created if missing). Default: none, no files.
         *
         * @param outputDir the directory
         * @return this builder
         */
        public Builder optOutputDir(Path outputDir) {
            this.outputDir = Objects.requireNonNull(outputDir, "outputDir");
            return this;
        }

        /**
         * Sets whether to write the plots {@value LrLoggingListener#PNG_FILE} and {@value
         * LrLoggingListener#SVG_FILE} into the output directory. Default: {@code true} when an
         * output directory is set.
         *
         * @param plot whether to plot
         * @return this builder
         */
        public Builder optPlot(boolean plot) {
            this.plot = plot;
            return this;
        }

        /**
         * Sets whether to record and log the momentum ({@link LrTracker#getMomentum(int, int)}).
         * Default: {@code true}.
         *
         * @param recordMomentum whether to record the momentum
         * @return this builder
         */
        public Builder optRecordMomentum(boolean recordMomentum) {
            this.recordMomentum = recordMomentum;
            return this;
        }

        /**
         * Builds the listener.
         *
         * @return the listener
         * @throws IllegalArgumentException if the tracker is not set, or plotting is asked without
         *     an output directory
         */
        public LrLoggingListener build() {
            if (tracker == null) {
                throw new IllegalArgumentException("tracker must be set");
            }
            if (Boolean.TRUE.equals(plot) && outputDir == null) {
                throw new IllegalArgumentException(
                        "plot needs an output directory: call optOutputDir(dir)");
            }
            return new LrLoggingListener(this);
        }
    }
}
