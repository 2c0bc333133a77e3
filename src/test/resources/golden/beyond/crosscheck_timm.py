#!/usr/bin/env python3
"""Cross-checks timm.jsonl (the oracle's curves) against REAL timm's scheduler classes on real torch.

    /tmp/t213/bin/python src/test/resources/golden/beyond/crosscheck_timm.py [--golden FILE]

Needs torch and timm (`pip install --no-deps timm` is enough: only timm/scheduler is imported, not
timm's package __init__, which wants torchvision). Runs every case of the golden file as timm's
train.py does: an SGD optimizer with one parameter group per lr, the scheduler built on it, the lr
of each group read before update k, then step_update(num_updates=k) after it and, every
steps_per_epoch updates, step(epoch, metric) with the epoch's metric (the last one repeating, None
without metrics). Prints how many cases and values are bit-identical to the golden file, and how
many rejected configurations real timm rejects too.
"""
import argparse, json, os, sys, types

import torch

HERE = os.path.dirname(os.path.abspath(__file__))


def load_timm_scheduler():
    import importlib.util
    spec = importlib.util.find_spec("timm")
    pkg = types.ModuleType("timm")
    pkg.__path__ = list(spec.submodule_search_locations)  # skip timm/__init__ (torchvision)
    sys.modules["timm"] = pkg
    import timm.scheduler as sched
    import importlib.metadata
    return sched, importlib.metadata.version("timm")


def run(sched, case):
    name, rest = case["spec"][len("timm.scheduler."):].split("(", 1)
    lrs = [float(x) for x in case["lr"].split(",")]
    metrics = [float(x) for x in case["metrics"].split(",")] if case["metrics"] else []
    k_per_epoch = case["steps_per_epoch"] or 1
    params = [torch.nn.Parameter(torch.zeros(1)) for _ in lrs]
    opt = torch.optim.SGD([{"params": [p], "lr": lr} for p, lr in zip(params, lrs)], lr=lrs[0])
    s = eval("sched.%s(opt, %s" % (name, rest), {"sched": sched, "opt": opt})
    if isinstance(s, tuple):  # create_scheduler_v2: (scheduler or None, num_epochs)
        s = s[0]
        if s is None:
            raise ValueError("create_scheduler_v2 returned no scheduler")
    rows = []
    for k in range(1, case["steps"] + 1):
        rows.append([g["lr"] for g in opt.param_groups])
        if k == case["steps"]:
            break
        s.step_update(num_updates=k)
        if k % k_per_epoch == 0:
            e = k // k_per_epoch - 1
            m = metrics[min(e, len(metrics) - 1)] if metrics else None
            s.step(k // k_per_epoch, m)
    return rows


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--golden", default=os.path.join(HERE, "timm.jsonl"))
    a = ap.parse_args()
    sched, version = load_timm_scheduler()
    cases = values = same_values = same_cases = rejected = both_rejected = 0
    for line in open(a.golden):
        case = json.loads(line)
        cases += 1
        exp = case["expected"]
        try:
            rows = run(sched, case)
            err = None
        except Exception as e:  # noqa: BLE001 - any rejection counts
            rows, err = None, "%s: %s" % (type(e).__name__, e)
        if "error" in exp:
            rejected += 1
            if err is not None:
                both_rejected += 1
            else:
                print("%s: real timm accepts what the oracle rejects (%s)" % (case["name"], exp["error"]))
            continue
        if err is not None:
            print("%s: real timm rejects: %s" % (case["name"], err))
            continue
        ok = True
        for want, got in zip(exp["lr"], rows):
            for w, g in zip(want, got):
                values += 1
                if float(w).hex() == float(g).hex():
                    same_values += 1
                else:
                    ok = False
        if ok and len(rows) == len(exp["lr"]):
            same_cases += 1
        else:
            print("%s: differs" % case["name"])
    print("timm %s, torch %s: %d cases; %d/%d accepted cases and %d/%d values bit-identical; "
          "%d/%d rejected cases rejected by real timm too"
          % (version, torch.__version__, cases, same_cases, cases - rejected, same_values, values,
             both_rejected, rejected))


if __name__ == "__main__":
    main()
