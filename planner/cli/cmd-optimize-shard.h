/* ecsplan optimize over many machines: --shard K/N (or auto), --shards N and --merge FILES
 * (docs/optimize.md, "Shards and merge"); the command's own file (cmd-optimize.c) calls these
 * in one block */
#pragma once

#include <glib.h>

#include "model.h"
#include "optimize.h"
#include "slo.h"

G_BEGIN_DECLS

/* what one `ecsplan optimize` does: modes that exclude each other */
typedef enum {
	CMD_OPTIMIZE_ONE,   /* the whole search on this machine */
	CMD_OPTIMIZE_SHARD, /* one shard, written as a shard file */
	CMD_OPTIMIZE_MERGE, /* the shard files named after MODEL, reduced to the answer */
} CmdOptimizeMode;

/* the three options, as parsed */
typedef struct {
	char *shard;  /* --shard K/N or "auto" */
	char *shards; /* --shards N */
	gboolean merge;
} CmdOptimizeShardArgs;

void cmd_optimize_shard_args_clear(CmdOptimizeShardArgs *args);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(CmdOptimizeShardArgs, cmd_optimize_shard_args_clear)

/* the GOptionEntry rows of the three options, for the command's table */
#define CMD_OPTIMIZE_SHARD_ENTRIES(args)                                                       \
	{"shard", 0, 0, G_OPTION_ARG_STRING, &(args)->shard,                                   \
	 "Evaluate shard K of N only and write it as a shard file (K from 1); 'auto': K and N "  \
	 "from SLURM_ARRAY_TASK_ID, AWS_BATCH_JOB_ARRAY_INDEX or JOB_COMPLETION_INDEX",          \
	 "K/N|auto"},                                                                           \
	    {"shards", 0, 0, G_OPTION_ARG_STRING, &(args)->shards,                             \
	     "The number of shards where the array job does not give it (AWS Batch, "           \
	     "Kubernetes; or ECSPLAN_SHARDS); alone it means --shard auto",                     \
	     "N"},                                                                              \
	    {"merge", 0, 0, G_OPTION_ARG_NONE, &(args)->merge,                                 \
	     "The arguments after MODEL are shard files: print the answer they make, as one "    \
	     "machine would (run with the shards' options)",                                    \
	     NULL}

/* the most positional arguments plan_cli_parse() may leave: MODEL and, with --merge, the
 * shard files */
#define CMD_OPTIMIZE_MAX_ARGS (1 + 100000)

/**
 * cmd_optimize_shard_mode:
 * @argc, @argv: what plan_cli_parse() left (argv[0] the command, then MODEL unless @example)
 * @example: the model is --example's, so every argument is a shard file
 * @mode: (out)
 * @index, @count: (out): the shard (CMD_OPTIMIZE_SHARD)
 * @source: (out) (transfer full): where the shard came from ("--shard 2/4",
 *   "SLURM_ARRAY_TASK_ID=2 (...)"), or NULL
 * Refuses (PLAN_ERROR_USAGE): --merge with --shard or --shards, --merge without shard files,
 * more than MODEL without --merge, --shard K/N against a different --shards, and anything
 * plan_shard_parse() or plan_shard_from_environment() refuses.
 */
gboolean cmd_optimize_shard_mode(const CmdOptimizeShardArgs *args, int argc, char **argv,
				 gboolean example, CmdOptimizeMode *mode, guint *index, guint *count,
				 char **source, GError **error);

/* a shard evaluated: its file and what it did */
typedef struct {
	GString *text;	    /* the shard file */
	guint index;	    /* 0-based */
	guint count;
	guint64 total;	    /* candidates in the space */
	guint64 held;	    /* of them, in this shard */
	guint64 simulated;  /* of those, simulated (the rest pruned) */
} CmdOptimizeShard;

void cmd_optimize_shard_clear(CmdOptimizeShard *shard);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(CmdOptimizeShard, cmd_optimize_shard_clear)

/**
 * cmd_optimize_shard_run:
 * @options: the search's options with the shard set (shard_index, shard_count)
 * @shard: (out caller-allocates): the shard file and its figures
 * Evaluates the shard (the progress callbacks of @options run meanwhile).
 */
gboolean cmd_optimize_shard_run(const PlanModel *model, const PlanSlo *slo,
				const PlanOptOptions *options, CmdOptimizeShard *shard,
				GError **error);

/* writes @shard's file to @output (NULL or "-": stdout) and, unless @quiet, says on stderr
 * what it did and where its index came from (@source) */
gboolean cmd_optimize_shard_finish(const CmdOptimizeShard *shard, const char *source,
				   const char *output, gboolean quiet, GError **error);

/**
 * cmd_optimize_merge_run:
 * @paths: (array length=n_paths): the shard files
 * Returns: (transfer full): the answer from the shards' records, refused (PLAN_ERROR_INVALID_MODEL)
 * when the shards do not match this run's model, space, service level or options
 */
PlanOptResult *cmd_optimize_merge_run(const PlanModel *model, const PlanSlo *slo,
				      const PlanOptOptions *options, const char *const *paths,
				      guint n_paths, GError **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
