package io.github.lrschedulers.samples;

import ai.djl.basicdataset.cv.classification.FashionMnist;
import ai.djl.basicmodelzoo.basic.Mlp;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.Repository;
import ai.djl.training.TrainingResult;
import ai.djl.training.dataset.Dataset;
import ai.djl.translate.TranslateException;
import java.io.IOException;

/**
 * Trains an MLP on Fashion-MNIST with a PyTorch learning-rate schedule: DJL's {@code TrainMnist}
 * with {@code --schedule "<any PyTorch scheduler spec>"}.
 *
 * <p>The data is read by DJL's {@link FashionMnist}. Offline (DJL_OFFLINE=true) it comes from
 * Debian's {@code dataset-fashion-mnist} ({@value SampleData#DEBIAN_FASHION}), installed with
 * apt-get when missing and running as root; see {@link SampleData}. Options: {@link
 * SampleArguments}.
 *
 * <pre>
 * mvn -B -q -f samples/pom.xml compile exec:exec -Dsample=TrainFashionMnist \
 *     -Dsample.args="--schedule 'OneCycleLR(max_lr=0.1, total_steps=1407)' --epochs 3 --plot"
 * </pre>
 */
public final class TrainFashionMnist {

    static final SampleTraining.Task TASK =
            new SampleTraining.Task(
                    "fashion-mnist",
                    "mlp",
                    () ->
                            new Mlp(
                                    FashionMnist.IMAGE_HEIGHT * FashionMnist.IMAGE_WIDTH,
                                    FashionMnist.NUM_CLASSES,
                                    new int[] {128, 64}),
                    new Shape(1, 1, FashionMnist.IMAGE_HEIGHT, FashionMnist.IMAGE_WIDTH),
                    args -> SampleData.fashionMnistTrainSize(args.getDataDir()),
                    args -> {
                        Repository repository = SampleData.fashionMnist(args.getDataDir());
                        return new SampleTraining.Datasets(
                                dataset(repository, Dataset.Usage.TRAIN, args),
                                dataset(repository, Dataset.Usage.TEST, args));
                    });

    private TrainFashionMnist() {}

    /**
     * Runs the sample: {@code --help} lists the options; bad options, a bad spec or a schedule that
     * cannot work with the planned run print one line and exit with 2, before DJL's engine starts;
     * missing data prints one line and exits with 1.
     *
     * @param args the command line
     * @throws TranslateException if the data cannot be transformed
     */
    public static void main(String[] args) throws TranslateException {
        SampleTraining.exitingMain(TASK, args);
    }

    /**
     * Trains and returns DJL's result.
     *
     * @param args the command line
     * @return the training result
     * @throws IOException if the data or output cannot be read or written
     * @throws TranslateException if the data cannot be transformed
     */
    public static TrainingResult runExample(String[] args) throws IOException, TranslateException {
        return run(args).result();
    }

    static SampleTraining.Run run(String[] args) throws IOException, TranslateException {
        return SampleTraining.run(TASK, args);
    }

    private static FashionMnist dataset(
            Repository repository, Dataset.Usage usage, SampleArguments args)
            throws IOException, TranslateException {
        FashionMnist.Builder b =
                FashionMnist.builder()
                        .optUsage(usage)
                        .setSampling(args.getBatchSize(), true)
                        .optLimit(SampleTraining.limit(args));
        if (repository != null) {
            b.optRepository(repository);
        }
        FashionMnist dataset = b.build();
        dataset.prepare();
        return dataset;
    }
}
