#!/usr/bin/env python3
"""Generate keras_configs.jsonl: what the real Keras 3 writes for keras.optimizers.schedules.serialize(s),
for one schedule of each Keras class with non-default arguments, taken from keras.jsonl's specs.

    KERAS_BACKEND=jax /tmp/kv/bin/python src/test/resources/golden/beyond/generate_keras_configs.py

needs keras (and a backend: jax) in the running Python, e.g. `python3 -m venv /tmp/kv &&
/tmp/kv/bin/pip install keras jax` (checked with keras 3.15.1, jax 0.10.2). Each line: {"spec": the
spec as in keras.jsonl, "keras": keras.__version__, "json": json.dumps(serialize(s)), "repr":
repr(serialize(s))}; KerasConfigsTest parses "json" and "repr" and compares them with the spec and
with keras.jsonl's golden curve of that spec.
"""
import json
import os

os.environ.setdefault("KERAS_BACKEND", "jax")
import keras  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
K = "keras.optimizers.schedules."
SPECS = [
    K + "ExponentialDecay(initial_learning_rate=0.1, decay_steps=10, decay_rate=0.5,"
        " staircase=True, name='lr')",
    K + "PiecewiseConstantDecay(boundaries=[5, 10, 15], values=[1.0, 0.5, 0.25, 0.125], name='pc')",
    K + "PiecewiseConstantDecay([2.5, 4.9], [0.1, 0.01, 0.001])",
    K + "PolynomialDecay(initial_learning_rate=0.1, decay_steps=20, end_learning_rate=0.01,"
        " power=2.0, cycle=False, name='p')",
    K + "PolynomialDecay(0.1, 10, 0.001, 1.0, True)",
    K + "InverseTimeDecay(initial_learning_rate=0.1, decay_steps=7, decay_rate=1.5,"
        " staircase=True, name='i')",
    K + "CosineDecay(0.01, 40, alpha=0.1, warmup_target=0.2, warmup_steps=15)",
    K + "CosineDecay(initial_learning_rate=0.1, decay_steps=20, alpha=0.1, name='c')",
    K + "CosineDecayRestarts(initial_learning_rate=0.1, first_decay_steps=10, t_mul=1.0,"
        " m_mul=0.5, alpha=0.01, name='r')",
    K + "CosineDecayRestarts(0.1, 7, 1.5, 0.8, 0.05)",
]


def main():
    golden = {json.loads(line)["spec"] for line in open(os.path.join(HERE, "keras.jsonl"))}
    out = os.path.join(HERE, "keras_configs.jsonl")
    with open(out, "w") as f:
        for spec in SPECS:
            assert spec in golden, spec
            s = eval(spec, {"keras": keras})  # the spec is a Keras call as its user writes it
            d = keras.optimizers.schedules.serialize(s)
            f.write(json.dumps({"spec": spec, "keras": keras.__version__, "json": json.dumps(d),
                                "repr": repr(d)}) + "\n")
    print("wrote %d configs to %s" % (len(SPECS), out))


if __name__ == "__main__":
    main()
