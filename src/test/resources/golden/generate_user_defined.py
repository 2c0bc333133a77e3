#!/usr/bin/env python3
"""Generate user-defined.jsonl: curves of schedulers written as PyTorch LRScheduler subclasses.

Users define their own schedulers in PyTorch by subclassing LRScheduler and writing get_lr();
the library's counterpart is io.github.lrschedulers.CustomSchedule. This script defines two such
subclasses, one closed form and one chainable, exactly as the Java test classes of
src/test/java/io/github/lrschedulers/userdefined/ define them, and records their curves alone and
inside SequentialLR and ChainedScheduler on real PyTorch 2.13:

    /tmp/t213/bin/python src/test/resources/golden/generate_user_defined.py

It reuses the harness of generate_goldens.py (same case format, same run loop), with the two
classes added to the names a spec may call. Options: --out FILE.
"""
import argparse, json, os, sys, types

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import generate_goldens as G  # noqa: E402
from torch.optim.lr_scheduler import LRScheduler  # noqa: E402


class LinearThenTenth(LRScheduler):
    """The article's scheduler: linear from the base rate to a tenth of it over `epochs`
    epochs, then that tenth."""

    def __init__(self, optimizer, epochs=10, last_epoch=-1):
        self.epochs = epochs
        super().__init__(optimizer, last_epoch)

    def get_lr(self):
        if self.last_epoch < self.epochs:
            return [b * (1 - 0.9 * self.last_epoch / self.epochs) for b in self.base_lrs]
        return [b * 0.1 for b in self.base_lrs]


class HalveEvery(LRScheduler):
    """Chainable: halves the group's current rate every `period` steps."""

    def __init__(self, optimizer, period, factor=0.5, last_epoch=-1):
        self.period = period
        self.factor = factor
        super().__init__(optimizer, last_epoch)

    def get_lr(self):
        if self.last_epoch == 0 or self.last_epoch % self.period:
            return [g["lr"] for g in self.optimizer.param_groups]
        return [g["lr"] * self.factor for g in self.optimizer.param_groups]


USER = {"LinearThenTenth": LinearThenTenth, "HalveEvery": HalveEvery}

CASES = [
    # alone, one and two groups, per update and per epoch
    ("LinearThenTenth()", 16, "0.1", 1),
    ("LinearThenTenth(epochs=7)", 12, "0.05,0.3", 1),
    ("LinearThenTenth(3)", 20, "0.2", 4),
    ("HalveEvery(period=3)", 14, "0.1", 1),
    ("HalveEvery(4, factor=0.9)", 18, "0.7,0.01", 1),
    ("HalveEvery(2, 0.25)", 15, "0.3", 3),
    # inside compositions
    ("SequentialLR(schedulers=[LinearLR(start_factor=0.25, total_iters=4),"
     " LinearThenTenth(epochs=5)], milestones=[4])", 15, "0.1", 1),
    ("SequentialLR(schedulers=[LinearThenTenth(epochs=4), HalveEvery(period=2)],"
     " milestones=[6])", 16, "0.1,0.02", 1),
    ("SequentialLR(schedulers=[HalveEvery(period=3), CosineAnnealingLR(T_max=5)],"
     " milestones=[4])", 12, "0.4", 1),
    ("ChainedScheduler(schedulers=[LinearThenTenth(epochs=6), ExponentialLR(gamma=0.9)])",
     12, "0.1", 1),
    ("ChainedScheduler(schedulers=[HalveEvery(period=2), LinearThenTenth(epochs=3)])",
     10, "0.1,0.5", 1),
    ("ChainedScheduler(schedulers=[ExponentialLR(gamma=0.95), HalveEvery(3, 0.8)])",
     12, "0.25", 2),
    # a rejection at the first step: Python's modulo by zero
    ("HalveEvery(period=0)", 3, "0.1", 1),
]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                   "user-defined.jsonl"))
    args = ap.parse_args()
    G.check_torch()
    names = {n: getattr(G.S, n) for n in G.NAMES}
    names.update(USER)
    G.S = types.SimpleNamespace(**names)
    G.NAMES = G.NAMES + list(USER)
    with open(args.out, "w") as out:
        for i, (spec, steps, lr, spe) in enumerate(CASES):
            case = {"name": "user%d" % i, "spec": spec, "steps": steps, "lr": lr,
                    "metrics": "", "steps_per_epoch": spe, "momentum": False}
            case["expected"] = G.expect(case)
            out.write(json.dumps(case) + "\n")


if __name__ == "__main__":
    main()
