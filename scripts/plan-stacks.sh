#!/usr/bin/env bash
# Plans every synthesized stack with Terraform, as `cdktf diff` does (init and
# plan in the stack's directory), but keeps the plan file, so that
# `terraform show -json` can summarize it: cdktf diff keeps none for stacks
# in Terraform Cloud. Reads the stacks from ${CDKTF_OUTDIR:-cdktf.out}/manifest.json
# and writes, per stack, ${PLAN_DIR:-plan}/<stack>/:
#
#   plan.json   terraform show -json (absent when a step failed)
#   plan.txt    terraform show -no-color, or the failed steps' output
#
# Every stack is planned even when one fails; the exit code is 1 if any did.
# Needs Terraform on PATH and credentials for the providers and the backend.
set -uo pipefail

outdir="${CDKTF_OUTDIR:-cdktf.out}"
plan_dir="${PLAN_DIR:-plan}"

stacks=$(node -e '
  const { join, resolve } = require("node:path");
  const manifest = require(resolve(process.argv[1], "manifest.json"));
  for (const [name, stack] of Object.entries(manifest.stacks).sort(([a], [b]) => (a < b ? -1 : 1)))
    console.log(name + "\t" + join(process.argv[1], stack.workingDirectory));
' "$outdir") || {
  echo "No synthesized stacks in $outdir: run npm run synth first." >&2
  exit 1
}

failed=()
while IFS=$'\t' read -r name dir; do
  [[ -n "$name" ]] || continue
  out="$plan_dir/$name"
  rm -rf "$out" && mkdir -p "$out"
  out="$(cd "$out" && pwd)"
  if terraform -chdir="$dir" init -input=false -no-color >"$out/init.log" 2>&1 &&
    terraform -chdir="$dir" plan -input=false -no-color -lock-timeout=5m -out=tfplan >"$out/plan.log" 2>&1 &&
    terraform -chdir="$dir" show -json tfplan >"$out/plan.json" 2>>"$out/plan.log" &&
    terraform -chdir="$dir" show -no-color tfplan >"$out/plan.txt" 2>>"$out/plan.log"; then
    echo "== $name: planned"
  else
    rm -f "$out/plan.json"
    cat "$out/init.log" "$out/plan.log" >"$out/plan.txt" 2>/dev/null
    failed+=("$name")
    echo "== $name: FAILED"
  fi
  cat "$out/plan.txt"
done <<<"$stacks"

if ((${#failed[@]} > 0)); then
  echo "The plan failed for: ${failed[*]}" >&2
  exit 1
fi
