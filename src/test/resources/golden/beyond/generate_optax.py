#!/usr/bin/env python3
"""Generate optax.jsonl: golden curves of optax 0.2.8's schedules, from the float32 model
optax_f32.py in --mode cr (correctly rounded float32 cos/pow, what the Java port computes), with
"xla" added to each line: the same model in --mode xla (glibc's cosf/powf and flush-to-zero, which
OPTAX-SWALR.md found identical to the real optax on CPU on 71 430 values).

    python3 src/test/resources/golden/beyond/generate_optax.py [--oracle ../shared/oracle/beyond]

Fixed cases (defaults, every argument, the traps of OPTAX-SWALR.md: int vs float exponents, the
Python-double constants, degenerate arguments, 1-3 parameter groups, rejected configurations) and
seeded random ones per schedule. Each line: {"name", "spec", "steps", "lr", "metrics",
"steps_per_epoch", "expected": {"lr": [...]} or {"error": "..."}, "xla": the same in --mode xla};
update k = 1 (the first row) evaluates count 0. Options: --out FILE, --seed N, --per-schedule N,
--oracle DIR (default ../shared/oracle/beyond from the repository's root).
"""
import argparse
import json
import os
import random
import subprocess
import sys

O = "optax."

FIXED = [
    # cosine_decay_schedule
    (O + "cosine_decay_schedule(0.1, 100)", 120, "0.1"),
    (O + "cosine_decay_schedule(init_value=0.5, decay_steps=50, alpha=0.1, exponent=2.0)", 60,
     "0.1,0.2"),
    (O + "cosine_decay_schedule(0.5, 50, 0.1, 2)", 60, "0.1"),  # int exponent: integer_pow
    (O + "cosine_decay_schedule(0.3, 37, exponent=3)", 40, "0.1"),
    (O + "cosine_decay_schedule(0.3, 37, exponent=3.0)", 40, "0.1"),
    (O + "cosine_decay_schedule(0.3, 37, exponent=0.5)", 40, "0.1,0.2,0.3"),
    (O + "cosine_decay_schedule(1, 10, exponent=True)", 12, "0.1"),
    (O + "cosine_decay_schedule(0.3, 20, alpha=1.5)", 22, "0.1"),
    (O + "cosine_decay_schedule(0.1, 1)", 3, "0.1"),
    (O + "cosine_decay_schedule(0.1, 0)", 3, "0.1"),  # ValueError
    (O + "cosine_decay_schedule(0.1, -4)", 3, "0.1"),
    # exponential_decay
    (O + "exponential_decay(0.1, 10, 0.5)", 40, "0.1"),
    (O + "exponential_decay(init_value=0.1, transition_steps=10, decay_rate=0.5,"
     " transition_begin=5, staircase=True, end_value=0.01)", 60, "0.1,0.02"),
    (O + "exponential_decay(0.1, 3, 1.1, end_value=0.2)", 40, "0.1"),  # upper bound
    (O + "exponential_decay(0.1, 3, 1.0, end_value=0.05)", 5, "0.1"),  # rate 1: min from count 0
    (O + "exponential_decay(0.1, 3, 0.9, end_value=0.5)", 5, "0.1"),  # bound above init
    (O + "exponential_decay(0.1, 0, 0.5)", 5, "0.1"),  # constant
    (O + "exponential_decay(0.1, -3, 0.5)", 5, "0.1"),
    (O + "exponential_decay(0.1, 4, 0)", 5, "0.1"),  # rate 0: constant
    (O + "exponential_decay(0.1, 4, 0.5, transition_begin=-3)", 10, "0.1"),
    (O + "exponential_decay(0.1, 7, 0.3, 2, True)", 40, "0.1"),
    (O + "exponential_decay(0.1, 1, 0.5)", 200, "0.1"),  # into the subnormals
    # warmup_cosine_decay_schedule
    (O + "warmup_cosine_decay_schedule(0.0, 0.1, 10, 100)", 120, "0.1"),
    (O + "warmup_cosine_decay_schedule(init_value=0.01, peak_value=0.0117, warmup_steps=5,"
     " decay_steps=40, end_value=0.000727, exponent=1.0)", 50, "0.1,0.2"),
    (O + "warmup_cosine_decay_schedule(0.0, 1.0, 5, 30, 0.1, 2)", 35, "0.1"),
    (O + "warmup_cosine_decay_schedule(0.0, 1.0, 5, 30, 0.1, 2.0)", 35, "0.1"),
    (O + "warmup_cosine_decay_schedule(0.2, 0.5, 0, 20, 0.05)", 25, "0.1"),  # no warmup
    (O + "warmup_cosine_decay_schedule(0.2, 0.0, 4, 20, 0.05)", 25, "0.1"),  # peak 0: alpha 0
    (O + "warmup_cosine_decay_schedule(0.1, 0.5, -3, 20)", 25, "0.1"),  # negative warmup
    (O + "warmup_cosine_decay_schedule(0.1, 0.5, 10, 10)", 3, "0.1"),  # ValueError
    (O + "warmup_cosine_decay_schedule(0.1, 0.5, 10, 5)", 3, "0.1"),
    # warmup_exponential_decay_schedule
    (O + "warmup_exponential_decay_schedule(0.0, 0.1, 10, 5, 0.5)", 60, "0.1"),
    (O + "warmup_exponential_decay_schedule(init_value=0.01, peak_value=0.2, warmup_steps=7,"
     " transition_steps=4, decay_rate=0.8, transition_begin=3, staircase=True,"
     " end_value=0.05)", 50, "0.1,0.2,0.3"),
    (O + "warmup_exponential_decay_schedule(0.01, 0.2, 0, 4, 1.2, end_value=0.5)", 30, "0.1"),
    (O + "warmup_exponential_decay_schedule(0.01, 0.2, 5, 0, 0.5)", 10, "0.1"),  # constant decay
    (O + "warmup_exponential_decay_schedule(0.01, 0.2, 5, 3, 0)", 10, "0.1"),
    # polynomial_schedule
    (O + "polynomial_schedule(0.1, 0.001, 1, 50)", 60, "0.1"),
    (O + "polynomial_schedule(init_value=0.5, end_value=0.01, power=2.0, transition_steps=40,"
     " transition_begin=10)", 60, "0.1,0.2"),
    (O + "polynomial_schedule(0.5, 0.01, 3, 40)", 45, "0.1"),  # int: (x*x)*x
    (O + "polynomial_schedule(0.5, 0.01, 3.0, 40)", 45, "0.1"),  # float: powf
    (O + "polynomial_schedule(0.5, 0.01, 5, 40)", 45, "0.1,0.2,0.3"),
    (O + "polynomial_schedule(0.924, 0.0104, power=0.5, transition_steps=57)", 70, "0.1"),
    (O + "polynomial_schedule(0.1, 0.9, 2, 20)", 25, "0.1"),  # rising
    (O + "polynomial_schedule(0.1, 0.001, 1, 0)", 5, "0.1"),  # constant
    (O + "polynomial_schedule(0.1, 0.001, 1, -2)", 5, "0.1"),
    (O + "polynomial_schedule(0.1, 0.001, 2, 10, -5)", 15, "0.1"),  # negative begin: 0
    (O + "polynomial_schedule(0.1, 0.001, 0, 10)", 12, "0.1"),  # x ** 0 = 1
    (O + "polynomial_schedule(0.1, 0.001, True, 10)", 12, "0.1"),
    # join_schedules
    (O + "join_schedules(schedules=[optax.polynomial_schedule(0.0, 0.1, 1, 10),"
     " optax.cosine_decay_schedule(0.1, 90)], boundaries=[10])", 110, "0.1"),
    (O + "join_schedules([optax.exponential_decay(0.1, 5, 0.5), optax.polynomial_schedule(0.2,"
     " 0.01, 2, 20), optax.cosine_decay_schedule(0.05, 10, exponent=3)], [15, 40])", 60,
     "0.1,0.2"),
    (O + "join_schedules([optax.cosine_decay_schedule(0.1, 10)], [])", 12, "0.1"),
    (O + "join_schedules([optax.cosine_decay_schedule(0.1, 10),"
     " optax.exponential_decay(0.3, 2, 0.9)], [5, 8, 12])", 20, "0.1"),  # extra boundary
    (O + "join_schedules([optax.cosine_decay_schedule(0.1, 10),"
     " optax.exponential_decay(0.3, 2, 0.9), optax.polynomial_schedule(0.2, 0.0, 1, 5)],"
     " [12, 4])", 20, "0.1"),  # decreasing: the later one overrides
    (O + "join_schedules([], [])", 3, "0.1"),  # IndexError at the first count
    (O + "join_schedules([optax.warmup_cosine_decay_schedule(0.0, 0.1, 5, 30),"
     " optax.warmup_exponential_decay_schedule(0.0, 0.05, 3, 4, 0.7)], [30, 50])", 60, "0.1"),
    # piecewise_constant_schedule: at the boundary (not after), scales accumulate
    (O + "piecewise_constant_schedule(0.1)", 5, "0.1"),
    (O + "piecewise_constant_schedule(0.1, None)", 5, "0.1"),
    (O + "piecewise_constant_schedule(0.1, {})", 5, "0.1"),
    (O + "piecewise_constant_schedule(init_value=0.1, boundaries_and_scales={10: 0.5, 20: 0.1})",
     30, "0.1,0.2"),
    (O + "piecewise_constant_schedule(0.3, {20: 0.1, 5: 0.5, 12: 2})", 30, "0.1"),  # unsorted
    (O + "piecewise_constant_schedule(0.3, {0: 0.5, 3: 0.0, 6: 4.0})", 10, "0.1,0.2,0.3"),
    (O + "piecewise_constant_schedule(0.3, {-4: 0.5, 3: 0.7})", 6, "0.1"),  # negative boundary
    (O + "piecewise_constant_schedule(0.3, {3: 0.5, 3: 0.2})", 6, "0.1"),  # repeated key
    (O + "piecewise_constant_schedule(1, {2: 3, 4: 1.1})", 6, "0.1"),
    (O + "piecewise_constant_schedule(0.1, {5: 1e30, 10: 1e30})", 12, "0.1"),  # overflow to inf
    (O + "piecewise_constant_schedule(0.1, {5: -0.5})", 3, "0.1"),  # ValueError
    # piecewise_interpolate_schedule: linear or cosine between accumulated values
    (O + "piecewise_interpolate_schedule('linear', 1.0, {4: 0.1, 8: 0.01})", 12, "0.1"),
    (O + "piecewise_interpolate_schedule(interpolate_type='cosine', init_value=0.5,"
     " boundaries_and_scales={10: 0.2, 25: 3.0, 40: 0.01})", 50, "0.1,0.2"),
    (O + "piecewise_interpolate_schedule('cosine', 0.5)", 5, "0.1"),
    (O + "piecewise_interpolate_schedule('linear', 0.5, None)", 5, "0.1"),
    (O + "piecewise_interpolate_schedule('linear', 0.5, {})", 5, "0.1"),
    (O + "piecewise_interpolate_schedule('linear', 0.3, {0: 2.0, 1: 0.5, 7: 0.1})", 10, "0.1"),
    (O + "piecewise_interpolate_schedule('cosine', 0.3, {-3: 2.0, 6: 0.5})", 10, "0.1"),
    (O + "piecewise_interpolate_schedule('cosine', 0.3, {30: 0.5, 6: 0.0, 15: 7.0})", 35,
     "0.1,0.2,0.3"),
    (O + "piecewise_interpolate_schedule('linear', 1, {5: 2, 9: 3})", 12, "0.1"),
    (O + "piecewise_interpolate_schedule('quadratic', 0.1, {5: 0.5})", 3, "0.1"),  # ValueError
    (O + "piecewise_interpolate_schedule('linear', 0.1, {5: -0.5})", 3, "0.1"),
    # linear_onecycle_schedule
    (O + "linear_onecycle_schedule(100, 0.1)", 110, "0.1"),
    (O + "linear_onecycle_schedule(transition_steps=60, peak_value=0.5, pct_start=0.2,"
     " pct_final=0.7, div_factor=10.0, final_div_factor=100.0)", 70, "0.1,0.2"),
    (O + "linear_onecycle_schedule(100, 0.1, pct_start=0.29)", 40, "0.1"),  # int(28.999...) = 28
    (O + "linear_onecycle_schedule(50, 0.1, pct_final=1.0)", 55, "0.1"),  # collision at 50
    (O + "linear_onecycle_schedule(50, 0.1, pct_start=0.5, pct_final=0.5)", 55, "0.1"),
    (O + "linear_onecycle_schedule(40, 0.1, pct_start=0.0)", 45, "0.1"),
    (O + "linear_onecycle_schedule(40, 0.1, div_factor=3, final_div_factor=7)", 45, "0.1"),
    (O + "linear_onecycle_schedule(40, 0.1, final_div_factor=0.5)", 45, "0.1"),  # rising end
    (O + "linear_onecycle_schedule(0, 0.1)", 3, "0.1"),  # ValueError
    (O + "linear_onecycle_schedule(-5, 0.1)", 3, "0.1"),
    (O + "linear_onecycle_schedule(10, 0.1, div_factor=0.0)", 3, "0.1"),  # ZeroDivisionError
    (O + "linear_onecycle_schedule(10, 0.1, final_div_factor=0)", 3, "0.1"),
    (O + "linear_onecycle_schedule(10, 0.1, div_factor=-2.0)", 3, "0.1"),  # negative scale
    # cosine_onecycle_schedule
    (O + "cosine_onecycle_schedule(100, 0.1)", 110, "0.1"),
    (O + "cosine_onecycle_schedule(transition_steps=60, peak_value=0.5, pct_start=0.25,"
     " div_factor=10.0, final_div_factor=100.0)", 70, "0.1,0.2,0.3"),
    (O + "cosine_onecycle_schedule(37, 0.2, pct_start=0.29)", 40, "0.1"),
    (O + "cosine_onecycle_schedule(30, 0.2, pct_start=1.0)", 35, "0.1"),  # never reaches the peak
    (O + "cosine_onecycle_schedule(30, 0.2, pct_start=0.0)", 35, "0.1"),
    (O + "cosine_onecycle_schedule(30, 0.2, div_factor=4, final_div_factor=2)", 35, "0.1"),
    (O + "cosine_onecycle_schedule(0, 0.1)", 3, "0.1"),  # ValueError
    (O + "cosine_onecycle_schedule(10, 0.1, div_factor=0)", 3, "0.1"),  # ZeroDivisionError
    (O + "cosine_onecycle_schedule(10, 0.1, final_div_factor=0.0)", 3, "0.1"),
    (O + "cosine_onecycle_schedule(10, 0.1, final_div_factor=-1.0)", 3, "0.1"),
    # sgdr_schedule: warmup_cosine_decay cycles joined at the cumulative decay_steps
    (O + "sgdr_schedule([{'init_value': 0.0, 'peak_value': 0.1, 'warmup_steps': 5,"
     " 'decay_steps': 30}])", 40, "0.1"),
    (O + "sgdr_schedule(cosine_kwargs=[{'init_value': 0.0, 'peak_value': 0.1, 'warmup_steps': 5,"
     " 'decay_steps': 30, 'end_value': 0.001, 'exponent': 2},"
     " {'init_value': 0.01, 'peak_value': 0.05, 'warmup_steps': 0, 'decay_steps': 20},"
     " {'init_value': 0.0, 'peak_value': 0.02, 'warmup_steps': 3, 'decay_steps': 15,"
     " 'end_value': 0.0005, 'exponent': 0.5}])", 80, "0.1,0.2"),
    (O + "sgdr_schedule([{\"decay_steps\": 10, \"warmup_steps\": 2, \"peak_value\": 0.3,"
     " \"init_value\": 0.1}, {\"init_value\": 0.1, \"peak_value\": 0.2, \"warmup_steps\": 2,"
     " \"decay_steps\": 10}])", 30, "0.1"),
    (O + "sgdr_schedule([])", 3, "0.1"),  # IndexError at the first count
    (O + "sgdr_schedule([{'init_value': 0.0, 'peak_value': 0.1, 'warmup_steps': 10,"
     " 'decay_steps': 10}])", 3, "0.1"),  # ValueError
    (O + "sgdr_schedule([{'init_value': 0.0, 'peak_value': 0.1, 'warmup_steps': 1}])", 3,
     "0.1"),  # TypeError: decay_steps missing
    (O + "sgdr_schedule([{'init_value': 0.0, 'peak_value': 0.1, 'warmup_steps': 1,"
     " 'decay_steps': 10, 'alpha': 0.1}])", 3, "0.1"),  # TypeError: unknown argument
]

