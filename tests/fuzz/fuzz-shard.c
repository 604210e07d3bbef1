/* ecsplan: libFuzzer target for the shard files of `ecsplan optimize --merge`
 * (planner/optimize/shard.c) and the --shard K/N reader. Any bytes in: no crash, leak,
 * undefined behaviour or GLib critical. Beyond that:
 * - a refusal is PLAN_ERROR_INVALID_MODEL and names the file with a line;
 * - a file read is written back by plan_shard_write, that text reads as the same header and
 *   records, and writing those again gives the same bytes (numbers survive exactly);
 * - every record read belongs to the file's shard, in ascending order, and there are as many
 *   as the shard holds;
 * - K/N read has 0 <= K - 1 < N <= PLAN_SHARD_MAX. */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "fuzz.h"
#include "plan-error.h"
#include "shard.h"

FUZZ_DEFINE_INITIALIZE

static gboolean
fuzz_same_double(double a, double b)
{
	return (isnan(a) && isnan(b)) || memcmp(&a, &b, sizeof a) == 0;
}

static void
fuzz_same_records(const GArray *a, const GArray *b)
{
	g_assert(a->len == b->len);
	for (guint i = 0; i < a->len; i++) {
		const PlanOptEvaluated *x = &g_array_index(a, PlanOptEvaluated, i);
		const PlanOptEvaluated *y = &g_array_index(b, PlanOptEvaluated, i);
		g_assert(x->index == y->index && x->pruned == y->pruned && x->met == y->met);
		g_assert(fuzz_same_double(x->measures.unmet_pct, y->measures.unmet_pct));
		g_assert(fuzz_same_double(x->measures.pending_minutes, y->measures.pending_minutes));
		g_assert(fuzz_same_double(x->measures.p95_util_pct, y->measures.p95_util_pct));
		g_assert(fuzz_same_double(x->measures.task_hours, y->measures.task_hours));
		g_assert(x->measures.monthly_cost == y->measures.monthly_cost);
		g_assert(x->measures.az_survived == y->measures.az_survived);
	}
}

static void
fuzz_shard_text(const char *text)
{
	guint index = 0, count = 0;

	if (plan_shard_parse(text, &index, &count, NULL))
		g_assert(count >= 1 && count <= PLAN_SHARD_MAX && index < count);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(PlanShardHeader) header = NULL;
	g_autoptr(GArray) records = NULL;
	g_autoptr(PlanShardHeader) header2 = NULL;
	g_autoptr(GArray) records2 = NULL;
	g_autoptr(GString) written = NULL;
	g_autoptr(GString) again = NULL;

	if (size < 64 && memchr(data, '\0', size) == NULL) {
		g_autofree char *text = g_strndup((const char *)data, size);
		fuzz_shard_text(text);
	}
	if (!plan_shard_read("f", (const char *)data, size, &header, &records, &error)) {
		g_assert(error != NULL && error->domain == PLAN_ERROR &&
			 error->code == PLAN_ERROR_INVALID_MODEL);
		g_assert(g_str_has_prefix(error->message, "'f':"));
		g_assert(header == NULL && records == NULL);
		return 0;
	}
	g_assert(records->len == plan_shard_size(header->candidates, header->index,
						 header->count));
	for (guint i = 0; i < records->len; i++) {
		const PlanOptEvaluated *record = &g_array_index(records, PlanOptEvaluated, i);
		g_assert(plan_shard_owns(record->index, header->index, header->count));
		g_assert(i == 0 ||
			 record->index > g_array_index(records, PlanOptEvaluated, i - 1).index);
	}
	written = plan_shard_write(header, (const PlanOptEvaluated *)(gconstpointer)records->data,
				   records->len, &error);
	g_assert(error == NULL && written != NULL);
	g_assert(plan_shard_read("f", written->str, written->len, &header2, &records2, &error));
	g_assert(strcmp(header->slo, header2->slo) == 0 &&
		 strcmp(header->options, header2->options) == 0 &&
		 strcmp(header->ecsplan, header2->ecsplan) == 0);
	g_assert(header->model_hash == header2->model_hash &&
		 header->space_hash == header2->space_hash &&
		 header->candidates == header2->candidates && header->index == header2->index &&
		 header->count == header2->count);
	fuzz_same_records(records, records2);
	again = plan_shard_write(header2, (const PlanOptEvaluated *)(gconstpointer)records2->data,
				 records2->len, &error);
	g_assert(again != NULL && g_string_equal(written, again));
	return 0;
}
