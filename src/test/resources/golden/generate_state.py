#!/usr/bin/env python3
"""Generate pytorch-state.jsonl: PyTorch scheduler states and the rates that continue them.

    /tmp/t213/bin/python src/test/resources/golden/generate_state.py

For each case, real PyTorch 2.13 builds the optimizer (SGD with momentum 0.9, or Adam) with one
group per rate of "lr", builds the scheduler from "spec" (the generate_goldens.py harness, SWALR
added as generate_swalr.py does), and takes "n" updates, each an optimizer.step() and a
scheduler.step() (with metrics[i] at step i for ReduceLROnPlateau). It then dumps the state as
the README's three lines of Python do:

    json.dumps({"spec": spec, "scheduler": sched.state_dict(),
                "param_groups": [{k: v for k, v in g.items() if k != "params"}
                                 for g in opt.param_groups]})

and continues "m" more updates, recording each group's lr (and momentum, or betas[0]) before
each update. PyTorchStateGoldenTest imports "state" and asserts the same "m" rates, 0 ulp, and
that a tracker run from the start exports "state" after "n" updates, key by key and bit for bit.

Each output line: {"name", "spec", "lr", "optimizer" ("sgd"|"adam"), "metrics" (one per step,
n + m, or empty), "n", "m", "state" (the JSON text above), "lr_after": [[lr per group] per
update n + 1 .. n + m], "momentum_after": [...]}. Options: --out FILE.
"""
import argparse, json, os, sys, types

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import generate_goldens as G  # noqa: E402
import torch  # noqa: E402
from torch.optim.swa_utils import SWALR  # noqa: E402

PLATEAU_METRICS = [1.0, 0.9, 0.95, 0.95, 0.97, 0.8, 0.85, 0.85, 0.86, 0.9, 0.7, 0.71, 0.72,
                   0.73, 0.74, 0.75, 0.6, 0.61, 0.62, 0.62, 0.62, 0.5, 0.55, 0.56, 0.57, 0.58,
                   0.59, 0.6, 0.61, 0.62, 0.4, 0.41, 0.42, 0.43, 0.44, 0.45, 0.46, 0.47, 0.48,
                   0.49, 0.5, 0.51, 0.52, 0.53, 0.54, 0.55, 0.56, 0.57, 0.58, 0.59]

