#!/usr/bin/env python3
"""Generate transformers.jsonl: golden curves of the Hugging Face transformers schedules.

    python3 src/test/resources/golden/beyond/generate_transformers.py [--oracle DIR] [--out FILE] [--seed N]

The expected values come from the reference oracle (../shared/oracle/beyond relative to the repo
root by default: beyond_batch.py --batch, a transcription of transformers' optimization.py,
LambdaLR semantics in Python doubles). Cases: every get_*_schedule* function and every
get_scheduler name with defaults and every argument, the traps of SEMANTICS.md section 4
(warmup starting at 0, cosine not clamped past the horizon, fractional hard restarts ending at 0,
polynomial relative to the first group's rate, WSD starting at min_lr_ratio), 1-3 groups, the
configurations transformers rejects, and seeded random cases.
"""
import argparse, json, os, random, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", "..", "..", ".."))
T = "transformers."

FIXED = [
    # (spec, steps, lrs, steps_per_epoch, metrics)
    ("get_constant_schedule()", 5, "0.1", 1, ""),
    ("get_constant_schedule()", 4, "0.1,0.02,0.5", 1, ""),
    ("get_constant_schedule_with_warmup(num_warmup_steps=4)", 8, "0.1", 1, ""),
    ("get_constant_schedule_with_warmup(0)", 3, "0.1,0.3", 1, ""),
    ("get_constant_schedule_with_warmup(num_warmup_steps=1)", 3, "0.1", 1, ""),
    ("get_linear_schedule_with_warmup(num_warmup_steps=3, num_training_steps=10)", 14, "0.1", 1, ""),
    ("get_linear_schedule_with_warmup(3, 10)", 12, "0.1,0.01", 1, ""),
    ("get_linear_schedule_with_warmup(num_warmup_steps=0, num_training_steps=0)", 3, "0.1", 1, ""),
    ("get_linear_schedule_with_warmup(num_warmup_steps=5, num_training_steps=5)", 8, "0.1", 1, ""),
    ("get_linear_schedule_with_warmup(num_warmup_steps=8, num_training_steps=4)", 12, "0.1", 1, ""),
    ("get_linear_schedule_with_warmup(num_warmup_steps=2, num_training_steps=6, last_epoch=-1)", 8, "0.1", 1, ""),
    ("get_cosine_schedule_with_warmup(num_warmup_steps=3, num_training_steps=10)", 30, "0.1", 1, ""),
    ("get_cosine_schedule_with_warmup(2, 12, 1.5)", 20, "0.1,0.05", 1, ""),
    ("get_cosine_schedule_with_warmup(num_warmup_steps=0, num_training_steps=7, num_cycles=0.25)", 20, "0.3", 1, ""),
    ("get_cosine_schedule_with_warmup(num_warmup_steps=5, num_training_steps=5)", 9, "0.1", 1, ""),
    ("get_cosine_schedule_with_warmup(num_warmup_steps=2, num_training_steps=10, num_cycles=2)", 14, "0.1", 1, ""),
    ("get_cosine_with_hard_restarts_schedule_with_warmup(num_warmup_steps=2, num_training_steps=20)", 24, "0.1", 1, ""),
    ("get_cosine_with_hard_restarts_schedule_with_warmup(num_warmup_steps=2, num_training_steps=20, num_cycles=1.5)", 24, "0.1", 1, ""),
    ("get_cosine_with_hard_restarts_schedule_with_warmup(0, 17, 2.7)", 20, "0.1,0.2", 1, ""),
    ("get_cosine_with_hard_restarts_schedule_with_warmup(num_warmup_steps=3, num_training_steps=13, num_cycles=3)", 16, "0.1", 1, ""),
    ("get_cosine_with_hard_restarts_schedule_with_warmup(num_warmup_steps=3, num_training_steps=13, num_cycles=-1.5)", 16, "0.1", 1, ""),
    ("get_polynomial_decay_schedule_with_warmup(num_warmup_steps=2, num_training_steps=10)", 14, "0.1", 1, ""),
    ("get_polynomial_decay_schedule_with_warmup(2, 10, 0.01, 2.0)", 14, "0.1,0.05,0.2", 1, ""),
    ("get_polynomial_decay_schedule_with_warmup(num_warmup_steps=0, num_training_steps=8, lr_end=0.001, power=0.5)", 12, "0.1", 1, ""),
    ("get_polynomial_decay_schedule_with_warmup(num_warmup_steps=3, num_training_steps=3)", 6, "0.1", 1, ""),
    ("get_polynomial_decay_schedule_with_warmup(num_warmup_steps=1, num_training_steps=5, lr_end=0.1)", 3, "0.1", 1, ""),
    ("get_polynomial_decay_schedule_with_warmup(num_warmup_steps=1, num_training_steps=5, lr_end=0.2)", 3, "0.1,0.5", 1, ""),
    ("get_polynomial_decay_schedule_with_warmup(num_warmup_steps=1, num_training_steps=5, power=-1.0)", 8, "0.1", 1, ""),
    ("get_polynomial_decay_schedule_with_warmup(num_warmup_steps=1, num_training_steps=5, lr_end=-0.1)", 8, "0.1", 1, ""),
    ("get_polynomial_decay_schedule_with_warmup(num_warmup_steps=6, num_training_steps=4)", 10, "0.1", 1, ""),
    ("get_inverse_sqrt_schedule(num_warmup_steps=4)", 12, "0.1", 1, ""),
    ("get_inverse_sqrt_schedule(num_warmup_steps=0)", 6, "0.1,0.2", 1, ""),
    ("get_inverse_sqrt_schedule(num_warmup_steps=3, timescale=10)", 10, "0.1", 1, ""),
    ("get_inverse_sqrt_schedule(2, 0.5)", 8, "0.1", 1, ""),
    ("get_inverse_sqrt_schedule(num_warmup_steps=0, timescale=0)", 3, "0.1", 1, ""),
    ("get_inverse_sqrt_schedule(num_warmup_steps=2, timescale=-1)", 5, "0.1", 1, ""),
    ("get_cosine_with_min_lr_schedule_with_warmup(num_warmup_steps=2, num_training_steps=10, min_lr_rate=0.1)", 16, "0.1", 1, ""),
    ("get_cosine_with_min_lr_schedule_with_warmup(num_warmup_steps=2, num_training_steps=10, min_lr=0.001)", 16, "0.1,0.01", 1, ""),
    ("get_cosine_with_min_lr_schedule_with_warmup(2, 10, 1.0, -1, None, 0.3)", 12, "0.1", 1, ""),
    ("get_cosine_with_min_lr_schedule_with_warmup(num_warmup_steps=2, num_training_steps=10)", 3, "0.1", 1, ""),
    ("get_cosine_with_min_lr_schedule_with_warmup(num_warmup_steps=2, num_training_steps=10, min_lr=0.001, min_lr_rate=0.1)", 3, "0.1", 1, ""),
    ("get_cosine_with_min_lr_schedule_with_warmup_lr_rate(num_warmup_steps=4, num_training_steps=12, min_lr_rate=0.05)", 16, "0.1", 1, ""),
    ("get_cosine_with_min_lr_schedule_with_warmup_lr_rate(num_warmup_steps=4, num_training_steps=12, min_lr=0.01, warmup_lr_rate=0.2)", 16, "0.1,0.3", 1, ""),
    ("get_cosine_with_min_lr_schedule_with_warmup_lr_rate(num_warmup_steps=1, num_training_steps=6, num_cycles=1, min_lr_rate=0.0, warmup_lr_rate=0.5)", 10, "0.1", 1, ""),
    ("get_cosine_with_min_lr_schedule_with_warmup_lr_rate(num_warmup_steps=0, num_training_steps=5, min_lr_rate=0.2)", 8, "0.1", 1, ""),
    ("get_cosine_with_min_lr_schedule_with_warmup_lr_rate(num_warmup_steps=3, num_training_steps=9)", 3, "0.1", 1, ""),
    ("get_wsd_schedule(num_warmup_steps=3, num_decay_steps=4, num_training_steps=12)", 15, "0.1", 1, ""),
    ("get_wsd_schedule(3, 4, None, 2, 'cosine', 'linear', 0.1)", 12, "0.1,0.2", 1, ""),
    ("get_wsd_schedule(num_warmup_steps=4, num_decay_steps=5, num_stable_steps=3, warmup_type='1-sqrt', decay_type='1-sqrt', min_lr_ratio=0.05)", 15, "0.1", 1, ""),
    ("get_wsd_schedule(num_warmup_steps=2, num_decay_steps=6, num_training_steps=10, num_cycles=1.5)", 12, "0.1", 1, ""),
    ("get_wsd_schedule(num_warmup_steps=2, num_decay_steps=3, num_training_steps=20, num_stable_steps=1)", 9, "0.1", 1, ""),
    ("get_wsd_schedule(num_warmup_steps=0, num_decay_steps=0, num_training_steps=3)", 5, "0.1", 1, ""),
    ("get_wsd_schedule(num_warmup_steps=2, num_decay_steps=3)", 3, "0.1", 1, ""),
    ("get_wsd_schedule(num_warmup_steps=2, num_decay_steps=3, num_training_steps=10, warmup_type='exp')", 3, "0.1", 1, ""),
    ("get_wsd_schedule(num_warmup_steps=2, num_decay_steps=3, num_training_steps=10, decay_type='step')", 3, "0.1", 1, ""),
    ("get_reduce_on_plateau_schedule()", 30, "0.1", 2, "1.0"),
    ("get_reduce_on_plateau_schedule(mode='max', factor=0.5, patience=1, cooldown=1)", 20, "0.1,0.01", 1, "1,2,2,2,2,3,3,3,3,3"),
    ("get_reduce_on_plateau_schedule(patience=0, min_lr=[0.01, 0.001], threshold_mode='abs')", 12, "0.1,0.01", 3, "5,4,4,4,4"),
    ("get_reduce_on_plateau_schedule(factor=1.5)", 3, "0.1", 1, "1"),
    ("get_scheduler('linear', num_warmup_steps=2, num_training_steps=8)", 10, "0.1", 1, ""),
    ("get_scheduler('cosine', num_warmup_steps=2, num_training_steps=8)", 14, "0.1,0.2", 1, ""),
    ("get_scheduler('cosine', num_warmup_steps=2, num_training_steps=8, scheduler_specific_kwargs={'num_cycles': 1.5})", 14, "0.1", 1, ""),
    ("get_scheduler(\"cosine_with_restarts\", num_warmup_steps=2, num_training_steps=12, scheduler_specific_kwargs={\"num_cycles\": 2.5})", 14, "0.1", 1, ""),
    ("get_scheduler('polynomial', num_warmup_steps=1, num_training_steps=6, scheduler_specific_kwargs={'lr_end': 0.001, 'power': 3})", 9, "0.1,0.05", 1, ""),
    ("get_scheduler('constant')", 3, "0.1", 1, ""),
    ("get_scheduler('constant', num_warmup_steps=5, scheduler_specific_kwargs={'bogus': 1})", 3, "0.1", 1, ""),
    ("get_scheduler('constant_with_warmup', num_warmup_steps=3)", 6, "0.1", 1, ""),
    ("get_scheduler('constant_with_warmup', num_warmup_steps=3, scheduler_specific_kwargs={'bogus': 1})", 6, "0.1", 1, ""),
    ("get_scheduler('inverse_sqrt', num_warmup_steps=3, scheduler_specific_kwargs={'timescale': 7})", 8, "0.1", 1, ""),
    ("get_scheduler('inverse_sqrt', num_warmup_steps=0)", 4, "0.1", 1, ""),
    ("get_scheduler('reduce_lr_on_plateau')", 30, "0.1", 1, "3.0"),
    ("get_scheduler('reduce_lr_on_plateau', num_warmup_steps=4, scheduler_specific_kwargs={'patience': 1, 'factor': 0.5})", 12, "0.1", 2, "3,2,2,2,2,2"),
    ("get_scheduler('cosine_with_min_lr', num_warmup_steps=2, num_training_steps=8, scheduler_specific_kwargs={'min_lr': 1e-3})", 12, "0.1,0.2", 1, ""),
    ("get_scheduler('cosine_with_min_lr', num_warmup_steps=2, num_training_steps=8, scheduler_specific_kwargs={'min_lr_rate': 0.1, 'num_cycles': 1})", 12, "0.1", 1, ""),
    ("get_scheduler('cosine_with_min_lr', num_warmup_steps=2, num_training_steps=8)", 3, "0.1", 1, ""),
    ("get_scheduler('cosine_warmup_with_min_lr', num_warmup_steps=3, num_training_steps=9, scheduler_specific_kwargs={'min_lr_rate': 0.1, 'warmup_lr_rate': 0.25})", 12, "0.1", 1, ""),
    ("get_scheduler('warmup_stable_decay', num_warmup_steps=2, num_training_steps=12, scheduler_specific_kwargs={'num_decay_steps': 4, 'min_lr_ratio': 0.1})", 14, "0.1", 1, ""),
    ("get_scheduler('warmup_stable_decay', num_warmup_steps=2, scheduler_specific_kwargs={'num_decay_steps': 4, 'num_stable_steps': 3, 'decay_type': '1-sqrt'})", 12, "0.1", 1, ""),
    ("get_scheduler('warmup_stable_decay', num_warmup_steps=2, scheduler_specific_kwargs={'num_decay_steps': 4})", 3, "0.1", 1, ""),
    ("get_scheduler('warmup_stable_decay', num_warmup_steps=2, num_training_steps=9)", 3, "0.1", 1, ""),
    ("get_scheduler('linear', num_training_steps=8)", 3, "0.1", 1, ""),
    ("get_scheduler('linear', num_warmup_steps=2)", 3, "0.1", 1, ""),
    ("get_scheduler('cosine', num_warmup_steps=2, num_training_steps=8, scheduler_specific_kwargs={'bogus': 1})", 3, "0.1", 1, ""),
    ("get_scheduler('cosine', num_warmup_steps=2, num_training_steps=8, scheduler_specific_kwargs={'num_warmup_steps': 1})", 3, "0.1", 1, ""),
    ("get_scheduler('cosine', num_warmup_steps=2, num_training_steps=8, scheduler_specific_kwargs={})", 10, "0.1", 1, ""),
    ("get_scheduler('exponential', num_warmup_steps=2, num_training_steps=8)", 3, "0.1", 1, ""),
    ("get_scheduler('polynomial', num_warmup_steps=1, num_training_steps=6, scheduler_specific_kwargs={'lr_end': 0.5})", 3, "0.1", 1, ""),
    # LambdaLR schedules see the update counter: steps_per_epoch does not change them
    ("get_linear_schedule_with_warmup(num_warmup_steps=3, num_training_steps=10)", 12, "0.1", 4, ""),
    # found by tools/fuzz/fuzz_beyond.py: lr-curve stepped LambdaLR once per steps_per_epoch
    ("get_constant_schedule_with_warmup(num_warmup_steps=5)", 12, "0.1,0.2", 3, ""),
    ("get_scheduler('cosine', num_warmup_steps=2, num_training_steps=10)", 14, "0.5", 4, ""),
    ("get_scheduler('warmup_stable_decay', num_warmup_steps=3, num_training_steps=12,"
     " scheduler_specific_kwargs={'num_decay_steps': 5, 'warmup_type': '1-sqrt'})", 14, "0.1,1.0", 2, ""),
    # no scheduler step after the last update: lambda(T) of T == W (ZeroDivisionError) is never read
    ("get_polynomial_decay_schedule_with_warmup(num_warmup_steps=4, num_training_steps=4)", 4, "0.1", 1, ""),
    ("get_polynomial_decay_schedule_with_warmup(num_warmup_steps=4, num_training_steps=4)", 5, "0.1", 1, ""),
]

