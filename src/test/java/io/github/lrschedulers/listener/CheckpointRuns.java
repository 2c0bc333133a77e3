package io.github.lrschedulers.listener;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.loss.Loss;
import io.github.lrschedulers.LrTracker;
import io.github.lrschedulers.ScheduleDefinition;
import io.github.lrschedulers.optimizer.ScheduledSgd;
import io.github.lrschedulers.spec.ScheduleSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Real training runs of a small linear model with a real DJL trainer, checkpointed by a {@link
 * CheckpointListener}: uninterrupted, stopped after some epochs or updates, or resumed from the
 * checkpoint (mid-epoch too, skipping the batches done as the samples do).
 */
final class CheckpointRuns {

    static final int SAMPLES = 16;
    static final int BATCH = 4;
    static final int PER_EPOCH = SAMPLES / BATCH;

    /** How a run is set up. */
    static final class Setup {
        String spec = "ExponentialLR(gamma=0.9)";
        boolean atEpochEnds;
        Path dir;
        int epochs = 4;
        int stopAfterUpdates = -1;
        boolean resume;
        boolean checkpointFirst = true;
        boolean checkpoints = true;
        boolean scheduleListener = true;
        int saveEvery;
        long units = 1;
        long inputs = 3;
        Consumer<CheckpointListener> configure = c -> {};
        List<ScheduleDefinition<?>> schedules = List.of();
        List<Function<LrTracker, TrainingListener>> extra = new ArrayList<>();

        Setup spec(String s, boolean epochEnds) {
            this.spec = s;
            this.atEpochEnds = epochEnds;
            return this;
        }
    }

    /** What a run ended with. */
    record Result(LrTracker tracker, float[] weights, CheckpointListener.Restored at) {}

    private CheckpointRuns() {}

    static LrTracker tracker(String spec, boolean atEpochEnds) {
        return tracker(spec, atEpochEnds, List.of());
    }

    static LrTracker tracker(
            String spec, boolean atEpochEnds, List<ScheduleDefinition<?>> schedules) {
        LrTracker.Builder b =
                LrTracker.builder()
                        .setSchedule(ScheduleSpec.parse(spec, schedules))
                        .optBaseLr(0.05);
        if (atEpochEnds) {
            b.optStepAtEpochEnds();
        }
        return b.build();
    }

    /** Builds a model with its parameters initialized. */
    static Model model(long units, long inputs) {
        Model model = Model.newInstance("resume");
        model.setBlock(Linear.builder().setUnits(units).build());
        model.getBlock().setInitializer(Initializer.ONES, Parameter.Type.WEIGHT);
        model.getBlock()
                .initialize(model.getNDManager(), DataType.FLOAT32, new Shape(BATCH, inputs));
        return model;
    }

    static Result run(Setup s) throws Exception {
        Engine.getInstance().setRandomSeed(7);
        LrTracker tracker = tracker(s.spec, s.atEpochEnds, s.schedules);
        try (Model model = model(s.units, s.inputs);
                NDManager manager = NDManager.newBaseManager()) {
            NDArray w = manager.ones(new Shape(s.inputs, s.units)).mul(0.7f);
            NDArray x = manager.randomNormal(0, 1, new Shape(SAMPLES, s.inputs), DataType.FLOAT32);
            NDArray vx = manager.randomNormal(0, 1, new Shape(SAMPLES, s.inputs), DataType.FLOAT32);
            ArrayDataset trainSet =
                    new ArrayDataset.Builder()
                            .setData(x)
                            .optLabels(x.matMul(w).add(0.3f))
                            .setSampling(BATCH, false)
                            .build();
            ArrayDataset validateSet =
                    new ArrayDataset.Builder()
                            .setData(vx)
                            .optLabels(vx.matMul(w).mul(2))
                            .setSampling(BATCH, false)
                            .build();
            CheckpointListener.Restored at = new CheckpointListener.Restored(0, 0, 0);
            if (s.resume) {
                at = CheckpointListener.restore(model, s.dir, "model", tracker);
            }
            ScheduledSgd sgd =
                    ScheduledSgd.builder()
                            .setLearningRateTracker(tracker)
                            .optMomentum(0.5f)
                            .optBeginNumUpdate(at.updates())
                            .build();
            if (s.resume) {
                CheckpointListener.restoreOptimizer(model, s.dir, "model", sgd);
            }
            CheckpointListener checkpoints =
                    CheckpointListener.builder()
                            .setTracker(tracker)
                            .setOutputDir(s.dir)
                            .optSaveEveryUpdates(s.saveEvery)
                            .optOptimizer(sgd)
                            .build();
            checkpoints.continueFrom(at);
            s.configure.accept(checkpoints);
            DefaultTrainingConfig config =
                    new DefaultTrainingConfig(Loss.l2Loss())
                            .optInitializer(Initializer.ONES, Parameter.Type.WEIGHT)
                            .optOptimizer(sgd);
            TrainingListener schedule =
                    s.scheduleListener && (tracker.usesMetrics() || tracker.stepsAtEpochEnds())
                            ? LrScheduleListener.builder().setTracker(tracker).build()
                            : null;
            if (s.checkpoints && s.checkpointFirst) {
                config.addTrainingListeners(checkpoints);
            }
            if (schedule != null) {
                config.addTrainingListeners(schedule);
            }
            if (s.checkpoints && !s.checkpointFirst) {
                config.addTrainingListeners(checkpoints);
            }
            for (Function<LrTracker, TrainingListener> l : s.extra) {
                config.addTrainingListeners(l.apply(tracker));
            }
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(BATCH, s.inputs));
                int updates = at.updates();
                for (int epoch = at.epoch(); epoch < s.epochs; epoch++) {
                    int skip = epoch == at.epoch() ? at.batchInEpoch() : 0;
                    for (Batch batch : trainer.iterateDataset(trainSet)) {
                        try (batch) {
                            if (skip > 0) {
                                skip--;
                                continue;
                            }
                            if (updates == s.stopAfterUpdates) {
                                return new Result(tracker, null, at);
                            }
                            EasyTrain.trainBatch(trainer, batch);
                            trainer.step();
                            updates++;
                        }
                    }
                    EasyTrain.evaluateDataset(trainer, validateSet);
                    trainer.notifyListeners(l -> l.onEpoch(trainer));
                }
            }
            return new Result(tracker, weights(model), at);
        }
    }

    static float[] weights(Model model) {
        return model.getBlock().getParameters().get("weight").getArray().toFloatArray();
    }
}
