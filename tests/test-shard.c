/* tests for the shards of `ecsplan optimize` (planner/optimize/shard.c): --shard K/N, the
 * array-job variables of Slurm, AWS Batch and Kubernetes, the strided slice, the JSON-lines
 * shard file and the merge, with every refusal's exact message */
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "plan-error.h"
#include "shard.h"

/* ---- --shard K/N ---- */

static void
test_parse(void)
{
	static const struct {
		const char *text;
		guint index;
		guint count;
	} good[] = {
	    {"1/4", 0, 4}, {"4/4", 3, 4}, {"1/1", 0, 1}, {"100000/100000", 99999, 100000},
	    /* leading zeros are decimal, not octal */
	    {"010/12", 9, 12},
	};
	static const char *const bad[] = {
	    "0/4", "5/4", "4", "1/0", "a/b", "1/4/2", " 1/4", "1/4 ", "-1/4", "1/100001", "", "/",
	    "1/", "/4", "+1/4", "0x1/4",
	};

	for (guint i = 0; i < G_N_ELEMENTS(good); i++) {
		g_autoptr(GError) error = NULL;
		guint index = 99, count = 99;
		g_assert_true(plan_shard_parse(good[i].text, &index, &count, &error));
		g_assert_no_error(error);
		g_assert_cmpuint(index, ==, good[i].index);
		g_assert_cmpuint(count, ==, good[i].count);
	}
	for (guint i = 0; i < G_N_ELEMENTS(bad); i++) {
		g_autoptr(GError) error = NULL;
		g_autofree char *expected = g_strdup_printf(
		    "cannot read the shard '%s': expected K/N, shard K of N, with N from 1 to "
		    "100000 and K from 1 to N (as in 1/4 ... 4/4)",
		    bad[i]);
		guint index = 99, count = 99;
		g_test_message("%s", bad[i]);
		g_assert_false(plan_shard_parse(bad[i], &index, &count, &error));
		g_assert_error(error, PLAN_ERROR, PLAN_ERROR_USAGE);
		g_assert_cmpstr(error->message, ==, expected);
		g_assert_cmpuint(index, ==, 99);
	}
}

/* ---- the array-job variables ---- */

