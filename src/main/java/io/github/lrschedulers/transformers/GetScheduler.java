package io.github.lrschedulers.transformers;

import io.github.lrschedulers.ArgumentException;
import io.github.lrschedulers.Arguments;
import io.github.lrschedulers.DelegatingSchedule;
import io.github.lrschedulers.Param;
import io.github.lrschedulers.Schedule;
import io.github.lrschedulers.ScheduleBuilder;
import io.github.lrschedulers.ScheduleDefinition;
import io.github.lrschedulers.internal.PyRepr;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The schedule of a {@code SchedulerType} name, as the Trainer makes it: {@code
 * get_scheduler("cosine", num_warmup_steps=100, num_training_steps=1000)} is {@code
 * get_cosine_schedule_with_warmup(num_warmup_steps=100, num_training_steps=1000)}.
 *
 * <p>As upstream dispatches: {@code constant} ignores every other argument; {@code
 * reduce_lr_on_plateau} takes only {@code scheduler_specific_kwargs}; the others need {@code
 * num_warmup_steps}; {@code constant_with_warmup} and {@code inverse_sqrt} drop {@code
 * scheduler_specific_kwargs} (transformers 4.x); {@code warmup_stable_decay} passes {@code
 * num_training_steps} even when None; the rest need it too. The keyword arguments go to the
 * function, which rejects those it does not take.
 *
 * <p>transformers equivalent: {@code transformers.get_scheduler(name, optimizer,
 * num_warmup_steps=None, num_training_steps=None, scheduler_specific_kwargs=None)}.
 */
public final class GetScheduler extends DelegatingSchedule {

    /** The scheduler types, in {@code SchedulerType}'s order, and the functions they name. */
    private static final Map<String, ScheduleDefinition<?>> TYPES = types();

    /**
     * The definition: {@code get_scheduler(name, optimizer, num_warmup_steps=None,
     * num_training_steps=None, scheduler_specific_kwargs=None)}, without the optimizer.
     */
    public static final ScheduleDefinition<GetScheduler> DEFINITION =
            ScheduleDefinition.builder(
                            GetScheduler.class, "transformers.get_scheduler", GetScheduler::new)
                    .optUpstream(LambdaSchedule.UPSTREAM, 11)
                    .optStepOrigin("as the named schedule")
                    .addRequired("name", Param.Kind.STRING, "a SchedulerType name, e.g. 'cosine'")
                    .addOptionalNone(
                            "num_warmup_steps",
                            Param.Kind.LITERAL,
                            "steps of the warmup, required by all but constant and plateau")
                    .addOptionalNone(
                            "num_training_steps",
                            Param.Kind.LITERAL,
                            "all steps, required by linear, cosine and the like")
                    .addOptionalNone(
                            "scheduler_specific_kwargs",
                            Param.Kind.DICT,
                            "further keyword arguments of the named function")
                    .optLengths("num_warmup_steps", "num_training_steps")
                    .build();

    private GetScheduler(Arguments a) {
        super(a, make(a));
    }

    private static Map<String, ScheduleDefinition<?>> types() {
        Map<String, ScheduleDefinition<?>> m = new LinkedHashMap<>();
        m.put("linear", GetLinearScheduleWithWarmup.DEFINITION);
        m.put("cosine", GetCosineScheduleWithWarmup.DEFINITION);
        m.put("cosine_with_restarts", GetCosineWithHardRestartsScheduleWithWarmup.DEFINITION);
        m.put("polynomial", GetPolynomialDecayScheduleWithWarmup.DEFINITION);
        m.put("constant", GetConstantSchedule.DEFINITION);
        m.put("constant_with_warmup", GetConstantScheduleWithWarmup.DEFINITION);
        m.put("inverse_sqrt", GetInverseSqrtSchedule.DEFINITION);
        m.put("reduce_lr_on_plateau", GetReduceOnPlateauSchedule.DEFINITION);
        m.put("cosine_with_min_lr", GetCosineWithMinLrScheduleWithWarmup.DEFINITION);
        m.put("cosine_warmup_with_min_lr", GetCosineWithMinLrScheduleWithWarmupLrRate.DEFINITION);
        m.put("warmup_stable_decay", GetWsdSchedule.DEFINITION);
        return m;
    }

