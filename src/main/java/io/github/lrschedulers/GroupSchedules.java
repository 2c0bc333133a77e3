package io.github.lrschedulers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Gives each parameter group its own schedule, of any family, or a fixed rate, as MindSpore's group
 * parameters do ({@code nn.Momentum([{'params': conv, 'lr': nn.cosine_decay_lr(...)}, {'params':
 * bn, 'lr': 1e-4}, ...])}).
 *
 * <p>Entry {@code g} of {@code schedules} drives group {@code g}: a schedule runs alone on a
 * one-group optimizer whose rate is group {@code g}'s base rate (a schedule with its own start
 * rate, such as a MindSpore list, ignores it), and every step of this schedule steps each of them
 * once; a number is that group's rate at every update. Group {@code g}'s rates are then those of
 * its entry run alone ({@link LrCurve}). When every entry is a number or carries its own start
 * rate, a tracker needs no base rates. Groups are assigned by parameter name, as for any schedule
 * ({@link ParameterGroups}).
 *
 * <p>The schedule is read at the update counter when every schedule among the entries is (fixed
 * rates count as such); with a PyTorch schedule among them, all are stepped PyTorch's way (with
 * {@code stepsPerEpoch} 1, that gives a counter-read entry its own rates, and one step after the
 * last update). It must be the tracker's schedule, not a child of a composition. Spec form, in this
 * library's namespace: {@code
 * lrschedulers.GroupSchedules(schedules=[mindspore.nn.cosine_decay_lr(0.0, 0.1, 100, 10, 10),
 * 0.0001, 0.001])}.
 */
public final class GroupSchedules extends Schedule {

    private static final String NAME = "lrschedulers.GroupSchedules";

    /**
     * The definition: {@code lrschedulers.GroupSchedules(schedules)}, one entry per parameter
     * group.
     */
    public static final ScheduleDefinition<GroupSchedules> DEFINITION =
            ScheduleDefinition.builder(GroupSchedules.class, NAME, GroupSchedules::new)
                    .optUpstream("lrschedulers", 0)
                    .optStepOrigin("each entry's")
                    .optDtype("each entry's")
                    .addRequired(
                            "schedules",
                            Param.Kind.SCHEDULES_OR_NUMBERS,
                            "one entry per parameter group: a schedule, or a fixed rate >= 0")
                    .build();

    private final List<Object> entries;

    private GroupSchedules(Arguments a) {
        super(a);
        this.entries = a.getList("schedules", Object.class);
        Checks.argument(
                !entries.isEmpty(),
                "%s schedules must hold one entry per parameter group, but was empty",
                NAME);
        List<Schedule> children = new ArrayList<>();
        for (int g = 0; g < entries.size(); g++) {
            Object e = entries.get(g);
            if (e instanceof Schedule s) {
                Optional<List<Double>> own = s.getOwnStartRates();
                Checks.argument(
                        own.isEmpty() || own.get().size() == 1,
                        "%s schedules[%d] runs on one parameter group, but it sets %d start rates:"
                                + " %s",
                        NAME,
                        g,
                        own.map(List::size).orElse(0),
                        s);
                children.add(s);
            } else {
                Checks.argument(
                        e instanceof Double d && d >= 0 && !d.isInfinite(),
                        "%s schedules[%d] must be a schedule or a finite number >= 0, but was %s",
                        NAME,
                        g,
                        e instanceof Double d ? Checks.num(d) : e);
            }
        }
        Checks.nesting(NAME, children);
    }

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the entries, one per parameter group: a {@link Schedule}, or a {@code Double} for a
     * fixed rate.
     *
     * @return the entries
     */
    public List<Object> getSchedules() {
        return entries;
    }

    /** {@inheritDoc} */
    @Override
    public Optional<List<Double>> getOwnStartRates() {
        List<Double> out = new ArrayList<>();
        for (Object e : entries) {
            if (e instanceof Schedule s) {
                Optional<List<Double>> own = s.getOwnStartRates();
                if (own.isEmpty()) {
                    return Optional.empty();
                }
                out.add(own.get().get(0));
            } else {
                out.add((Double) e);
            }
        }
        return Optional.of(Collections.unmodifiableList(out));
    }

    /** {@inheritDoc} */
    @Override
    public boolean isReadAtUpdateCounter() {
        return children().stream().allMatch(Schedule::isReadAtUpdateCounter);
    }

    /** {@inheritDoc} */
    @Override
    public OptionalLong getStepLimit() {
        return children().stream()
                .map(Schedule::getStepLimit)
                .filter(OptionalLong::isPresent)
                .mapToLong(OptionalLong::getAsLong)
                .min();
    }