static const struct {
	const char *name;
	const char *environment[6]; /* NULL-terminated */
	guint count_option;
	guint index; /* G_MAXUINT: refused with @message */
	guint count;
	const char *message; /* the source when accepted */
} env_cases[] = {
    /* sbatch --array=1-4: ids 1..4, the third task is shard index 2 */
    {"slurm-1-based",
     {"SLURM_ARRAY_TASK_ID=3", "SLURM_ARRAY_TASK_MIN=1", "SLURM_ARRAY_TASK_MAX=4",
      "SLURM_ARRAY_TASK_COUNT=4", NULL},
     0, 2, 4, "SLURM_ARRAY_TASK_ID=3 (SLURM_ARRAY_TASK_MIN=1, SLURM_ARRAY_TASK_COUNT=4)"},
    /* sbatch --array=0-3 */
    {"slurm-0-based",
     {"SLURM_ARRAY_TASK_ID=0", "SLURM_ARRAY_TASK_MIN=0", "SLURM_ARRAY_TASK_MAX=3",
      "SLURM_ARRAY_TASK_COUNT=4", "PATH=/bin", NULL},
     4, 0, 4, "SLURM_ARRAY_TASK_ID=0 (SLURM_ARRAY_TASK_MIN=0, SLURM_ARRAY_TASK_COUNT=4)"},
    /* --array=0-6:2: ids 0, 2, 4, 6 are 4 tasks spanning 7 ids */
    {"slurm-stepped",
     {"SLURM_ARRAY_TASK_ID=2", "SLURM_ARRAY_TASK_MIN=0", "SLURM_ARRAY_TASK_MAX=6",
      "SLURM_ARRAY_TASK_COUNT=4", NULL},
     0, G_MAXUINT, 0,
     "the Slurm array's task ids leave gaps (SLURM_ARRAY_TASK_MIN=0, SLURM_ARRAY_TASK_MAX=6, "
     "SLURM_ARRAY_TASK_COUNT=4): shards need consecutive ids, as in --array=0-3"},
    {"slurm-no-min",
     {"SLURM_ARRAY_TASK_ID=2", NULL},
     0, G_MAXUINT, 0,
     "SLURM_ARRAY_TASK_ID=2 is set without SLURM_ARRAY_TASK_MIN and SLURM_ARRAY_TASK_COUNT, "
     "which Slurm sets in every array job; give the shard as K/N"},
    {"slurm-count-contradicted",
     {"SLURM_ARRAY_TASK_ID=2", "SLURM_ARRAY_TASK_MIN=0", "SLURM_ARRAY_TASK_MAX=3",
      "SLURM_ARRAY_TASK_COUNT=4", NULL},
     3, G_MAXUINT, 0, "SLURM_ARRAY_TASK_COUNT=4 contradicts the 3 shards given"},
    {"slurm-id-outside",
     {"SLURM_ARRAY_TASK_ID=9", "SLURM_ARRAY_TASK_MIN=1", "SLURM_ARRAY_TASK_COUNT=4", NULL},
     0, G_MAXUINT, 0, "SLURM_ARRAY_TASK_ID=9 is outside the array's ids 1 to 4"},
    {"slurm-not-a-number",
     {"SLURM_ARRAY_TASK_ID=x", "SLURM_ARRAY_TASK_MIN=1", "SLURM_ARRAY_TASK_COUNT=4", NULL},
     0, G_MAXUINT, 0,
     "SLURM_ARRAY_TASK_ID 'x' is not a whole number from 0 to 4294967295; write it in "
     "decimal digits"},
    /* aws batch submit-job --array-properties size=4: indexes 0..3 */
    {"batch",
     {"AWS_BATCH_JOB_ARRAY_INDEX=2", "ECSPLAN_SHARDS=4", NULL},
     0, 2, 4, "AWS_BATCH_JOB_ARRAY_INDEX=2 of ECSPLAN_SHARDS=4"},
    {"batch-count-option",
     {"AWS_BATCH_JOB_ARRAY_INDEX=3", NULL},
     4, 3, 4, "AWS_BATCH_JOB_ARRAY_INDEX=3 of 4 shards"},
    {"batch-no-count",
     {"AWS_BATCH_JOB_ARRAY_INDEX=2", NULL},
     0, G_MAXUINT, 0,
     "AWS_BATCH_JOB_ARRAY_INDEX gives this job's index but not the number of shards; set "
     "ECSPLAN_SHARDS to the array's size"},
    {"batch-index-past",
     {"AWS_BATCH_JOB_ARRAY_INDEX=4", "ECSPLAN_SHARDS=4", NULL},
     0, G_MAXUINT, 0, "AWS_BATCH_JOB_ARRAY_INDEX=4 is no shard of 4: the index runs from 0 to 3"},
    {"batch-counts-disagree",
     {"AWS_BATCH_JOB_ARRAY_INDEX=1", "ECSPLAN_SHARDS=5", NULL},
     4, G_MAXUINT, 0, "ECSPLAN_SHARDS=5 contradicts the 4 shards given"},
    {"batch-zero-shards",
     {"AWS_BATCH_JOB_ARRAY_INDEX=0", "ECSPLAN_SHARDS=0", NULL},
     0, G_MAXUINT, 0,
     "ECSPLAN_SHARDS '0' is not a whole number from 1 to 100000; write it in decimal digits"},
    /* a Kubernetes Indexed Job of completions: 3 */
    {"kubernetes",
     {"JOB_COMPLETION_INDEX=1", NULL},
     3, 1, 3, "JOB_COMPLETION_INDEX=1 of 3 shards"},
    {"two-platforms",
     {"JOB_COMPLETION_INDEX=1", "SLURM_ARRAY_TASK_ID=1", NULL},
     3, G_MAXUINT, 0,
     "both SLURM_ARRAY_TASK_ID and JOB_COMPLETION_INDEX are set: the shard is ambiguous; "
     "give it as K/N"},
    {"none",
     {"ECSPLAN_SHARDS=4", NULL},
     0, G_MAXUINT, 0,
     "no array-job index is set (SLURM_ARRAY_TASK_ID, AWS_BATCH_JOB_ARRAY_INDEX or "
     "JOB_COMPLETION_INDEX); give the shard as K/N"},
};

static void
test_environment(void)
{
	for (guint i = 0; i < G_N_ELEMENTS(env_cases); i++) {
		g_autoptr(GError) error = NULL;
		g_autofree char *source = NULL;
		guint index = 99, count = 99;
		gboolean ok;

		g_test_message("%s", env_cases[i].name);
		ok = plan_shard_from_environment(env_cases[i].environment, env_cases[i].count_option,
						 &index, &count, &source, &error);
		if (env_cases[i].index == G_MAXUINT) {
			g_assert_false(ok);
			g_assert_error(error, PLAN_ERROR, PLAN_ERROR_USAGE);
			g_assert_cmpstr(error->message, ==, env_cases[i].message);
			g_assert_null(source);
			continue;
		}
		g_assert_no_error(error);
		g_assert_true(ok);
		g_assert_cmpuint(index, ==, env_cases[i].index);
		g_assert_cmpuint(count, ==, env_cases[i].count);
		g_assert_cmpstr(source, ==, env_cases[i].message);
	}
}

