package io.github.lrschedulers.samples;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.loss.Loss;
import ai.djl.translate.TranslateException;
import io.github.lrschedulers.finder.LrFinder;
import io.github.lrschedulers.finder.LrFinderResult;
import io.github.lrschedulers.finder.LrSuggestion;
import io.github.lrschedulers.listener.LrPlot;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --find-lr}: the library's learning-rate range test ({@link LrFinder}) on a sample's new
 * model, instead of training.
 */
final class LrRangeTest {

    /** The range test's CSV, in the output directory. */
    static final String FIND_CSV = "lr-find.csv";

    /** The range test's PNG plot, in the output directory. */
    static final String FIND_PNG = "lr-find.png";

    /** The range test's SVG plot, in the output directory. */
    static final String FIND_SVG = "lr-find.svg";

    private static final Logger logger = LoggerFactory.getLogger(LrRangeTest.class);

    private LrRangeTest() {}

    /**
     * Runs the range test with the options' batch size, optimizer and momentum: 100 updates from
     * 1e-7 to 10, one batch each (the data is read again from its start if it has fewer batches).
     * Prints every suggestion, writes {@value #FIND_CSV}, {@value #FIND_PNG} and {@value #FIND_SVG}
     * to the output directory, and says how to train with the suggestion.
     *
     * @param plan the checked options
     * @param model the new model, with its block
     * @param train the training data
     * @param inputShape the shape of one input batch of one example, with batch dimension 1
     * @param out where the suggestions go
     * @return the range test's result
     * @throws IOException if the data or output files cannot be read or written
     * @throws TranslateException if the data cannot be transformed
     */
    static LrFinderResult run(
            RunPlan plan, Model model, RandomAccessDataset train, Shape inputShape, PrintStream out)
            throws IOException, TranslateException {
        SampleArguments args = plan.args();
        LrFinder.Builder finder = LrFinder.builder();
        double[] lrs = args.getLrs();
        if (lrs.length > 1) {
            // Several --lr values: the groups keep their ratios to group 0.
            double[] ratios = new double[lrs.length];
            for (int g = 0; g < lrs.length; g++) {
                ratios[g] = lrs[g] / lrs[0];
            }
            finder.optGroupRatios(ratios)
                    .optParameterGroups(ScheduleSetup.groups(model.getBlock(), lrs.length));
        }
        Path outputDir = args.getOutputDir();
        Files.createDirectories(outputDir);
        logger.info(
                "Learning-rate range test of {} on {} ({}), {} batches of {} per pass",
                plan.modelName(),
                Arrays.toString(Engine.getInstance().getDevices()),
                args.getOptimizer(),
                plan.batchesPerEpoch(),
                args.getBatchSize());
        LrFinderResult result =
                finder.build()
                        .run(
                                model,
                                lr ->
                                        new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                                                .optDevices(Engine.getInstance().getDevices())
                                                .optOptimizer(ScheduleSetup.optimizer(args, lr, 0)),
                                train,
                                inputShape);
        result.writeCsv(outputDir.resolve(FIND_CSV));
        boolean plotted = LrPlot.isAvailable();
        if (plotted) {
            result.writePlot(outputDir.resolve(FIND_PNG), outputDir.resolve(FIND_SVG));
        }
        double[] rates = result.getLrs();
        out.printf(
                Locale.ROOT,
                "LR range test: %d updates, lr %.3g to %.3g (%s)%n",
                result.size(),
                rates[0],
                rates[rates.length - 1],
                result.getStop().name().toLowerCase(Locale.ROOT).replace('_', ' '));
        for (LrSuggestion s : result.getSuggestions()) {
            out.printf(
                    Locale.ROOT,
                    "  %-9s %.3g  (%s)%n",
                    s.getMethod().getLabel(),
                    s.getLr(),
                    s.getMethod().getRule());
        }
        if (result.getSuggestions().isEmpty()) {
            out.println("  no suggestion: too few updates before the loss diverged");
        }
        out.printf(
                Locale.ROOT,
                "Wrote %s%s to %s%n",
                FIND_CSV,
                plotted ? ", " + FIND_PNG + " and " + FIND_SVG : "",
                outputDir.toAbsolutePath());
        result.getSuggestion(LrSuggestion.Method.VALLEY)
                .ifPresent(
                        v ->
                                out.printf(
                                        Locale.ROOT,
                                        "Train with fastai's default, valley: --lr %.3g (the peak"
                                                + " of the default OneCycleLR), or put it in"
                                                + " --schedule, e.g."
                                                + " 'OneCycleLR(max_lr=%.3g, total_steps=1.0*run)'%n",
                                        v.getLr(),
                                        v.getLr()));
        out.flush();
        return result;
    }
}
