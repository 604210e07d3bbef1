#!/bin/sh
# ecsplan optimize as a Slurm array job: 4 shards, each writing shards/shard-ID.jsonl
# (docs/optimize.md, "Running the shards"). From the folder that holds model.json:
#   mkdir -p shards
#   jobid=$(sbatch --parsable docs/optimize/slurm.sh)
#   sbatch --dependency=afterok:$jobid --wrap "ecsplan optimize model.json --slo 'unmet<=0.1%' --profile diurnal --runs 3 --merge shards/shard-*.jsonl -o answer.txt"
#SBATCH --job-name=ecsplan-optimize
#SBATCH --array=1-4
#SBATCH --cpus-per-task=2
set -eu
# --array=1-4 or 0-3: --shard auto counts from SLURM_ARRAY_TASK_MIN
exec ecsplan optimize model.json --slo 'unmet<=0.1%' --profile diurnal --runs 3 \
	--threads "${SLURM_CPUS_PER_TASK:-0}" --shard auto \
	-o "shards/shard-${SLURM_ARRAY_TASK_ID}.jsonl"