    /** {@inheritDoc} */
    @Override
    public boolean usesMetrics() {
        return children().stream().anyMatch(Schedule::usesMetrics);
    }

    /** {@inheritDoc} */
    @Override
    public boolean cyclesMomentum() {
        return children().stream().anyMatch(Schedule::cyclesMomentum);
    }

    private List<Schedule> children() {
        List<Schedule> out = new ArrayList<>();
        for (Object e : entries) {
            if (e instanceof Schedule s) {
                out.add(s);
            }
        }
        return out;
    }

    @Override
    Live instantiate(Sim sim) {
        Checks.argument(
                sim.schedule == this,
                "%s must be the tracker's schedule, not a child of %s",
                NAME,
                sim.schedule.getPyTorchName());
        Checks.argument(
                sim.groups == entries.size(),
                "%s schedules must hold one entry per parameter group, but has %d entries for %d"
                        + " groups",
                NAME,
                entries.size(),
                sim.groups);
        return new GroupLive(sim);
    }

    /**
     * Runs each entry on its own one-group optimizer and copies its rate and momentum to its group.
     */
    private final class GroupLive extends Live {

        /** The simulation of each group's schedule; null for a fixed rate. */
        private final Sim[] kids;

        GroupLive(Sim sim) {
            super(sim);
            kids = new Sim[sim.groups];
            for (int g = 0; g < kids.length; g++) {
                if (entries.get(g) instanceof Schedule s) {
                    kids[g] =
                            new Sim(
                                    s,
                                    new double[] {sim.lr[g]},
                                    sim.momentum[g],
                                    i -> sim.currentMetric());
                } else {
                    sim.lr[g] = (Double) entries.get(g);
                }
            }
            copyRates();
        }

        @Override
        void step() {
            for (Sim kid : kids) {
                if (kid != null) {
                    kid.step();
                }
            }
            copyRates();
        }

        @Override
        boolean jump(long k) {
            if (usesMetrics()) {
                return false; // a plateau entry reads the metric of the step being taken
            }
            for (Sim kid : kids) {
                if (kid != null) {
                    kid.advanceTo((int) Math.min(Integer.MAX_VALUE, kid.steps() + k));
                }
            }
            copyRates();
            return true;
        }

        private void copyRates() {
            for (int g = 0; g < kids.length; g++) {
                if (kids[g] != null) {
                    sim.lr[g] = kids[g].lr[0];
                    sim.momentum[g] = kids[g].momentum[0];
                }
            }
        }

        @Override
        void getLr(double[] out) {
            throw notImplemented();
        }

        @Override
        void reasons(int group, List<LrReason> out) {
            if (kids[group] != null) {
                kids[group].reasons(0, out);
            }
        }

        @Override
        void describe(String prefix, Map<String, String> out) {
            for (int g = 0; g < kids.length; g++) {
                if (kids[g] != null) {
                    for (Map.Entry<String, String> e : kids[g].describe().entrySet()) {
                        out.put(prefix + "schedules[" + g + "]." + e.getKey(), e.getValue());
                    }
                }
            }
        }
    }

    /** The builder of {@link GroupSchedules}: one entry per parameter group, in group order. */
    public static final class Builder extends ScheduleBuilder<GroupSchedules, Builder> {

        private final List<Object> entries = new ArrayList<>();

        private Builder() {
            super(DEFINITION);
        }

        /**
         * Sets the entries, one per parameter group: a {@link Schedule}, or a number for a fixed
         * rate. Required (or use {@link #addSchedule(Schedule)} and {@link #addFixed(double)}).
         *
         * @param schedules the entries, in group order
         * @return this builder
         * @throws IllegalArgumentException if an entry is neither a schedule nor a number
         */
        public Builder setSchedules(Object... schedules) {
            entries.clear();
            for (Object o : schedules) {
                if (o instanceof Number n) {
                    addFixed(n.doubleValue());
                } else {
                    Checks.argument(
                            o instanceof Schedule,
                            "%s schedules[%d] must be a schedule or a number, but was %s",
                            NAME,
                            entries.size(),
                            o);
                    addSchedule((Schedule) o);
                }
            }
            return set("schedules", List.copyOf(entries));
        }

        /**
         * Appends the schedule of the next parameter group.
         *
         * @param schedule the schedule
         * @return this builder
         */
        public Builder addSchedule(Schedule schedule) {
            entries.add(Objects.requireNonNull(schedule, "schedule"));
            return set("schedules", List.copyOf(entries));
        }

        /**
         * Appends a fixed rate for the next parameter group.
         *
         * @param rate the rate, finite and >= 0
         * @return this builder
         */
        public Builder addFixed(double rate) {
            entries.add(rate);
            return set("schedules", List.copyOf(entries));
        }
    }
}
