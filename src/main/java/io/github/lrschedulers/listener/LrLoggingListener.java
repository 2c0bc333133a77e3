package io.github.lrschedulers.listener;

import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListenerAdapter;
import io.github.lrschedulers.LrReason;
import io.github.lrschedulers.LrTracker;
import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A training listener that logs the learning rate of an {@link LrTracker} at each epoch end (and
 * every {@code n} updates if asked), and records it with each epoch's losses and accuracies in an
 * {@link LrHistory}; with an output directory, it writes the history as CSV and plots it.
 *
 * <pre>{@code
 * Epoch 3: lr 0.0041 (group 1: 0.00041), momentum 0.93
 * Update 40: lr 0.0853, momentum 0.859
 * Update 61: lr 0.01, momentum 0.9 because milestone 60 reached: ×0.1
 * }</pre>
 *
 * <p>Where the rate changes for a discrete event of the schedule ({@link LrTracker#getReasons(int,
 * int)}: a milestone, a restart, a warmup's end, a plateau), the update is logged with its reason,
 * whatever {@code n}; smooth steps are not. The CSV's {@code reason} column holds the reasons since
 * the row before.
 *
 * <p>Usage (compiled in {@code LrLoggingListenerTest.usage}); the listener may sit anywhere in the
 * list:
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
 * <p>To resume from a checkpoint, call {@link #continueFrom(CheckpointListener.Restored)} before
 * training. One instance can serve several runs, one at a time: each {@code onTrainingBegin} starts
 * afresh.
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
    private final boolean plotUnavailable;
    private final boolean recordMomentum;
    private final String metricName;

    private volatile LrHistory history;
    private CheckpointListener.Restored resumeFrom;
    private boolean running;
    private boolean batchSeen;

    /** The updates done before this run: the restored checkpoint's, else 0. */
    private int firstUpdate;

    private int batches;

    /** The epochs completed. */
    private int epoch;

    /** The last update row, recorded once it is known not to end an epoch. */
    private LrHistory.Row pendingUpdate;

    /** The last update of the epoch that ended last, until its row is recorded; else -1. */
    private int pendingEpochUpdate = -1;

    private int lastLoggedUpdate = -1;

    /** The reasons of the updates since the last row, for the next row. */
    private final List<String> reasonsSinceRow = new ArrayList<>();

    private BufferedWriter csv;

    /** Whether writing the CSV failed: it is written again, whole, when training ends. */
    private boolean csvFailed;

    /** Whether the CSV is left alone: a resumed one could be neither read nor moved aside. */
    private boolean csvDisabled;

    private LrLoggingListener(Builder b) {
        this.tracker = b.tracker;
        this.logEveryUpdates = b.logEveryUpdates;
        this.outputDir = b.outputDir;
        boolean available = LrPlot.isAvailable();
        this.plot = b.plot != null ? b.plot : b.outputDir != null && available;
        this.plotUnavailable = b.plot == null && b.outputDir != null && !available;
        this.recordMomentum = b.recordMomentum;
        this.metricName = b.metricName;
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

    /**
     * Continues the history of a run restored from a checkpoint, in the next run (or the current
     * one, if its first batch has not come yet): epochs are numbered on from {@code
     * restored.epoch()}, updates from {@code restored.updates()}; with an output directory, the
     * rows of its {@value #CSV_FILE} up to that update are kept, later ones are dropped, and new
     * rows are appended; the rates of the updates before it come from the restored tracker. A
     * missing or unreadable CSV is logged, and the rows start after the checkpoint; an unreadable
     * one is first renamed to {@value #CSV_FILE}{@code .unreadable}. Call it after {@link
     * CheckpointListener#restore} and before training goes on.
     *
     * @param restored what {@link CheckpointListener#restore} returned
     * @throws IllegalArgumentException if {@code restored} has a negative update or epoch count
     * @throws IllegalStateException if the current run has already seen a batch
     */
    public void continueFrom(CheckpointListener.Restored restored) {
        Objects.requireNonNull(restored, "restored");
        if (restored.updates() < 0 || restored.epoch() < 0) {
            throw new IllegalArgumentException(
                    "restored updates and epoch must be >= 0, but were "
                            + restored.updates()
                            + " and "
                            + restored.epoch());
        }
        if (batchSeen) {
            throw new IllegalStateException(
                    "continueFrom must be called before the run's first batch");
        }
        resumeFrom = restored;
        if (running) {
            begin();
        }
    }

    /** {@inheritDoc} */
    @Override
    public void onTrainingBegin(Trainer trainer) {
        closeCsv();
        running = true;
        begin();
    }

    /** Starts a run's state: afresh, or from {@link #resumeFrom}, which it consumes. */
    private void begin() {
        CheckpointListener.Restored restored = resumeFrom;
        resumeFrom = null;
        LrHistory h = new LrHistory(tracker.getGroups());
        firstUpdate = restored == null ? 0 : restored.updates();
        batches = 0;
        epoch = restored == null ? 0 : restored.epoch();
        batchSeen = false;
        pendingUpdate = null;
        pendingEpochUpdate = -1;
        lastLoggedUpdate = -1;
        reasonsSinceRow.clear();
        csvFailed = false;
        csvDisabled = false;
        if (restored != null && outputDir != null) {
            keepRows(h, restored);
        }
        history = h;
    }

    /** Adds the rows of the output directory's CSV up to the restored update. */
    private void keepRows(LrHistory h, CheckpointListener.Restored restored) {
        Path file = outputDir.resolve(CSV_FILE);
        String at =
                "update "
                        + restored.updates()
                        + " (epoch "
                        + (restored.epoch() + 1)
                        + ", batch "
                        + restored.batchInEpoch()
                        + ")";
        if (!Files.exists(file)) {
            logger.warn(
                    "No {} to continue in {}: the history's rows start after {}",
                    CSV_FILE,
                    outputDir.toAbsolutePath(),
                    at);
            return;
        }
        try {
            LrHistory old = LrHistory.readCsv(file);
            if (old.getGroups() != h.getGroups()) {
                throw new IOException(
                        file
                                + ": has "
                                + old.getGroups()
                                + " parameter groups, but the tracker has "
                                + h.getGroups());
            }
            int dropped = 0;
            for (LrHistory.Row r : old.rows()) {
                if (r.update() <= restored.updates()) {
                    h.add(r);
                } else {
                    dropped++;
                }
            }
            logger.info(
                    "Continuing {} after {}: {} rows kept, {} later rows dropped",
                    file.toAbsolutePath(),
                    at,
                    h.size(),
                    dropped);
        } catch (IOException e) {
            Path aside = file.resolveSibling(CSV_FILE + ".unreadable");
            try {
                Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
                logger.warn(
                        "Cannot continue the learning-rate history: {}; moved it to {}, the"
                                + " history's rows start after {}",
                        e.getMessage(),
                        aside.toAbsolutePath(),
                        at);
            } catch (IOException moveFailed) {
                csvDisabled = true;
                logger.error(
                        "Cannot continue the learning-rate history: {}, nor move it aside ({});"
                                + " it is left as it is and no CSV is written",
                        e.getMessage(),
                        moveFailed.toString());
            }
        }
    }

    /** {@inheritDoc} */
    @Override
    public void onTrainingBatch(Trainer trainer, BatchData batchData) {
        flushEpoch(trainer);
        commitPendingUpdate();
        if (!batchSeen) {
            batchSeen = true;
            openCsv();
        }
        // Updates are counted from the training batches, never from the tracker's latest
        // update, which a preview call (getNewValue of a later update) moves.
        batches++;
        int update = firstUpdate + batches;
        recordRates(update);
        String reason = reason(update);
        if (!reason.isEmpty()) {
            reasonsSinceRow.add(reason);
        }
        boolean every = logEveryUpdates > 0 && update % logEveryUpdates == 0;
        if ((every || !reason.isEmpty()) && update != lastLoggedUpdate) {
            lastLoggedUpdate = update;
            LrHistory.Row row =
                    row(update, epoch + 1, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
            if (every) {
                pendingUpdate = row;
            } else {
                reasonsSinceRow.add(0, row.reason()); // not a row: for the next one
            }
            if (reason.isEmpty()) {
                logger.info("Update {}: lr {}", update, describe(row));
            } else {
                logger.info("Update {}: lr {} because {}", update, describe(row), reason);
            }
        }
    }

    /** {@inheritDoc} */
    @Override
    public void onEpoch(Trainer trainer) {
        flushEpoch(trainer);
        epoch++;
        int end = firstUpdate + batches;
        if (pendingUpdate != null && pendingUpdate.update() != end) {
            commitPendingUpdate();
        }
        // The epoch's row takes the place of its last update's row, and takes its reasons.
        if (pendingUpdate != null && !pendingUpdate.reason().isEmpty()) {
            reasonsSinceRow.add(0, pendingUpdate.reason());
        }
        pendingUpdate = null;
        pendingEpochUpdate = end;
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
        record(row);
        logger.info("Epoch {}: lr {}", epoch, describe(row));
    }

    private void commitPendingUpdate() {
        if (pendingUpdate != null) {
            LrHistory.Row row = pendingUpdate;
            pendingUpdate = null;
            record(row);
        }
    }

    /** Records the rates of every update up to this one: those not seen from the tracker. */
    private void recordRates(int update) {
        LrHistory h = history;
        double[] lr = new double[tracker.getGroups()];
        for (int u = Math.min(h.getUpdateCount() + 1, update); u <= update; u++) {
            for (int g = 0; g < lr.length; g++) {
                lr[g] = tracker.getLr(g, u);
            }
            h.addUpdateRates(u, lr);
        }
    }

    private static double value(Map<String, Float> values, String key) {
        Float v = values == null ? null : values.get(key);
        return v == null ? Double.NaN : v;
    }

    /** Adds a row to the history and appends it to the CSV, flushed. */
    private void record(LrHistory.Row row) {
        history.add(row);
        if (csv == null) {
            return;
        }
        try {
            csv.write(LrHistory.csvLine(row));
            csv.write('\n');
            csv.flush();
        } catch (IOException e) {
            csvFailed = true;
            closeCsv();
            logger.error(
                    "Cannot append to {}: {}; the history is kept in memory and written again when"
                            + " training ends",
                    outputDir.resolve(CSV_FILE).toAbsolutePath(),
                    e.toString());
        }
    }

    /** Writes the history so far into the CSV and opens it to append the next rows. */
    private void openCsv() {
        if (outputDir == null || csvFailed || csvDisabled || csv != null) {
            return;
        }
        Path file = outputDir.resolve(CSV_FILE);
        try {
            Files.createDirectories(outputDir);
            history.writeCsv(file);
            csv = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            csvFailed = true;
            logger.error(
                    "Cannot write {}: {}; the history is kept in memory and written again when"
                            + " training ends",
                    file.toAbsolutePath(),
                    e.toString());
        }
    }

    private void closeCsv() {
        if (csv != null) {
            try {
                csv.close();
            } catch (IOException e) {
                csvFailed = true;
                logger.error("Cannot close {}: {}", outputDir.resolve(CSV_FILE), e.toString());
            }
            csv = null;
        }
    }

    /** {@inheritDoc} */
    @Override
    public void onTrainingEnd(Trainer trainer) {
        flushEpoch(trainer);
        running = false;
        // A batch whose update never came (training stopped between the batch and its step)
        // leaves no row and no rate.
        int done =
                Math.min(firstUpdate + batches, Math.max(tracker.getLatestUpdate(), firstUpdate));
        if (pendingUpdate != null && pendingUpdate.update() <= done) {
            commitPendingUpdate();
        }
        pendingUpdate = null;
        history.keepUpdateRatesUpTo(done);
        if (done > 0) {
            recordRates(done);
        }
        if (outputDir == null) {
            return;
        }
        LrHistory h = history;
        if (!csvDisabled) {
            finishCsv(h);
        }
        if (plotUnavailable) {
            logger.info(
                    "No learning-rate plot: XChart is not on the classpath; add {} to plot",
                    LrPlot.XCHART_DEPENDENCY);
        }
        if (plot && (!h.isEmpty() || h.getUpdateCount() > 0)) {
            Path png = outputDir.resolve(PNG_FILE);
            Path svg = outputDir.resolve(SVG_FILE);
            try {
                LrPlot.write(
                        h, png, svg, "Learning rate: " + tracker.getSchedule().getPyTorchName());
                logger.info(
                        "Learning-rate plots written to {} and {}",
                        png.toAbsolutePath(),
                        svg.toAbsolutePath());
            } catch (IllegalArgumentException | IllegalStateException e) {
                logger.error("No learning-rate plot in {}: {}", outputDir, e.getMessage());
            } catch (IOException | RuntimeException e) {
                logger.error("Could not write the learning-rate plots to {}", outputDir, e);
            }
        }
    }

    /** Closes the CSV, or writes it whole if appending failed. */
    private void finishCsv(LrHistory h) {
        Path file = outputDir.resolve(CSV_FILE);
        if (csv == null && !csvFailed) {
            openCsv();
        }
        closeCsv();
        if (csvFailed) {
            try {
                Files.createDirectories(outputDir);
                h.writeCsv(file);
            } catch (IOException | RuntimeException e) {
                logger.error(
                        "Could not write the learning-rate history to {}",
                        file.toAbsolutePath(),
                        e);
                return;
            }
        }
        logger.info("Learning-rate history written to {}", file.toAbsolutePath());
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
     * <p>It holds the rate of every update ({@link LrHistory#getUpdateRates(int)}) and rows: one
     * every {@code n} updates ({@link Builder#optLogEveryUpdates(int)}) and one per epoch, at most
     * one per update (an epoch's row replaces the update row of its last update). Epoch values are
     * DJL's ({@code trainer.getTrainingResult()}), read after every listener's {@code onEpoch}, so
     * the listener may sit anywhere in the list; without DJL's {@code EvaluatorTrainingListener}
     * they are NaN.
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
        String reason = String.join("; ", reasonsSinceRow);
        reasonsSinceRow.clear();
        return new LrHistory.Row(
                update,
                epoch,
                lr,
                momentum,
                trainLoss,
                validateLoss,
                trainAccuracy,
                validateAccuracy,
                reason);
    }

    /**
     * Returns why the rates changed at an update, for discrete events of the schedule: the reasons
     * of group 0, and those of other groups that differ, after their group; empty if none.
     */
    private String reason(int update) {
        if (update < 2) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        List<LrReason> first = tracker.getReasons(0, update);
        for (LrReason r : first) {
            parts.add(named(r));
        }
        for (int g = 1; g < tracker.getGroups(); g++) {
            List<LrReason> own = tracker.getReasons(g, update);
            if (!own.equals(first)) {
                for (LrReason r : own) {
                    parts.add("group " + g + ": " + named(r));
                }
            }
        }
        return String.join("; ", parts);
    }

    /** Returns a reason's message, with the monitored metric named where it speaks of one. */
    private String named(LrReason r) {
        String m = r.getMessage();
        return r.getValues().containsKey("metric") ? m.replace("metric ", metricName + " ") : m;
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
        private String metricName = "metric";

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
         * per epoch). Logged numbers are rounded as Python's {@code %.3g}; a value shared by every
         * group is printed once.
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
         * Sets the directory for {@value LrLoggingListener#CSV_FILE}, written as training runs, and
         * the plots, written when it ends (created if missing). Default: none, no files.
         *
         * <p>The CSV is written as rows are recorded, each row flushed: an update row once the next
         * batch shows it does not end an epoch, an epoch row at the next batch or at the end of
         * training, so a crash loses at most that one pending row. The plots {@value
         * LrLoggingListener#PNG_FILE} and {@value LrLoggingListener#SVG_FILE} are written at the
         * end of training (the trainer's {@code close()}) if XChart is on the classpath ({@link
         * #optPlot(boolean)}). A failure to write a file is logged as an error and does not stop
         * training.
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
         * LrLoggingListener#SVG_FILE} into the output directory. Plotting needs XChart ({@value
         * LrPlot#XCHART_DEPENDENCY}) on the classpath. Default: {@code true} when an output
         * directory is set and XChart is on the classpath.
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
         * Names the metric ReduceLROnPlateau monitors in the reasons logged, as {@link
         * LrScheduleListener.Builder#optMonitoredMetric(String)} sets it: {@code validateLoss 0.41
         * did not improve on 0.39 for 3 epochs → ×0.1}. Default: {@code metric}.
         *
         * @param metricName the name, e.g. {@code validateLoss}
         * @return this builder
         */
        public Builder optMetricName(String metricName) {
            this.metricName = Objects.requireNonNull(metricName, "metricName");
            return this;
        }

        /**
         * Builds the listener.
         *
         * @return the listener
         * @throws IllegalArgumentException if the tracker is not set, or plotting is asked without
         *     an output directory
         * @throws IllegalStateException if plotting is asked and XChart is not on the classpath
         */
        public LrLoggingListener build() {
            if (tracker == null) {
                throw new IllegalArgumentException("tracker must be set");
            }
            if (Boolean.TRUE.equals(plot) && outputDir == null) {
                throw new IllegalArgumentException(
                        "plot needs an output directory: call optOutputDir(dir)");
            }
            if (Boolean.TRUE.equals(plot) && !LrPlot.isAvailable()) {
                throw new IllegalStateException(LrPlot.XCHART_MISSING);
            }
            return new LrLoggingListener(this);
        }
    }
}
