package io.github.lrschedulers.samples;

import ai.djl.training.TrainingResult;
import io.github.lrschedulers.LrTracker;
import io.github.lrschedulers.StepUnit;
import io.github.lrschedulers.listener.LrHistory;
import io.github.lrschedulers.listener.LrLoggingListener;
import java.nio.file.Path;

/**
 * A finished training run: DJL's result with the schedule's tracker and the recorded rates.
 *
 * @param result DJL's training result
 * @param tracker the tracker the optimizer used
 * @param history the rates and epoch metrics the {@link LrLoggingListener} recorded
 * @param stepUnit when the scheduler stepped
 * @param firstUpdate the number of updates done before this run (a checkpoint's, else 0)
 * @param outputDir the output directory
 */
public record SampleRun(
        TrainingResult result,
        LrTracker tracker,
        LrHistory history,
        StepUnit stepUnit,
        int firstUpdate,
        Path outputDir) {

    /**
     * Returns the final validation accuracy, NaN without validation.
     *
     * @return the accuracy
     */
    public double validationAccuracy() {
        Float acc = result.getValidateEvaluation("Accuracy");
        return acc == null ? Double.NaN : acc;
    }
}