/* ---- the slice ---- */

static void
test_slice(void)
{
	/* 10 candidates in 4 shards: 10 = 4 × 2 + 2, so shards 1 and 2 (index 0, 1) hold 3 and
	 * shards 3 and 4 hold 2; shard 2 holds candidates 1, 5 and 9 */
	static const guint64 sizes[] = {3, 3, 2, 2};
	guint64 sum = 0;

	for (guint k = 0; k < 4; k++) {
		g_assert_cmpuint(plan_shard_size(10, k, 4), ==, sizes[k]);
		sum += plan_shard_size(10, k, 4);
	}
	g_assert_cmpuint(sum, ==, 10);
	for (guint64 i = 0; i < 10; i++)
		g_assert_cmpint(plan_shard_owns(i, 1, 4), ==, i == 1 || i == 5 || i == 9);
	/* more shards than candidates: the last ones are empty */
	g_assert_cmpuint(plan_shard_size(3, 2, 4), ==, 1);
	g_assert_cmpuint(plan_shard_size(3, 3, 4), ==, 0);
	g_assert_cmpuint(plan_shard_size(0, 0, 1), ==, 0);
	g_assert_cmpuint(plan_shard_size(G_MAXUINT64, 0, 1), ==, G_MAXUINT64);
}

/* ---- the file ---- */

static PlanShardHeader *
header_new(guint index, guint count, guint64 candidates)
{
	PlanShardHeader *header = g_new0(PlanShardHeader, 1);

	header->ecsplan = g_strdup("1.0");
	header->model_hash = G_GUINT64_CONSTANT(0x0123456789abcdef);
	header->space_hash = G_GUINT64_CONSTANT(0xfedcba9876543210);
	header->book_hash = G_GUINT64_CONSTANT(0x00000000000b00c5);
	header->slo = g_strdup("unmet<=0.1%");
	header->options = g_strdup("profile=-,duration=604800s,step=60s,runs=3,seed=1,fail-az=-,"
				   "service=*");
	header->candidates = candidates;
	header->index = index;
	header->count = count;
	return header;
}

/* candidate @index as the engine could have measured it: figures that print long in decimal
 * (0.1 + 0.2 is 0.30000000000000004), and a pruned one every third */
static PlanOptEvaluated
record_new(guint64 index)
{
	PlanOptEvaluated record;

	memset(&record, 0, sizeof record);
	record.index = index;
	record.pruned = index % 3 == 2;
	if (record.pruned)
		return record;
	record.met = index % 2 == 0;
	record.measures.unmet_pct = (0.1 + 0.2) * (double)index;
	record.measures.pending_minutes = 1.0 / 3.0;
	record.measures.p95_util_pct = 61.25 + (double)index;
	record.measures.az_survived = index % 4 != 1;
	record.measures.az_unmet_pct = 0;
	record.measures.spot_pct = 50;
	record.measures.address_full_minutes = 0;
	record.measures.task_hours = 730.0 * 2 + (double)index / 7.0;
	/* 2 tasks of 0.25 vCPU and 0.5 GB on Fargate, 730 h at 0.04048/vCPU-h and 0.004445/GB-h:
	 * 2 × 730 × (0.04048 × 0.25 + 0.004445 × 0.5) = 2 × 730 × 0.0123425 = $18.02005 */
	record.measures.monthly_cost = G_GINT64_CONSTANT(18020050000) + (gint64)index;
	record.measures.complete = TRUE;
	record.measures.estimate = index == 4;
	return record;
}

static void
assert_records_equal(const PlanOptEvaluated *a, const PlanOptEvaluated *b)
{
	g_assert_cmpuint(a->index, ==, b->index);
	g_assert_cmpint(a->pruned, ==, b->pruned);
	g_assert_cmpint(a->met, ==, b->met);
	if (isnan(a->measures.unmet_pct))
		g_assert_true(isnan(b->measures.unmet_pct));
	else
		g_assert_true(a->measures.unmet_pct == b->measures.unmet_pct);
	g_assert_true(a->measures.pending_minutes == b->measures.pending_minutes);
	g_assert_true(a->measures.p95_util_pct == b->measures.p95_util_pct);
	g_assert_cmpint(a->measures.az_survived, ==, b->measures.az_survived);
	g_assert_true(a->measures.az_unmet_pct == b->measures.az_unmet_pct);
	g_assert_true(a->measures.spot_pct == b->measures.spot_pct);
	g_assert_true(a->measures.address_full_minutes == b->measures.address_full_minutes);
	g_assert_true(a->measures.task_hours == b->measures.task_hours);
	g_assert_cmpint(a->measures.monthly_cost, ==, b->measures.monthly_cost);
	g_assert_cmpint(a->measures.complete, ==, b->measures.complete);
	g_assert_cmpint(a->measures.estimate, ==, b->measures.estimate);
}

