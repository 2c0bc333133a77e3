#!/usr/bin/env python3
"""Generate swalr.jsonl: golden curves of torch.optim.swa_utils.SWALR on real PyTorch 2.13.

    /tmp/t213/bin/python src/test/resources/golden/generate_swalr.py

SWALR lives in swa_utils, not lr_scheduler; this script adds it to the names a spec of the
generate_goldens.py harness may call (same case format, same run loop), and writes fixed cases
(alone, in the SWA recipe after another schedule, nested, several groups, per epoch) plus
seeded random ones and the configurations PyTorch rejects. Options: --out FILE, --seed N.
"""
import argparse, json, os, random, sys, types

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import generate_goldens as G  # noqa: E402
from torch.optim.swa_utils import SWALR  # noqa: E402

FIXED = [
    ("SWALR(swa_lr=0.05)", 14, "0.1", 1),
    ("SWALR(0.05, anneal_epochs=5, anneal_strategy='linear')", 10, "0.1", 1),
    ("SWALR(swa_lr=0.5, anneal_epochs=0)", 5, "0.1", 1),
    ("SWALR(swa_lr=0.02, anneal_epochs=1)", 5, "0.3", 1),
    ("SWALR(swa_lr=[0.01, 0.2], anneal_epochs=3)", 8, "0.1,0.05", 1),
    ("SWALR(swa_lr=0.01, anneal_epochs=4)", 20, "0.1", 3),
    ("SequentialLR(schedulers=[CosineAnnealingLR(T_max=10), SWALR(swa_lr=0.05,"
     " anneal_epochs=4)], milestones=[10])", 20, "0.1", 1),
    ("SequentialLR(schedulers=[MultiplicativeLR(lr_lambda=lambda e: 0.9),"
     " SWALR(swa_lr=0.05, anneal_epochs=3, anneal_strategy='linear')], milestones=[6])",
     14, "0.2", 1),
    ("ChainedScheduler(schedulers=[SWALR(swa_lr=0.05, anneal_epochs=5),"
     " ExponentialLR(gamma=0.95)])", 12, "0.1", 1),
    ("ChainedScheduler(schedulers=[SWALR(swa_lr=0.05, anneal_epochs=3),"
     " SWALR(swa_lr=0.2, anneal_epochs=6)])", 10, "0.1", 1),
    ("SequentialLR(schedulers=[SWALR(swa_lr=0.3, anneal_epochs=2), SWALR(swa_lr=0.01)],"
     " milestones=[3])", 12, "0.1", 1),
    ("SWALR(swa_lr=0.0, anneal_epochs=3)", 6, "0.1", 1),
    ("SWALR(swa_lr=float('inf'), anneal_epochs=2)", 4, "0.1", 1),
    ("SWALR(swa_lr=0.05, anneal_epochs=-1)", 3, "0.1", 1),
    ("SWALR(swa_lr=0.05, anneal_epochs=2.5)", 3, "0.1", 1),
    ("SWALR(swa_lr=0.05, anneal_strategy='exp')", 3, "0.1", 1),
    ("SWALR(swa_lr=[0.05, 0.1, 0.2])", 3, "0.1,0.2", 1),
]


def randoms(rng, count):
    out = []
    for _ in range(count):
        g = rng.randint(1, 3)
        lrs = ",".join(repr(round(rng.uniform(0.001, 1.0), 4)) for _ in range(g))
        swa = (repr(round(rng.uniform(0.0, 0.5), 4)) if rng.random() < 0.6 else
               "[" + ", ".join(repr(round(rng.uniform(0.0, 0.5), 4)) for _ in range(g)) + "]")
        args = ["swa_lr=" + swa]
        if rng.random() < 0.7:
            args.append("anneal_epochs=%d" % rng.randint(0, 40))
        if rng.random() < 0.5:
            args.append("anneal_strategy=%r" % rng.choice(["cos", "linear"]))
        spec = "SWALR(" + ", ".join(args) + ")"
        if rng.random() < 0.4:
            m = rng.randint(1, 30)
            spec = ("SequentialLR(schedulers=[CosineAnnealingLR(T_max=%d), %s], milestones=[%d])"
                    % (m, spec, m))
        out.append((spec, rng.randint(1, 80), lrs, rng.choice([1, 1, 2, 5])))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                   "swalr.jsonl"))
    ap.add_argument("--seed", type=int, default=20261202)
    args = ap.parse_args()
    G.check_torch()
    names = {n: getattr(G.S, n) for n in G.NAMES}
    names["SWALR"] = SWALR
    G.S = types.SimpleNamespace(**names)
    G.NAMES = G.NAMES + ["SWALR"]
    cases = FIXED + randoms(random.Random(args.seed), 60)
    with open(args.out, "w") as out:
        for i, (spec, steps, lr, spe) in enumerate(cases):
            case = {"name": "swalr%d" % i, "spec": spec, "steps": steps, "lr": lr,
                    "metrics": "", "steps_per_epoch": spe, "momentum": False}
            case["expected"] = G.expect(case)
            out.write(json.dumps(case) + "\n")


if __name__ == "__main__":
    main()