# (spec, lrs, n, m, optimizer, metrics?)
CASES = [
    ("LambdaLR(lr_lambda=lambda e: 0.95 ** e)", "0.1", 7, 30, "sgd", False),
    ("LambdaLR(lr_lambda=[lambda e: 0.9 ** e, lambda e: 1.0 / (e + 1)])", "0.1,0.05", 12, 25,
     "sgd", False),
    ("MultiplicativeLR(lr_lambda=lambda e: 0.97)", "0.1", 20, 40, "sgd", False),
    ("MultiplicativeLR(lr_lambda=lambda e: 0.9 if e % 3 else 1.1)", "0.3,0.2,0.1", 9, 30, "sgd",
     False),
    ("StepLR(step_size=5, gamma=0.5)", "0.1", 0, 20, "sgd", False),
    ("StepLR(step_size=3, gamma=0.3)", "0.1,0.07", 11, 25, "sgd", False),
    ("MultiStepLR(milestones=[3, 8, 8, 15], gamma=0.5)", "0.1", 5, 20, "sgd", False),
    ("MultiStepLR(milestones=[10, 4], gamma=0.1)", "0.2,0.1", 4, 15, "sgd", False),
    ("ConstantLR(factor=0.5, total_iters=6)", "0.1", 3, 10, "sgd", False),
    ("ConstantLR()", "0.1,0.3", 5, 8, "sgd", False),
    ("LinearLR(start_factor=0.1, end_factor=1.0, total_iters=10)", "0.1", 4, 15, "sgd", False),
    ("LinearLR(start_factor=0.25, end_factor=0.75, total_iters=8)", "0.1,0.2,0.3", 9, 10, "sgd",
     False),
    ("ExponentialLR(gamma=0.9)", "0.1", 13, 30, "sgd", False),
    ("ExponentialLR(gamma=0.99)", "0.1,0.01", 50, 20, "sgd", False),
    ("PolynomialLR(total_iters=20, power=2.0)", "0.1", 8, 20, "sgd", False),
    ("PolynomialLR(total_iters=7, power=0.5)", "0.1,0.2", 3, 10, "sgd", False),
    ("CosineAnnealingLR(T_max=10)", "0.1", 6, 40, "sgd", False),
    ("CosineAnnealingLR(T_max=7, eta_min=0.001)", "0.1,0.05", 23, 30, "sgd", False),
    ("CosineAnnealingWarmRestarts(T_0=5)", "0.1", 7, 25, "sgd", False),
    ("CosineAnnealingWarmRestarts(T_0=3, T_mult=2, eta_min=0.001)", "0.1,0.2", 10, 40, "sgd",
     False),
    ("CyclicLR(base_lr=0.01, max_lr=0.1, step_size_up=5)", "0.1", 7, 30, "sgd", False),
    ("CyclicLR(base_lr=[0.01, 0.02], max_lr=0.1, step_size_up=4, step_size_down=6,"
     " mode='triangular2')", "0.1,0.1", 13, 30, "sgd", False),
    ("CyclicLR(base_lr=0.001, max_lr=0.01, step_size_up=3, mode='exp_range', gamma=0.9,"
     " cycle_momentum=False)", "0.1", 8, 20, "sgd", False),
    ("CyclicLR(base_lr=0.01, max_lr=0.1, step_size_up=4)", "0.1", 6, 20, "adam", False),
    ("OneCycleLR(max_lr=0.1, total_steps=50)", "0.1", 10, 40, "sgd", False),
    ("OneCycleLR(max_lr=[0.1, 0.2], total_steps=40, pct_start=0.25, anneal_strategy='linear',"
     " three_phase=True)", "0.1,0.1", 15, 25, "sgd", False),
    ("OneCycleLR(max_lr=0.05, total_steps=30, cycle_momentum=False)", "0.1", 0, 30, "sgd", False),
    ("OneCycleLR(max_lr=0.1, total_steps=60)", "0.1", 20, 40, "adam", False),
    ("SWALR(swa_lr=0.05, anneal_epochs=5)", "0.1", 2, 12, "sgd", False),
    ("SWALR(swa_lr=[0.01, 0.2], anneal_epochs=8, anneal_strategy='linear')", "0.1,0.05", 5, 10,
     "sgd", False),
    ("ReduceLROnPlateau(patience=2, factor=0.5)", "0.1", 12, 30, "sgd", True),
    ("ReduceLROnPlateau(mode='max', patience=1, cooldown=2, factor=0.3, min_lr=0.001)",
     "0.1,0.2", 9, 30, "sgd", True),
    ("ReduceLROnPlateau(patience=0, threshold=0.05, threshold_mode='abs', cooldown=1,"
     " min_lr=[0.01, 0.02, 0.0])", "0.1,0.05,0.3", 17, 25, "sgd", True),
    ("SequentialLR(schedulers=[LinearLR(start_factor=0.1, total_iters=5),"
     " CosineAnnealingLR(T_max=20)], milestones=[5])", "0.1", 3, 30, "sgd", False),
    ("SequentialLR(schedulers=[LinearLR(start_factor=0.1, total_iters=5),"
     " CosineAnnealingLR(T_max=20)], milestones=[5])", "0.1,0.2", 11, 30, "sgd", False),
    ("SequentialLR(schedulers=[ConstantLR(factor=0.5, total_iters=3),"
     " ExponentialLR(gamma=0.9), StepLR(step_size=4, gamma=0.5)], milestones=[4, 10])",
     "0.1", 7, 20, "sgd", False),
    ("SequentialLR(schedulers=[CosineAnnealingLR(T_max=10), SWALR(swa_lr=0.05,"
     " anneal_epochs=4)], milestones=[10])", "0.1", 12, 10, "sgd", False),
    ("ChainedScheduler(schedulers=[LinearLR(start_factor=0.2, total_iters=6),"
     " ExponentialLR(gamma=0.95)])", "0.1", 4, 20, "sgd", False),
    ("ChainedScheduler(schedulers=[CosineAnnealingLR(T_max=8),"
     " MultiplicativeLR(lr_lambda=lambda e: 0.99)])", "0.1,0.2", 9, 25, "sgd", False),
    ("ChainedScheduler(schedulers=[SequentialLR(schedulers=[ConstantLR(factor=0.5,"
     " total_iters=2), ExponentialLR(gamma=0.8)], milestones=[3]),"
     " StepLR(step_size=4, gamma=0.5)])", "0.1", 6, 15, "sgd", False),
]


def optimizer(kind, lrs):
    groups = [{"params": [torch.zeros(1, requires_grad=True)], "lr": lr} for lr in lrs]
    if kind == "adam":
        return torch.optim.Adam(groups, lr=lrs[0])
    return torch.optim.SGD(groups, lr=lrs[0], momentum=0.9)


def momentum(g):
    return float(g["betas"][0]) if "betas" in g else float(g["momentum"])


def run(name, spec, lr, n, m, kind, plateau):
    lrs = [float(x) for x in lr.split(",")]
    opt = optimizer(kind, lrs)
    sched = G.build(spec, opt)
    metrics = PLATEAU_METRICS[: n + m] if plateau else []

    def step(i):
        opt.step()
        if plateau:
            sched.step(metrics[i])
        else:
            sched.step()

    for i in range(n):
        step(i)
    state = json.dumps({"spec": spec, "scheduler": sched.state_dict(),
                        "param_groups": [{k: v for k, v in g.items() if k != "params"}
                                         for g in opt.param_groups]})
    lr_after, mom_after = [], []
    for j in range(m):
        lr_after.append([float(g["lr"]) for g in opt.param_groups])
        mom_after.append([momentum(g) for g in opt.param_groups])
        step(n + j)
    return {"name": name, "spec": spec, "lr": lr, "optimizer": kind, "metrics": metrics,
            "n": n, "m": m, "state": state, "lr_after": lr_after, "momentum_after": mom_after}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                   "pytorch-state.jsonl"))
    args = ap.parse_args()
    G.check_torch()
    names = {k: getattr(G.S, k) for k in G.NAMES}
    names["SWALR"] = SWALR
    G.S = types.SimpleNamespace(**names)
    G.NAMES = G.NAMES + ["SWALR"]
    with open(args.out, "w") as out:
        for i, (spec, lr, n, m, kind, plateau) in enumerate(CASES):
            out.write(json.dumps(run("state%d" % i, spec, lr, n, m, kind, plateau)) + "\n")
    print("wrote %d cases to %s" % (len(CASES), args.out))


if __name__ == "__main__":
    main()
