/* ecsplan: `ecsplan optimize` over many machines: which shard this process is (--shard K/N, or
 * the array-job variables of Slurm, AWS Batch and Kubernetes Indexed Jobs), which candidates a
 * shard evaluates, the JSON-lines shard file, and the merge of N shard files into the records
 * one machine would have evaluated (docs/optimize.md, "Shards and merge") */
#pragma once

#include <glib.h>

#include "model.h"
#include "optimize.h"
#include "pricebook.h"

G_BEGIN_DECLS

/* the most shards one search is cut into (docs/limits.md) */
#define PLAN_SHARD_MAX 100000
/* the shard file's format: the header's "format" and "version" */
#define PLAN_SHARD_FORMAT "ecsplan-optimize-shard"
#define PLAN_SHARD_VERSION 1
/* the largest shard file read (docs/limits.md): some 800,000 candidates at 300 bytes a line */
#define PLAN_SHARD_FILE_MAX ((gsize)256 * 1024 * 1024)

/* ---- which shard ---- */

/**
 * plan_shard_parse:
 * @text: "K/N": shard K of N, K from 1 to N (1-based, as people count and as GNU parallel's
 *   {#} runs), N from 1 to PLAN_SHARD_MAX
 * @index: (out): K − 1, the engine's 0-based PlanOptOptions.shard_index
 * @count: (out): N
 * Returns: FALSE with PLAN_ERROR_USAGE (the message quotes @text and says what was expected)
 */
gboolean plan_shard_parse(const char *text, guint *index, guint *count, GError **error);

/**
 * plan_shard_from_environment:
 * @environment: (nullable): the variables to read (g_get_environ() form); NULL: this process's
 * @count_option: N from --shards N, or 0 when not given
 * @index: (out): the 0-based shard index
 * @count: (out): the number of shards
 * @source: (out) (transfer full): where they came from, for messages and the shard file:
 *   "SLURM_ARRAY_TASK_ID=2 (SLURM_ARRAY_TASK_MIN=1, SLURM_ARRAY_TASK_COUNT=4)"
 *
 * Reads exactly one of (docs/optimize.md gives each platform's script):
 * - Slurm: SLURM_ARRAY_TASK_ID, with SLURM_ARRAY_TASK_MIN, SLURM_ARRAY_TASK_MAX and
 *   SLURM_ARRAY_TASK_COUNT (an array of consecutive ids, any first id: index = id − min,
 *   count = COUNT, which must equal max − min + 1; a stepped array such as --array=0-6:2 is
 *   refused, as its ids leave gaps);
 * - AWS Batch: AWS_BATCH_JOB_ARRAY_INDEX (0-based); the count from @count_option or
 *   ECSPLAN_SHARDS, as Batch does not pass the array size to the job;
 * - Kubernetes Indexed Jobs: JOB_COMPLETION_INDEX (0-based); the count from @count_option or
 *   ECSPLAN_SHARDS (the Job's completions).
 * A @count_option that contradicts SLURM_ARRAY_TASK_COUNT is refused, as is an index out of
 * its range, no variable at all, or variables of two platforms at once.
 * Returns: FALSE with PLAN_ERROR_USAGE, naming the variable and its value
 */
gboolean plan_shard_from_environment(const char *const *environment, guint count_option,
				     guint *index, guint *count, char **source, GError **error);

/* the candidates of shard @index of @count: global indexes i with i % count == index,
 * strided so that every shard holds cheap and dear candidates of every service alike */
gboolean plan_shard_owns(guint64 candidate, guint index, guint count);
/* how many of @total candidates shard @index of @count holds */
guint64 plan_shard_size(guint64 total, guint index, guint count);

/* ---- the shard file ---- */

/* what every line of a shard depends on: shards merge only when all of it agrees (a plain
 * record that owns its strings) */
