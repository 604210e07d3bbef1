/* ecsplan optimize over many machines: the shard and merge modes (docs/optimize.md) */
#include "cmd-optimize-shard.h"

#include <string.h>

#include "cli.h"
#include "parse.h"
#include "plan-error.h"
#include "shard.h"

void
cmd_optimize_shard_args_clear(CmdOptimizeShardArgs *args)
{
	g_clear_pointer(&args->shard, g_free);
	g_clear_pointer(&args->shards, g_free);
}

gboolean
cmd_optimize_shard_mode(const CmdOptimizeShardArgs *args, int argc, char **argv,
			gboolean example, CmdOptimizeMode *mode, guint *index, guint *count,
			char **source, GError **error)
{
	/* the positional arguments before the shard files: MODEL, unless --example gives it */
	int model_args = example ? 0 : 1;
	guint64 shards = 0;

	*mode = CMD_OPTIMIZE_ONE;
	*index = 0;
	*count = 1;
	*source = NULL;
	if (args->merge) {
		if (args->shard != NULL || args->shards != NULL) {
			g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
				    "--merge combines shard files and takes no --shard or --shards");
			return FALSE;
		}
		if (argc < 2 + model_args) {
			g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
				    "--merge needs the shard files after the model: ecsplan optimize "
				    "MODEL --merge shard-1.jsonl ... shard-N.jsonl");
			return FALSE;
		}
		*mode = CMD_OPTIMIZE_MERGE;
		return TRUE;
	}
	if (argc > 1 + model_args) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
			    "too many arguments: '%s'; shard files go with --merge; see '%s --help'",
			    argv[1 + model_args], g_get_prgname());
		return FALSE;
	}
	if (args->shards != NULL &&
	    !plan_parse_count("--shards", args->shards, 1, PLAN_SHARD_MAX, &shards, error))
		return FALSE;
	if (args->shard == NULL && args->shards == NULL)
		return TRUE;
	*mode = CMD_OPTIMIZE_SHARD;
	if (args->shard == NULL || strcmp(args->shard, "auto") == 0) {
		if (!plan_shard_from_environment(NULL, (guint)shards, index, count, source, error)) {
			g_prefix_error(error, "--shard auto: ");
			return FALSE;
		}
		return TRUE;
	}
	if (!plan_shard_parse(args->shard, index, count, error))
		return FALSE;
	if (shards != 0 && shards != *count) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
			    "--shard %s and --shards %" G_GUINT64_FORMAT " disagree on the number of "
			    "shards",
			    args->shard, shards);
		return FALSE;
	}
	*source = g_strdup_printf("--shard %u/%u", *index + 1, *count);
	return TRUE;
}

/* the header this run would write, for shard @index of @count */
static PlanShardHeader *
cmd_optimize_header(const PlanModel *model, const PlanSlo *slo, const PlanOptOptions *options,
		    const PlanOptSpace *space, GError **error)
{
	g_autoptr(PlanShardHeader) header = g_new0(PlanShardHeader, 1);

	header->model_hash = plan_shard_model_hash(model, error);
	if (header->model_hash == 0 && error != NULL && *error != NULL)
		return NULL;
	header->ecsplan = g_strdup(PLAN_VERSION);
	header->space_hash = plan_opt_space_hash(model, space);
	header->book_hash = plan_shard_book_hash(options->book);
	header->slo = plan_slo_to_string(slo);
	header->options = plan_shard_options_text(options);
	header->candidates = space->total;
	header->index = options->shard_count > 1 ? options->shard_index : 0;
	header->count = MAX(options->shard_count, 1);
	return g_steal_pointer(&header);
}

void
cmd_optimize_shard_clear(CmdOptimizeShard *shard)
{
	if (shard->text != NULL)
		g_string_free(g_steal_pointer(&shard->text), TRUE);
}

gboolean
cmd_optimize_shard_run(const PlanModel *model, const PlanSlo *slo, const PlanOptOptions *options,
		       CmdOptimizeShard *shard, GError **error)
{
	g_autoptr(PlanOptSpace) space = plan_opt_space_new(model, options, error);
	g_autoptr(PlanShardHeader) header = NULL;
	g_autoptr(GArray) records = NULL;

	if (space == NULL)
		return FALSE;
	header = cmd_optimize_header(model, slo, options, space, error);
	if (header == NULL)
		return FALSE;
	records = plan_opt_evaluate(model, space, options, error);
	if (records == NULL)
		return FALSE;
	shard->text = plan_shard_write(header,
				       (const PlanOptEvaluated *)(gconstpointer)records->data,
				       records->len, error);
	if (shard->text == NULL)
		return FALSE;
	shard->index = header->index;
	shard->count = header->count;
	shard->total = space->total;
	shard->held = records->len;
	shard->simulated = 0;
	for (guint i = 0; i < records->len; i++)
		shard->simulated += g_array_index(records, PlanOptEvaluated, i).pruned ? 0 : 1;
	return TRUE;
}

gboolean
cmd_optimize_shard_finish(const CmdOptimizeShard *shard, const char *source, const char *output,
			  gboolean quiet, GError **error)
{
	if (!plan_cli_write(output, shard->text->str, shard->text->len, error))
		return FALSE;
	if (!quiet)
		plan_cli_printerr("ecsplan: optimize: shard %u/%u (%s): %" G_GUINT64_FORMAT
				  " of %" G_GUINT64_FORMAT " candidates, %" G_GUINT64_FORMAT
				  " simulated, %" G_GUINT64_FORMAT " pruned by the lower bound\n",
				  shard->index + 1, shard->count, source, shard->held, shard->total,
				  shard->simulated, shard->held - shard->simulated);
	return TRUE;
}

PlanOptResult *
cmd_optimize_merge_run(const PlanModel *model, const PlanSlo *slo, const PlanOptOptions *options,
		       const char *const *paths, guint n_paths, GError **error)
{
	g_autoptr(PlanOptSpace) space = plan_opt_space_new(model, options, error);
	g_autoptr(PlanShardHeader) own = NULL;
	g_autoptr(PlanShardHeader) merged = NULL;
	g_autoptr(GArray) records = NULL;
	g_autofree char *differs = NULL;

	if (space == NULL)
		return NULL;
	own = cmd_optimize_header(model, slo, options, space, error);
	if (own == NULL)
		return NULL;
	if (!plan_shard_merge(paths, n_paths, &merged, &records, error))
		return NULL;
	/* the shard count is the shards' own; the rest must be this run's */
	own->count = merged->count;
	differs = plan_shard_header_differs(merged, own);
	if (differs != NULL) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
			    "the shard files and this merge %s; merge with the model, price book "
			    "and options the shards ran with",
			    differs);
		return NULL;
	}
	return plan_opt_reduce(model, space, options,
			       (const PlanOptEvaluated *)(gconstpointer)records->data,
			       records->len, error);
}
