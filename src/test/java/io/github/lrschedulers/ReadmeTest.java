package io.github.lrschedulers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.training.optimizer.Optimizer;
import io.github.lrschedulers.spec.ScheduleSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Keeps the README's Java quick start compiled: it must be the code between the markers below. */
class ReadmeTest {

    static Optimizer quickStart() {
        // README-START
        // The PyTorch recipe, pasted as it is:
        //   OneCycleLR(optimizer, max_lr=0.1, total_steps=10000)
        LrTracker oneCycle =
                LrTracker.builder()
                        .setSchedule(
                                ScheduleSpec.parse("OneCycleLR(max_lr=0.1, total_steps=10000)"))
                        .build();

        // Or with Java builders, with the optimizer's lr as PyTorch's base rate:
        LrTracker warmupCosine =
                LrTracker.builder()
                        .setSchedule(
                                SequentialLr.builder()
                                        .setSchedulers(
                                                LinearLr.builder()
                                                        .optStartFactor(0.1)
                                                        .optTotalIters(500)
                                                        .build(),
                                                CosineAnnealingLr.builder().setTMax(9500).build())
                                        .setMilestones(500)
                                        .build())
                        .optBaseLr(0.1)
                        .build();

        Optimizer sgd = Optimizer.sgd().setLearningRateTracker(oneCycle).build();
        Optimizer adam = Optimizer.adam().optLearningRateTracker(warmupCosine).build();
        // README-END
        assertEquals(0.004f, oneCycle.getNewValue(1));
        assertEquals(0.01f, warmupCosine.getNewValue(1));
        assertEquals("Adam", adam.getClass().getSimpleName());
        return sgd;
    }

    @Test
    void quickStartRunsAndIsTheReadmesSnippet() throws IOException {
        assertTrue(quickStart() != null);
        Path self = Path.of("src/test/java/io/github/lrschedulers/ReadmeTest.java");
        List<String> code = new ArrayList<>();
        boolean in = false;
        for (String line : Files.readAllLines(self, StandardCharsets.UTF_8)) {
            if (line.contains("// README-END")) {
                break;
            }
            if (in) {
                code.add(line.length() >= 8 ? line.substring(8) : line.strip());
            }
            if (line.contains("// README-START")) {
                in = true;
            }
        }
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        String snippet = String.join("\n", code);
        assertTrue(
                readme.contains(snippet),
                "README.md must contain the quick start exactly as compiled here:\n" + snippet);
    }
}
