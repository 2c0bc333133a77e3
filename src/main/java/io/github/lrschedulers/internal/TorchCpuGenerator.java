package io.github.lrschedulers.internal;

/**
 * PyTorch's CPU random generator ({@code torch.Generator()}) after {@code manual_seed(seed)}, bit
 * for bit: the draws of {@code torch.randn(1, generator=g)} and {@code torch.rand(1, generator=g)},
 * which timm's seeded noise takes.
 *
 * <p>The engine is {@code at::mt19937} seeded with the low 32 bits of the seed (MT19937's {@code
 * init_genrand}). {@code randn(1)} (fewer than 16 values: the serial kernel) is {@code
 * at::normal_distribution<double>} cast to float32: Box-Muller in double, {@code u = (random64() &
 * (2^53 - 1)) * 2^-53} with {@code random64()} two 32-bit draws (first one high), {@code r =
 * sqrt(-2 log1p(-u2))}, {@code theta = 2 pi u1}, returning {@code r cos(theta)} and caching {@code
 * r sin(theta)} for the next call. {@code rand(1)} is {@code (random() & (2^24 - 1)) * 2^-24}. Not
 * thread-safe.
 */
public final class TorchCpuGenerator {

    private static final int N = 624;
    private static final int M = 397;

    private final int[] mt = new int[N];
    private int index;
    private boolean hasNextNormal;
    private double nextNormal;

    /**
     * Creates a generator as {@code torch.Generator().manual_seed(seed)} leaves it.
     *
     * @param seed the seed; only its low 32 bits count, as in PyTorch
     */
    public TorchCpuGenerator(long seed) {
        mt[0] = (int) seed;
        for (int j = 1; j < N; j++) {
            int prev = mt[j - 1];
            mt[j] = 1812433253 * (prev ^ (prev >>> 30)) + j;
        }
        index = N;
    }

    /**
     * Returns the next 32 random bits of the engine ({@code at::mt19937::operator()}).
     *
     * @return the bits, as an unsigned value
     */
    public long random() {
        if (index >= N) {
            twist();
        }
        int y = mt[index++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y & 0xffffffffL;
    }

    private void twist() {
        for (int i = 0; i < N; i++) {
            int y = (mt[i] & 0x80000000) | (mt[(i + 1) % N] & 0x7fffffff);
            int next = mt[(i + M) % N] ^ (y >>> 1);
            if ((y & 1) != 0) {
                next ^= 0x9908b0df;
            }
            mt[i] = next;
        }
        index = 0;
    }

    /** {@code uniform_real_distribution<double>(0, 1)}: 53 bits of {@code random64()}. */
    private double uniformDouble() {
        long hi = random();
        long lo = random();
        long bits = (hi << 32) | lo;
        return (bits & ((1L << 53) - 1)) * 0x1p-53;
    }

    /**
     * Returns {@code torch.randn(1, generator=g).item()}: a standard normal value in float32.
     *
     * @return the value
     */
    public float randn() {
        if (hasNextNormal) {
            hasNextNormal = false;
            return (float) nextNormal;
        }
        double u1 = uniformDouble();
        double u2 = uniformDouble();
        double r = Math.sqrt(-2.0 * StrictMath.log1p(-u2));
        double theta = 2.0 * Math.PI * u1;
        nextNormal = r * CrMath.sin(theta);
        hasNextNormal = true;
        return (float) (r * CrMath.cos(theta));
    }

    /**
     * Returns {@code torch.rand(1, generator=g).item()}: a uniform value in [0, 1) in float32.
     *
     * @return the value
     */
    public float rand() {
        return (float) ((random() & ((1L << 24) - 1)) * 0x1p-24);
    }
}
