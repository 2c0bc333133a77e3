package io.github.lrschedulers.samples;

import ai.djl.Model;
import ai.djl.basicdataset.cv.classification.FashionMnist;
import ai.djl.engine.Engine;
import ai.djl.metric.Metrics;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.repository.Repository;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Dataset;
import ai.djl.training.evaluator.Accuracy;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.loss.Loss;
import ai.djl.translate.TranslateException;
import io.github.lrschedulers.GroupSchedules;
import io.github.lrschedulers.Length;
import io.github.lrschedulers.LrTracker;
import io.github.lrschedulers.ParameterGroups;
import io.github.lrschedulers.Schedule;
import io.github.lrschedulers.StepUnit;
import io.github.lrschedulers.listener.LrLoggingListener;
import io.github.lrschedulers.mindspore.CosineDecayLrList;
import java.io.IOException;
import java.util.Locale;

/**
 * Trains Fashion-MNIST with a schedule per parameter group, as MindSpore's group parameters do
 * ({@code nn.Momentum([{'params': conv, 'lr': nn.cosine_decay_lr(...)}, {'params': bn, 'lr': 1e-4},
 * {'params': dense, 'lr': 1e-3}])}): the first layer's weights on {@code
 * mindspore.nn.cosine_decay_lr(min_lr=0.001, max_lr=0.1, ...)} over the whole run, every bias on a
 * fixed 1e-4, the other weights on a fixed 1e-3. Groups go by parameter name ({@link
 * ParameterGroups#byName}); the schedule is one {@link GroupSchedules}, read at the update counter,
 * and needs no base rates. The log and the plot show the rate of each group.
 *
 * <p>Options are {@link TrainFashionMnist}'s data, batch, epoch, optimizer and output options;
 * {@code --schedule} and {@code --lr} do not apply (the groups' schedules are this sample's).
 *
 * <pre>
 * mvn -B -q -f samples/pom.xml compile exec:exec -Dsample=TrainPerGroup \
 *     -Dsample.args="--epochs 3 --plot"
 * </pre>
 */
public final class TrainPerGroup {

    private static final String NAME = "per-group";
    private static final Shape INPUT =
            new Shape(1, FashionMnist.IMAGE_HEIGHT * FashionMnist.IMAGE_WIDTH);

    /** The first layer's weights' group. */
    static final int FIRST_WEIGHTS = 0;

    /** The biases' group, at a fixed rate. */
    static final int BIASES = 1;

    /** The other weights' group, at a fixed rate. */
    static final int OTHER_WEIGHTS = 2;

    /** The biases' fixed rate. */
    static final double BIAS_LR = 1e-4;

    /** The other weights' fixed rate. */
    static final double WEIGHT_LR = 1e-3;

    private TrainPerGroup() {}

    /**
     * Trains with the options and prints the final validation accuracy.
     *
     * @param args the command line
     * @throws IOException if the data or output cannot be read or written
     * @throws TranslateException if the data cannot be transformed
     */
    public static void main(String[] args) throws IOException, TranslateException {
        SampleMain.configureDjl();
        SampleRun run = run(args);
        System.out.printf(
                Locale.ROOT,
                "Final validation accuracy: %.4f (%d updates)%n",
                run.validationAccuracy(),
                run.tracker().getLatestUpdate());
    }

    /**
     * Returns the schedule of each group: MindSpore's {@code cosine_decay_lr} over the run for the
     * first layer's weights (its list as long as the run, an epoch of the run's updates: lengths
     * the tracker resolves once it knows the run), fixed rates for the biases and the other
     * weights.
     *
     * @param epochs the number of epochs, MindSpore's {@code decay_epoch}
     * @return the schedule, relative to the run
     */
    static Schedule schedule(int epochs) {
        Schedule cosine =
                CosineDecayLrList.builder()
                        .setMinLr(0.001)
                        .setMaxLr(0.1)
                        .setLength("total_step", Length.ofRun(1.0))
                        .setLength("step_per_epoch", Length.ofEpochs(1))
                        .setDecayEpoch(epochs)
                        .buildForRun();
        return GroupSchedules.builder()
                .addSchedule(cosine)
                .addFixed(BIAS_LR)
                .addFixed(WEIGHT_LR)
                .buildForRun();
    }

    /**
     * Returns the groups by parameter name: the block's first weight, the biases, the other
     * weights.
     *
     * @param block the model's block, initialized
     * @return the groups
     */
    static ParameterGroups groups(Block block) {
        String firstWeight =
                block.getParameters().keys().stream()
                        .filter(n -> n.endsWith("weight"))
                        .findFirst()
                        .orElseThrow();
        return ParameterGroups.byName(
                block,
                name -> {
                    if (name.equals(firstWeight)) {
                        return FIRST_WEIGHTS;
                    }
                    return name.endsWith("bias") ? BIASES : OTHER_WEIGHTS;
                });
    }

    static SampleRun run(String[] argv) throws IOException, TranslateException {
        SampleArguments args = SampleArguments.parse(argv, NAME);
        try (Model model = Model.newInstance("mlp")) {
            Engine.getInstance().setRandomSeed(args.getSeed());
            model.setBlock(TrainFashionMnist.mlp());

            Repository repository = SampleData.fashionMnist(args.getDataDir());
            FashionMnist train = TrainFashionMnist.dataset(repository, Dataset.Usage.TRAIN, args);
            FashionMnist test = TrainFashionMnist.dataset(repository, Dataset.Usage.TEST, args);
            int updatesPerEpoch =
                    (int) ((train.size() + args.getBatchSize() - 1) / args.getBatchSize());

            // One schedule per group; MindSpore's list carries its own rate, so no base rates.
            LrTracker tracker =
                    LrTracker.builder()
                            .setSchedule(schedule(args.getEpochs()))
                            .optRunLength(args.getEpochs(), updatesPerEpoch)
                            .optBaseMomentum(args.getMomentum())
                            .optParameterGroups(groups(model.getBlock()))
                            .build();
            LrLoggingListener.Builder lrLog =
                    LrLoggingListener.builder()
                            .setTracker(tracker)
                            .optLogEveryUpdates(args.getLogEvery())
                            .optMetricName(args.getMonitor());
            if (args.isPlot()) {
                lrLog.optOutputDir(args.getOutputDir()).optPlot(true);
            }
            LrLoggingListener lrLogging = lrLog.build();
            DefaultTrainingConfig config =
                    new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                            .addEvaluator(new Accuracy())
                            .optDevices(Engine.getInstance().getDevices())
                            .optOptimizer(ScheduleSetup.optimizer(args, tracker, 0))
                            .addTrainingListeners(TrainingListener.Defaults.logging())
                            .addTrainingListeners(lrLogging);
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.setMetrics(new Metrics());
                trainer.initialize(INPUT);
                EasyTrain.fit(trainer, args.getEpochs(), train, test);
                return new SampleRun(
                        trainer.getTrainingResult(),
                        tracker,
                        lrLogging.getHistory(),
                        StepUnit.UPDATE,
                        0,
                        args.getOutputDir());
            }
        }
    }
}