/* shard @index of @count over @candidates, written */
static GString *
shard_text(guint index, guint count, guint64 candidates)
{
	g_autoptr(PlanShardHeader) header = header_new(index, count, candidates);
	g_autoptr(GArray) records = g_array_new(FALSE, FALSE, sizeof(PlanOptEvaluated));
	g_autoptr(GError) error = NULL;
	GString *text;

	for (guint64 i = index; i < candidates; i += count) {
		PlanOptEvaluated record = record_new(i);
		g_array_append_val(records, record);
	}
	text = plan_shard_write(header, (PlanOptEvaluated *)(gpointer)records->data, records->len,
				&error);
	g_assert_no_error(error);
	g_assert_nonnull(text);
	return text;
}

static void
test_write_exact(void)
{
	/* shard 2/4 of 6 candidates: candidates 1 and 5; 5 is pruned (5 % 3 == 2) */
	g_autoptr(GString) text = shard_text(1, 4, 6);

	g_assert_cmpstr(
	    text->str, ==,
	    "{\"format\":\"ecsplan-optimize-shard\",\"version\":1,\"ecsplan\":\"1.0\","
	    "\"model\":\"0123456789abcdef\",\"book\":\"00000000000b00c5\","
	    "\"space\":\"fedcba9876543210\","
	    "\"slo\":\"unmet<=0.1%\",\"options\":\"profile=-,duration=604800s,step=60s,runs=3,"
	    "seed=1,fail-az=-,service=*\",\"candidates\":6,\"shard\":\"2/4\"}\n"
	    "{\"candidate\":1,\"pruned\":false,\"met\":false,\"unmet_pct\":0.30000000000000004,"
	    "\"pending_minutes\":0.3333333333333333,\"p95_util_pct\":62.25,\"az_survived\":false,"
	    "\"az_unmet_pct\":0,\"spot_pct\":50,\"address_full_minutes\":0,"
	    "\"task_hours\":1460.142857142857,\"monthly_cost_nanos\":18020050001,"
	    "\"complete\":true,\"estimate\":false}\n"
	    "{\"candidate\":5,\"pruned\":true}\n");
}

static void
test_round_trip(void)
{
	for (guint count = 1; count <= 5; count++) {
		for (guint k = 0; k < count; k++) {
			g_autoptr(GString) text = shard_text(k, count, 23);
			g_autoptr(PlanShardHeader) header = NULL;
			g_autoptr(GArray) records = NULL;
			g_autoptr(GError) error = NULL;
			guint j = 0;

			g_assert_true(plan_shard_read("shard.jsonl", text->str, text->len, &header,
						      &records, &error));
			g_assert_no_error(error);
			g_assert_cmpuint(header->index, ==, k);
			g_assert_cmpuint(header->count, ==, count);
			g_assert_cmpuint(header->candidates, ==, 23);
			g_assert_cmpuint(header->model_hash, ==, 0x0123456789abcdef);
			g_assert_cmpuint(header->space_hash, ==, 0xfedcba9876543210);
			g_assert_cmpstr(header->slo, ==, "unmet<=0.1%");
			g_assert_cmpuint(records->len, ==, plan_shard_size(23, k, count));
			for (guint64 i = k; i < 23; i += count) {
				PlanOptEvaluated expected = record_new(i);
				assert_records_equal(&g_array_index(records, PlanOptEvaluated, j++),
						     &expected);
			}
		}
	}
}

