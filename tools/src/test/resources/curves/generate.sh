#!/bin/sh
# Regenerates the expected curves of LrCurveToolCurvesTest with the PyTorch reference harness:
# for each line NAME<TAB>STEPS<TAB>OPTIONS<TAB>SPEC of cases.tsv, NAME.out is the output of
#   torch_curve.py SPEC STEPS OPTIONS
# The committed files were made with Debian's python3-torch 1.13.1 (it reports 1.13.0a0), whose
# schedulers give the same values as PyTorch 2.x on these cases; VERSION records what ran.
#
# Usage: tools/src/test/resources/curves/generate.sh [path/to/torch_curve.py]
#        (default: /work/shared/oracle/torch_curve.py; PYTHON defaults to /usr/bin/python3)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
oracle=${1:-/work/shared/oracle/torch_curve.py}
python=${PYTHON:-/usr/bin/python3}
"$python" -c 'import sys, torch; print("torch", torch.__version__, "python", sys.version.split()[0])' \
    > "$here/VERSION"
tab=$(printf '\t')
grep -v '^#' "$here/cases.tsv" | while IFS="$tab" read -r name steps options spec; do
    [ -n "$name" ] || continue
    [ "$options" = "-" ] && options=""
    # shellcheck disable=SC2086 # options are split on spaces on purpose
    "$python" "$oracle" "$spec" "$steps" $options > "$here/$name.out"
    echo "$name: $(wc -l < "$here/$name.out") lines"
done