# fractional counts: upstream never checks the type and computes with the float (after the random
# cases, so that the earlier cases keep their names)
FRACTIONAL = [
    ("get_linear_schedule_with_warmup(num_warmup_steps=0.5, num_training_steps=10.25)", 13, "0.1", 1, ""),
    ("get_linear_schedule_with_warmup(num_warmup_steps=3.7, num_training_steps=4.2)", 8, "0.1,0.2", 1, ""),
    ("get_linear_schedule_with_warmup(num_warmup_steps=2.0, num_training_steps=9.0)", 10, "0.1", 1, ""),
    ("get_constant_schedule_with_warmup(num_warmup_steps=2.5)", 5, "0.1", 1, ""),
    ("get_constant_schedule_with_warmup(num_warmup_steps=True)", 3, "0.1", 1, ""),
    ("get_cosine_schedule_with_warmup(num_warmup_steps=1.5, num_training_steps=20.75, num_cycles=0.5)", 24, "0.1,0.3", 1, ""),
    ("get_cosine_with_hard_restarts_schedule_with_warmup(num_warmup_steps=0.25, num_training_steps=17.5, num_cycles=3)", 20, "0.1", 1, ""),
    ("get_polynomial_decay_schedule_with_warmup(num_warmup_steps=2.5, num_training_steps=12.5, power=2.0)", 15, "0.1", 1, ""),
    ("get_polynomial_decay_schedule_with_warmup(num_warmup_steps=4.0, num_training_steps=4.0)", 6, "0.1", 1, ""),
    ("get_inverse_sqrt_schedule(num_warmup_steps=3.5)", 12, "0.1", 1, ""),
    ("get_inverse_sqrt_schedule(num_warmup_steps=0.0)", 5, "0.1", 1, ""),
    ("get_cosine_with_min_lr_schedule_with_warmup(num_warmup_steps=2.5, num_training_steps=15.5, min_lr_rate=0.1)", 18, "0.1", 1, ""),
    ("get_cosine_with_min_lr_schedule_with_warmup_lr_rate(num_warmup_steps=3.5, num_training_steps=15.25, min_lr=1e-4, warmup_lr_rate=0.2)", 18, "0.1", 1, ""),
    ("get_cosine_with_min_lr_schedule_with_warmup_lr_rate(num_warmup_steps=0.5, num_training_steps=9.5, min_lr_rate=0.05)", 12, "0.1", 1, ""),
    ("get_wsd_schedule(num_warmup_steps=2.5, num_decay_steps=4.5, num_training_steps=12.25, warmup_type='cosine')", 15, "0.1", 1, ""),
    ("get_wsd_schedule(num_warmup_steps=1.5, num_decay_steps=3.25, num_stable_steps=2.5, decay_type='1-sqrt')", 10, "0.1", 1, ""),
    ("get_scheduler('linear', num_warmup_steps=1.5, num_training_steps=7.5)", 9, "0.1", 1, ""),
    ("get_scheduler('warmup_stable_decay', num_warmup_steps=1.5, num_training_steps=10.5, scheduler_specific_kwargs={'num_decay_steps': 2.5})", 12, "0.1", 1, ""),
    ("get_linear_schedule_with_warmup(num_warmup_steps='2', num_training_steps=8)", 3, "0.1", 1, ""),
]


