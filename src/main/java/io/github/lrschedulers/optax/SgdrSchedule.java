package io.github.lrschedulers.optax;

import io.github.lrschedulers.ArgumentException;
import io.github.lrschedulers.Arguments;
import io.github.lrschedulers.LrReason;
import io.github.lrschedulers.Param;
import io.github.lrschedulers.ScheduleBuilder;
import io.github.lrschedulers.ScheduleDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SGD with warm restarts: {@link WarmupCosineDecaySchedule} cycles one after the other, each
 * lasting its {@code decay_steps} with its count restarting at 0; the last one's end value stays.
 *
 * <p>optax equivalent: {@code optax.sgdr_schedule}:
 *
 * <pre>{@code
 * join_schedules([warmup_cosine_decay_schedule(**kwargs) for kwargs in cosine_kwargs],
 *                cumulative decay_steps without the last)
 * }</pre>
 *
 * <p>Each dict takes the arguments of {@code warmup_cosine_decay_schedule} by name, with its rules
 * and defaults, e.g. {@code [dict(init_value=0.0, peak_value=0.1, warmup_steps=5, decay_steps=50),
 * {'init_value': 0.0, 'peak_value': 0.05, 'warmup_steps': 5, 'decay_steps': 100}]}.
 *
 * @see <a href="https://optax.readthedocs.io/en/latest/api/optimizer_schedules.html">optax
 *     schedules</a>
 */
public final class SgdrSchedule extends OptaxSchedule {

    /** The definition: {@code sgdr_schedule(cosine_kwargs)}. */
    public static final ScheduleDefinition<SgdrSchedule> DEFINITION =
            ScheduleDefinition.builder(
                            SgdrSchedule.class, OPTAX + ".sgdr_schedule", SgdrSchedule::new)
                    .optUpstream(OPTAX, 14)
                    .optStepOrigin(STEP_ORIGIN)
                    .optDtype("float32")
                    .addRequired(
                            "cosine_kwargs",
                            Param.Kind.DICTS,
                            "the warmup_cosine_decay_schedule arguments of each cycle (at least"
                                    + " one)")
                    .build();

    private static final String NAME = "sgdr_schedule";

    private final List<WarmupCosineDecaySchedule> cycles = new ArrayList<>();
    private final double[] boundaries;

    private SgdrSchedule(Arguments a) {
        super(a);
        List<Map<String, Object>> kwargs = cosineKwargs(a);
        if (kwargs.isEmpty()) {
            throw new ArgumentException(
                    "cosine_kwargs",
                    NAME
                            + " cosine_kwargs must not be empty (optax's join_schedules indexes"
                            + " schedules[0]), but was []");
        }
        boundaries = new double[kwargs.size() - 1];
        double step = 0;
        for (int i = 0; i < kwargs.size(); i++) {
            WarmupCosineDecaySchedule cycle;
            try {
                cycle = WarmupCosineDecaySchedule.DEFINITION.create(bind(kwargs.get(i)));
            } catch (IllegalArgumentException e) {
                throw new ArgumentException(
                        "cosine_kwargs", NAME + " cosine_kwargs[" + i + "]: " + e.getMessage());
            }
            cycles.add(cycle);
            Object steps = cycle.getArguments().get("decay_steps");
            step += steps instanceof Boolean b ? (b ? 1 : 0) : ((Number) steps).doubleValue();
            if (i < boundaries.length) {
                boundaries[i] = step;
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> cosineKwargs(Arguments a) {
        return (List<Map<String, Object>>) a.get("cosine_kwargs");
    }

    /**
     * Converts a dict's Python values to the Java types of warmup_cosine_decay_schedule's params,
     * as the spec binder does for a call.
     */
    private static Map<String, Object> bind(Map<String, Object> kwargs) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : kwargs.entrySet()) {
            Param p = WarmupCosineDecaySchedule.DEFINITION.getParam(e.getKey());
            Object v = e.getValue();
            if (p != null && p.getKind() == Param.Kind.NUMBER) {
                v = number(p, v);
            } else if (p != null && p.getKind() == Param.Kind.INTEGER) {
                v = integer(p, v);
            } else if (v instanceof Integer i) {
                v = (long) i;
            }
            out.put(e.getKey(), v);
        }
        return out;
    }

    private static double number(Param p, Object v) {
        if (v instanceof Boolean b) {
            return b ? 1.0 : 0.0;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException(p + " must be a number, but was " + v);
    }

    private static long integer(Param p, Object v) {
        if (v instanceof Long || v instanceof Integer) {
            return ((Number) v).longValue();
        }
        if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 0x1p62) {
            return d.longValue();
        }
        throw new IllegalArgumentException(p + " must be an integer, but was " + v);
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
    float value(double count) {
        float out = cycles.get(0).value(count);
        for (int i = 0; i < boundaries.length; i++) {
            if (count >= boundaries[i]) {
                out = cycles.get(i + 1).value(count - boundaries[i]);
            }
        }
        return out;
    }

    /** {@inheritDoc} A cycle restarted at its boundary, or its warmup ended. */
    @Override
    protected Optional<LrReason> getReason(long lastEpoch, int group) {
        double start = 0;
        int cycle = 0;
        for (int i = 0; i < boundaries.length; i++) {
            if (lastEpoch >= boundaries[i]) {
                start = boundaries[i];
                cycle = i + 1;
            }
        }
        if (cycle > 0 && lastEpoch - 1 < start) {
            return Optional.of(
                    LrReason.of(
                                    LrReason.Kind.RESTART,
                                    "cycle "
                                            + (cycle + 1)
                                            + " restarted at count "
                                            + countText(start))
                            .with("cycle", cycle + 1L));
        }
        double into = lastEpoch - start;
        return into == Math.rint(into)
                ? cycles.get(cycle).getReason((long) into, group)
                : Optional.empty();
    }

    /** The builder of {@link SgdrSchedule}. */
    public static final class Builder extends ScheduleBuilder<SgdrSchedule, Builder> {

        private Builder() {
            super(DEFINITION);
        }

        /**
         * Sets the cycles: each a dict of {@link WarmupCosineDecaySchedule}'s arguments by optax's
         * names (an {@code Integer} is a Python int, as a {@code Long}) ({@code init_value}, {@code
         * peak_value}, {@code warmup_steps}, {@code decay_steps}, {@code end_value}, {@code
         * exponent}).
         *
         * @param cosineKwargs the arguments of each cycle, in order
         * @return this builder
         */
        @SafeVarargs
        public final Builder setCosineKwargs(Map<String, ?>... cosineKwargs) {
            List<Map<String, ?>> list = new ArrayList<>();
            for (Map<String, ?> m : cosineKwargs) {
                Map<String, Object> kwargs = new LinkedHashMap<>();
                m.forEach((k, v) -> kwargs.put(k, v instanceof Integer i ? (Object) (long) i : v));
                list.add(kwargs);
            }
            return set("cosine_kwargs", list);
        }
    }
}
