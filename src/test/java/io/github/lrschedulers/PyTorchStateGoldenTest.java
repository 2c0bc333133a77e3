package io.github.lrschedulers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.lrschedulers.spec.ScheduleSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Continues PyTorch runs from their dumped state (golden/pytorch-state.jsonl, written by
 * generate_state.py on real PyTorch 2.13), and exports the state PyTorch dumped, bit for bit.
 */
class PyTorchStateGoldenTest {

    static Stream<JsonObject> cases() throws IOException {
        List<JsonObject> out = new ArrayList<>();
        try (InputStream in =
                        PyTorchStateGoldenTest.class.getResourceAsStream(
                                "/golden/pytorch-state.jsonl");
                BufferedReader r =
                        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                out.add(JsonParser.parseString(line).getAsJsonObject());
            }
        }
        return out.stream();
    }

    private static double[] doubles(JsonArray a) {
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).getAsDouble();
        }
        return out;
    }

    private static ParameterGroups groups(int n) {
        Map<String, Integer> m = new HashMap<>();
        for (int g = 0; g < n; g++) {
            m.put("p" + g, g);
        }
        return ParameterGroups.of(m);
    }

    private static String bits(double v) {
        return v + " (" + Long.toHexString(Double.doubleToRawLongBits(v)) + ")";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void importedStateContinuesThePyTorchCurveBitForBit(JsonObject c) {
        String name = c.get("name").getAsString() + " " + c.get("spec").getAsString();
        PyTorchState state = PyTorchState.fromJson(c.get("state").getAsString());
        int n = c.get("n").getAsInt();
        int m = c.get("m").getAsInt();
        assertEquals(n, state.getSteps(), name);
        Schedule schedule = ScheduleSpec.parse(state.getSpec().orElseThrow());
        int groups = state.getParamGroups().size();
        LrTracker tracker =
                LrTracker.builder()
                        .setSchedule(schedule)
                        .optPyTorchState(state)
                        .optParameterGroups(groups(groups))
                        .build();
        assertEquals(n + 1, tracker.getFirstUpdate(), name);
        double[] metrics = doubles(c.getAsJsonArray("metrics"));
        for (int i = n; i < metrics.length; i++) {
            tracker.reportMetric(metrics[i]);
        }
        JsonArray lrs = c.getAsJsonArray("lr_after");
        JsonArray moms = c.getAsJsonArray("momentum_after");
        for (int j = 0; j < m; j++) {
            int update = n + 1 + j;
            double[] want = doubles(lrs.get(j).getAsJsonArray());
            double[] wantMom = doubles(moms.get(j).getAsJsonArray());
            for (int g = 0; g < groups; g++) {
                String at = name + " update " + update + " group " + g;
                // The doubles PyTorch computes (as LrCurve gives them), 0 ulp.
                assertEquals(bits(want[g]), bits(tracker.getLr(g, update)), at);
                assertEquals(bits(wantMom[g]), bits(tracker.getMomentum(g, update)), at);
                // What DJL's optimizer applies, through getNewValue.
                assertEquals(
                        Float.floatToIntBits((float) want[g]),
                        Float.floatToIntBits(tracker.getNewValue("p" + g, update)),
                        at);
            }
        }
        if (n > 0) {
            IllegalStateException e =
                    assertThrows(IllegalStateException.class, () -> tracker.getNewValue(n), name);
            assertTrue(
                    e.getMessage().contains("before the imported PyTorch state"), e.getMessage());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void exportedStateIsWhatPyTorchDumpedBitForBit(JsonObject c) {
        String name = c.get("name").getAsString() + " " + c.get("spec").getAsString();
        PyTorchState pytorch = PyTorchState.fromJson(c.get("state").getAsString());
        boolean adam = c.get("optimizer").getAsString().equals("adam");
        double[] lrs =
                doubles(
                        JsonParser.parseString("[" + c.get("lr").getAsString() + "]")
                                .getAsJsonArray());
        LrTracker tracker =
                LrTracker.builder()
                        .setSchedule(ScheduleSpec.parse(c.get("spec").getAsString()))
                        .optBaseLrs(lrs)
                        .optBaseMomentum(0.9)
                        .build();
        int n = c.get("n").getAsInt();
        double[] metrics = doubles(c.getAsJsonArray("metrics"));
        for (int i = 0; i < Math.min(n, metrics.length); i++) {
            tracker.reportMetric(metrics[i]);
        }
        assertTrue(tracker.hasPyTorchState(), name);
        PyTorchState ours = tracker.getPyTorchState(n);
        assertSameState(name + ": scheduler", pytorch.getScheduler(), ours.getScheduler(), adam);
        assertEquals(pytorch.getParamGroups().size(), ours.getParamGroups().size(), name);
        for (int g = 0; g < lrs.length; g++) {
            Map<String, Object> theirs = pytorch.getParamGroups().get(g);
            for (Map.Entry<String, Object> e : ours.getParamGroups().get(g).entrySet()) {
                Object want =
                        adam && e.getKey().equals("momentum")
                                ? ((List<?>) theirs.get("betas")).get(0)
                                : theirs.get(e.getKey());
                assertTrue(
                        StateDict.same(want, e.getValue()),
                        name
                                + ": param_groups["
                                + g
                                + "]."
                                + e.getKey()
                                + " is "
                                + e.getValue()
                                + ", PyTorch's is "
                                + want);
            }
        }
        // The JSON round trip keeps every value.
        assertEquals(ours, PyTorchState.fromJson(ours.toJson()), name);
    }

    /** Key by key, numbers bit for bit; an Adam state's use_beta1 is true where ours says SGD. */
    @SuppressWarnings("unchecked")
    private static void assertSameState(
            String where, Map<String, Object> want, Map<String, Object> got, boolean adam) {
        assertEquals(want.keySet(), got.keySet(), where + " keys");
        for (String key : want.keySet()) {
            Object w = want.get(key);
            Object g = got.get(key);
            if (key.equals("use_beta1") && adam) {
                continue;
            }
            if (key.equals("_schedulers")) {
                List<Object> wl = (List<Object>) w;
                List<Object> gl = (List<Object>) g;
                assertEquals(wl.size(), gl.size(), where);
                for (int i = 0; i < wl.size(); i++) {
                    assertSameState(
                            where + "._schedulers[" + i + "]",
                            (Map<String, Object>) wl.get(i),
                            (Map<String, Object>) gl.get(i),
                            adam);
                }
            } else {
                assertTrue(
                        StateDict.same(w, g),
                        where + "." + key + " is " + g + ", PyTorch's is " + w);
            }
        }
    }

    private static JsonObject first(String prefix) throws IOException {
        return cases().filter(c -> c.get("spec").getAsString().startsWith(prefix))
                .findFirst()
                .orElseThrow();
    }

    private static IllegalArgumentException refused(String spec, String json) {
        return assertThrows(
                IllegalArgumentException.class,
                () ->
                        LrTracker.builder()
                                .setSchedule(ScheduleSpec.parse(spec))
                                .optPyTorchState(PyTorchState.fromJson(json))
                                .build());
    }

    @Test
    void mismatchedStatesAreRefusedNamingKeyRuleAndValue() throws IOException {
        String step = first("StepLR(step_size=3").get("state").getAsString();
        String cos = first("CosineAnnealingLR(T_max=10)").get("state").getAsString();
        IllegalArgumentException other = refused("StepLR(step_size=3, gamma=0.3)", cos);
        assertTrue(
                other.getMessage()
                                .contains(
                                        "misses [gamma, step_size] and has unknown [T_max,"
                                                + " eta_min]")
                        && other.getMessage().contains("another scheduler class"),
                other.getMessage());
        IllegalArgumentException config = refused("StepLR(step_size=4, gamma=0.3)", step);
        assertTrue(
                config.getMessage().contains("scheduler.step_size must be 4")
                        && config.getMessage().contains("but was 3"),
                config.getMessage());
        IllegalArgumentException groups =
                refused(
                        "StepLR(step_size=3, gamma=0.3)",
                        step.replace("\"base_lrs\": [0.1, 0.07]", "\"base_lrs\": [0.1]"));
        assertTrue(
                groups.getMessage().contains("scheduler.base_lrs must be [0.1, 0.07]"),
                groups.getMessage());
        IllegalArgumentException nan =
                refused(
                        "StepLR(step_size=3, gamma=0.3)",
                        step.replaceFirst("\"lr\": [0-9.e-]+", "\"lr\": NaN"));
        assertTrue(
                nan.getMessage()
                        .contains("param_groups[0].lr must be a finite number, but" + " was NaN"),
                nan.getMessage());
        IllegalArgumentException epoch =
                refused(
                        "StepLR(step_size=3, gamma=0.3)",
                        step.replace("\"last_epoch\": 11", "\"last_epoch\": -2"));
        assertTrue(
                epoch.getMessage().contains("scheduler.last_epoch must be an integer in [0,"),
                epoch.getMessage());
        IllegalArgumentException count =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                LrTracker.builder()
                                        .setSchedule(
                                                ScheduleSpec.parse(
                                                        "StepLR(step_size=3," + " gamma=0.3)"))
                                        .optBaseLrs(0.1)
                                        .optPyTorchState(PyTorchState.fromJson(step))
                                        .build());
        assertTrue(
                count.getMessage()
                        .contains(
                                "baseLrs has 1 values, but the PyTorch state has 2"
                                        + " param_groups"),
                count.getMessage());
    }
}
