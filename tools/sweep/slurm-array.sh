#!/usr/bin/env bash
# One point of a planned sweep per Slurm array task: runs line $SLURM_ARRAY_TASK_ID of the plan
# that `notebook render NOTES.md --sweep ... --plan PLAN --results DIR` wrote (one command per line).
#
#   n=$(wc -l < plan.sh)
#   sbatch --array=1-"$n" tools/sweep/slurm-array.sh plan.sh
#   # when the jobs are done (or at any time, to see what is missing):
#   notebook sweep collect DIR
#
# The results folder and the notebook must be on a file system every node sees.
#SBATCH --job-name=notebook-sweep
#SBATCH --cpus-per-task=2
#SBATCH --time=01:00:00
set -euo pipefail
plan=${1:?usage: sbatch --array=1-N slurm-array.sh PLAN}
task=${SLURM_ARRAY_TASK_ID:?not inside a Slurm array task (SLURM_ARRAY_TASK_ID is unset)}
line=$(sed -n "${task}p" "$plan")
[[ -n $line ]] || { echo "slurm-array.sh: $plan has no line $task" >&2; exit 2; }
# The tensor engine uses as many threads as OpenBLAS is given: the task's CPUs.
export OPENBLAS_NUM_THREADS=${SLURM_CPUS_PER_TASK:-1}
exec bash -c "$line"