    /** Upstream's {@code get_scheduler} body: the named function with the arguments it takes. */
    private static Schedule make(Arguments a) {
        String name = a.getString("name");
        ScheduleDefinition<?> target = TYPES.get(name);
        if (target == null) {
            List<String> quoted = new ArrayList<>();
            for (String t : TYPES.keySet()) {
                quoted.add(PyRepr.quote(t));
            }
            throw new ArgumentException(
                    "name",
                    DEFINITION.getName()
                            + " name must be one of "
                            + quoted
                            + " ("
                            + name
                            + " is not a valid SchedulerType), but was "
                            + PyRepr.quote(name));
        }
        if (name.equals("constant")) {
            return target.create(Map.of());
        }
        Map<String, Object> kwargs = a.getDict("scheduler_specific_kwargs");
        if (kwargs == null) {
            kwargs = Map.of();
        }
        if (name.equals("reduce_lr_on_plateau")) {
            return target.create(keywords(target, kwargs));
        }
        Object warmup = a.get("num_warmup_steps");
        String shown = "SchedulerType." + name.toUpperCase(Locale.ROOT);
        if (warmup == null) {
            throw new ArgumentException(
                    "num_warmup_steps",
                    DEFINITION.getName()
                            + " num_warmup_steps must be set for "
                            + shown
                            + " ("
                            + shown
                            + " requires `num_warmup_steps`), but was None");
        }
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("num_warmup_steps", warmup);
        if (name.equals("constant_with_warmup") || name.equals("inverse_sqrt")) {
            return target.create(args);
        }
        Object training = a.get("num_training_steps");
        if (training == null && !name.equals("warmup_stable_decay")) {
            throw new ArgumentException(
                    "num_training_steps",
                    DEFINITION.getName()
                            + " num_training_steps must be set for "
                            + shown
                            + " ("
                            + shown
                            + " requires `num_training_steps`), but was None");
        }
        args.put("num_training_steps", training);
        for (Map.Entry<String, Object> e : keywords(target, kwargs).entrySet()) {
            if (args.containsKey(e.getKey())) {
                throw kwargError(
                        target, "got multiple values for keyword argument '" + e.getKey() + "'");
            }
            args.put(e.getKey(), e.getValue());
        }
        return target.create(args);
    }