# fractional counts: optax never checks the type; Python arithmetic on the float, then float32
# (after the random cases, so that the earlier lines stay as they were)
FRACTIONAL = [
    (O + "polynomial_schedule(0.1, 0.001, 2, 750.25)", 40, "0.1"),
    (O + "polynomial_schedule(0.1, 0.001, 1.5, 10.5, transition_begin=2.25)", 16, "0.1,0.2"),
    (O + "polynomial_schedule(0.1, 0.001, 1, 0.5)", 4, "0.1"),
    (O + "polynomial_schedule(0.1, 0.001, 1, -0.5)", 4, "0.1"),  # <= 0: constant
    (O + "polynomial_schedule(0.1, 0.0, 1, 7.0, transition_begin=-1.5)", 10, "0.1"),
    (O + "exponential_decay(0.1, 2.5, 0.5)", 20, "0.1"),
    (O + "exponential_decay(0.1, 3.3, 0.7, transition_begin=1.5, staircase=True, end_value=0.02)", 30, "0.1"),
    (O + "exponential_decay(0.1, 0.1, 0.5)", 8, "0.1"),
    (O + "cosine_decay_schedule(0.1, 10.5)", 14, "0.1"),
    (O + "cosine_decay_schedule(0.1, 0.75, alpha=0.1, exponent=2)", 4, "0.1"),
    (O + "cosine_decay_schedule(0.1, 0.0)", 3, "0.1"),  # ValueError
    (O + "warmup_cosine_decay_schedule(0.0, 0.1, 2.5, 20.25)", 24, "0.1,0.2"),
    (O + "warmup_cosine_decay_schedule(0.0, 0.1, 0.5, 10, end_value=0.001, exponent=1.5)", 12, "0.1"),
    (O + "warmup_cosine_decay_schedule(0.0, 0.1, 3.5, 3.5)", 5, "0.1"),  # ValueError
    (O + "warmup_exponential_decay_schedule(0.0, 0.1, 2.5, 3.5, 0.5, transition_begin=0.5)", 20, "0.1"),
    (O + "warmup_exponential_decay_schedule(0.0, 0.1, 1.25, 2, 0.5, staircase=True, end_value=0.01)", 20, "0.1"),
    (O + "cosine_onecycle_schedule(20.5, 0.1)", 24, "0.1"),
    (O + "cosine_onecycle_schedule(0.5, 0.1)", 3, "0.1"),
    (O + "cosine_onecycle_schedule(-0.5, 0.1)", 3, "0.1"),  # ValueError
    (O + "sgdr_schedule([{'init_value': 0.0, 'peak_value': 0.1, 'warmup_steps': 1.5,"
     " 'decay_steps': 6.5}, {'init_value': 0.01, 'peak_value': 0.05, 'warmup_steps': 0.5,"
     " 'decay_steps': 5.25}])", 16, "0.1"),
]