static void
test_write_limits(void)
{
	g_autoptr(PlanShardHeader) header = header_new(0, 1, 2);
	PlanOptEvaluated records[2] = {record_new(0), record_new(1)};
	g_autoptr(GError) error = NULL;
	g_autoptr(GString) text = NULL;
	g_autoptr(GArray) back = NULL;
	g_autoptr(PlanShardHeader) back_header = NULL;

	/* 2^53 nanodollars ($9,007,199 a month) is the most a JSON number holds exactly */
	records[0].measures.monthly_cost = G_GINT64_CONSTANT(9007199254740992);
	records[1].measures.unmet_pct = NAN;
	records[1].measures.task_hours = INFINITY;
	text = plan_shard_write(header, records, 2, &error);
	g_assert_no_error(error);
	g_assert_true(plan_shard_read("s", text->str, text->len, &back_header, &back, &error));
	g_assert_no_error(error);
	g_assert_cmpint(g_array_index(back, PlanOptEvaluated, 0).measures.monthly_cost, ==,
			G_GINT64_CONSTANT(9007199254740992));
	/* what is not a number is written as null and read as NaN */
	g_assert_true(isnan(g_array_index(back, PlanOptEvaluated, 1).measures.unmet_pct));
	g_assert_true(isnan(g_array_index(back, PlanOptEvaluated, 1).measures.task_hours));
	g_string_free(g_steal_pointer(&text), TRUE);

	records[0].measures.monthly_cost = G_GINT64_CONSTANT(9007199254740993);
	text = plan_shard_write(header, records, 2, &error);
	g_assert_null(text);
	g_assert_error(error, PLAN_ERROR, PLAN_ERROR_LIMIT);
	g_assert_cmpstr(error->message, ==,
			"candidate 0 costs 9007199254740993 nanodollars a month, more than a shard "
			"file holds exactly (2^53; docs/limits.md)");
}

/* the header of shard 1/2 of 4 candidates, for the bad files */
#define H                                                                                    \
	"{\"format\":\"ecsplan-optimize-shard\",\"version\":1,\"ecsplan\":\"1.0\",\"model\":"   \
	"\"0123456789abcdef\",\"book\":\"00000000000b00c5\",\"space\":\"fedcba9876543210\","   \
	"\"slo\":\"unmet<=0.1%\","                                                                  \
	"\"options\":\"o\",\"candidates\":4,\"shard\":\"1/2\"}\n"
#define R0 "{\"candidate\":0,\"pruned\":true}\n"
#define R2 "{\"candidate\":2,\"pruned\":true}\n"