    /**
     * Checks {@code **scheduler_specific_kwargs} against the function's signature, as Python binds
     * them, and converts each value to its argument's kind.
     */
    private static Map<String, Object> keywords(
            ScheduleDefinition<?> target, Map<String, Object> kwargs) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : kwargs.entrySet()) {
            Param p = target.getParam(e.getKey());
            Object v = e.getValue();
            if (p == null) {
                throw kwargError(target, "got an unexpected keyword argument '" + e.getKey() + "'");
            }
            if (p.getKind() == Param.Kind.LAST_EPOCH) {
                if (!Objects.equals(v, -1L)) {
                    throw kwargError(target, "last_epoch must be -1, but was " + v);
                }
                continue;
            }
            out.put(e.getKey(), convert(target, p, v));
        }
        return out;
    }

    private static Object convert(ScheduleDefinition<?> target, Param p, Object v) {
        if (v == null) {
            if (p.isNoneAllowed()) {
                return null;
            }
        } else if (p.getKind() == Param.Kind.STRING) {
            if (v instanceof String) {
                return v;
            }
        } else if (p.getKind() == Param.Kind.INTEGER) {
            if (v instanceof Long) {
                return v;
            }
            if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 0x1p62) {
                return (long) (double) d;
            }
        } else if (p.getKind() == Param.Kind.LITERAL) {
            if (v instanceof Number || v instanceof Boolean) {
                return v;
            }
        } else if (p.getKind() == Param.Kind.NUMBER) {
            if (v instanceof Number n) {
                return n.doubleValue();
            }
            if (v instanceof Boolean b) {
                return b ? 1.0 : 0.0;
            }
        } else if (p.getKind() == Param.Kind.NUMBERS_PER_GROUP) {
            if (v instanceof Number n) {
                return n.doubleValue();
            }
            if (v instanceof List<?> list && list.stream().allMatch(o -> o instanceof Number)) {
                return list.stream().map(o -> ((Number) o).doubleValue()).toList();
            }
        }
        String expected = p.getKind().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        throw kwargError(
                target,
                "argument '" + p.getName() + "' must be of kind " + expected + ", but was " + v);
    }

    private static ArgumentException kwargError(ScheduleDefinition<?> target, String message) {
        String function = target.getName().substring("transformers.".length());
        return new ArgumentException(
                "scheduler_specific_kwargs",
                DEFINITION.getName() + " scheduler_specific_kwargs: " + function + "() " + message);
    }

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** The builder of {@link GetScheduler}. */
    public static final class Builder extends ScheduleBuilder<GetScheduler, Builder> {

        private Builder() {
            super(DEFINITION);
        }

        /**
         * Sets the {@code SchedulerType} name, e.g. {@code "cosine"}. Required.
         *
         * @param name the name
         * @return this builder
         */
        public Builder setName(String name) {
            return set("name", name);
        }

        /**
         * Sets the number of warmup steps, which every type but {@code constant} and {@code
         * reduce_lr_on_plateau} needs. Default: None (transformers default).
         *
         * @param numWarmupSteps the steps
         * @return this builder
         */
        public Builder optNumWarmupSteps(long numWarmupSteps) {
            return set("num_warmup_steps", numWarmupSteps);
        }

        /**
         * Sets the number of warmup steps, which every type but {@code constant} and {@code
         * reduce_lr_on_plateau} needs. Default: None (transformers default).
         *
         * <p>A float count, e.g. {@code 0.5}, is computed as upstream computes it.
         *
         * @param numWarmupSteps the steps
         * @return this builder
         */
        public Builder optNumWarmupSteps(double numWarmupSteps) {
            return set("num_warmup_steps", numWarmupSteps);
        }

        /**
         * Sets the number of training steps, which the decaying types need. Default: None
         * (transformers default).
         *
         * @param numTrainingSteps the steps
         * @return this builder
         */
        public Builder optNumTrainingSteps(long numTrainingSteps) {
            return set("num_training_steps", numTrainingSteps);
        }

        /**
         * Sets the number of training steps, which the decaying types need. Default: None
         * (transformers default).
         *
         * <p>A float count, e.g. {@code 0.5}, is computed as upstream computes it.
         *
         * @param numTrainingSteps the steps
         * @return this builder
         */
        public Builder optNumTrainingSteps(double numTrainingSteps) {
            return set("num_training_steps", numTrainingSteps);
        }

        /**
         * Sets further keyword arguments of the named function, e.g. {@code Map.of("num_cycles",
         * 1.5)}: values are {@code Long} (a Python int), {@code Double}, {@code Boolean}, {@code
         * String}, {@code null} or lists of these. Default: None (transformers default).
         *
         * @param schedulerSpecificKwargs the keyword arguments by name
         * @return this builder
         */
        public Builder optSchedulerSpecificKwargs(Map<String, ?> schedulerSpecificKwargs) {
            return set(
                    "scheduler_specific_kwargs",
                    new LinkedHashMap<>(
                            Objects.requireNonNull(
                                    schedulerSpecificKwargs, "schedulerSpecificKwargs")));
        }
    }
}