def num(rng, lo, hi, digits=4):
    return repr(round(rng.uniform(lo, hi), digits))


def randoms(rng, count):
    out = []
    for _ in range(count):
        g = rng.randint(1, 3)
        lrs = ",".join(num(rng, 0.001, 1.0) for _ in range(g))
        w = rng.choice([0, 0, 1, rng.randint(1, 20), rng.randint(1, 60)])
        t = w + rng.randint(-3, 80)
        kind = rng.randrange(12)
        kw = {}
        if kind == 0:
            spec = "get_constant_schedule()"
        elif kind == 1:
            spec = "get_constant_schedule_with_warmup(num_warmup_steps=%d)" % w
        elif kind == 2:
            spec = "get_linear_schedule_with_warmup(num_warmup_steps=%d, num_training_steps=%d)" % (w, t)
        elif kind == 3:
            spec = ("get_cosine_schedule_with_warmup(num_warmup_steps=%d, num_training_steps=%d, num_cycles=%s)"
                    % (w, t, rng.choice(["0.5", num(rng, 0.1, 3.0, 2), str(rng.randint(1, 3))])))
        elif kind == 4:
            spec = ("get_cosine_with_hard_restarts_schedule_with_warmup(num_warmup_steps=%d, num_training_steps=%d, num_cycles=%s)"
                    % (w, t, rng.choice(["1", num(rng, 0.2, 5.0, 2), str(rng.randint(1, 5))])))
        elif kind == 5:
            spec = ("get_polynomial_decay_schedule_with_warmup(num_warmup_steps=%d, num_training_steps=%d, lr_end=%s, power=%s)"
                    % (w, t + (1 if t == w else 0), rng.choice(["1e-7", num(rng, 0.0, 0.001, 6)]),
                       rng.choice(["1.0", "2.0", num(rng, 0.2, 4.0, 2)])))
        elif kind == 6:
            ts = "" if rng.random() < 0.5 else ", timescale=%d" % rng.randint(1, 50)
            spec = "get_inverse_sqrt_schedule(num_warmup_steps=%d%s)" % (w, ts)
        elif kind == 7:
            which = ("min_lr=%s" % num(rng, 0.0, 0.001, 6)) if rng.random() < 0.5 else ("min_lr_rate=%s" % num(rng, 0.0, 0.5))
            spec = ("get_cosine_with_min_lr_schedule_with_warmup(num_warmup_steps=%d, num_training_steps=%d, num_cycles=%s, %s)"
                    % (w, t, rng.choice(["0.5", num(rng, 0.1, 2.0, 2)]), which))
        elif kind == 8:
            which = ("min_lr=%s" % num(rng, 0.0, 0.001, 6)) if rng.random() < 0.5 else ("min_lr_rate=%s" % num(rng, 0.0, 0.5))
            wr = "" if rng.random() < 0.5 else ", warmup_lr_rate=%s" % num(rng, 0.0, 0.9)
            spec = ("get_cosine_with_min_lr_schedule_with_warmup_lr_rate(num_warmup_steps=%d, num_training_steps=%d, %s%s)"
                    % (w, t, which, wr))
        elif kind == 9:
            d = rng.randint(0, 40)
            stable = ("num_training_steps=%d" % (w + d + rng.randint(0, 30)) if rng.random() < 0.6
                      else "num_stable_steps=%d" % rng.randint(0, 30))
            spec = ("get_wsd_schedule(num_warmup_steps=%d, num_decay_steps=%d, %s, warmup_type=%r, decay_type=%r, min_lr_ratio=%s, num_cycles=%s)"
                    % (w, d, stable, rng.choice(["linear", "cosine", "1-sqrt"]),
                       rng.choice(["linear", "cosine", "1-sqrt"]), rng.choice(["0", num(rng, 0.0, 0.3)]),
                       rng.choice(["0.5", num(rng, 0.1, 2.0, 2)])))
        elif kind == 10:
            spec = ("get_reduce_on_plateau_schedule(mode=%r, factor=%s, patience=%d, threshold=%s, threshold_mode=%r, cooldown=%d)"
                    % (rng.choice(["min", "max"]), num(rng, 0.1, 0.9, 2), rng.randint(0, 4),
                       rng.choice(["1e-4", "0.01", "0.0"]), rng.choice(["rel", "abs"]), rng.randint(0, 3)))
        else:
            name = rng.choice(["linear", "cosine", "cosine_with_restarts", "polynomial", "constant",
                               "constant_with_warmup", "inverse_sqrt", "cosine_with_min_lr",
                               "cosine_warmup_with_min_lr", "warmup_stable_decay"])
            if name in ("cosine", "cosine_with_restarts"):
                kw = {"num_cycles": round(rng.uniform(0.2, 3.0), 2)}
            elif name == "polynomial":
                kw = {"lr_end": 1e-6, "power": rng.choice([1, 2, 0.5])}
                t = max(t, w + 1)
            elif name in ("cosine_with_min_lr", "cosine_warmup_with_min_lr"):
                kw = {"min_lr_rate": round(rng.uniform(0, 0.5), 3)}
            elif name == "warmup_stable_decay":
                kw = {"num_decay_steps": rng.randint(0, 30), "decay_type": rng.choice(["linear", "cosine", "1-sqrt"])}
                t = w + kw["num_decay_steps"] + rng.randint(0, 20)
            spec = "get_scheduler(%r, num_warmup_steps=%d, num_training_steps=%d%s)" % (
                name, w, t, ", scheduler_specific_kwargs=" + json.dumps(kw) if kw else "")
        steps = rng.randint(1, 120)
        k = rng.choice([1, 1, 1, 2, 5]) if kind == 10 else 1
        metrics = ",".join(num(rng, 0.0, 2.0, 3) for _ in range(rng.randint(1, 40))) if kind == 10 else ""
        out.append((spec, steps, lrs, k, metrics))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--oracle", default=os.path.join(ROOT, "..", "shared", "oracle", "beyond"))
    ap.add_argument("--out", default=os.path.join(HERE, "transformers.jsonl"))
    ap.add_argument("--seed", type=int, default=12)
    ap.add_argument("--random", type=int, default=400)
    a = ap.parse_args()
    cases = FIXED + randoms(random.Random(a.seed), a.random) + FRACTIONAL
    lines = [{"spec": T + s, "steps": n, "lr": lr, "metrics": m, "steps_per_epoch": k}
             for s, n, lr, k, m in cases]
    res = subprocess.run([sys.executable, os.path.join(a.oracle, "beyond_batch.py"), "--batch"],
                         input="\n".join(json.dumps(l) for l in lines) + "\n",
                         capture_output=True, text=True, check=True)
    outs = [json.loads(x) for x in res.stdout.splitlines() if x.strip()]
    assert len(outs) == len(lines), (len(outs), len(lines))
    with open(a.out, "w") as f:
        for i, (case, out) in enumerate(zip(lines, outs)):
            row = {"name": "transformers%d" % i}
            row.update(case)
            row["expected"] = out
            f.write(json.dumps(row) + "\n")
    errors = sum(1 for o in outs if "error" in o)
    print("%d cases (%d rejected) -> %s" % (len(outs), errors, a.out))


if __name__ == "__main__":
    main()
