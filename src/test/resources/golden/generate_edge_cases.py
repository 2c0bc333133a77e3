#!/usr/bin/python3
"""Generate edge-cases.jsonl: curves of real PyTorch for the faults found by fuzzing.

Run from the repository root with PyTorch 2.13 (CPU) installed, e.g.

    /tmp/t213/bin/python src/test/resources/golden/generate_edge_cases.py

Options: --out FILE (default: edge-cases.jsonl next to this script).

Cases: CosineAnnealingWarmRestarts whose T_i = T_0 * T_mult ** restarts outgrows 64 bits (Python
ints are unbounded; float / int rounds T_i to the nearest float), and a NaN pct_start in OneCycleLR
(every phase boundary is NaN: the whole curve is NaN). The format is that of pytorch-cases.jsonl
(see README.md): {"name", "spec", "steps", "lr", "metrics", "steps_per_epoch", "momentum",
"expected": {"lr": [[...]], "momentum": [[...]]} or {"error": "<Exception>: msg"}}; update k uses
the value after k // steps_per_epoch scheduler steps, and the scheduler is stepped after the last
recorded update too. NaN is written as NaN (Python's json).
"""
import argparse, json, math, os, re, warnings
import torch
from torch.optim import lr_scheduler as S

warnings.filterwarnings("ignore")
NAMES = ["LambdaLR", "MultiplicativeLR", "StepLR", "MultiStepLR", "ConstantLR", "LinearLR",
         "ExponentialLR", "SequentialLR", "PolynomialLR", "CosineAnnealingLR", "ChainedScheduler",
         "ReduceLROnPlateau", "CyclicLR", "CosineAnnealingWarmRestarts", "OneCycleLR"]

CAWR = "CosineAnnealingWarmRestarts"
CASES = [
    # (name, spec, steps, lr, steps_per_epoch, momentum)
    ("CAWR-huge-T_mult-001", CAWR + "(T_0=2, T_mult=2**62)", 12, "0.1", 1, False),
    ("CAWR-huge-T_mult-002", CAWR + "(T_0=3, T_mult=2**62, eta_min=0.01)", 20, "0.1,1.0", 1, False),
    ("CAWR-huge-T_mult-003", CAWR + "(T_0=1, T_mult=9223372036854775807)", 8, "0.1", 1, False),
    ("CAWR-huge-T_mult-004", CAWR + "(T_0=5, T_mult=3**39, eta_min=0.001)", 30, "1.0", 2, False),
    ("CAWR-huge-T_mult-005", CAWR + "(T_0=2**62, T_mult=2)", 10, "0.1", 1, False),
    ("CAWR-huge-T_mult-006",
     CAWR + "(T_0=9223372036854775807, T_mult=9223372036854775807)", 6, "0.1", 1, False),
    ("CAWR-huge-T_mult-007", CAWR + "(T_0=1, T_mult=2**32)", 40, "0.5", 1, False),
    ("CAWR-huge-T_mult-008",
     "SequentialLR([LinearLR(start_factor=0.5, total_iters=3), " + CAWR
     + "(T_0=2, T_mult=2**62)], milestones=[4])", 14, "0.1", 1, False),
    ("OneCycleLR-nan-pct_start-001",
     "OneCycleLR(max_lr=0.1, total_steps=10, pct_start=float('nan'))", 10, "0.1", 1, True),
    ("OneCycleLR-nan-pct_start-002",
     "OneCycleLR(max_lr=0.1, total_steps=10, pct_start=float('nan'), three_phase=True)", 10,
     "0.1", 1, True),
    ("OneCycleLR-nan-pct_start-003",
     "OneCycleLR(max_lr=[0.1, 0.2], total_steps=12, pct_start=float('nan'),"
     " anneal_strategy='linear')", 12, "0.1,0.2", 1, True),
]


def build(spec, opt):
    # the optimizer becomes the first positional argument of every scheduler but ChainedScheduler
    py = re.sub(r"\b(" + "|".join(n for n in NAMES if n != "ChainedScheduler") + r")\(\s*",
                lambda m: m.group(1) + "(opt, ", spec)
    py = py.replace("(opt, )", "(opt)")
    env = {n: getattr(S, n) for n in NAMES}
    env.update(opt=opt, inf=float("inf"), math=math, min=min, max=max, abs=abs, float=float,
               int=int)
    return eval(py, {"__builtins__": {}, **env}, env)


def run(spec, steps, lr, spe, momentum):
    lrs = [float(x) for x in lr.split(",")]
    groups = [{"params": [torch.zeros(1, requires_grad=True)], "lr": v} for v in lrs]
    opt = torch.optim.SGD(groups, lr=lrs[0], momentum=0.9)
    sched = build(spec, opt)
    out_lr, out_m = [], []
    for k in range(steps):
        out_lr.append([float(g["lr"]) for g in opt.param_groups])
        if momentum:
            out_m.append([float(g["momentum"]) for g in opt.param_groups])
        opt.step()
        if (k + 1) % spe == 0:
            sched.step()
    res = {"lr": out_lr}
    if momentum:
        res["momentum"] = out_m
    return res


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                  "edge-cases.jsonl"))
    a = ap.parse_args()
    with open(a.out, "w") as f:
        for name, spec, steps, lr, spe, momentum in CASES:
            try:
                expected = run(spec, steps, lr, spe, momentum)
            except Exception as e:  # PyTorch rejects this configuration
                expected = {"error": "%s: %s" % (type(e).__name__, e)}
            f.write(json.dumps({"name": name, "spec": spec, "steps": steps, "lr": lr,
                                "metrics": "", "steps_per_epoch": spe, "momentum": momentum,
                                "expected": expected}) + "\n")
    print("torch %s: %d cases written to %s" % (torch.__version__, len(CASES), a.out))


if __name__ == "__main__":
    main()
