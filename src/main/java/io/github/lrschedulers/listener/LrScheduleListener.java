package io.github.lrschedulers.listener;

import ai.djl.training.Trainer;
import ai.djl.training.evaluator.Evaluator;
import ai.djl.training.listener.TrainingListenerAdapter;
import io.github.lrschedulers.LrTracker;
import io.github.lrschedulers.RunLength;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives an {@link LrTracker} from real training: feeds ReduceLROnPlateau its metric at each epoch
 * end, and records where each epoch ended for a tracker that steps at epoch ends.
 *
 * <p>PyTorch's {@code scheduler.step(val_loss)} after each epoch becomes:
 *
 * <pre>{@code
 * LrTracker lr = LrTracker.builder()
 *         .setSchedule(ScheduleSpec.parse("ReduceLROnPlateau(patience=2)"))
 *         .optBaseLr(0.1)
 *         .optStepAtEpochEnds()
 *         .build();
 * config.optOptimizer(Optimizer.sgd().setLearningRateTracker(lr).build())
 *         .addTrainingListeners(LrScheduleListener.builder().setTracker(lr).build());
 * }</pre>
 *
 * <p>At each epoch end the listener reports the monitored value (validation loss by default; or
 * {@code trainLoss}, {@code validate_<evaluator>}, {@code train_<evaluator>}, the vocabulary of
 * DJL's {@code EarlyStoppingListener}) with {@link LrTracker#reportMetric(double)}, then, if the
 * tracker steps at epoch ends, {@link LrTracker#epochEnded(int)} with the number of updates done.
 * The new rate applies from the first update after the epoch ended. The updates done are counted
 * from the training batches (one optimizer step each, as {@code EasyTrain} does), never read from
 * the tracker, whose latest update a preview call moves: from the tracker's last recorded epoch end
 * at {@code onTrainingBegin}, or, when a {@link CheckpointListener} of the same tracker is in the
 * trainer (as after a resume in the middle of an epoch), its count. The listener keeps its own
 * accumulators of the evaluators, so it may sit anywhere in the listener list: it never reads the
 * values DJL's {@code EvaluatorTrainingListener} resets, and a {@link CheckpointListener} placed
 * before it has it record the epoch end first. A NaN or missing metric (no validation data) is
 * passed on as NaN, which, as in PyTorch, is never an improvement; it is logged once.
 *
 * <p>Given the run's length ({@link Builder#optRunLength(int, int)}), it tells the tracker at
 * training start, which resolves a schedule's lengths relative to the run, such as {@code
 * OneCycleLR(max_lr=0.1, total_steps=1.0*run)}.
 *
 * <p>Order of use: {@code onTrainingBegin} (resets the run state, so one instance can serve several
 * runs) → batches → {@code onEpoch} → … → {@code onTrainingEnd}.
 */
public final class LrScheduleListener extends TrainingListenerAdapter {

    private static final Logger logger = LoggerFactory.getLogger(LrScheduleListener.class);

    private final LrTracker tracker;
    private final String monitoredMetric;
    private final RunLength runLength;
    private final EpochEvaluations evaluations = new EpochEvaluations("lr-schedule");
    private Evaluator evaluator;
    private boolean warned;
    private int updates;
    private boolean recordedEarly;

    private LrScheduleListener(Builder b) {
        this.tracker = b.tracker;
        this.monitoredMetric = b.monitoredMetric;
        this.runLength = b.runLength;
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
        if (runLength != null) {
            tracker.resolveRunLength(runLength);
        }
        warned = false;
        recordedEarly = false;
        int[] ends = tracker.getEpochEnds();
        updates = ends.length == 0 ? 0 : ends[ends.length - 1];
        evaluator = tracker.usesMetrics() ? EpochEvaluations.find(trainer, monitoredMetric) : null;
        evaluations.begin(evaluator == null ? List.of() : List.of(evaluator));
    }

    /** {@inheritDoc} */
    @Override
    public void onTrainingBatch(Trainer trainer, BatchData batchData) {
        updates++;
        if (evaluator != null && !EpochEvaluations.isValidation(monitoredMetric)) {
            evaluations.trainingBatch(batchData);
        }
    }

    /** {@inheritDoc} */
    @Override
    public void onValidationBatch(Trainer trainer, BatchData batchData) {
        if (evaluator != null && EpochEvaluations.isValidation(monitoredMetric)) {
            evaluations.validationBatch(batchData);
        }
    }

    /** {@inheritDoc} */
    @Override
    public void onEpoch(Trainer trainer) {
        if (recordedEarly) {
            recordedEarly = false; // a CheckpointListener before this one had it recorded
            return;
        }
        int done = updates;
        CheckpointListener[] checkpoints = new CheckpointListener[1];
        trainer.notifyListeners(
                l -> {
                    if (l instanceof CheckpointListener c && c.tracker() == tracker) {
                        checkpoints[0] = c;
                    }
                });
        recordEpochEnd(checkpoints[0] == null ? done : checkpoints[0].updatesDone());
    }

    /**
     * Records the epoch's metric and end now, for a {@link CheckpointListener} that sits before
     * this listener and saves at the epoch end; this listener's next {@code onEpoch} (of the same
     * epoch end) then does nothing.
     *
     * @param updatesDone the updates done at the epoch end
     */
    void recordEarly(int updatesDone) {
        recordEpochEnd(updatesDone);
        recordedEarly = true;
    }

    private void recordEpochEnd(int updatesDone) {
        if (evaluator != null) {
            double value =
                    evaluations.read(evaluator, EpochEvaluations.isValidation(monitoredMetric));
            evaluations.reset();
            if (Double.isNaN(value) && !warned) {
                warned = true;
                logger.warn(
                        "{} is NaN or missing after update {}: ReduceLROnPlateau counts it as no"
                                + " improvement, as PyTorch does (logged once)",
                        monitoredMetric,
                        updatesDone);
            }
            tracker.reportMetric(value);
            logger.debug("{} after update {}: {}", monitoredMetric, updatesDone, value);
        }
        if (tracker.stepsAtEpochEnds()) {
            tracker.epochEnded(updatesDone);
        }
    }

    /**
     * Returns the tracker this listener drives.
     *
     * @return the tracker
     */
    public LrTracker getTracker() {
        return tracker;
    }

    /** The builder of {@link LrScheduleListener}. */
    public static final class Builder {

        private LrTracker tracker;
        private String monitoredMetric = "validateLoss";
        private RunLength runLength;

        private Builder() {}

        /**
         * Sets the tracker to drive. Required.
         *
         * @param tracker the tracker the optimizer uses
         * @return this builder
         */
        public Builder setTracker(LrTracker tracker) {
            this.tracker = Objects.requireNonNull(tracker, "tracker");
            return this;
        }

        /**
         * Sets the metric ReduceLROnPlateau monitors. Default: {@code validateLoss}.
         *
         * @param metric {@code validateLoss}, {@code trainLoss}, {@code validate_<evaluator>} or
         *     {@code train_<evaluator>}, e.g. {@code validate_Accuracy} (with mode max)
         * @return this builder
         */
        public Builder optMonitoredMetric(String metric) {
            Objects.requireNonNull(metric, "metric");
            if (!metric.equals("validateLoss")
                    && !metric.equals("trainLoss")
                    && !metric.startsWith("validate_")
                    && !metric.startsWith("train_")) {
                throw new IllegalArgumentException(
                        "monitored metric must be validateLoss, trainLoss, validate_<evaluator> or"
                                + " train_<evaluator>, but was "
                                + metric);
            }
            this.monitoredMetric = metric;
            return this;
        }

        /**
         * Sets the length of the run the listener's trainer does ({@code EasyTrain.fit(trainer,
         * epochs, ...)} over {@code updatesPerEpoch} batches), which it gives the tracker at
         * training start ({@link LrTracker#resolveRunLength(RunLength)}): a schedule's lengths
         * relative to the run, an epoch or updates then resolve to steps. Required when the tracker
         * awaits the run's length.
         *
         * @param epochs the epochs of the run
         * @param updatesPerEpoch the optimizer updates (training batches) of an epoch
         * @return this builder
         * @throws IllegalArgumentException if either is below 1
         */
        public Builder optRunLength(int epochs, int updatesPerEpoch) {
            this.runLength = new RunLength(epochs, updatesPerEpoch);
            return this;
        }

        /**
         * Builds the listener.
         *
         * @return the listener
         * @throws IllegalArgumentException if the tracker is missing, it awaits the run's length
         *     and none is set, or it neither uses metrics nor steps at epoch ends and no run's
         *     length is set (the listener would do nothing)
         */
        public LrScheduleListener build() {
            if (tracker == null) {
                throw new IllegalArgumentException("tracker must be set");
            }
            if (tracker.awaitsRunLength() && runLength == null) {
                throw new IllegalArgumentException(
                        "the tracker's schedule has lengths relative to the run, so the listener"
                                + " needs the run's length: set optRunLength(epochs,"
                                + " updatesPerEpoch); the tracker is "
                                + tracker);
            }
            if (!tracker.usesMetrics() && !tracker.stepsAtEpochEnds() && runLength == null) {
                throw new IllegalArgumentException(
                        "the tracker neither uses metrics nor steps at epoch ends, so it needs no"
                                + " LrScheduleListener: "
                                + tracker);
            }
            return new LrScheduleListener(this);
        }
    }
}