static const struct {
	const char *name;
	const char *text;
	const char *message;
} bad_files[] = {
    {"empty", "", "'f':1: the file is empty; expected a shard's header line"},
    {"not-json", "hello\n", "'f':1:1: not a JSON object: 'hello'"},
    {"not-a-shard", "{\"format\":\"x\"}\n",
     "'f':1: not an ecsplan shard file: the first line has no \"format\": "
     "\"ecsplan-optimize-shard\""},
    {"version", "{\"format\":\"ecsplan-optimize-shard\",\"version\":2}\n",
     "'f':1: shard file version 2; this ecsplan reads version 1"},
    {"header-missing",
     "{\"format\":\"ecsplan-optimize-shard\",\"version\":1,\"ecsplan\":\"1.0\"}\n",
     "'f':1: the field 'model' is missing"},
    {"header-hash",
     "{\"format\":\"ecsplan-optimize-shard\",\"version\":1,\"ecsplan\":\"1.0\",\"model\":"
     "\"0123\"}\n",
     "'f':1: the field 'model' is no hash (16 hexadecimal digits)"},
    {"header-unknown",
     "{\"format\":\"ecsplan-optimize-shard\",\"version\":1,\"colour\":1}\n",
     "'f':1: unknown field 'colour'"},
    {"header-shard",
     "{\"format\":\"ecsplan-optimize-shard\",\"version\":1,\"ecsplan\":\"1.0\",\"model\":"
     "\"0123456789abcdef\",\"book\":\"0000000000000001\",\"space\":\"fedcba9876543210\","
     "\"slo\":\"\",\"options\":\"o\","
     "\"candidates\":4,\"shard\":\"3/2\"}\n",
     "'f':1: the field 'shard' is '3/2'; expected K/N with K from 1 to N"},
    {"header-candidates",
     "{\"format\":\"ecsplan-optimize-shard\",\"version\":1,\"ecsplan\":\"1.0\",\"model\":"
     "\"0123456789abcdef\",\"book\":\"0000000000000001\",\"space\":\"fedcba9876543210\","
     "\"slo\":\"\",\"options\":\"o\","
     "\"candidates\":-4,\"shard\":\"1/2\"}\n",
     "'f':1: the field 'candidates' is -4; expected a whole number from 0 to 9007199254740992"},
    /* a job killed while writing: the last line has no newline */
    {"cut-short", H R0 "{\"candidate\":2,\"pru",
     "'f':3: the last line is cut short (no newline at its end): the shard did not finish "
     "writing"},
    /* killed right after a newline: the count tells */
    {"too-few", H R0, "'f': 1 candidate lines, but shard 1/2 of 4 candidates holds 2: the shard "
		      "did not finish"},
    {"bad-json", H R0 "{\"candidate\":2,,}\n", "'f':3:16: not a JSON object: "
					       "'{\"candidate\":2,,}'"},
    {"two-objects", H R0 "{\"candidate\":2,\"pruned\":true} {}\n",
     "'f':3:31: expected one JSON object on the line"},
    {"array", H "[1]\n", "'f':2:4: expected one JSON object on the line"},
    {"other-shard", H "{\"candidate\":1,\"pruned\":true}\n",
     "'f':2: candidate 1 belongs to shard 2/2, not to this file's 1/2"},
    {"past-the-end", H "{\"candidate\":4,\"pruned\":true}\n",
     "'f':2: candidate 4 is past the space's 4 candidates"},
    {"twice", H R0 R0, "'f':3: candidate 0 is listed twice"},
    {"out-of-order", H R2 R0,
     "'f':3: candidate 0 comes after candidate 2: a shard lists its candidates in order"},
    {"fraction", H "{\"candidate\":0.5,\"pruned\":true}\n",
     "'f':2: the field 'candidate' is 0.5; expected a whole number from 0 to 9007199254740992"},
    {"pruned-type", H "{\"candidate\":0,\"pruned\":1}\n",
     "'f':2: the field 'pruned' is a number; expected true or false"},
    {"pruned-with-measures", H "{\"candidate\":0,\"pruned\":true,\"met\":true}\n",
     "'f':2: unknown field 'met'"},
    {"measure-missing", H "{\"candidate\":0,\"pruned\":false,\"met\":true}\n",
     "'f':2: the field 'unmet_pct' is missing"},
    {"measure-type",
     H "{\"candidate\":0,\"pruned\":false,\"met\":true,\"unmet_pct\":\"0.1\"}\n",
     "'f':2: the field 'unmet_pct' is a string; expected a number or null"},
    {"measure-unknown", H "{\"candidate\":0,\"pruned\":false,\"cost\":1}\n",
     "'f':2: unknown field 'cost'"},
    {"cost-fraction",
     H "{\"candidate\":0,\"pruned\":false,\"met\":true,\"unmet_pct\":0,\"pending_minutes\":0,"
       "\"p95_util_pct\":0,\"az_survived\":true,\"az_unmet_pct\":0,\"spot_pct\":0,"
       "\"address_full_minutes\":0,\"task_hours\":0,\"monthly_cost_nanos\":1.5,"
       "\"complete\":true,\"estimate\":false}\n",
     "'f':2: the field 'monthly_cost_nanos' is 1.5; expected a whole number of nanodollars "
     "within ±2^53"},
    /* the fuzzer's finding: an exponent past a double's range read as infinity, and was
     * written back as null (seeds-shard/08) */
    {"infinite",
     H "{\"candidate\":0,\"pruned\":false,\"met\":true,\"unmet_pct\":1e999}\n",
     "'f':2: the field 'unmet_pct' is beyond a double; expected a number or null"},
    {"control", H "\x01\n", "'f':2:1: not a JSON object: '\\x01'"},
};

static void
test_read_bad(void)
{
	for (guint i = 0; i < G_N_ELEMENTS(bad_files); i++) {
		g_autoptr(PlanShardHeader) header = NULL;
		g_autoptr(GArray) records = NULL;
		g_autoptr(GError) error = NULL;

		g_test_message("%s", bad_files[i].name);
		g_assert_false(plan_shard_read("f", bad_files[i].text, strlen(bad_files[i].text),
					       &header, &records, &error));
		g_assert_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL);
		g_assert_cmpstr(error->message, ==, bad_files[i].message);
		g_assert_null(header);
		g_assert_null(records);
	}
}

/* ---- the merge ---- */

typedef struct {
	char *dir;
	GPtrArray *paths; /* char* */
} MergeFixture;

static void
merge_fixture_set_up(MergeFixture *fixture, gconstpointer data)
{
	fixture->dir = g_dir_make_tmp("ecsplan-shard-XXXXXX", NULL);
	fixture->paths = g_ptr_array_new_with_free_func(g_free);
}

static void
merge_fixture_tear_down(MergeFixture *fixture, gconstpointer data)
{
	for (guint i = 0; i < fixture->paths->len; i++)
		g_unlink(fixture->paths->pdata[i]);
	g_rmdir(fixture->dir);
	g_free(fixture->dir);
	g_ptr_array_unref(fixture->paths);
}

