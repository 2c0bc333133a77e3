package io.github.lrschedulers.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.loss.Loss;
import ai.djl.util.Pair;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link AveragedParameters} against PyTorch 2.13's {@code AveragedModel} and {@code update_bn}
 * ({@code golden/swa.jsonl}, from {@code generate_swa.py}), on DJL's PyTorch engine.
 */
class SwaGoldenTest {

    static Stream<JsonObject> cases(String kind) throws IOException {
        List<JsonObject> out = new ArrayList<>();
        try (InputStream in =
                        Objects.requireNonNull(
                                SwaGoldenTest.class.getResourceAsStream("/golden/swa.jsonl"));
                BufferedReader r =
                        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                JsonObject o = JsonParser.parseString(line).getAsJsonObject();
                if (kind.equals(o.get("kind").getAsString())) {
                    out.add(o);
                }
            }
        }
        assertTrue(!out.isEmpty(), "no " + kind + " case");
        return out.stream();
    }

    static Stream<JsonObject> averageCases() throws IOException {
        return cases("average");
    }

    static Stream<JsonObject> updateBnCases() throws IOException {
        return cases("update_bn");
    }

    static float[] floats(JsonArray bits) {
        float[] f = new float[bits.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = Float.intBitsToFloat((int) bits.get(i).getAsLong());
        }
        return f;
    }

    /**
     * The torch module's weight (4x3), bias and float buffer become a Linear's weight (3x4, the
     * same 12 values), its bias and a BatchNorm's running mean; the BatchNorm's gamma, beta and
     * running variance keep their initial values, so their averages must stay those.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("averageCases")
    void averagesEqualAveragedModelBitForBit(JsonObject c) {
        String name = c.get("name").getAsString();
        boolean useBuffers = c.get("use_buffers").getAsBoolean();
        try (Model model = Model.newInstance("swa-golden");
                NDManager manager = NDManager.newBaseManager()) {
            SequentialBlock block = new SequentialBlock();
            block.add(Linear.builder().setUnits(3).build()).add(BatchNorm.builder().build());
            block.initialize(manager, DataType.FLOAT32, new Shape(2, 4));
            model.setBlock(block);
            Map<String, Parameter> params = new LinkedHashMap<>();
            for (Pair<String, Parameter> p : block.getParameters()) {
                params.put(p.getValue().getType().name(), p.getValue());
            }
            Parameter weight = params.get("WEIGHT");
            Parameter bias = params.get("BIAS");
            Parameter stat = params.get("RUNNING_MEAN");
            Map<String, float[]> fixed = new LinkedHashMap<>();
            for (String type : new String[] {"GAMMA", "BETA", "RUNNING_VAR"}) {
                fixed.put(type, params.get(type).getArray().toFloatArray());
            }
            JsonArray snapshots = c.getAsJsonArray("snapshots");
            JsonArray averaged = c.getAsJsonArray("averaged");
            int exact = 0;
            try (AveragedParameters average =
                    AveragedParameters.builder().optUseBuffers(useBuffers).build()) {
                for (int k = 0; k < snapshots.size(); k++) {
                    JsonObject snap = snapshots.get(k).getAsJsonObject();
                    load(weight, floats(snap.getAsJsonArray("weight")), manager);
                    load(bias, floats(snap.getAsJsonArray("bias")), manager);
                    load(stat, floats(snap.getAsJsonArray("stat")), manager);
                    average.update(block);
                    JsonObject want = averaged.get(k).getAsJsonObject();
                    exact += check(name, k, "weight", want, average, weight);
                    exact += check(name, k, "bias", want, average, bias);
                    exact += check(name, k, "stat", want, average, stat);
                    for (Map.Entry<String, float[]> e : fixed.entrySet()) {
                        float[] got = averageOf(average, params.get(e.getKey()));
                        assertBits(e.getValue(), got, name + " update " + k + " " + e.getKey());
                    }
                }
                assertEquals(c.get("n_averaged").getAsLong(), average.getAveragedCount());
            }
            assertTrue(exact > 0);
        }
    }

    private static int check(
            String name,
            int k,
            String tensor,
            JsonObject want,
            AveragedParameters average,
            Parameter p) {
        float[] expected = floats(want.getAsJsonArray(tensor));
        assertBits(expected, averageOf(average, p), name + " update " + k + " " + tensor);
        return expected.length;
    }

    private static float[] averageOf(AveragedParameters average, Parameter p) {
        for (Map.Entry<String, NDArray> e : average.getAveraged().entrySet()) {
            if (e.getKey().endsWith("_" + p.getName())) {
                return e.getValue().toFloatArray();
            }
        }
        throw new AssertionError("no average of " + p.getName());
    }

    static void assertBits(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            float e = expected[i];
            float a = actual[i];
            assertEquals(
                    Float.floatToRawIntBits(e),
                    Float.floatToRawIntBits(a),
                    () -> what + ": " + e + " expected, " + a + " found");
        }
    }

    private static void load(Parameter p, float[] values, NDManager manager) {
        NDArray array = p.getArray();
        try (NDArray v = manager.create(values, array.getShape())) {
            array.set(new NDIndex("..."), v);
        }
    }

    /**
     * One pass of the batches through a DJL BatchNorm: the running statistics within 2 float32 ulps
     * of {@code update_bn}'s (DJL cannot set PyTorch's cumulative momentum; see {@link
     * AveragedParameters#updateBatchNorm}).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("updateBnCases")
    void batchNormStatisticsWithinTwoUlpsOfUpdateBn(JsonObject c) throws Exception {
        JsonArray shape = c.getAsJsonArray("shape");
        int batch = shape.get(0).getAsInt();
        int channels = shape.get(1).getAsInt();
        JsonArray batches = c.getAsJsonArray("batches");
        float[] all = new float[batches.size() * batch * channels];
        for (int b = 0; b < batches.size(); b++) {
            float[] f = floats(batches.get(b).getAsJsonArray());
            System.arraycopy(f, 0, all, b * f.length, f.length);
        }
        try (Model model = Model.newInstance("update-bn")) {
            Block bn = BatchNorm.builder().build();
            model.setBlock(bn);
            NDManager manager = model.getNDManager();
            NDArray data = manager.create(all, new Shape(batches.size() * batch, channels));
            ArrayDataset dataset =
                    new ArrayDataset.Builder()
                            .setData(data)
                            .optLabels(data)
                            .setSampling(batch, false)
                            .build();
            try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.l2Loss()));
                    AveragedParameters average = AveragedParameters.builder().build()) {
                trainer.initialize(new Shape(batch, channels));
                average.updateBatchNorm(trainer, trainer.iterateDataset(dataset));
                float[] mean = null;
                float[] var = null;
                for (Pair<String, Parameter> p : bn.getParameters()) {
                    if (p.getValue().getType() == Parameter.Type.RUNNING_MEAN) {
                        mean = p.getValue().getArray().toFloatArray();
                    } else if (p.getValue().getType() == Parameter.Type.RUNNING_VAR) {
                        var = p.getValue().getArray().toFloatArray();
                    }
                }
                int worst =
                        Math.max(
                                ulps(floats(c.getAsJsonArray("running_mean")), mean),
                                ulps(floats(c.getAsJsonArray("running_var")), var));
                assertTrue(worst <= 2, "update_bn differs by " + worst + " ulps");
            }
        }
    }

    private static int ulps(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length);
        int worst = 0;
        for (int i = 0; i < expected.length; i++) {
            int d = Math.abs(Float.floatToIntBits(expected[i]) - Float.floatToIntBits(actual[i]));
            worst = Math.max(worst, d);
        }
        return worst;
    }
}
