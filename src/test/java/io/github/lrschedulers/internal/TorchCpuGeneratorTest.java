package io.github.lrschedulers.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The emulated CPU generator against real PyTorch 2.13's draws (torch_cpu_generator.jsonl, written
 * by generate_torch_cpu_generator.py): six successive {@code randn(1)} (the cached second
 * Box-Muller sample included) and four {@code rand(1)} per seed, bit for bit.
 */
class TorchCpuGeneratorTest {

    static List<JsonObject> seeds() throws IOException {
        String resource = "/golden/beyond/torch_cpu_generator.jsonl";
        List<JsonObject> out = new ArrayList<>();
        try (InputStream in =
                        Objects.requireNonNull(
                                TorchCpuGeneratorTest.class.getResourceAsStream(resource),
                                resource);
                BufferedReader r =
                        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                out.add(JsonParser.parseString(line).getAsJsonObject());
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seeds")
    void drawsAsTorch(JsonObject c) {
        long seed = c.get("seed").getAsBigInteger().longValue();
        TorchCpuGenerator g = new TorchCpuGenerator(seed);
        JsonArray randn = c.getAsJsonArray("randn");
        for (int i = 0; i < randn.size(); i++) {
            assertEquals(
                    Float.floatToIntBits(randn.get(i).getAsFloat()),
                    Float.floatToIntBits(g.randn()),
                    "randn draw " + i);
        }
        TorchCpuGenerator u = new TorchCpuGenerator(seed);
        JsonArray rand = c.getAsJsonArray("rand");
        for (int i = 0; i < rand.size(); i++) {
            assertEquals(
                    Float.floatToIntBits(rand.get(i).getAsFloat()),
                    Float.floatToIntBits(u.rand()),
                    "rand draw " + i);
        }
    }
}
