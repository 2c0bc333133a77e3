package io.github.lrschedulers.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --find-lr} on the real Fashion-MNIST: the range test runs on the MLP, prints every
 * suggestion and how to train with it, writes the CSV and plots, trains nothing, in well under a
 * minute.
 */
class FindLrTest {

    @TempDir Path out;

    @Test
    void findLrPrintsTheSuggestionsWritesTheFilesAndTrainsNothing() throws Exception {
        long start = System.nanoTime();
        SampleErrorsTest.Outcome o =
                SampleErrorsTest.main(
                        TrainFashionMnist::main,
                        "--data-dir",
                        SampleTestData.FASHION_DATA_DIR.toString(),
                        "--output-dir",
                        out.toString(),
                        "--max-batches",
                        "40",
                        "--batch-size",
                        "64",
                        "--find-lr");
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(SampleMain.EXIT_OK, o.code(), o.err() + o.out());
        String text = o.out();
        assertTrue(text.contains("LR range test: "), text);
        for (String rule : new String[] {"valley", "slide", "minimum", "steep"}) {
            assertTrue(text.contains("  " + rule + " "), rule + " in " + text);
        }
        assertTrue(text.contains("Train with fastai's default, valley: --lr "), text);
        assertTrue(text.contains("'OneCycleLR(max_lr="), text);
        // The printed rate is accepted by --lr.
        String lr = text.split("valley: --lr ")[1].split(" ")[0];
        assertEquals(1, SampleArguments.parse(new String[] {"--lr", lr}, "t").getLrs().length);
        List<String> csv = Files.readAllLines(out.resolve(LrRangeTest.FIND_CSV));
        assertEquals("lr,loss,smoothed_loss", csv.get(0));
        assertTrue(csv.size() > 20 && csv.size() <= 101, "rows: " + csv.size());
        assertTrue(Files.size(out.resolve(LrRangeTest.FIND_PNG)) > 1000);
        assertTrue(Files.size(out.resolve(LrRangeTest.FIND_SVG)) > 1000);
        // Nothing trained: no checkpoint, no training history.
        assertFalse(Files.exists(out.resolve("lr-history.csv")));
        assertTrue(seconds < 60, "took " + seconds + " s");
    }

    @Test
    void findLrAndResumeExcludeEachOther() throws Exception {
        SampleErrorsTest.Outcome o =
                SampleErrorsTest.main(TrainFashionMnist::main, "--find-lr", "--resume");
        assertEquals(SampleMain.EXIT_USAGE, o.code());
        assertEquals(
                "fashion-mnist: --find-lr runs the range test on a new model; it cannot --resume\n",
                o.err());
    }
}