typedef struct {
	char *ecsplan;	     /* the version that wrote it: measures may change between versions */
	guint64 model_hash;  /* FNV-1a of the model as the writer prints it */
	guint64 space_hash;  /* plan_opt_space_hash(): the model and every candidate */
	guint64 book_hash;   /* plan_shard_book_hash(): the price book's figures and instances */
	char *slo;	     /* plan_slo_to_string() */
	char *options;	     /* plan_shard_options_text(): the run options that change measures */
	guint64 candidates;  /* the space's size */
	guint index;	     /* 0-based */
	guint count;
} PlanShardHeader;

void plan_shard_header_free(PlanShardHeader *header);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(PlanShardHeader, plan_shard_header_free)

/* FNV-1a (64 bits) of @model as plan_model_to_json() prints it; 0 with @error when it cannot
 * be printed */
guint64 plan_shard_model_hash(const PlanModel *model, GError **error);

/* FNV-1a (64 bits) of @book's figures (every key, its price in nanodollars) and its instance
 * table (every type's specs and hourly price): two machines with different `--prices` files or price caches
 * price the same candidate differently */
guint64 plan_shard_book_hash(const PlanPriceBook *book);

/* the options that change what a candidate measures, as canonical text:
 * "profile=diurnal,duration=604800s,step=60s,runs=3,seed=1,fail-az=-,service=*" (threads,
 * progress and the shard itself do not count). Returns: (transfer full) */
char *plan_shard_options_text(const PlanOptOptions *options) G_GNUC_WARN_UNUSED_RESULT;

/**
 * plan_shard_write:
 * @header: the shard's header
 * @records: (array length=n_records): the shard's records, one per candidate it holds, in
 *   index order
 * Returns: (transfer full): the shard file: the header on its first line, then one JSON object
 * per line (docs/optimize.md gives the fields), every line ending in '\n'; NULL with
 * PLAN_ERROR_LIMIT when a cost is beyond what a JSON number holds exactly (2^53 nanodollars)
 */
GString *plan_shard_write(const PlanShardHeader *header, const PlanOptEvaluated *records,
			  gsize n_records, GError **error) G_GNUC_WARN_UNUSED_RESULT;

/**
 * plan_shard_read:
 * @name: the file's name, for messages
 * @data: (array length=length): the file's bytes
 * @header: (out) (transfer full)
 * @records: (out) (transfer full) (element-type PlanOptEvaluated): in the file's order
 * Returns: FALSE with PLAN_ERROR_INVALID_MODEL (an input that cannot be read, exit 2, as a
 * profile CSV), the message naming the file, the line (and
 * column) and what was expected: a line that is no JSON object, a missing or mistyped field,
 * the last line cut short (no '\n' at its end), a record of a candidate another shard holds,
 * a candidate twice, fewer or more records than the shard holds
 */
gboolean plan_shard_read(const char *name, const char *data, gsize length,
			 PlanShardHeader **header, GArray **records, GError **error);

/* NULL when shards with headers @a and @b may merge; else (transfer full) what differs, as a
 * predicate for "A and B ...": "have different service levels, 'unmet<=0.1%' and 'unmet<=1%'"
 * (the version, the model, the price book, the space, the service level, the options, then the
 * shard count) */
char *plan_shard_header_differs(const PlanShardHeader *a,
				const PlanShardHeader *b) G_GNUC_WARN_UNUSED_RESULT;

/**
 * plan_shard_merge:
 * @paths: (array length=n_paths): the shard files, in any order
 * @header: (out) (transfer full): the header they share (index 0, count N)
 * @records: (out) (transfer full) (element-type PlanOptEvaluated): every candidate of the
 *   space once, in index order: what plan_opt_evaluate() gives on one machine, up to the
 *   pruning, which plan_opt_reduce() works out again from all of them
 * Refuses (PLAN_ERROR_INVALID_MODEL) files that disagree on the ecsplan version, the model,
 * the space, the service level, the options or the number of shards (the message names both
 * files and what differs), a shard given twice, a shard missing, and any file plan_shard_read
 * refuses; PLAN_ERROR_IO or PLAN_ERROR_LIMIT for a file that cannot be read.
 */
gboolean plan_shard_merge(const char *const *paths, guint n_paths, PlanShardHeader **header,
			  GArray **records, GError **error);

G_END_DECLS
