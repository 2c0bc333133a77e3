package io.github.lrschedulers.samples;

import ai.djl.translate.TranslateException;
import io.github.lrschedulers.Arguments;
import io.github.lrschedulers.CustomSchedule;
import io.github.lrschedulers.Param;
import io.github.lrschedulers.ScheduleBuilder;
import io.github.lrschedulers.ScheduleDefinition;
import io.github.lrschedulers.ScheduleRegistry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Trains Fashion-MNIST with a scheduler of your own, as a PyTorch user subclasses {@code
 * LRScheduler}: the scheduler of the article this project started from, linear from the base rate
 * to a tenth of it over {@code epochs} epochs, then that tenth. In PyTorch:
 *
 * <pre>
 * class LinearThenTenth(LRScheduler):
 *     def __init__(self, optimizer, epochs=10, last_epoch=-1):
 *         self.epochs = epochs
 *         super().__init__(optimizer, last_epoch)
 *
 *     def get_lr(self):
 *         if self.last_epoch &lt; self.epochs:
 *             return [b * (1 - 0.9 * self.last_epoch / self.epochs) for b in self.base_lrs]
 *         return [b * 0.1 for b in self.base_lrs]
 * </pre>
 *
 * <p>Here it is {@link LinearThenTenth}: one definition (name, argument, default) and the same
 * {@code get_lr} for one group. Registered under its name, it is a spec like any other: {@code
 * --schedule 'LinearThenTenth(epochs=2)'}, also inside {@code SequentialLR}; it steps per epoch, is
 * checked against the planned run, logged, plotted and checkpointed as the built-in ones are. The
 * rest of the run is {@link TrainFashionMnist}'s, with its options.
 *
 * <pre>
 * mvn -B -q -f samples/pom.xml compile exec:exec -Dsample=TrainOwnScheduler \
 *     -Dsample.args="--schedule 'LinearThenTenth(epochs=2)' --lr 0.1 --epochs 3 --plot"
 * </pre>
 */
public final class TrainOwnScheduler {

    /** The schedule when {@code --schedule} is not given: the article's, 10 epochs. */
    static final String DEFAULT_SCHEDULE = "LinearThenTenth(epochs=10)";

    private TrainOwnScheduler() {}

    /** The article's scheduler: linear to a tenth of the base rate, then that tenth. */
    public static final class LinearThenTenth extends CustomSchedule {

        /** The definition: {@code LinearThenTenth(optimizer, epochs=10, last_epoch=-1)}. */
        public static final ScheduleDefinition<LinearThenTenth> DEFINITION =
                ScheduleDefinition.builder(
                                LinearThenTenth.class, "LinearThenTenth", LinearThenTenth::new)
                        .addOptional("epochs", Param.Kind.INTEGER, 10L, "epochs of the linear part")
                        .addLastEpoch()
                        .build();

        private final long epochs;

        private LinearThenTenth(Arguments a) {
            super(a);
            epochs = a.getLong("epochs");
            if (epochs < 1) {
                throw new IllegalArgumentException(
                        "LinearThenTenth epochs must be >= 1, but was " + epochs);
            }
        }

        /**
         * Creates a builder.
         *
         * @return a new builder
         */
        public static Builder builder() {
            return new Builder();
        }

        @Override
        protected double getLr(long lastEpoch, int group, double baseLr, double lr) {
            if (lastEpoch < epochs) {
                return baseLr * (1 - 0.9 * lastEpoch / epochs);
            }
            return baseLr * 0.1;
        }

        @Override
        protected boolean isClosedForm() {
            return true; // from the step and the base rate alone; never throws
        }

        /** The builder of {@link LinearThenTenth}. */
        public static final class Builder extends ScheduleBuilder<LinearThenTenth, Builder> {

            private Builder() {
                super(DEFINITION);
            }

            /**
             * Sets the length of the linear part, in epochs. Default: 10.
             *
             * @param epochs the number of epochs, {@code >= 1}
             * @return this builder
             */
            public Builder optEpochs(long epochs) {
                return set("epochs", epochs);
            }
        }
    }

    /**
     * Registers {@link LinearThenTenth} and runs {@link TrainFashionMnist} with the options
     * ({@value #DEFAULT_SCHEDULE} unless {@code --schedule} is given).
     *
     * @param args the command line, as {@link TrainFashionMnist}'s
     * @throws TranslateException if the data cannot be transformed
     */
    public static void main(String[] args) throws TranslateException {
        ScheduleRegistry.register(LinearThenTenth.DEFINITION);
        TrainFashionMnist.main(withDefaultSchedule(args));
    }

    static SampleRun run(String[] args) throws IOException, TranslateException {
        ScheduleRegistry.register(LinearThenTenth.DEFINITION);
        return TrainFashionMnist.run(withDefaultSchedule(args));
    }

    private static String[] withDefaultSchedule(String[] args) {
        if (Arrays.asList(args).contains("--schedule")) {
            return args;
        }
        List<String> all = new ArrayList<>(List.of("--schedule", DEFAULT_SCHEDULE));
        all.addAll(Arrays.asList(args));
        return all.toArray(new String[0]);
    }
}
