#!/usr/bin/env python3
"""Fuzz lr-curve's families beyond PyTorch against the references, as issue 12's check would.

    python3 tools/fuzz/fuzz_beyond.py [--seed 2026] [--per-name 40] [--oracle ../shared/oracle/beyond]
        [--optax-python /tmp/optax/bin/python] [--jar tools/target/lr-curve.jar]
        [--families keras,tf,mindspore,transformers,timm,optax] [--keep DIR] [--show 8]

Run from the repository's root after `mvn -B install` and `mvn -B -f tools/pom.xml verify` (which
write tools/target/lr-curve.jar). Standard library only; real optax needs a Python with jax and optax
(`python3 -m venv /tmp/optax && /tmp/optax/bin/pip install jax optax`), without it the optax cases are
compared with the float32 model only.

For every accepted name of the Keras, TF1 / Object Detection, MindSpore, transformers and optax
families it draws random cases independently of the golden generators (its own seed, wider ranges):
every parameter, booleans, None, ints where floats go, extreme and degenerate values, steps up to a
few thousand and a few long runs, 1-3 parameter groups, steps_per_epoch, metric walks for the plateau
schedule and the configurations the upstream libraries reject. Each case runs through
`java -jar lr-curve.jar --batch` and through the reference's `--batch` (beyond_batch.py; for optax
optax_f32.py --mode cr and, when available, the real optax through optax_batch.py), and is compared in
float32: per family the number of cases, the worst ulp distance per case (0, 1, more), the errors
(both reject, only one rejects) and whether our message names the rule of the upstream message (the
words of the upstream message, argument names included, found in ours). Allowed: 1 ulp from the
references, 4 ulp from real optax (whose CPU backend uses glibc's cosf/powf and flushes subnormals to
zero, intermediates included: a value where real optax and the correctly rounded model with
flush-to-zero give 0 is counted apart as "ftz").
Exit status 1 when a case is out of tolerance or accept/reject disagrees.
"""
import argparse
import json
import math
import os
import random
import re
import struct
import subprocess
import sys
import tempfile

KERAS = "keras.optimizers.schedules."
TF = "tf.compat.v1.train."
OD = "object_detection.utils.learning_schedules."
MS = "mindspore.nn."
HF = "transformers."
OPTAX = "optax."


# ------------------------------------------------------------------------------ random values
class Gen:
    """Random argument values, formatted as the Python literals a spec holds."""

    def __init__(self, rng):
        self.r = rng

    def p(self, x):
        return self.r.random() < x

    def lr(self):
        """A rate: mostly sensible, sometimes 0, huge, tiny or negative."""
        u = self.r.random()
        if u < 0.65:
            return 10 ** self.r.uniform(-6, 0)
        if u < 0.72:
            return 0.0
        if u < 0.8:
            return 10 ** self.r.uniform(0, 4)
        if u < 0.86:
            return 10 ** self.r.uniform(-30, -8)
        if u < 0.93:
            return -(10 ** self.r.uniform(-4, 0))
        return self.r.choice([1.0, 0.5, 0.1, 1e-3, 3.0, 1e38])

    def rate(self):
        """A decay rate: around 1 mostly, also 0, above 1, negative."""
        u = self.r.random()
        if u < 0.55:
            return self.r.uniform(0.01, 0.999)
        if u < 0.7:
            return self.r.uniform(1.0, 3.0)
        if u < 0.78:
            return self.r.choice([0.0, 1.0, 0.5, 0.1])
        if u < 0.86:
            return -self.r.uniform(0.01, 2.0)
        return 10 ** self.r.uniform(-8, 2)

    def frac(self):
        u = self.r.random()
        if u < 0.7:
            return self.r.uniform(0.0, 1.0)
        return self.r.choice([0.0, 1.0, 1.5, -0.25, 2.0, 1e-7])

    def steps(self, lo=1, hi=2000):
        """A step count: small or up to a few thousand, sometimes 0, negative or huge."""
        u = self.r.random()
        if u < 0.45:
            return self.r.randint(lo, 60)
        if u < 0.8:
            return self.r.randint(lo, hi)
        if u < 0.86:
            return 0
        if u < 0.91:
            return -self.r.randint(1, 50)
        if u < 0.95:
            return self.r.choice([1, 2, 3])
        return self.r.choice([10 ** 6, 2 ** 24 + 1, 2 ** 31 - 1, 100000])

    def steps_f(self, lo=1, hi=2000):
        """A step count that is sometimes a float (TF/Keras cast it to float32)."""
        s = self.steps(lo, hi)
        if self.p(0.12):
            return s + self.r.choice([0.5, 0.25, 0.0])
        return s

    def power(self):
        u = self.r.random()
        if u < 0.5:
            return self.r.uniform(0.1, 4.0)
        if u < 0.75:
            return float(self.r.randint(1, 5))
        if u < 0.85:
            return self.r.randint(1, 5)  # int
        return self.r.choice([0.0, -1.0, 0.5, 1.0, 10.0])

    def boolish(self):
        return self.r.choice([True, False, True, False, 0, 1, None])

    def group_lrs(self):
        n = self.r.choice([1, 1, 2, 3])
        return ",".join(repr(self.r.choice([0.1, 0.01, 0.5, 1.0, 3e-4, 2e-5, 1e-3])) for _ in range(n))

    def run_steps(self):
        u = self.r.random()
        if u < 0.7:
            return self.r.randint(1, 300)
        if u < 0.96:
            return self.r.randint(300, 3000)
        return self.r.randint(10000, 30000)  # a few far steps


