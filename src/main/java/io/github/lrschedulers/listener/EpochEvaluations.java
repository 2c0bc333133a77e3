package io.github.lrschedulers.listener;

import ai.djl.Device;
import ai.djl.ndarray.NDList;
import ai.djl.training.Trainer;
import ai.djl.training.evaluator.Evaluator;
import ai.djl.training.listener.TrainingListener.BatchData;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The epoch's train and validation values of the trainer's evaluators, kept in accumulators of its
 * own.
 *
 * <p>DJL's {@code EvaluatorTrainingListener} fills the epoch's values and resets its accumulators
 * in its own {@code onEpoch}, so a listener reading them sees empty or stale values depending on
 * where it sits in the listener list. These accumulators belong to one listener instance, are
 * updated from the same batches, and are read and reset by that listener alone: the order of
 * listeners no longer matters.
 */
final class EpochEvaluations {

    private static final AtomicInteger IDS = new AtomicInteger();

    private final String trainKey;
    private final String validateKey;
    private List<Evaluator> tracked = List.of();

    EpochEvaluations(String owner) {
        int id = IDS.incrementAndGet();
        this.trainKey = owner + "/train/" + id;
        this.validateKey = owner + "/validate/" + id;
    }

    /** Adds this instance's accumulators to the evaluators it reads; call in onTrainingBegin. */
    void begin(List<Evaluator> evaluators) {
        tracked = List.copyOf(evaluators);
        for (Evaluator e : tracked) {
            e.addAccumulator(trainKey);
            e.addAccumulator(validateKey);
        }
    }

    /** Accumulates a training batch. */
    void trainingBatch(BatchData batch) {
        update(batch, trainKey);
    }

    /** Accumulates a validation batch. */
    void validationBatch(BatchData batch) {
        update(batch, validateKey);
    }

    private void update(BatchData batch, String key) {
        for (Evaluator e : tracked) {
            for (Device device : batch.getLabels().keySet()) {
                NDList labels = batch.getLabels().get(device);
                NDList predictions = batch.getPredictions().get(device);
                e.updateAccumulator(key, labels, predictions);
            }
        }
    }

    /**
     * Returns the epoch's value of an evaluator: NaN for none, or where it saw no batch.
     *
     * @param evaluator a tracked evaluator, or null
     * @param validation whether to read the validation (else the training) value
     * @return the value
     */
    double read(Evaluator evaluator, boolean validation) {
        if (evaluator == null) {
            return Double.NaN;
        }
        try {
            return evaluator.getAccumulator(validation ? validateKey : trainKey);
        } catch (RuntimeException e) {
            return Double.NaN; // no batch accumulated, as without validation data
        }
    }

    /** Resets the accumulators for the next epoch; call at the end of onEpoch. */
    void reset() {
        for (Evaluator e : tracked) {
            e.resetAccumulator(trainKey);
            e.resetAccumulator(validateKey);
        }
    }

    /**
     * Finds an evaluator by the vocabulary of DJL's EarlyStoppingListener: {@code validateLoss},
     * {@code trainLoss}, {@code validate_<name>}, {@code train_<name>}.
     */
    static Evaluator find(Trainer trainer, String metric) {
        if (metric.equals("validateLoss") || metric.equals("trainLoss")) {
            return trainer.getLoss();
        }
        String name = metric.substring(metric.indexOf('_') + 1);
        for (Evaluator e : trainer.getEvaluators()) {
            if (e.getName().equals(name)) {
                return e;
            }
        }
        StringBuilder known = new StringBuilder("validateLoss, trainLoss");
        for (Evaluator e : trainer.getEvaluators()) {
            known.append(", validate_").append(e.getName()).append(", train_").append(e.getName());
        }
        throw new IllegalArgumentException(
                "monitored metric " + metric + " is not one of the trainer's: " + known);
    }

    /** Whether a metric name reads validation values. */
    static boolean isValidation(String metric) {
        return metric.equals("validateLoss") || metric.startsWith("validate_");
    }
}
