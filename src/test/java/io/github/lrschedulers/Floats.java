package io.github.lrschedulers;

/** Float comparison in units in the last place. */
final class Floats {

    private Floats() {}

    /** Returns how many floats lie between a and b (0 if equal, both NaN, or +0 and -0). */
    static int ulpDistance(float a, float b) {
        if (Float.isNaN(a) || Float.isNaN(b)) {
            return Float.isNaN(a) && Float.isNaN(b) ? 0 : Integer.MAX_VALUE;
        }
        if (a == b) {
            return 0;
        }
        long ia = ordered(a);
        long ib = ordered(b);
        return (int) Math.min(Integer.MAX_VALUE, Math.abs(ia - ib));
    }

    private static long ordered(float f) {
        int bits = Float.floatToRawIntBits(f);
        return bits < 0 ? -(long) (bits & 0x7FFFFFFF) : bits;
    }
}