def r(rng, lo, hi, digits=4):
    return repr(round(rng.uniform(lo, hi), digits))


def exponent(rng):
    return rng.choice(["1.0", "2", "3", "0.5", r(rng, 0.3, 3.0, 2), str(rng.randint(1, 5))])


def random_spec(rng, name):
    v = r(rng, 0.001, 1.0)
    if name == "cosine_decay_schedule":
        args = [v, str(rng.randint(1, 150))]
        if rng.random() < 0.6:
            args.append("alpha=" + r(rng, 0.0, 0.5))
        if rng.random() < 0.5:
            args.append("exponent=" + exponent(rng))
        return O + name + "(" + ", ".join(args) + ")"
    if name == "exponential_decay":
        rate = r(rng, 0.05, 1.0) if rng.random() < 0.8 else r(rng, 1.0, 1.5)
        args = [v, str(rng.randint(1, 50)), rate]
        if rng.random() < 0.5:
            args.append("transition_begin=%d" % rng.randint(0, 30))
        if rng.random() < 0.5:
            args.append("staircase=%s" % rng.choice(["True", "False"]))
        if rng.random() < 0.4:
            args.append("end_value=" + r(rng, 0.0001, 0.5, 5))
        return O + name + "(" + ", ".join(args) + ")"
    if name == "warmup_cosine_decay_schedule":
        warm = rng.randint(0, 40)
        args = [r(rng, 0.0, 0.1), v, str(warm), str(warm + rng.randint(1, 120))]
        if rng.random() < 0.6:
            args.append("end_value=" + r(rng, 0.0, 0.01, 6))
        if rng.random() < 0.4:
            args.append("exponent=" + exponent(rng))
        return O + name + "(" + ", ".join(args) + ")"
    if name == "warmup_exponential_decay_schedule":
        rate = r(rng, 0.05, 1.0) if rng.random() < 0.8 else r(rng, 1.0, 1.5)
        args = [r(rng, 0.0, 0.1), v, str(rng.randint(0, 40)), str(rng.randint(1, 30)), rate]
        if rng.random() < 0.5:
            args.append("transition_begin=%d" % rng.randint(0, 20))
        if rng.random() < 0.5:
            args.append("staircase=%s" % rng.choice(["True", "False"]))
        if rng.random() < 0.4:
            args.append("end_value=" + r(rng, 0.0001, 0.5, 5))
        return O + name + "(" + ", ".join(args) + ")"
    if name == "polynomial_schedule":
        args = [v, r(rng, 0.0, 0.01, 6), exponent(rng), str(rng.randint(1, 150))]
        if rng.random() < 0.4:
            args.append("transition_begin=%d" % rng.randint(0, 40))
        return O + name + "(" + ", ".join(args) + ")"
    if name in ("piecewise_constant_schedule", "piecewise_interpolate_schedule"):
        bounds = sorted(rng.sample(range(0, 120), rng.randint(0, 5)))
        scales = [r(rng, 0.0, 1.0) if rng.random() < 0.8 else r(rng, 1.0, 3.0) for _ in bounds]
        dict_src = "{" + ", ".join("%d: %s" % (b, s) for b, s in rng.sample(
            list(zip(bounds, scales)), len(bounds))) + "}"
        args = [v, dict_src] if rng.random() < 0.7 else [v, "boundaries_and_scales=" + dict_src]
        if name == "piecewise_interpolate_schedule":
            args.insert(0, rng.choice(["'linear'", "'cosine'"]))
        return O + name + "(" + ", ".join(args) + ")"
    if name in ("linear_onecycle_schedule", "cosine_onecycle_schedule"):
        args = [str(rng.randint(1, 200)), v]
        if rng.random() < 0.6:
            args.append("pct_start=" + r(rng, 0.0, 0.6, 3))
        if name == "linear_onecycle_schedule" and rng.random() < 0.6:
            args.append("pct_final=" + r(rng, 0.5, 1.0, 3))
        if rng.random() < 0.5:
            args.append("div_factor=" + rng.choice([r(rng, 1.0, 50.0, 2), str(rng.randint(1, 40))]))
        if rng.random() < 0.5:
            args.append("final_div_factor=" + rng.choice([r(rng, 1.0, 1e4, 1),
                                                          str(rng.randint(1, 1000))]))
        return O + name + "(" + ", ".join(args) + ")"
    if name == "sgdr_schedule":
        cycles = []
        for _ in range(rng.randint(1, 3)):
            warm = rng.randint(0, 20)
            kw = ["'init_value': " + r(rng, 0.0, 0.1), "'peak_value': " + r(rng, 0.001, 1.0),
                  "'warmup_steps': %d" % warm, "'decay_steps': %d" % (warm + rng.randint(1, 60))]
            if rng.random() < 0.5:
                kw.append("'end_value': " + r(rng, 0.0, 0.01, 6))
            if rng.random() < 0.3:
                kw.append("'exponent': " + exponent(rng))
            rng.shuffle(kw)
            cycles.append("{" + ", ".join(kw) + "}")
        return O + name + "([" + ", ".join(cycles) + "])"
    raise ValueError(name)


