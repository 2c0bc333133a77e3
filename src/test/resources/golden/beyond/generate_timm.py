#!/usr/bin/env python3
"""Generate timm.jsonl: golden curves of timm's schedulers (timm.scheduler.*).

    python3 src/test/resources/golden/beyond/generate_timm.py [--oracle DIR] [--out FILE] [--seed N] [--random N]

The expected values come from the reference oracle (../shared/oracle/beyond relative to the repo
root by default: beyond_batch.py --batch, a transcription of timm's scheduler files with the train
loop's calls: the constructor's value for the first update, step_update(n) after each update,
step(e + 1, metric_e) after every steps_per_epoch updates; seeded noise from an emulation of
torch's CPU generator; Python doubles). Cases: each scheduler with defaults and every argument,
the traps of SEMANTICS.md section 5 (warmup_prefix=False overlapping the cosine, cycle_limit,
cycle_mul < 1 failing, k_decay, noise on and off, noise_range_t as a number and a list,
t_in_epochs True/False with several updates per epoch, MultiStep one step early, plateau with
metrics), create_scheduler_v2, 1-3 groups, rejected configurations, and --random seeded random cases
per scheduler and for the factory.
"""
import argparse, json, os, random, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", "..", "..", ".."))
T = "timm.scheduler."

V2 = "create_scheduler_v2"
C, TH, P, S, MS, PL = ("CosineLRScheduler", "TanhLRScheduler", "PolyLRScheduler", "StepLRScheduler",
                       "MultiStepLRScheduler", "PlateauLRScheduler")