/* writes @text as the file @name of the fixture; returns its path (owned by the fixture) */
static const char *
merge_file(MergeFixture *fixture, const char *name, const char *text)
{
	char *path = g_build_filename(fixture->dir, name, NULL);

	g_assert_true(g_file_set_contents(path, text, -1, NULL));
	g_ptr_array_add(fixture->paths, path);
	return path;
}

static const char *
merge_shard(MergeFixture *fixture, guint index, guint count, guint64 candidates)
{
	g_autoptr(GString) text = shard_text(index, count, candidates);
	g_autofree char *name = g_strdup_printf("shard-%u-of-%u.jsonl", index + 1, count);

	return merge_file(fixture, name, text->str);
}

static void
test_merge(MergeFixture *fixture, gconstpointer data)
{
	/* four shards of 23 candidates given in the order 3, 1, 4, 2 */
	const char *paths[4];
	g_autoptr(PlanShardHeader) header = NULL;
	g_autoptr(GArray) records = NULL;
	g_autoptr(GError) error = NULL;

	paths[1] = merge_shard(fixture, 0, 4, 23);
	paths[3] = merge_shard(fixture, 1, 4, 23);
	paths[0] = merge_shard(fixture, 2, 4, 23);
	paths[2] = merge_shard(fixture, 3, 4, 23);
	g_assert_true(plan_shard_merge(paths, 4, &header, &records, &error));
	g_assert_no_error(error);
	g_assert_cmpuint(header->count, ==, 4);
	g_assert_cmpuint(header->index, ==, 0);
	g_assert_cmpuint(header->candidates, ==, 23);
	g_assert_cmpstr(header->slo, ==, "unmet<=0.1%");
	g_assert_cmpuint(records->len, ==, 23);
	for (guint64 i = 0; i < 23; i++) {
		PlanOptEvaluated expected = record_new(i);
		assert_records_equal(&g_array_index(records, PlanOptEvaluated, i), &expected);
	}
}

static void
test_merge_one(MergeFixture *fixture, gconstpointer data)
{
	const char *paths[1] = {merge_shard(fixture, 0, 1, 5)};
	g_autoptr(PlanShardHeader) header = NULL;
	g_autoptr(GArray) records = NULL;
	g_autoptr(GError) error = NULL;

	g_assert_true(plan_shard_merge(paths, 1, &header, &records, &error));
	g_assert_no_error(error);
	g_assert_cmpuint(records->len, ==, 5);
}

/* shard 2/4 of 23 with one header field changed */
static const char *
merge_changed(MergeFixture *fixture, const char *name, const char *from, const char *to)
{
	g_autoptr(GString) text = shard_text(1, 4, 23);

	g_assert_cmpuint(g_string_replace(text, from, to, 1), ==, 1);
	return merge_file(fixture, name, text->str);
}

static void
test_merge_refused(MergeFixture *fixture, gconstpointer data)
{
	static const struct {
		const char *from;
		const char *to;
		const char *message; /* after "shard files 'DIR/a' and 'DIR/b' " */
	} changes[] = {
	    {"\"ecsplan\":\"1.0\"", "\"ecsplan\":\"1.1\"",
	     "come from different versions of ecsplan, 1.0 and 1.1"},
	    {"0123456789abcdef", "0123456789abcdee",
	     "are of different models (hash 0123456789abcdef and 0123456789abcdee); run every "
	     "shard on the same model file"},
	    {"00000000000b00c5", "00000000000b00c6",
	     "use different price books (hash 00000000000b00c5 and 00000000000b00c6); give every "
	     "shard the same --prices file and price cache"},
	    {"fedcba9876543210", "fedcba9876543211",
	     "search different spaces (hash fedcba9876543210 of 23 candidates and "
	     "fedcba9876543211 of 23 candidates): the price book or the options that make the "
	     "space differ"},
	    {"\"slo\":\"unmet<=0.1%\"", "\"slo\":\"unmet<=1%\"",
	     "have different service levels, 'unmet<=0.1%' and 'unmet<=1%'"},
	    {"runs=3", "runs=5",
	     "use different options, 'profile=-,duration=604800s,step=60s,runs=3,seed=1,"
	     "fail-az=-,service=*' and 'profile=-,duration=604800s,step=60s,runs=5,seed=1,"
	     "fail-az=-,service=*'"},
	};
	const char *a = merge_shard(fixture, 0, 4, 23);

	for (guint i = 0; i < G_N_ELEMENTS(changes); i++) {
		g_autofree char *name = g_strdup_printf("changed-%u.jsonl", i);
		const char *paths[2] = {a, merge_changed(fixture, name, changes[i].from,
							 changes[i].to)};
		g_autofree char *expected = g_strdup_printf("shard files '%s' and '%s' %s", paths[0],
							    paths[1], changes[i].message);
		g_autoptr(PlanShardHeader) header = NULL;
		g_autoptr(GArray) records = NULL;
		g_autoptr(GError) error = NULL;

		g_assert_false(plan_shard_merge(paths, 2, &header, &records, &error));
		g_assert_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL);
		g_assert_cmpstr(error->message, ==, expected);
		g_assert_null(records);
	}
}

