/**
 * Every PyTorch learning-rate scheduler as a DJL tracker, bit for bit.
 *
 * <p>Exports the schedule layer ({@code io.github.lrschedulers}, {@code .spec}) and the DJL layer
 * ({@code .listener}, {@code .optimizer}, {@code .finder}); the Python layer ({@code .internal})
 * stays hidden. XChart and {@code java.desktop} are needed only for plots (README, "Layout"). DJL's
 * API and XChart are automatic modules (named in their manifests).
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module io.github.lrschedulers {
    requires transitive ai.djl.api;
    requires com.google.gson;
    requires org.slf4j;
    requires static org.knowm.xchart;
    requires static java.desktop;

    exports io.github.lrschedulers;
    exports io.github.lrschedulers.spec;
    exports io.github.lrschedulers.listener;
    exports io.github.lrschedulers.optimizer;
    exports io.github.lrschedulers.finder;
    exports io.github.lrschedulers.keras;
    exports io.github.lrschedulers.tf;
    exports io.github.lrschedulers.mindspore;
    exports io.github.lrschedulers.transformers;
    exports io.github.lrschedulers.timm;
    exports io.github.lrschedulers.optax;

    // User-defined schedules on the class or module path (ScheduleRegistry).
    uses io.github.lrschedulers.ScheduleProvider;

    // Dicts that other libraries serialize schedules into (ScheduleSpec), one reader per family.
    uses io.github.lrschedulers.ScheduleConfigReader;

    provides io.github.lrschedulers.ScheduleConfigReader with
            io.github.lrschedulers.keras.KerasConfigReader;
}
