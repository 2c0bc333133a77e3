package io.github.lrschedulers.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.lrschedulers.LrCurve;
import io.github.lrschedulers.ReadAtCounterGoldens;
import io.github.lrschedulers.ReadAtCounterGoldens.Case;
import io.github.lrschedulers.Schedule;
import io.github.lrschedulers.spec.ScheduleSpec;
import io.github.lrschedulers.spec.SpecParseException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reads what the real Keras 3 writes for {@code keras.optimizers.schedules.serialize(s)}:
 * src/test/resources/golden/beyond/keras_configs.jsonl, written by generate_keras_configs.py. The
 * JSON, Python's repr and the Keras 2 form (without {@code module} and {@code registered_name})
 * must each give the curve of the spec it was made from, bit for bit as keras.jsonl's golden.
 */
class KerasConfigsTest {

    private static final String CONFIGS = "/golden/beyond/keras_configs.jsonl";
    private static final String GOLDEN = "/golden/beyond/keras.jsonl";

    /** One serialized schedule: the spec it was made from and what Keras wrote. */
    record Config(String spec, String json, String repr) {
        @Override
        public String toString() {
            return spec;
        }

        /** The Keras 2 form: the JSON without the keys Keras 3 added. */
        String keras2() {
            JsonObject o = JsonParser.parseString(json).getAsJsonObject();
            o.remove("module");
            o.remove("registered_name");
            return o.toString();
        }
    }

    static List<Config> configs() {
        List<Config> out = new ArrayList<>();
        try (InputStream in = KerasConfigsTest.class.getResourceAsStream(CONFIGS);
                BufferedReader r =
                        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                JsonObject o = JsonParser.parseString(line).getAsJsonObject();
                out.add(
                        new Config(
                                o.get("spec").getAsString(),
                                o.get("json").getAsString(),
                                o.get("repr").getAsString()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void aSerializedScheduleIsTheSpecsSchedule(Config c) {
        List<Case> goldens = new ArrayList<>();
        for (Case g : ReadAtCounterGoldens.load(GOLDEN)) {
            if (g.spec().equals(c.spec()) && g.error() == null) {
                goldens.add(g);
            }
        }
        assertFalse(goldens.isEmpty(), "keras.jsonl has " + c.spec());
        Schedule fromSpec = ScheduleSpec.parse(c.spec());
        for (String serialized : List.of(c.json(), c.repr(), c.keras2())) {
            Schedule fromConfig = ScheduleSpec.parse(serialized);
            assertEquals(fromSpec.getClass(), fromConfig.getClass(), serialized);
            double[] lrs = {0.1, 0.2};
            LrCurve a = LrCurve.compute(fromSpec, lrs, 200, 1, new double[0], 0.9);
            LrCurve b = LrCurve.compute(fromConfig, lrs, 200, 1, new double[0], 0.9);
            for (int k = 0; k < 200; k++) {
                assertEquals(a.getLr(k, 1), b.getLr(k, 1), serialized + " update " + (k + 1));
            }
            for (Case g : goldens) {
                ReadAtCounterGoldens.assertMatches(
                        new Case(
                                serialized,
                                g.steps(),
                                g.gradAccum(),
                                g.lrs(),
                                g.expected(),
                                g.error()),
                        new AtomicLong());
            }
        }
    }

    @Test
    void everyKerasClassHasARealSerializedConfig() {
        Set<String> classes = new TreeSet<>();
        for (Config c : configs()) {
            classes.add(c.spec().substring(0, c.spec().indexOf('(')));
        }
        assertEquals(6, classes.size(), classes::toString);
    }

    @Test
    void rejectsUnknownKeysAndClassesNamingThem() {
        assertRejected(
                "the config of a serialized Keras CosineDecay has the unknown key 'warmup';"
                        + " expected keys of [initial_learning_rate, decay_steps, alpha, name,"
                        + " warmup_target, warmup_steps]",
                "{\"class_name\": \"CosineDecay\", \"config\": {\"initial_learning_rate\": 0.1,"
                        + " \"decay_steps\": 10, \"warmup\": 3}}");
        assertRejected(
                "unknown Keras schedule class_name 'CosineDecayy'; expected one of"
                        + " [ExponentialDecay, PiecewiseConstantDecay, PolynomialDecay,"
                        + " InverseTimeDecay, CosineDecay, CosineDecayRestarts]",
                "{\"module\": \"keras.optimizers.schedules\", \"class_name\": \"CosineDecayy\","
                        + " \"config\": {}, \"registered_name\": null}");
        assertRejected(
                "a serialized Keras schedule has the keys [class_name, config, module,"
                        + " registered_name], but had the unknown key 'configs'",
                "{'class_name': 'CosineDecay', 'config': {}, 'configs': {}}");
        assertRejected(
                "expected a call such as StepLR(...) or a serialized schedule such as Keras's",
                "{\"class\": \"CosineDecay\"}");
        // Keras's own rules still apply, through the spec the config reads as
        assertRejected(
                "the dict reads as the spec",
                "{\"class_name\": \"CosineDecay\", \"config\": {\"initial_learning_rate\": 0.1}}");
    }

    private static void assertRejected(String message, String spec) {
        SpecParseException e =
                assertThrows(SpecParseException.class, () -> ScheduleSpec.parse(spec));
        assertTrue(e.getMessage().startsWith(message), e::getMessage);
    }
}