FIXED = [
    # (spec, steps, lrs, steps_per_epoch, metrics)
    # defaults (t_in_epochs=True: one value per epoch; the first epoch is the constructor's value)
    (C + "(t_initial=10)", 14, "0.1", 1, ""),
    (C + "(10)", 30, "0.1,0.01,0.5", 3, ""),
    (TH + "(t_initial=10)", 14, "0.1", 1, ""),
    (P + "(t_initial=10)", 14, "0.1,0.02", 1, ""),
    (S + "(decay_t=3)", 12, "0.1", 1, ""),
    (S + "(3, 0.5)", 24, "0.1,0.3", 2, ""),
    (MS + "(decay_t=[2, 5, 9])", 12, "0.1", 1, ""),
    (MS + "([2, 5, 9], 0.5)", 12, "0.1", 1, ""),
    (PL + "()", 30, "0.1", 1, "1.0"),
    # every argument, by keyword
    (C + "(t_initial=100, lr_min=1e-5, cycle_mul=1.0, cycle_decay=0.5, cycle_limit=3, warmup_t=5, "
         "warmup_lr_init=1e-6, warmup_prefix=True, t_in_epochs=False, noise_range_t=[20, 80], noise_pct=0.67, "
         "noise_std=1.0, noise_seed=7, k_decay=1.0, initialize=True)", 320, "0.1", 1, ""),
    (C + "(t_initial=100, lr_min=1e-5, cycle_limit=3, cycle_decay=0.5, warmup_t=5, warmup_lr_init=1e-6, "
         "t_in_epochs=False, noise_range_t=[20, 80], noise_seed=7)", 320, "0.1,0.05", 4, ""),
    (TH + "(t_initial=20, lb=-6.0, ub=4.0, lr_min=0.001, cycle_mul=2.0, cycle_decay=0.8, cycle_limit=3, "
          "warmup_t=3, warmup_lr_init=0.0001, warmup_prefix=False, t_in_epochs=True, noise_range_t=10, "
          "noise_pct=0.3, noise_std=2.0, noise_seed=3, initialize=True)", 150, "0.1", 1, ""),
    (P + "(t_initial=30, power=2.0, lr_min=0.001, cycle_mul=1.5, cycle_decay=0.7, cycle_limit=4, warmup_t=4, "
         "warmup_lr_init=0.01, warmup_prefix=True, t_in_epochs=False, noise_range_t=[5, 50], noise_pct=0.1, "
         "noise_std=1.0, noise_seed=11, k_decay=1.5, initialize=True)", 200, "0.1,0.2", 1, ""),
    (S + "(decay_t=4, decay_rate=0.5, warmup_t=3, warmup_lr_init=0.001, warmup_prefix=False, t_in_epochs=False, "
         "noise_range_t=6, noise_pct=0.2, noise_std=1.0, noise_seed=5, initialize=True)", 40, "0.1", 1, ""),
    (MS + "(decay_t=[3, 6, 10], decay_rate=0.3, warmup_t=2, warmup_lr_init=0.002, warmup_prefix=True, "
          "t_in_epochs=True, noise_range_t=[4, 8], noise_pct=0.4, noise_std=1.0, noise_seed=9, initialize=True)",
     45, "0.1,0.01", 3, ""),
    (PL + "(decay_rate=0.5, patience_t=2, threshold=0.01, cooldown_t=1, warmup_t=3, warmup_lr_init=0.001, "
          "lr_min=0.005, mode='min', noise_range_t=[6, 12], noise_type='normal', noise_pct=0.3, noise_std=1.0, "
          "noise_seed=4, initialize=True)", 60, "0.1,0.04", 3, "1.0,0.9,0.95,0.95,0.95,0.8,0.85,0.85,0.85,0.85,0.85"),
    # warmup_prefix=False overlaps the warmup and the cosine (the peak is never reached)
    (C + "(t_initial=20, warmup_t=5, warmup_lr_init=0.001)", 25, "0.1", 1, ""),
    (C + "(t_initial=20, warmup_t=5, warmup_lr_init=0.001, warmup_prefix=True)", 27, "0.1", 1, ""),
    (TH + "(t_initial=20, warmup_t=5, warmup_lr_init=0.001)", 25, "0.1,0.3", 1, ""),
    (TH + "(t_initial=20, warmup_t=5, warmup_lr_init=0.001, warmup_prefix=True)", 27, "0.1", 1, ""),
    (P + "(t_initial=20, warmup_t=5, warmup_lr_init=0.001, power=1.0)", 25, "0.1", 1, ""),
    # cycle_limit: lr_min after t_initial * cycles; restarts with decaying peaks
    (C + "(t_initial=5, lr_min=0.01, cycle_limit=1)", 12, "0.1", 1, ""),
    (C + "(t_initial=5, lr_min=0.01, cycle_limit=3, cycle_decay=0.5)", 20, "0.1", 1, ""),
    (C + "(t_initial=4, cycle_limit=5, cycle_mul=2.0, cycle_decay=0.9)", 70, "0.1", 1, ""),
    (C + "(t_initial=4, cycle_limit=0)", 6, "0.1", 1, ""),
    (TH + "(t_initial=6, cycle_limit=3, cycle_mul=1.5, cycle_decay=0.5)", 40, "0.1", 1, ""),
    (P + "(t_initial=6, cycle_limit=3, cycle_mul=0.5)", 40, "0.1", 1, ""),  # math domain error
    (C + "(t_initial=10, cycle_mul=0.5, cycle_limit=5)", 19, "0.1", 1, ""),  # fine up to t = 19
    (C + "(t_initial=10, cycle_mul=0.5, cycle_limit=5)", 21, "0.1", 1, ""),  # the update at t = 20 fails
    (C + "(t_initial=10, cycle_mul=0.5, cycle_limit=5)", 20, "0.1", 1, ""),  # t = 20 is never used
    (C + "(t_initial=10, cycle_mul=0.5, cycle_limit=5, t_in_epochs=False)", 21, "0.1", 3, ""),
    (C + "(t_initial=10, cycle_mul=0.5, cycle_limit=5)", 60, "0.1", 3, ""),  # epoch 20 never reached
    (C + "(t_initial=10, cycle_mul=0.5, cycle_limit=5)", 61, "0.1", 3, ""),
    # k_decay
    (C + "(t_initial=20, k_decay=0.5)", 22, "0.1", 1, ""),
    (C + "(t_initial=20, k_decay=2.0, lr_min=0.001)", 22, "0.1", 1, ""),
    (P + "(t_initial=20, k_decay=3.0, power=0.7)", 22, "0.1", 1, ""),
    # noise on/off, number and list ranges, uniform noise (Plateau), the seed
    (C + "(t_initial=50, noise_range_t=10)", 50, "0.1", 1, ""),
    (C + "(t_initial=50, noise_range_t=10, noise_seed=0)", 50, "0.1", 1, ""),
    (C + "(t_initial=50, noise_range_t=[10, 20], noise_pct=0.05, t_in_epochs=False)", 50, "0.1,0.2", 1, ""),
    (C + "(t_initial=50, noise_range_t=(10, 20), noise_pct=1.5, t_in_epochs=False)", 30, "0.1", 1, ""),
    (C + "(t_initial=50, noise_range_t=[30, 20])", 50, "0.1", 1, ""),
    (C + "(t_initial=50, noise_range_t=[5])", 4, "0.1", 1, ""),
    (C + "(t_initial=50, noise_range_t=[5])", 10, "0.1", 1, ""),
    (S + "(decay_t=5, decay_rate=0.5, noise_range_t=0, noise_pct=0.2, noise_seed=123456789)", 30, "0.1", 1, ""),
    (PL + "(noise_range_t=2, noise_type='uniform', noise_pct=0.3)", 20, "0.1", 1, "1.0"),
    (PL + "(noise_range_t=[2, 6], noise_pct=0.3, noise_seed=17, mode='min', patience_t=1)", 40, "0.1", 2,
     "5,4,4,4,4,3,3,3,3,3"),
    # t_in_epochs True/False with several updates per epoch
    (C + "(t_initial=10, t_in_epochs=True)", 40, "0.1", 4, ""),
    (C + "(t_initial=10, t_in_epochs=False)", 40, "0.1", 4, ""),
    (S + "(decay_t=2, decay_rate=0.5, warmup_t=2, warmup_lr_init=0.01, t_in_epochs=True)", 30, "0.1", 5, ""),
    (S + "(decay_t=8, decay_rate=0.5, warmup_t=6, warmup_lr_init=0.01, t_in_epochs=False)", 30, "0.1", 5, ""),
    (MS + "(decay_t=[1, 3], decay_rate=0.1, t_in_epochs=False)", 8, "0.1", 3, ""),
    # MultiStep one step earlier than PyTorch's; unsorted milestones, float milestones
    (MS + "(decay_t=[1, 2, 3], decay_rate=0.5)", 6, "0.1", 1, ""),
    (MS + "(decay_t=[5, 2, 8], decay_rate=0.5)", 12, "0.1", 1, ""),
    (MS + "(decay_t=[2.5, 4.5], decay_rate=0.5)", 8, "0.1", 1, ""),
    (MS + "(decay_t=[], decay_rate=0.5)", 4, "0.1", 1, ""),
    # Step with float decay_t, warmup_prefix False
    (S + "(decay_t=2.5, decay_rate=0.5)", 10, "0.1", 1, ""),
    (S + "(decay_t=3, decay_rate=0.5, warmup_t=4, warmup_prefix=False)", 12, "0.1", 1, ""),
    # plateau: metrics per epoch, the last repeating; warmup inclusive of warmup_t; modes; cooldown; lr_min
    (PL + "(patience_t=1, mode='min')", 12, "0.1", 1, "1.0,0.5,0.6,0.7,0.4,0.4,0.4"),
    (PL + "(patience_t=0, decay_rate=0.5, mode='max', lr_min=0.02)", 12, "0.1,0.05", 1, "0.1,0.2,0.2,0.1"),
    (PL + "(patience_t=1, decay_rate=0.5, warmup_t=3, warmup_lr_init=0.01, cooldown_t=2, mode='min')", 40, "0.1", 2,
     "3,3,3,3,3,2,2,2,2,2,2,2,2"),
    (PL + "(patience_t=2, threshold=0.1, mode='max')", 20, "0.1", 1, "1.0,1.05,1.09,1.2,1.25,1.3"),
    (PL + "(warmup_t=2, warmup_lr_init=0.0)", 8, "0.1,0.2,0.3", 1, "1"),
    # rejected configurations
    (C + "(t_initial=0)", 3, "0.1", 1, ""),
    (C + "(t_initial=-5)", 3, "0.1", 1, ""),
    (C + "(t_initial=10, lr_min=-0.1)", 3, "0.1", 1, ""),
    (TH + "(t_initial=10, lb=3.0, ub=3.0)", 3, "0.1", 1, ""),
    (TH + "(t_initial=10, cycle_limit=-1)", 3, "0.1", 1, ""),
    (TH + "(t_initial=10, warmup_t=-1)", 3, "0.1", 1, ""),
    (TH + "(t_initial=10, warmup_t=2, warmup_lr_init=-0.1)", 3, "0.1", 1, ""),
    (TH + "(t_initial=2, cycle_mul=0.5, cycle_limit=9, warmup_t=9)", 3, "0.1", 1, ""),
    (P + "(t_initial=0.0)", 3, "0.1", 1, ""),
    (P + "(t_initial=5, lr_min=-1.0)", 3, "0.1", 1, ""),
    (P + "(t_initial=5, power=-1.0)", 8, "0.1", 1, ""),
    (C + "(t_initial=5, k_decay=-1.0)", 8, "0.1", 1, ""),
    (C + "(t_initial=5, cycle_mul=0.0)", 4, "0.1", 1, ""),
    (C + "(t_initial=5, cycle_mul=-1.0)", 4, "0.1", 1, ""),
    (S + "(decay_t=0)", 4, "0.1", 1, ""),
    (S + "(decay_t=0, t_in_epochs=False)", 1, "0.1", 1, ""),
    (PL + "(decay_rate=1.0)", 3, "0.1", 1, "1"),
    (PL + "(mode='avg')", 3, "0.1", 1, "1"),
    (C + "(t_initial=10, initialize=False)", 3, "0.1", 1, ""),
    (C + "(t_initial=50, noise_range_t=[])", 4, "0.1", 1, ""),
    # create_scheduler_v2: lengths in epochs (times updates_per_epoch without step_on_epochs),
    # its own defaults (cycle_decay=0.1, warmup_lr=1e-5, poly's power = decay_rate), noise fractions
    (V2 + "()", 10, "0.1", 1, ""),
    (V2 + "(sched='cosine', num_epochs=10, warmup_epochs=1, step_on_epochs=False, updates_per_epoch=5)",
     60, "0.1,0.01", 5, ""),
    (V2 + "(sched='cosine', num_epochs=5, cycle_limit=3, warmup_epochs=2, warmup_prefix=True)", 20, "0.1", 2, ""),
    (V2 + "(sched='tanh', num_epochs=8, min_lr=0.001, noise=[0.25, 0.75], noise_seed=3)", 12, "0.1", 1, ""),
    (V2 + "(sched='poly', num_epochs=8, decay_rate=0.5, noise=[0.5])", 12, "0.1", 1, ""),
    (V2 + "(sched='poly', num_epochs=8, noise=0.3, step_on_epochs=False, updates_per_epoch=3)", 30, "0.1", 3, ""),
    (V2 + "(sched='step', decay_epochs=2, decay_rate=0.5, warmup_epochs=1)", 12, "0.1", 1, ""),
    (V2 + "(sched='step', decay_epochs=2, decay_rate=0.5, step_on_epochs=False, updates_per_epoch=4)", 30, "0.1", 4, ""),
    (V2 + "(sched='multistep', decay_milestones=[2, 5], decay_rate=0.5, step_on_epochs=False, "
          "updates_per_epoch=2)", 14, "0.1", 2, ""),
    (V2 + "(sched='multistep', decay_milestones=(1, 3))", 6, "0.1,0.2", 1, ""),
    (V2 + "(sched='plateau', patience_epochs=1, decay_rate=0.5, plateau_mode='min', warmup_epochs=2, "
          "cooldown_epochs=5)", 20, "0.1", 2, "1,1,1,1,1,0.5"),
    (V2 + "(sched='foo')", 3, "0.1", 1, ""),
    (V2 + "(step_on_epochs=False)", 3, "0.1", 1, ""),
    (V2 + "(sched='plateau', step_on_epochs=False, updates_per_epoch=2)", 3, "0.1", 1, "1"),
]