NAMES = ["cosine_decay_schedule", "exponential_decay", "warmup_cosine_decay_schedule",
         "warmup_exponential_decay_schedule", "polynomial_schedule"]
# added later: their random cases come after the first ones, so those stay as they were
MORE_NAMES = ["piecewise_constant_schedule", "piecewise_interpolate_schedule",
              "linear_onecycle_schedule", "cosine_onecycle_schedule", "sgdr_schedule"]


def oracle(path, mode, batch):
    out = subprocess.run([sys.executable, path, "--mode", mode, "--batch"], input=batch,
                         capture_output=True, text=True, check=True).stdout.splitlines()
    return [json.loads(line) for line in out]


def main():
    root = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../../../.."))
    ap = argparse.ArgumentParser()
    ap.add_argument("--oracle", default=os.path.join(root, "../shared/oracle/beyond"))
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                  "optax.jsonl"))
    ap.add_argument("--seed", type=int, default=12)
    ap.add_argument("--per-schedule", type=int, default=40)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    records = [{"spec": s, "steps": n, "lr": lr, "metrics": "", "steps_per_epoch": 1}
               for s, n, lr in FIXED]
    for name in NAMES + MORE_NAMES:
        for _ in range(a.per_schedule):
            groups = rng.randint(1, 3)
            lrs = ",".join(r(rng, 0.001, 1.0) for _ in range(groups))
            records.append({"spec": random_spec(rng, name), "steps": rng.randint(1, 200),
                            "lr": lrs, "metrics": "", "steps_per_epoch": 1})
    records += [{"spec": s, "steps": n, "lr": lr, "metrics": "", "steps_per_epoch": 1}
                for s, n, lr in FRACTIONAL]
    batch = "\n".join(json.dumps(c) for c in records) + "\n"
    script = os.path.join(a.oracle, "optax_f32.py")
    cr, xla = oracle(script, "cr", batch), oracle(script, "xla", batch)
    assert len(cr) == len(xla) == len(records), (len(cr), len(xla), len(records))
    with open(a.out, "w") as f:
        for c, e, x in zip(records, cr, xla):
            row = {"name": c["spec"].split("(")[0]}
            row.update(c)
            row["expected"] = e
            row["xla"] = x
            f.write(json.dumps(row) + "\n")
    print("wrote %d cases to %s" % (len(records), a.out))


if __name__ == "__main__":
    main()