static void
test_merge_incomplete(MergeFixture *fixture, gconstpointer data)
{
	const char *one = merge_shard(fixture, 0, 4, 23);
	const char *two = merge_shard(fixture, 1, 4, 23);
	const char *other = merge_shard(fixture, 1, 3, 23);
	const char *copy = merge_file(fixture, "copy.jsonl", "");
	g_autofree char *text = NULL;
	g_autofree char *expected = NULL;
	g_autoptr(GError) error = NULL;
	g_autoptr(PlanShardHeader) header = NULL;
	g_autoptr(GArray) records = NULL;

	/* shards 3/4 and 4/4 missing */
	{
		const char *paths[] = {two, one};
		g_assert_false(plan_shard_merge(paths, 2, &header, &records, &error));
		g_assert_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL);
		g_assert_cmpstr(error->message, ==,
				"2 of the 4 shards are missing (3/4, 4/4); the merge needs every "
				"shard's file");
		g_clear_error(&error);
	}
	/* the same shard under two names */
	g_assert_true(g_file_get_contents(two, &text, NULL, NULL));
	g_assert_true(g_file_set_contents(copy, text, -1, NULL));
	{
		const char *paths[] = {one, two, copy};
		expected = g_strdup_printf("shard 2/4 is given twice: '%s' and '%s'", two, copy);
		g_assert_false(plan_shard_merge(paths, 3, &header, &records, &error));
		g_assert_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL);
		g_assert_cmpstr(error->message, ==, expected);
		g_clear_error(&error);
		g_clear_pointer(&expected, g_free);
	}
	/* cut in 4 and in 3 */
	{
		const char *paths[] = {one, other};
		expected = g_strdup_printf("shard files '%s' and '%s' cut the search differently: "
					   "shard 1/4 and shard 2/3",
					   one, other);
		g_assert_false(plan_shard_merge(paths, 2, &header, &records, &error));
		g_assert_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL);
		g_assert_cmpstr(error->message, ==, expected);
		g_clear_error(&error);
		g_clear_pointer(&expected, g_free);
	}
	/* a bad file is named with its line */
	g_assert_true(g_file_set_contents(copy, "{}\n", -1, NULL));
	{
		const char *paths[] = {one, copy};
		expected = g_strdup_printf("'%s':1: not an ecsplan shard file: the first line has "
					   "no \"format\": \"ecsplan-optimize-shard\"",
					   copy);
		g_assert_false(plan_shard_merge(paths, 2, &header, &records, &error));
		g_assert_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL);
		g_assert_cmpstr(error->message, ==, expected);
		g_clear_error(&error);
	}
	g_assert_false(plan_shard_merge(&one, 0, &header, &records, &error));
	g_assert_error(error, PLAN_ERROR, PLAN_ERROR_USAGE);
	g_assert_cmpstr(error->message, ==, "no shard files to merge");
	g_assert_null(header);
	g_assert_null(records);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/planner/shard/parse", test_parse);
	g_test_add_func("/planner/shard/environment", test_environment);
	g_test_add_func("/planner/shard/slice", test_slice);
	g_test_add_func("/planner/shard/write-exact", test_write_exact);
	g_test_add_func("/planner/shard/round-trip", test_round_trip);
	g_test_add_func("/planner/shard/write-limits", test_write_limits);
	g_test_add_func("/planner/shard/read-bad", test_read_bad);
	g_test_add("/planner/shard/merge", MergeFixture, NULL, merge_fixture_set_up, test_merge,
		   merge_fixture_tear_down);
	g_test_add("/planner/shard/merge-one", MergeFixture, NULL, merge_fixture_set_up,
		   test_merge_one, merge_fixture_tear_down);
	g_test_add("/planner/shard/merge-refused", MergeFixture, NULL, merge_fixture_set_up,
		   test_merge_refused, merge_fixture_tear_down);
	g_test_add("/planner/shard/merge-incomplete", MergeFixture, NULL, merge_fixture_set_up,
		   test_merge_incomplete, merge_fixture_tear_down);
	return g_test_run();
}