def num(rng, lo, hi, digits=4):
    return round(rng.uniform(lo, hi), digits)


def lrs(rng):
    return ",".join(repr(num(rng, 0.001, 1.0)) for _ in range(rng.choice([1, 1, 1, 2, 3])))


def noise(rng, horizon):
    r = rng.random()
    if r < 0.45:
        return {}
    out = {}
    if r < 0.7:
        out["noise_range_t"] = rng.randint(0, max(1, horizon))
    else:
        lo = rng.randint(0, max(1, horizon // 2))
        out["noise_range_t"] = [lo, lo + rng.randint(1, max(2, horizon))]
    if rng.random() < 0.6:
        out["noise_pct"] = num(rng, 0.05, 1.5, 3)
    if rng.random() < 0.7:
        out["noise_seed"] = rng.randint(0, 10 ** 6)
    if rng.random() < 0.2:
        out["noise_std"] = num(rng, 0.1, 3.0, 2)
    return out


def warmup(rng, out, prefix_choice=True):
    if rng.random() < 0.5:
        out["warmup_t"] = rng.randint(1, 8)
        if rng.random() < 0.7:
            out["warmup_lr_init"] = rng.choice([0.0, 1e-6, num(rng, 1e-5, 0.05, 6)])
    if prefix_choice and rng.random() < 0.5:
        out["warmup_prefix"] = rng.random() < 0.5


def cyclic(rng, name):
    kw = {"t_initial": rng.choice([rng.randint(1, 40), num(rng, 0.5, 30.0, 2)])}
    if name == TH and rng.random() < 0.5:
        kw["lb"] = num(rng, -9.0, -1.0, 2)
        kw["ub"] = num(rng, 0.5, 6.0, 2)
    if name == P and rng.random() < 0.7:
        kw["power"] = rng.choice([0.5, 1.0, 2.0, num(rng, 0.1, 4.0, 3)])
    if rng.random() < 0.5:
        kw["lr_min"] = rng.choice([0.0, num(rng, 1e-6, 0.01, 7)])
    r = rng.random()
    if r < 0.3:
        kw["cycle_mul"] = rng.choice([1.5, 2.0, num(rng, 1.01, 3.0, 3)])
    elif r < 0.38:
        kw["cycle_mul"] = num(rng, 0.3, 0.95, 3)
    if rng.random() < 0.5:
        kw["cycle_decay"] = num(rng, 0.1, 1.0, 3)
    if rng.random() < 0.5:
        kw["cycle_limit"] = rng.randint(0, 5)
    warmup(rng, kw)
    if rng.random() < 0.5:
        kw["t_in_epochs"] = rng.random() < 0.5
    if name != TH and rng.random() < 0.35:
        kw["k_decay"] = rng.choice([0.5, 2.0, num(rng, 0.2, 4.0, 3)])
    horizon = int(kw["t_initial"] * max(1, kw.get("cycle_limit", 1)) * 1.3) + kw.get("warmup_t", 0) + 2
    kw.update(noise(rng, horizon))
    return kw, horizon


def step_like(rng, name):
    if name == S:
        kw = {"decay_t": rng.choice([rng.randint(1, 12), num(rng, 0.5, 10.0, 2)])}
        horizon = int(kw["decay_t"] * rng.randint(2, 6)) + 2
    else:
        n = rng.randint(1, 5)
        ms = sorted(rng.sample(range(1, 40), n))
        if rng.random() < 0.1:
            rng.shuffle(ms)
        kw = {"decay_t": ms}
        horizon = max(ms) + 5
    if rng.random() < 0.8:
        kw["decay_rate"] = rng.choice([0.1, 0.5, num(rng, 0.05, 0.99, 3)])
    warmup(rng, kw)
    if rng.random() < 0.5:
        kw["t_in_epochs"] = rng.random() < 0.5
    kw.update(noise(rng, horizon))
    return kw, horizon + kw.get("warmup_t", 0)


def plateau(rng):
    kw = {}
    if rng.random() < 0.7:
        kw["decay_rate"] = rng.choice([0.1, 0.5, num(rng, 0.05, 0.95, 3)])
    if rng.random() < 0.8:
        kw["patience_t"] = rng.randint(0, 4)
    if rng.random() < 0.4:
        kw["threshold"] = rng.choice([0.0, 1e-3, 0.05])
    if rng.random() < 0.4:
        kw["cooldown_t"] = rng.randint(0, 3)
    warmup(rng, kw, prefix_choice=False)
    if rng.random() < 0.4:
        kw["lr_min"] = num(rng, 1e-5, 0.02, 6)
    if rng.random() < 0.6:
        kw["mode"] = rng.choice(["min", "max"])
    nz = noise(rng, 20)
    if nz and rng.random() < 0.4:
        kw["noise_range_t"] = nz.pop("noise_range_t")
        kw["noise_type"] = rng.choice(["normal", "uniform"])
    kw.update(nz)
    return kw, 25


def factory(rng):
    kw = {"sched": rng.choice(["cosine", "tanh", "poly", "step", "multistep", "plateau"])}
    kw["num_epochs"] = rng.randint(2, 30)
    if rng.random() < 0.5:
        kw["decay_epochs"] = rng.randint(1, 10)
    if rng.random() < 0.5:
        kw["decay_milestones"] = sorted(rng.sample(range(1, 30), rng.randint(1, 4)))
    for key, val in (("decay_rate", lambda: num(rng, 0.05, 0.95, 3)), ("min_lr", lambda: num(rng, 0, 0.01, 6)),
                     ("warmup_lr", lambda: num(rng, 0, 0.01, 6)), ("warmup_epochs", lambda: rng.randint(0, 4)),
                     ("warmup_prefix", lambda: rng.random() < 0.5), ("cycle_limit", lambda: rng.randint(1, 4)),
                     ("cycle_decay", lambda: num(rng, 0.1, 1.0, 3)), ("cycle_mul", lambda: rng.choice([1.0, 2.0])),
                     ("k_decay", lambda: rng.choice([1.0, 2.0])), ("patience_epochs", lambda: rng.randint(0, 3)),
                     ("plateau_mode", lambda: rng.choice(["min", "max"])), ("noise_seed", lambda: rng.randint(0, 999))):
        if rng.random() < 0.4:
            kw[key] = val()
    r = rng.random()
    if r < 0.2:
        kw["noise"] = num(rng, 0, 1, 2)
    elif r < 0.4:
        lo = num(rng, 0, 0.5, 2)
        kw["noise"] = [lo, round(lo + num(rng, 0.1, 0.5, 2), 2)]
    k = rng.choice([1, 2, 3])
    if kw["sched"] != "plateau" and rng.random() < 0.5:
        kw["step_on_epochs"] = False
        kw["updates_per_epoch"] = k
    return kw


def spec(name, kw):
    return "%s(%s)" % (name, ", ".join("%s=%r" % (k, v) for k, v in kw.items()))


def randoms(rng, count):
    out = []
    for name in (C, TH, P, S, MS, PL):
        for _ in range(count):
            if name in (C, TH, P):
                kw, horizon = cyclic(rng, name)
            elif name == PL:
                kw, horizon = plateau(rng)
            else:
                kw, horizon = step_like(rng, name)
            k = rng.choice([1, 1, 2, 3, 5])
            epochs = min(horizon, 120)
            steps = max(1, min(300, epochs * (k if kw.get("t_in_epochs", True) else 1) + rng.randint(0, 3)))
            metrics = ""
            if name == PL:
                m, vals = num(rng, 0.5, 2.0, 3), []
                for _ in range(rng.randint(1, steps // k + 2)):
                    m = round(m + rng.choice([-0.1, -0.02, 0.0, 0.0, 0.01, 0.05]), 3)
                    vals.append(repr(m))
                metrics = ",".join(vals)
            out.append((spec(name, kw), steps, lrs(rng), k, metrics))
    for _ in range(count):
        kw = factory(rng)
        k = kw.get("updates_per_epoch", rng.choice([1, 2, 3]))
        steps = min(200, (kw["num_epochs"] + kw.get("warmup_epochs", 0) + 3) * k)
        metrics = ",".join(repr(round(1 - 0.05 * rng.randint(0, 3) * i, 3)) for i in range(steps // k + 1))
        out.append((spec(V2, kw), steps, lrs(rng), k, metrics))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--oracle", default=os.path.join(ROOT, "..", "shared", "oracle", "beyond"))
    ap.add_argument("--out", default=os.path.join(HERE, "timm.jsonl"))
    ap.add_argument("--seed", type=int, default=12)
    ap.add_argument("--random", type=int, default=40, help="random cases per scheduler")
    a = ap.parse_args()
    cases = FIXED + randoms(random.Random(a.seed), a.random)
    lines = [{"spec": T + s, "steps": n, "lr": lr, "metrics": m, "steps_per_epoch": k}
             for s, n, lr, k, m in cases]
    res = subprocess.run([sys.executable, os.path.join(a.oracle, "beyond_batch.py"), "--batch"],
                         input="\n".join(json.dumps(l) for l in lines) + "\n",
                         capture_output=True, text=True, check=True)
    outs = [json.loads(x) for x in res.stdout.splitlines() if x.strip()]
    assert len(outs) == len(lines), (len(outs), len(lines))
    with open(a.out, "w") as f:
        for i, (case, out) in enumerate(zip(lines, outs)):
            row = {"name": "timm%d" % i}
            row.update(case)
            row["expected"] = out
            f.write(json.dumps(row) + "\n")
    errors = sum(1 for o in outs if "error" in o)
    print("%d cases (%d rejected) -> %s" % (len(outs), errors, a.out))


if __name__ == "__main__":
    main()