def lit(v):
    """Python literal of a value (floats in repr, which Python and the spec grammar read back)."""
    if isinstance(v, float):
        if v != v:
            return "nan"
        if v in (math.inf, -math.inf):
            return "inf" if v > 0 else "-inf"
    if isinstance(v, str):
        return json.dumps(v)
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(lit(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join("%s: %s" % (lit(k), lit(x)) for k, x in v.items()) + "}"
    return repr(v)


def call(g, name, params, values, required):
    """NAME(args): the required ones positionally or by keyword, the optional ones sometimes left out;
    values maps a parameter to its drawn value (parameters missing from values are left out)."""
    args = []
    positional = g.p(0.4)
    drop = g.r.choice(required) if required and g.p(0.03) else None  # a required argument missing
    for p in params:
        if p not in values or p == drop or (p not in required and g.p(0.3)):
            positional = False
            continue
        if positional and g.p(0.85):
            args.append(lit(values[p]))
        else:
            positional = False
            args.append("%s=%s" % (p, lit(values[p])))
    return name + "(" + ", ".join(args) + ")"


# ------------------------------------------------------------------------------ keras
def keras_case(g, name):
    lr0 = g.lr() if not g.p(0.04) else g.r.randint(1, 3)  # an int rate is not emulated: both reject
    if name in ("ExponentialDecay", "InverseTimeDecay"):
        params = ["initial_learning_rate", "decay_steps", "decay_rate", "staircase", "name"]
        v = {"initial_learning_rate": lr0, "decay_steps": g.steps_f(), "decay_rate": g.rate(),
             "staircase": g.r.choice([True, False]), "name": "s"}
        req = params[:3]
    elif name == "PiecewiseConstantDecay":
        n = g.r.randint(0, 6)
        b = sorted(g.r.sample(range(-5, 2500), n)) if g.p(0.8) else [g.r.randint(-3, 300) for _ in range(n)]
        if g.p(0.1):
            b = [x + 0.5 for x in b]
        vals = [g.lr() for _ in range(n + 1)]
        if g.p(0.08):
            vals = [g.r.randint(0, 5) for _ in range(n + 1)]
        if g.p(0.06):
            vals = vals[:-1] or [0.1, 0.2]
        params = ["boundaries", "values", "name"]
        v = {"boundaries": b, "values": vals, "name": "pc"}
        req = params[:2]
    elif name == "PolynomialDecay":
        params = ["initial_learning_rate", "decay_steps", "end_learning_rate", "power", "cycle", "name"]
        v = {"initial_learning_rate": lr0, "decay_steps": g.steps_f(), "end_learning_rate": g.lr(),
             "power": g.power() if not g.p(0.1) else float(g.r.randint(1, 3)), "cycle": g.r.choice([True, False]),
             "name": "p"}
        req = params[:2]
    elif name == "CosineDecay":
        params = ["initial_learning_rate", "decay_steps", "alpha", "name", "warmup_target", "warmup_steps"]
        v = {"initial_learning_rate": lr0, "decay_steps": g.steps_f(), "alpha": g.frac(), "name": "c",
             "warmup_target": g.lr() if g.p(0.6) else None, "warmup_steps": g.steps_f(0, 500)}
        req = params[:2]
    else:  # CosineDecayRestarts
        params = ["initial_learning_rate", "first_decay_steps", "t_mul", "m_mul", "alpha", "name"]
        v = {"initial_learning_rate": lr0, "first_decay_steps": g.steps_f(1, 500),
             "t_mul": g.r.choice([1.0, 2.0, g.r.uniform(0.5, 3.0), 1.5]),
             "m_mul": g.r.choice([1.0, g.r.uniform(0.1, 1.2)]), "alpha": g.frac(), "name": "r"}
        req = params[:2]
    return call(g, KERAS + name, params, v, req)


KERAS_NAMES = ["ExponentialDecay", "PiecewiseConstantDecay", "PolynomialDecay", "InverseTimeDecay",
               "CosineDecay", "CosineDecayRestarts"]


# ------------------------------------------------------------------------------ tf1 + object detection
def tf_case(g, name):
    lr0 = g.lr() if not g.p(0.04) else g.r.randint(1, 3)
    if name in ("exponential_decay", "natural_exp_decay", "inverse_time_decay"):
        params = ["learning_rate", "decay_steps", "decay_rate", "staircase", "name"]
        v = {"learning_rate": lr0, "decay_steps": g.steps_f(), "decay_rate": g.rate(),
             "staircase": g.r.choice([True, False]), "name": "x"}
        return call(g, TF + name, params, v, params[:3])
    if name == "piecewise_constant":
        n = g.r.randint(1, 6)
        b = sorted(g.r.sample(range(-5, 2500), n))
        if g.p(0.08):
            b = [x + 0.5 for x in b]
        if g.p(0.08):
            b = list(reversed(b)) if n > 1 else b
        vals = [g.lr() for _ in range(n + 1)]
        if g.p(0.08):
            vals = [g.r.randint(0, 5) for _ in range(n + 1)]
        if g.p(0.05):
            vals[-1] = 1
        if g.p(0.05):
            vals = vals[:-1]
        return call(g, TF + name, ["boundaries", "values", "name"], {"boundaries": b, "values": vals, "name": "p"},
                    ["boundaries", "values"])
    if name == "polynomial_decay":
        params = ["learning_rate", "decay_steps", "end_learning_rate", "power", "cycle", "name"]
        v = {"learning_rate": lr0, "decay_steps": g.steps_f(), "end_learning_rate": g.lr(), "power": g.power(),
             "cycle": g.r.choice([True, False]), "name": "p"}
        return call(g, TF + name, params, v, params[:2])
    if name == "cosine_decay":
        params = ["learning_rate", "decay_steps", "alpha", "name"]
        v = {"learning_rate": lr0, "decay_steps": g.steps_f(), "alpha": g.frac(), "name": "c"}
        return call(g, TF + name, params, v, params[:2])
    if name == "cosine_decay_restarts":
        params = ["learning_rate", "first_decay_steps", "t_mul", "m_mul", "alpha", "name"]
        v = {"learning_rate": lr0, "first_decay_steps": g.steps_f(1, 500),
             "t_mul": g.r.choice([1.0, 2.0, g.r.uniform(0.5, 3.0)]), "m_mul": g.r.choice([1.0, g.r.uniform(0.1, 1.2)]),
             "alpha": g.frac(), "name": "r"}
        return call(g, TF + name, params, v, params[:2])
    if name == "linear_cosine_decay":
        params = ["learning_rate", "decay_steps", "num_periods", "alpha", "beta", "name"]
        v = {"learning_rate": lr0, "decay_steps": g.steps_f(), "num_periods": g.r.choice([0.5, g.r.uniform(0, 5)]),
             "alpha": g.frac(), "beta": g.r.choice([0.001, 0.0, g.r.uniform(0, 0.1)]), "name": "l"}
        return call(g, TF + name, params, v, params[:2])
    if name == "cosine_decay_with_warmup":
        base = g.lr()
        total = g.steps(0, 3000)
        warm = g.r.choice([0, g.r.randint(0, max(1, total)), g.r.randint(0, 100)])
        hold = g.r.choice([0, 0, g.r.randint(0, 200)])
        if g.p(0.06) and total > 0:
            hold = max(0, total - warm)  # total == warmup + hold: division by 0
        params = ["learning_rate_base", "total_steps", "warmup_learning_rate", "warmup_steps", "hold_base_rate_steps"]
        v = {"learning_rate_base": base, "total_steps": total,
             "warmup_learning_rate": g.r.choice([0.0, base * g.r.uniform(0, 1.2), g.lr()]),
             "warmup_steps": warm, "hold_base_rate_steps": hold}
        return call(g, OD + name, params, v, params[:2])
    if name == "exponential_decay_with_burnin":
        params = ["learning_rate_base", "learning_rate_decay_steps", "learning_rate_decay_factor",
                  "burnin_learning_rate", "burnin_steps"]
        v = {"learning_rate_base": g.lr(), "learning_rate_decay_steps": g.steps_f(1, 500),
             "learning_rate_decay_factor": g.rate(), "burnin_learning_rate": g.r.choice([0.0, g.lr()]),
             "burnin_steps": g.r.choice([0, g.r.randint(0, 300), -3])}
        return call(g, OD + name, params, v, params[:3])
    # manual_stepping
    n = g.r.randint(0, 5)
    b = sorted(g.r.sample(range(1, 1500), n))
    if g.p(0.06) and n:
        b[0] = 0
    if g.p(0.06) and n > 1:
        b[1] = b[0]
    if g.p(0.05) and n:
        b[-1] = -b[-1]
    if g.p(0.05) and n:
        b[0] = b[0] + 0.5
    rates = [g.lr() for _ in range(n + 1)]
    if g.p(0.06):
        rates[0] = 1
    if g.p(0.05):
        rates.append(0.5)
    params = ["boundaries", "rates", "warmup"]
    v = {"boundaries": b, "rates": rates, "warmup": g.r.choice([False, False, True])}
    return call(g, OD + name, params, v, params[:2])


TF_NAMES = [(TF, n) for n in ("exponential_decay", "piecewise_constant", "polynomial_decay", "natural_exp_decay",
                               "inverse_time_decay", "cosine_decay", "cosine_decay_restarts",
                               "linear_cosine_decay")] + \
    [(OD, n) for n in ("cosine_decay_with_warmup", "exponential_decay_with_burnin", "manual_stepping")]


# ------------------------------------------------------------------------------ mindspore
def ms_float(g):
    """A float argument of MindSpore's validators: mostly positive floats, sometimes ints, 0, negative, bools."""
    u = g.r.random()
    if u < 0.93:
        return g.lr() if g.p(0.5) else g.r.uniform(0.001, 1.0)
    return g.r.choice([1, 0, 0.0, -0.1, True, 2])


def ms_int(g, hi=400):
    u = g.r.random()
    if u < 0.95:
        return g.r.randint(1, hi)
    return g.r.choice([0, -2, 2.0, True, 1])


def ms_case(g, name):
    if name in ("exponential_decay_lr", "natural_exp_decay_lr", "inverse_decay_lr"):
        params = ["learning_rate", "decay_rate", "total_step", "step_per_epoch", "decay_epoch", "is_stair"]
        v = {"learning_rate": ms_float(g), "decay_rate": ms_float(g) if g.p(0.3) else g.r.uniform(0.01, 1.5),
             "total_step": ms_int(g, 3000), "step_per_epoch": ms_int(g, 20), "decay_epoch": ms_int(g, 30),
             "is_stair": g.boolish() if g.p(0.15) else g.r.choice([True, False])}
        return call(g, MS + name, params, v, params[:5])
    if name == "cosine_decay_lr":
        params = ["min_lr", "max_lr", "total_step", "step_per_epoch", "decay_epoch"]
        mx = g.r.uniform(0.01, 1.0)
        v = {"min_lr": g.r.choice([0.0, mx * g.r.uniform(0, 0.9), mx * 1.5, 0, -0.1, mx]),
             "max_lr": g.r.choice([mx, mx, 1, 0.0]), "total_step": ms_int(g, 3000), "step_per_epoch": ms_int(g, 20),
             "decay_epoch": ms_int(g, 50)}
        return call(g, MS + name, params, v, params)
    if name == "polynomial_decay_lr":
        params = ["learning_rate", "end_learning_rate", "total_step", "step_per_epoch", "decay_epoch", "power",
                  "update_decay_epoch"]
        v = {"learning_rate": ms_float(g), "end_learning_rate": g.r.choice([0.0, g.r.uniform(0, 0.01), 0, -0.1, 0.5]),
             "total_step": ms_int(g, 3000), "step_per_epoch": ms_int(g, 20), "decay_epoch": ms_int(g, 40),
             "power": g.r.choice([0.5, 1.0, 2.0, g.r.uniform(0.1, 4), 2, 0.0]), "update_decay_epoch": g.boolish()}
        return call(g, MS + name, params, v, params[:6])
    if name == "warmup_lr":
        params = ["learning_rate", "total_step", "step_per_epoch", "warmup_epoch"]
        v = {"learning_rate": g.r.choice([ms_float(g), 0.0]), "total_step": ms_int(g, 3000),
             "step_per_epoch": ms_int(g, 20), "warmup_epoch": ms_int(g, 40)}
        return call(g, MS + name, params, v, params)
    if name == "piecewise_constant_lr":
        n = g.r.randint(1, 6)
        m = sorted(g.r.sample(range(1, 3000), n))
        if g.p(0.08) and n > 1:
            m[1] = m[0]
        if g.p(0.05) and n > 1:
            m = list(reversed(m))
        if g.p(0.05):
            m[0] = 0
        rates = [g.r.uniform(0.0001, 1) for _ in range(n)]
        if g.p(0.06):
            rates[-1] = 1
        if g.p(0.05):
            rates = rates[:-1]
        return call(g, MS + name, ["milestone", "learning_rates"], {"milestone": m, "learning_rates": rates},
                    ["milestone", "learning_rates"])
    if name in ("ExponentialDecayLR", "NaturalExpDecayLR", "InverseDecayLR"):
        params = ["learning_rate", "decay_rate", "decay_steps", "is_stair"]
        v = {"learning_rate": ms_float(g), "decay_rate": ms_float(g) if g.p(0.3) else g.r.uniform(0.01, 1.5),
             "decay_steps": ms_int(g, 500), "is_stair": g.boolish() if g.p(0.15) else g.r.choice([True, False])}
        return call(g, MS + name, params, v, params[:3])
    if name == "CosineDecayLR":
        mx = g.r.uniform(0.01, 1.0)
        params = ["min_lr", "max_lr", "decay_steps"]
        v = {"min_lr": g.r.choice([0.0, mx * g.r.uniform(0, 0.9), mx * 1.5, 0, mx]),
             "max_lr": g.r.choice([mx, mx, 1, 0.0, -0.5]), "decay_steps": ms_int(g, 2000)}
        return call(g, MS + name, params, v, params)
    if name == "PolynomialDecayLR":
        params = ["learning_rate", "end_learning_rate", "decay_steps", "power", "update_decay_steps"]
        v = {"learning_rate": ms_float(g), "end_learning_rate": g.r.choice([0.0, g.r.uniform(0, 0.01), 0, 0.5]),
             "decay_steps": ms_int(g, 1000), "power": g.r.choice([0.5, 1.0, 2.0, g.r.uniform(0.1, 4), 2]),
             "update_decay_steps": g.boolish()}
        return call(g, MS + name, params, v, params[:4])
    # WarmUpLR
    params = ["learning_rate", "warmup_steps"]
    v = {"learning_rate": g.r.choice([ms_float(g), 0.0]), "warmup_steps": ms_int(g, 1000)}
    return call(g, MS + name, params, v, params)


MS_NAMES = ["piecewise_constant_lr", "exponential_decay_lr", "natural_exp_decay_lr", "inverse_decay_lr",
            "cosine_decay_lr", "polynomial_decay_lr", "warmup_lr", "ExponentialDecayLR", "NaturalExpDecayLR",
            "InverseDecayLR", "CosineDecayLR", "PolynomialDecayLR", "WarmUpLR"]


# ------------------------------------------------------------------------------ transformers
HF_TYPES = ["linear", "cosine", "cosine_with_restarts", "polynomial", "constant", "constant_with_warmup",
            "inverse_sqrt", "reduce_lr_on_plateau", "cosine_with_min_lr", "cosine_warmup_with_min_lr",
            "warmup_stable_decay"]
HF_FUNC_OF = {
    "linear": "get_linear_schedule_with_warmup", "cosine": "get_cosine_schedule_with_warmup",
    "cosine_with_restarts": "get_cosine_with_hard_restarts_schedule_with_warmup",
    "polynomial": "get_polynomial_decay_schedule_with_warmup", "constant": "get_constant_schedule",
    "constant_with_warmup": "get_constant_schedule_with_warmup", "inverse_sqrt": "get_inverse_sqrt_schedule",
    "reduce_lr_on_plateau": "get_reduce_on_plateau_schedule",
    "cosine_with_min_lr": "get_cosine_with_min_lr_schedule_with_warmup",
    "cosine_warmup_with_min_lr": "get_cosine_with_min_lr_schedule_with_warmup_lr_rate",
    "warmup_stable_decay": "get_wsd_schedule"}


def hf_kwargs(g, t, total, warm):
    """The function-specific keyword arguments of type T (sometimes a wrong one)."""
    kw = {}
    if t in ("cosine", "cosine_with_min_lr", "cosine_warmup_with_min_lr", "warmup_stable_decay") and g.p(0.5):
        kw["num_cycles"] = g.r.choice([0.5, 1.0, 2.5, g.r.uniform(0, 4), 1, 3])
    if t == "cosine_with_restarts" and g.p(0.7):
        kw["num_cycles"] = g.r.choice([1, 2, 3, 1.5, g.r.uniform(0.2, 5)])
    if t == "polynomial":
        if g.p(0.7):
            kw["lr_end"] = g.r.choice([1e-7, 0.0, g.r.uniform(0, 0.01), 1.0, 0.2])
        if g.p(0.7):
            kw["power"] = g.r.choice([1.0, 2.0, 0.5, g.r.uniform(0.1, 3), 2])
    if t in ("cosine_with_min_lr", "cosine_warmup_with_min_lr"):
        u = g.r.random()
        if u < 0.45:
            kw["min_lr_rate"] = g.r.choice([0.0, 0.1, g.r.uniform(0, 1), 1.5])
        elif u < 0.9:
            kw["min_lr"] = g.r.choice([1e-6, g.r.uniform(0, 0.01), 0.0])
        elif u < 0.95:
            kw["min_lr"], kw["min_lr_rate"] = 1e-5, 0.1
        if t == "cosine_warmup_with_min_lr" and g.p(0.4):
            kw["warmup_lr_rate"] = g.r.choice([0.0, 0.1, g.r.uniform(0, 1)])
    if t == "inverse_sqrt" and g.p(0.3):
        kw["timescale"] = g.r.choice([None, g.r.randint(1, 500)])
    if t == "warmup_stable_decay":
        kw["num_decay_steps"] = g.r.randint(0, max(1, total)) if g.p(0.9) else g.r.randint(0, 50)
        if g.p(0.3):
            kw["num_stable_steps"] = g.r.randint(0, 300)
        if g.p(0.5):
            kw["warmup_type"] = g.r.choice(["linear", "cosine", "1-sqrt", "exp"] if g.p(0.1)
                                           else ["linear", "cosine", "1-sqrt"])
        if g.p(0.5):
            kw["decay_type"] = g.r.choice(["linear", "cosine", "1-sqrt"] + (["step"] if g.p(0.1) else []))
        if g.p(0.5):
            kw["min_lr_ratio"] = g.r.choice([0, 0.0, 0.1, g.r.uniform(0, 1)])
    if t == "reduce_lr_on_plateau":
        if g.p(0.5):
            kw["mode"] = g.r.choice(["min", "max", "max", "avg"] if g.p(0.1) else ["min", "max"])
        if g.p(0.6):
            kw["factor"] = g.r.choice([0.1, 0.5, g.r.uniform(0.01, 0.99), 1.0] if g.p(0.1) else [0.1, 0.5, 0.3])
        if g.p(0.7):
            kw["patience"] = g.r.randint(0, 5)
        if g.p(0.4):
            kw["threshold"] = g.r.choice([1e-4, 0.0, 0.01, 0.1])
        if g.p(0.4):
            kw["threshold_mode"] = g.r.choice(["rel", "abs"] + (["x"] if g.p(0.1) else []))
        if g.p(0.4):
            kw["cooldown"] = g.r.randint(0, 4)
        if g.p(0.4):
            kw["min_lr"] = g.r.choice([0, 0.0, 1e-4, 0.001, 0.05])
        if g.p(0.2):
            kw["eps"] = g.r.choice([1e-8, 0.0, 1e-3])
    if g.p(0.02):
        kw["bogus"] = 1
    return kw


def hf_case(g, name):
    total = g.r.choice([g.r.randint(1, 400), g.r.randint(1, 3000), 0, 1, -5] if g.p(0.1)
                       else [g.r.randint(1, 400), g.r.randint(1, 3000)])
    warm = g.r.choice([0, g.r.randint(0, max(1, total // 3)), g.r.randint(0, 50)])
    if g.p(0.05):
        warm = total  # T == W
    if g.p(0.03):
        warm = total + 5
    if g.p(0.05):
        warm = float(warm) + g.r.choice([0.0, 0.5])  # a float count: HF's arithmetic takes it
    if g.p(0.04):
        total = float(total)
    if name == "get_scheduler":
        t = g.r.choice(HF_TYPES) if not g.p(0.02) else "cosine_typo"
        args = [lit(t) if g.p(0.8) else "name=" + lit(t)]
        kw = hf_kwargs(g, t, total, warm)
        positional = g.p(0.3) and not args[0].startswith("name=")
        for key, val in (("num_warmup_steps", warm), ("num_training_steps", total)):
            if g.p(0.06):
                positional = False
                continue
            args.append(lit(val) if positional else "%s=%s" % (key, lit(val)))
        if kw or g.p(0.1):
            args.append("scheduler_specific_kwargs=" + lit(kw))
        return HF + "get_scheduler(" + ", ".join(args) + ")"
    t = next(k for k, f in HF_FUNC_OF.items() if f == name)
    kw = hf_kwargs(g, t, total, warm)
    if t == "constant":
        return HF + name + "()"
    if t == "reduce_lr_on_plateau":
        return HF + name + "(" + ", ".join("%s=%s" % (k, lit(v)) for k, v in kw.items()) + ")"
    params = {"constant_with_warmup": ["num_warmup_steps"],
              "inverse_sqrt": ["num_warmup_steps", "timescale"],
              "warmup_stable_decay": ["num_warmup_steps", "num_decay_steps", "num_training_steps",
                                      "num_stable_steps", "warmup_type", "decay_type", "min_lr_ratio", "num_cycles"],
              }.get(t, ["num_warmup_steps", "num_training_steps"])
    vals = {"num_warmup_steps": warm, "num_training_steps": total}
    vals.update(kw)
    if t == "warmup_stable_decay" and g.p(0.15):
        vals.pop("num_training_steps")
    extra = [k for k in kw if k not in params]
    req = params[:2] if t not in ("constant_with_warmup", "inverse_sqrt") else params[:1]
    if t == "warmup_stable_decay":
        req = ["num_warmup_steps", "num_decay_steps"]
    spec = call(g, HF + name, params, vals, req)
    if extra:
        spec = spec[:-1] + (", " if not spec.endswith("(") else "") + \
            ", ".join("%s=%s" % (k, lit(kw[k])) for k in extra) + ")"
    return spec


HF_NAMES = ["get_scheduler"] + sorted(set(HF_FUNC_OF.values()))


# ------------------------------------------------------------------------------ optax
def ox_num(g, v):
    """Sometimes an int literal where a float goes (optax keeps Python types)."""
    if g.p(0.1):
        return int(round(v)) if abs(v) < 1e6 else v
    return v


def ox_steps(g, lo=1, hi=2000):
    """An optax step count: an int mostly, sometimes a float (optax does not check the type)."""
    return g.steps_f(lo, hi) if g.p(0.5) else g.steps(lo, hi)


def optax_case(g, name):
    if name == "cosine_decay_schedule":
        params = ["init_value", "decay_steps", "alpha", "exponent"]
        v = {"init_value": ox_num(g, g.lr()), "decay_steps": ox_steps(g), "alpha": g.frac(),
             "exponent": g.r.choice([1.0, 2.0, 0.5, 3, 1, g.r.uniform(0.1, 4), True])}
        return call(g, OPTAX + name, params, v, params[:2])
    if name == "exponential_decay":
        params = ["init_value", "transition_steps", "decay_rate", "transition_begin", "staircase", "end_value"]
        v = {"init_value": ox_num(g, g.lr()), "transition_steps": ox_steps(g), "decay_rate": g.rate(),
             "transition_begin": g.r.choice([0, g.r.randint(0, 500), -g.r.randint(1, 9)]),
             "staircase": g.r.choice([True, False]), "end_value": g.r.choice([None, g.lr(), 0.0])}
        return call(g, OPTAX + name, params, v, params[:3])
    if name == "polynomial_schedule":
        params = ["init_value", "end_value", "power", "transition_steps", "transition_begin"]
        v = {"init_value": ox_num(g, g.lr()), "end_value": ox_num(g, g.lr()),
             "power": g.r.choice([1, 2, 3, 4, 5, 1.0, 2.0, 0.5, g.r.uniform(0.1, 4)]),
             "transition_steps": ox_steps(g), "transition_begin": g.r.choice([0, g.r.randint(0, 300), -4])}
        return call(g, OPTAX + name, params, v, params[:4])
    if name == "warmup_cosine_decay_schedule":
        warm = g.r.choice([0, g.r.randint(0, 200), -3])
        params = ["init_value", "peak_value", "warmup_steps", "decay_steps", "end_value", "exponent"]
        v = {"init_value": ox_num(g, g.r.choice([0.0, g.lr()])), "peak_value": ox_num(g, g.lr()),
             "warmup_steps": warm, "decay_steps": g.r.choice([warm + g.r.randint(1, 2000), warm, warm - 2,
                                                               g.r.randint(1, 2000)]),
             "end_value": g.r.choice([0.0, g.lr(), 0]), "exponent": g.r.choice([1.0, 2, 2.0, 0.5, 1])}
        return call(g, OPTAX + name, params, v, params[:4])
    if name == "warmup_exponential_decay_schedule":
        params = ["init_value", "peak_value", "warmup_steps", "transition_steps", "decay_rate", "transition_begin",
                  "staircase", "end_value"]
        v = {"init_value": ox_num(g, g.r.choice([0.0, g.lr()])), "peak_value": ox_num(g, g.lr()),
             "warmup_steps": g.r.choice([0, g.r.randint(0, 200), -2]), "transition_steps": g.steps(),
             "decay_rate": g.rate(), "transition_begin": g.r.choice([0, g.r.randint(0, 100), -3]),
             "staircase": g.r.choice([True, False]), "end_value": g.r.choice([None, g.lr(), 0.0])}
        return call(g, OPTAX + name, params, v, params[:5])
    # join_schedules of 1-3 children of the other five
    n = g.r.randint(1, 3)
    children = [optax_case(g, g.r.choice(OPTAX_NAMES[:-1])) for _ in range(n)]
    nb = n - 1 if g.p(0.85) else g.r.randint(0, n + 1)
    b = sorted(g.r.randint(0, 1500) for _ in range(nb))
    if g.p(0.05):
        b = list(reversed(b))
    if g.p(0.5):
        return OPTAX + "join_schedules(schedules=[%s], boundaries=%s)" % (", ".join(children), lit(b))
    return OPTAX + "join_schedules([%s], %s)" % (", ".join(children), lit(b))


OPTAX_NAMES = ["cosine_decay_schedule", "exponential_decay", "polynomial_schedule", "warmup_cosine_decay_schedule",
               "warmup_exponential_decay_schedule", "join_schedules"]


def ox_scales(g, n):
    """boundaries_and_scales: int step keys (some repeated, negative or 0), scales mostly in (0, 2]."""
    d = {}
    for _ in range(n):
        k = g.r.choice([g.r.randint(0, 1500), g.r.randint(0, 60), 0, -g.r.randint(1, 5)])
        d[k] = g.r.choice([g.r.uniform(0.05, 2.0), 0.5, 0.1, 2.0, 1.0, 0.0, -0.5 if g.p(0.15) else 0.1])
    return d


def optax_extra_case(g, name):
    if name == "piecewise_constant_schedule":
        params = ["init_value", "boundaries_and_scales"]
        v = {"init_value": ox_num(g, g.lr()),
             "boundaries_and_scales": None if g.p(0.08) else ox_scales(g, g.r.randint(0, 5))}
        return call(g, OPTAX + name, params, v, params[:1])
    if name == "piecewise_interpolate_schedule":
        params = ["interpolate_type", "init_value", "boundaries_and_scales"]
        v = {"interpolate_type": g.r.choice(["linear", "cosine", "linear", "cosine", "step"]),
             "init_value": ox_num(g, g.lr()),
             "boundaries_and_scales": None if g.p(0.08) else ox_scales(g, g.r.randint(0, 5))}
        return call(g, OPTAX + name, params, v, params[:2])
    if name == "linear_onecycle_schedule":
        params = ["transition_steps", "peak_value", "pct_start", "pct_final", "div_factor", "final_div_factor"]
        v = {"transition_steps": g.steps(), "peak_value": ox_num(g, g.lr()),
             "pct_start": g.frac(), "pct_final": g.r.choice([0.85, g.frac(), 1.0]),
             "div_factor": g.r.choice([25.0, g.r.uniform(1.0, 100.0), 1, 0.5]),
             "final_div_factor": g.r.choice([1e4, g.r.uniform(1.0, 1e5), 10])}
        return call(g, OPTAX + name, params, v, params[:2])
    if name == "cosine_onecycle_schedule":
        params = ["transition_steps", "peak_value", "pct_start", "div_factor", "final_div_factor"]
        v = {"transition_steps": g.steps(), "peak_value": ox_num(g, g.lr()), "pct_start": g.frac(),
             "div_factor": g.r.choice([25.0, g.r.uniform(1.0, 100.0), 1, 0.5]),
             "final_div_factor": g.r.choice([1e4, g.r.uniform(1.0, 1e5), 10])}
        return call(g, OPTAX + name, params, v, params[:2])
    # sgdr_schedule: a list of warmup_cosine_decay_schedule kwargs dicts
    cycles = []
    for _ in range(g.r.randint(0 if g.p(0.05) else 1, 4)):
        warm = g.r.choice([0, g.r.randint(0, 100)])
        d = {"init_value": g.r.choice([0.0, g.lr()]), "peak_value": g.lr(), "warmup_steps": warm,
             "decay_steps": g.r.choice([warm + g.r.randint(1, 500), g.r.randint(1, 500)])}
        if g.p(0.4):
            d["end_value"] = g.r.choice([0.0, g.lr()])
        if g.p(0.2):
            d["exponent"] = g.r.choice([1.0, 2.0, 0.5])
        if g.p(0.03):
            d["bogus"] = 1
        cycles.append(d)
    body = "[" + ", ".join("{" + ", ".join("%s: %s" % (json.dumps(k), lit(x)) for k, x in c.items()) + "}"
                           for c in cycles) + "]"
    return OPTAX + name + ("(cosine_kwargs=%s)" % body if g.p(0.5) else "(%s)" % body)


OPTAX_EXTRA_NAMES = ["piecewise_constant_schedule", "piecewise_interpolate_schedule", "linear_onecycle_schedule",
                     "cosine_onecycle_schedule", "sgdr_schedule"]


# ------------------------------------------------------------------------------ timm
TIMM = "timm.scheduler."


def timm_common(g, v, cyc=True, warm_prefix_default=False):
    """The arguments the timm schedulers share: warmup, noise, cycles."""
    v["warmup_t"] = g.r.choice([0, 0, g.r.randint(1, 20), g.r.randint(1, 200)])
    v["warmup_lr_init"] = g.r.choice([0.0, 1e-5, g.r.uniform(0, 0.01)])
    v["warmup_prefix"] = g.r.choice([True, False])
    v["t_in_epochs"] = g.r.choice([True, False])
    u = g.r.random()
    if u < 0.6:
        v["noise_range_t"] = None
    elif u < 0.8:
        v["noise_range_t"] = g.r.randint(0, 100)
    else:
        a = g.r.randint(0, 50)
        v["noise_range_t"] = [a, a + g.r.randint(1, 100)] if g.p(0.8) else [a]
    v["noise_pct"] = g.r.choice([0.67, g.r.uniform(0.05, 1.0)])
    v["noise_std"] = g.r.choice([1.0, g.r.uniform(0.1, 2.0)])
    v["noise_seed"] = g.r.choice([42, g.r.randint(0, 10 ** 6)])
    if cyc:
        v["cycle_mul"] = g.r.choice([1.0, 1.0, 2.0, g.r.uniform(0.5, 3.0)])
        v["cycle_decay"] = g.r.choice([1.0, 0.5, g.r.uniform(0.1, 1.0)])
        v["cycle_limit"] = g.r.choice([1, 1, 2, 3, 0, g.r.randint(1, 10)])


def timm_case(g, name):
    common = ["warmup_t", "warmup_lr_init", "warmup_prefix", "t_in_epochs", "noise_range_t", "noise_pct",
              "noise_std", "noise_seed"]
    v = {}
    if name in ("CosineLRScheduler", "TanhLRScheduler", "PolyLRScheduler"):
        timm_common(g, v)
        v["t_initial"] = g.r.choice([g.r.randint(1, 30), g.r.randint(1, 400), 1])
        v["lr_min"] = g.r.choice([0.0, 1e-6, g.r.uniform(0, 1e-3)] + ([-1e-3] if g.p(0.1) else []))
        params = ["t_initial"]
        if name == "TanhLRScheduler":
            v["lb"] = g.r.choice([-7.0, g.r.uniform(-10, -1)])
            v["ub"] = g.r.choice([3.0, g.r.uniform(0.5, 6)] + ([-8.0] if g.p(0.1) else []))
            params += ["lb", "ub"]
        if name == "PolyLRScheduler":
            v["power"] = g.r.choice([0.5, 1.0, 2.0, g.r.uniform(0.1, 3.0)])
            params += ["power"]
        params += ["lr_min", "cycle_mul", "cycle_decay", "cycle_limit"] + common
        if name != "TanhLRScheduler":
            v["k_decay"] = g.r.choice([1.0, 1.0, 0.5, 2.0, g.r.uniform(0.2, 3.0)])
            params += ["k_decay"]
        return call(g, TIMM + name, params, v, ["t_initial"])
    if name in ("StepLRScheduler", "MultiStepLRScheduler"):
        timm_common(g, v, cyc=False)
        if name == "StepLRScheduler":
            v["decay_t"] = g.r.choice([g.r.randint(1, 30), g.r.randint(1, 200)])
        else:
            v["decay_t"] = sorted(g.r.randint(0, 300) for _ in range(g.r.randint(1, 4)))
        v["decay_rate"] = g.r.choice([0.1, 0.5, 1.0, g.r.uniform(0.05, 1.0)])
        params = ["decay_t", "decay_rate"] + common
        return call(g, TIMM + name, params, v, ["decay_t"])
    if name == "PlateauLRScheduler":
        timm_common(g, v, cyc=False)
        v["decay_rate"] = g.r.choice([0.1, 0.5, g.r.uniform(0.05, 0.95)])
        v["patience_t"] = g.r.choice([0, 1, 2, 3, 10])
        v["threshold"] = g.r.choice([1e-4, 0.0, 0.01])
        v["cooldown_t"] = g.r.choice([0, 0, 1, 3])
        v["lr_min"] = g.r.choice([0.0, 1e-5, 1e-3])
        v["mode"] = g.r.choice(["max", "min"])
        v["noise_type"] = g.r.choice(["normal", "uniform"])
        params = ["decay_rate", "patience_t", "threshold", "cooldown_t", "warmup_t", "warmup_lr_init", "lr_min",
                  "mode", "noise_range_t", "noise_type", "noise_pct", "noise_std", "noise_seed"]
        return call(g, TIMM + name, params, v, [])
    # create_scheduler_v2
    sched = g.r.choice(["cosine", "tanh", "poly", "step", "multistep", "plateau"])
    v = {"sched": sched, "num_epochs": g.r.randint(1, 60), "decay_epochs": g.r.randint(1, 30),
         "decay_milestones": sorted(g.r.randint(1, 60) for _ in range(g.r.randint(1, 3))),
         "cooldown_epochs": g.r.choice([0, 1, 2]), "patience_epochs": g.r.choice([1, 2, 10]),
         "decay_rate": g.r.choice([0.1, 0.5]), "min_lr": g.r.choice([0.0, 1e-6]),
         "warmup_lr": g.r.choice([1e-5, 0.0]), "warmup_epochs": g.r.choice([0, 1, 3]),
         "warmup_prefix": g.r.choice([True, False]),
         "noise": g.r.choice([None, None, 0.5, [0.2, 0.8]]), "noise_pct": 0.67, "noise_std": 1.0,
         "noise_seed": g.r.randint(0, 100), "cycle_mul": g.r.choice([1.0, 2.0]),
         "cycle_decay": g.r.choice([0.1, 1.0]), "cycle_limit": g.r.choice([1, 2]),
         "k_decay": g.r.choice([1.0, 2.0]), "plateau_mode": g.r.choice(["max", "min"]),
         "step_on_epochs": g.r.choice([True, False]), "updates_per_epoch": g.r.choice([0, 1, 5, 10])}
    params = list(v)
    return call(g, TIMM + name, params, v, [])


TIMM_NAMES = ["CosineLRScheduler", "TanhLRScheduler", "PolyLRScheduler", "StepLRScheduler", "MultiStepLRScheduler",
              "PlateauLRScheduler", "create_scheduler_v2"]


# ------------------------------------------------------------------------------ cases
def cases(family, seed, per_name):
    rng = random.Random("%s-%d" % (family, seed))
    g = Gen(rng)
    out = []
    if family == "keras":
        items = [(KERAS + n, lambda n=n: keras_case(g, n)) for n in KERAS_NAMES]
    elif family == "tf":
        items = [(p + n, lambda n=n: tf_case(g, n)) for p, n in TF_NAMES]
    elif family == "mindspore":
        items = [(MS + n, lambda n=n: ms_case(g, n)) for n in MS_NAMES]
    elif family == "transformers":
        items = [(HF + n, lambda n=n: hf_case(g, n)) for n in HF_NAMES]
    elif family == "timm":
        items = [(TIMM + n, lambda n=n: timm_case(g, n)) for n in TIMM_NAMES]
    else:
        items = [(OPTAX + n, lambda n=n: optax_case(g, n)) for n in OPTAX_NAMES]
        items += [(OPTAX + n, lambda n=n: optax_extra_case(g, n)) for n in OPTAX_EXTRA_NAMES]
    for name, make in items:
        for _ in range(per_name):
            spec = make()
            case = {"name": name, "spec": spec, "steps": g.run_steps(), "lr": g.group_lrs(),
                    "steps_per_epoch": rng.choice([1, 1, 2, 3, 5, 7, 10])}
            if "plateau" in spec.lower():
                walk, m = [], rng.uniform(0.5, 2)
                for _ in range(rng.randint(1, 40)):
                    m += rng.uniform(-0.2, 0.25)
                    walk.append(round(m, rng.choice([1, 3, 6])))
                case["metrics"] = ",".join(repr(x) for x in walk)
                case["steps"] = rng.randint(1, 400)
            else:
                case["metrics"] = ""
            m = re.search(r"total_step=(\d+)", spec)
            if m and rng.random() < 0.85:  # a MindSpore list mostly covers the run
                case["steps"] = max(1, min(case["steps"], int(m.group(1))))
            out.append(case)
    return out


# ------------------------------------------------------------------------------ running and comparing
def run_batch(cmd, cases_, cwd=None):
    data = "".join(json.dumps({k: c[k] for k in ("spec", "steps", "lr", "metrics", "steps_per_epoch")}) + "\n"
                   for c in cases_)
    env = dict(os.environ, DJL_OFFLINE="true", OPT_OUT_TRACKING="true", JAX_PLATFORMS="cpu")
    p = subprocess.run(cmd, input=data, capture_output=True, text=True, cwd=cwd, env=env)
    lines = [ln for ln in p.stdout.splitlines() if ln.strip()]
    if len(lines) != len(cases_):
        sys.stderr.write(p.stderr[-3000:])
        raise SystemExit("%s: %d results for %d cases" % (cmd[:3], len(lines), len(cases_)))
    return [json.loads(ln) for ln in lines]


def single_mode_check(jar, cases_, ours, per_name):
    """lr-curve's single mode on the first PER_NAME cases of each name: the same rows as --batch (k from
    0, as PyTorch's reference script prints them), or an error with exit status != 0 where --batch gave
    one. Returns (checked, disagreements)."""
    seen, checked, bad = {}, 0, []
    env = dict(os.environ, DJL_OFFLINE="true", OPT_OUT_TRACKING="true")
    for c, o in zip(cases_, ours):
        if seen.get(c["name"], 0) >= per_name or c["steps"] > 3000:
            continue
        seen[c["name"]] = seen.get(c["name"], 0) + 1
        cmd = ["java", "-jar", jar, c["spec"], str(c["steps"]), "--lr", c["lr"], "--steps-per-epoch",
               str(c["steps_per_epoch"])]
        if c["metrics"]:
            cmd += ["--metrics", c["metrics"]]
        p = subprocess.run(cmd, capture_output=True, text=True, env=env)
        checked += 1
        if "error" in o:
            if p.returncode == 0:
                bad.append((c["spec"], "single mode accepted what --batch rejected"))
            continue
        rows = [[float(x) for x in ln.split(",")[1:]] for ln in p.stdout.splitlines() if ln.strip()]
        if p.returncode != 0 or rows != [[float(x) for x in r] for r in o["lr"]]:
            bad.append((c["spec"], "single mode differs from --batch: %s" % p.stderr.strip()[:200]))
    return checked, bad


def ordered(x):
    """The float32 of x as an integer on the ulp scale (monotone; -0 and +0 the same)."""
    b = struct.unpack("<i", struct.pack("<f", x))[0]
    return b if b >= 0 else -(b & 0x7FFFFFFF)


def f32(x):
    try:
        return struct.unpack("<f", struct.pack("<f", x))[0]
    except OverflowError:
        return math.copysign(math.inf, x)


def ulps(a, b):
    a, b = f32(float(a)), f32(float(b))
    if a != a or b != b:
        return 0 if (a != a and b != b) else math.inf
    if a == b:
        return 0
    if math.isinf(a) or math.isinf(b):
        return math.inf
    return abs(ordered(a) - ordered(b))


def compare(ours, ref, ftz_ok=None):
    """('ulp', worst, ftz) or ('both', ours, ref) or ('ours_only', msg) / ('ref_only', msg) or ('shape', ...)."""
    if "error" in ours and "error" in ref:
        return ("both", ours["error"], ref["error"])
    if "error" in ours:
        return ("ours_only", ours["error"], ref)
    if "error" in ref:
        return ("ref_only", ref["error"], ours)
    a, b = ours["lr"], ref["lr"]
    if len(a) != len(b) or any(len(x) != len(y) for x, y in zip(a, b)):
        return ("shape", "%d rows vs %d" % (len(a), len(b)), None)
    worst, ftz, at = 0, 0, None
    flushed = None
    for k, (ra, rb) in enumerate(zip(a, b)):
        for x, y in zip(ra, rb):
            d = ulps(x, y)
            if d > 4 and ftz_ok is not None and y == 0:
                # real optax flushes subnormal results and inputs to zero (also of intermediates):
                # counted apart when the correctly rounded model with flush-to-zero gives 0 there too
                if flushed is None:
                    flushed = ftz_ok()
                if flushed[k][0] == 0:
                    ftz += 1
                    continue
            if d > worst:
                worst, at = d, (k + 1, x, y)
    return ("ulp", worst, ftz, at)


def ftz_model(oracle, case):
    """The rows of optax_f32's correctly rounded model with flush-to-zero (in process)."""
    if oracle not in sys.path:
        sys.path.insert(0, oracle)
    import optax_f32  # noqa: E402 (the reference folder's model)
    return optax_f32.run(case, mode="cr", ftz=True)["lr"]


WORD = re.compile(r"[A-Za-z_][A-Za-z_0-9]*")
STOP = {"the", "and", "but", "got", "with", "type", "value", "for", "must", "should", "received", "argument",
        "int", "float", "bool", "str", "was", "than", "that", "not", "are", "has", "have", "one", "set", "through"}


NOT_UPSTREAM = ("NotEmulated", "NotImplementedError", "SpecError")


def names_rule(ours, ref):
    """The share of the upstream message's words (argument names, comparisons) found in ours; 1 when
    ours names upstream's exception type (IndexError, ZeroDivisionError...)."""
    kind = ref.split(":", 1)[0]
    if kind not in ("ValueError", "TypeError") and kind in ours:
        return 1.0
    ref = ref.split(":", 1)[1] if ":" in ref.split(" ", 1)[0] else ref
    words = {w.lower() for w in WORD.findall(ref) if len(w) > 2 and w.lower() not in STOP}
    if not words:
        return 1.0
    low = ours.lower()
    return sum(1 for w in words if w in low) / len(words)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--per-name", type=int, default=40)
    ap.add_argument("--oracle", default=os.path.join("..", "shared", "oracle", "beyond"))
    ap.add_argument("--python", default=sys.executable, help="python for beyond_batch.py / optax_f32.py")
    ap.add_argument("--optax-python", default="/tmp/optax/bin/python",
                    help="a python with jax and optax for optax_batch.py ('' to skip)")
    ap.add_argument("--jar", default=os.path.join("tools", "target", "lr-curve.jar"))
    ap.add_argument("--families", default="keras,tf,mindspore,transformers,timm,optax")
    ap.add_argument("--single", type=int, default=1,
                    help="cases per name also run through lr-curve's single mode (0: none)")
    ap.add_argument("--keep", default=None, help="write each family's cases and results here")
    ap.add_argument("--show", type=int, default=8, help="mismatches to print per family")
    ap.add_argument("--rule-threshold", type=float, default=0.5,
                    help="share of the upstream message's words our message must hold")
    args = ap.parse_args()
    oracle = os.path.abspath(args.oracle)
    java = ["java", "-jar", args.jar, "--batch"]
    bad_total = 0
    header = ("family        cases  0-ulp  1-ulp  >1-ulp  both-reject  one-rejects  rule-named  not-emulated  ftz")
    print(header)
    report = []
    for fam in args.families.split(","):
        cs = cases(fam, args.seed, args.per_name)
        ours = run_batch(java, cs)
        refs = []
        if fam == "optax":
            refs.append(("optax_f32 cr", run_batch([args.python, os.path.join(oracle, "optax_f32.py"), "--mode", "cr",
                                                    "--batch"], cs), 1, False))
            if args.optax_python and os.path.exists(args.optax_python):
                refs.append(("real optax", run_batch([args.optax_python, os.path.join(oracle, "optax_batch.py"),
                                                      "--batch"], cs), 4, True))
        else:
            refs.append(("beyond_batch", run_batch([args.python, os.path.join(oracle, "beyond_batch.py"), "--batch"],
                                                   cs), 1, False))
        if args.keep:
            os.makedirs(args.keep, exist_ok=True)
            with open(os.path.join(args.keep, fam + ".jsonl"), "w") as f:
                for c, o in zip(cs, ours):
                    f.write(json.dumps(dict(c, ours=o, refs={n: r[i] for n, r, _, _ in refs
                                                              for i in [cs.index(c)]})) + "\n")
        for rname, res, tol, ftz_ok in refs:
            cnt = {"n": 0, "u0": 0, "u1": 0, "ubig": 0, "both": 0, "one": 0, "named": 0, "notemu": 0, "ftz": 0}
            shown = 0
            for c, o, r in zip(cs, ours, res):
                cnt["n"] += 1
                res_ = compare(o, r, (lambda c=c: ftz_model(oracle, c)) if ftz_ok else None)
                bad = None
                if res_[0] == "ulp":
                    w = res_[1]
                    cnt["ftz"] += 1 if res_[2] else 0
                    cnt["u0" if w == 0 else "u1" if w <= 1 else "ubig"] += 1
                    if w > tol:
                        bad = "%s ulp at update/ours/ref %s" % (w, res_[3])
                elif res_[0] == "both":
                    cnt["both"] += 1
                    share = names_rule(res_[1], res_[2])
                    if res_[2].split(":", 1)[0] in NOT_UPSTREAM:
                        cnt["notemu"] += 1
                    elif share >= args.rule_threshold:
                        cnt["named"] += 1
                    elif shown < args.show:
                        print("  [rule? %.2f] %s\n      ours: %s\n      ref:  %s" % (share, c["spec"], res_[1][:300],
                                                                                     res_[2][:300]))
                        shown += 1
                else:
                    cnt["one"] += 1
                    bad = "%s: %s" % (res_[0], str(res_[1])[:300])
                if bad:
                    bad_total += 1
                    if shown < args.show:
                        print("  [%s] %s steps=%s lr=%s spe=%s\n      %s" % (rname, c["spec"], c["steps"], c["lr"],
                                                                              c["steps_per_epoch"], bad))
                        shown += 1
            line = "%-13s %5d  %5d  %5d  %6d  %11d  %11d  %10s  %11d  %s" % (
                fam if rname in ("beyond_batch", "optax_f32 cr") else fam + "/real", cnt["n"], cnt["u0"], cnt["u1"],
                cnt["ubig"], cnt["both"], cnt["one"], "%d/%d" % (cnt["named"], cnt["both"] - cnt["notemu"]),
                cnt["notemu"], cnt["ftz"] or "")
            print(line + ("   (vs %s, tolerance %d ulp)" % (rname, tol)))
            report.append(line)
            sys.stdout.flush()
        if args.single:
            n, bad = single_mode_check(args.jar, cs, ours, args.single)
            bad_total += len(bad)
            for spec, why in bad[:args.show]:
                print("  [single] %s\n      %s" % (spec, why))
            line = "%-13s %5d cases in lr-curve's single mode, %d differ from --batch" % (fam + "/single", n, len(bad))
            print(line)
            report.append(line)
    print("\n".join(["", "summary:", header] + report))
    print("out of tolerance or accept/reject disagreements: %d" % bad_total)
    sys.exit(1 if bad_total else 0)


if __name__ == "__main__":
    main()
