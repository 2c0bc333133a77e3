package io.github.lrschedulers.samples;

import ai.djl.basicdataset.cv.classification.Cifar10;
import ai.djl.basicmodelzoo.cv.classification.ResNetV1;
import ai.djl.modality.cv.transform.Normalize;
import ai.djl.modality.cv.transform.ToTensor;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.Repository;
import ai.djl.training.TrainingResult;
import ai.djl.training.dataset.Dataset;
import ai.djl.translate.Pipeline;
import ai.djl.translate.TranslateException;
import java.io.IOException;

/**
 * Trains a small ResNet (DJL's {@link ResNetV1}, 18 layers, with its CIFAR-sized stem) on CIFAR-10
 * with a PyTorch learning-rate schedule: {@code --schedule "<any PyTorch scheduler spec>"}.
 *
 * <p>The data is read by DJL's {@link Cifar10}: online it downloads as DJL does; offline
 * (DJL_OFFLINE=true) it comes from {@code cifar-10-binary.tar.gz} or its folder {@code
 * cifar-10-batches-bin/} put into {@code --data-dir}; see {@link SampleData}. Options: {@link
 * SampleArguments}.
 *
 * <pre>
 * mvn -B -q -f samples/pom.xml compile exec:exec -Dsample=TrainCifar10 \
 *     -Dsample.args="--schedule 'OneCycleLR(max_lr=0.1, total_steps=782)' --epochs 2 --data-dir DIR"
 * </pre>
 */
public final class TrainCifar10 {

    /** The number of layers of the ResNet. */
    static final int LAYERS = 18;

    static final SampleTraining.Task TASK =
            new SampleTraining.Task(
                    "cifar10",
                    "resnet" + LAYERS,
                    () ->
                            ResNetV1.builder()
                                    .setImageShape(
                                            new Shape(3, Cifar10.IMAGE_HEIGHT, Cifar10.IMAGE_WIDTH))
                                    .setNumLayers(LAYERS)
                                    .setOutSize(10)
                                    .build(),
                    new Shape(1, 3, Cifar10.IMAGE_HEIGHT, Cifar10.IMAGE_WIDTH),
                    args -> SampleData.cifar10TrainSize(args.getDataDir()),
                    args -> {
                        Repository repository = SampleData.cifar10(args.getDataDir());
                        return new SampleTraining.Datasets(
                                dataset(repository, Dataset.Usage.TRAIN, args),
                                dataset(repository, Dataset.Usage.TEST, args));
                    });

    private TrainCifar10() {}

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

    private static Cifar10 dataset(Repository repository, Dataset.Usage usage, SampleArguments args)
            throws IOException, TranslateException {
        Cifar10.Builder b =
                Cifar10.builder()
                        .optUsage(usage)
                        .setSampling(args.getBatchSize(), true)
                        .optLimit(SampleTraining.limit(args))
                        .optPipeline(
                                new Pipeline(new ToTensor())
                                        .add(
                                                new Normalize(
                                                        Cifar10.NORMALIZE_MEAN,
                                                        Cifar10.NORMALIZE_STD)));
        if (repository != null) {
            b.optRepository(repository);
        }
        Cifar10 dataset = b.build();
        dataset.prepare();
        return dataset;
    }
}
