package io.github.lrschedulers.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.basicdataset.cv.classification.Cifar10;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Record;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Smoke tests of {@link TrainCifar10} on small files written in CIFAR-10's published binary format
 * ({@code cifar-10-batches-bin/data_batch_1..5.bin}, {@code test_batch.bin}).
 */
class TrainCifar10Test {

    @TempDir Path dir;

    @Test
    void djlReadsThePreparedFolder() throws Exception {
        List<Integer> labels = SampleTestData.writeCifar(dir, 3, 4);
        try (NDManager manager = NDManager.newBaseManager()) {
            Cifar10 train =
                    Cifar10.builder()
                            .optManager(manager)
                            .optRepository(SampleData.cifar10(dir))
                            .setSampling(1, false)
                            .build();
            train.prepare();
            assertEquals(15, train.size());
            for (int i = 0; i < 15; i++) {
                Record r = train.get(manager, i);
                assertEquals(labels.get(i), (int) r.getLabels().singletonOrThrow().getFloat());
            }
            byte[] first = Files.readAllBytes(dir.resolve("cifar-10-batches-bin/data_batch_1.bin"));
            Record r0 = train.get(manager, 0);
            // The raw record (the pipeline runs on batches): height, width, channel.
            float red00 = r0.getData().singletonOrThrow().getFloat(0, 0, 0);
            float green00 = r0.getData().singletonOrThrow().getFloat(0, 0, 1);
            assertEquals(first[1] & 0xFF, red00);
            assertEquals(first[1 + 1024] & 0xFF, green00);
        }
    }

    @Test
    void trainsTwoBatchesOfAResNet() throws Exception {
        SampleTestData.writeCifar(dir.resolve("data"), 20, 16);
        SampleRun run =
                TrainCifar10.run(
                        new String[] {
                            "--data-dir", dir.resolve("data").toString(),
                            "--output-dir", dir.resolve("out").toString(),
                            "--schedule", "CosineAnnealingLR(T_max=2)",
                            "--step-unit", "update",
                            "--batch-size", "8",
                            "--max-batches", "2",
                            "--epochs", "1"
                        });
        assertEquals(2, run.tracker().getLatestUpdate());
        assertTrue(Files.isRegularFile(dir.resolve("data/cifar10/data_batch.bin")));
        assertEquals(100 * 3073, Files.size(dir.resolve("data/cifar10/data_batch.bin")));
    }

    @Test
    void missingDataOfflineSaysWhatToDo() {
        IOException e = assertThrows(IOException.class, () -> SampleData.cifar10(dir));
        assertTrue(e.getMessage().contains("cifar-10-binary.tar.gz"), e.getMessage());
    }
}
