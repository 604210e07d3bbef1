/* `ecsplan optimize` over many machines: shard numbers, array-job variables, the JSON-lines
 * shard file and the merge (docs/optimize.md, "Shards and merge"). The shard file is this
 * module's own format: it writes it with cJSON and reads it back with cJSON, line by line. */
#include "shard.h"

#include <math.h>
#include <stddef.h>
#include <string.h>

#include "compat.h"
#include "input.h"
#include "json-util.h"
#include "loader.h"
#include "parse.h"
#include "plan-error.h"

/* a cost in nanodollars is written as a JSON number, which holds integers exactly up to 2^53 */
#define SHARD_EXACT_MAX G_GINT64_CONSTANT(9007199254740992)

/* ---- which shard ---- */

gboolean
plan_shard_parse(const char *text, guint *index, guint *count, GError **error)
{
	g_auto(GStrv) parts = NULL;
	g_autofree char *shown = NULL;
	guint64 k = 0;
	guint64 n = 0;

	g_return_val_if_fail(text != NULL && index != NULL && count != NULL, FALSE);
	shown = plan_text_excerpt(text, -1);
	parts = g_strsplit(text, "/", -1);
	if (g_strv_length(parts) != 2 ||
	    !plan_parse_count("shard", parts[1], 1, PLAN_SHARD_MAX, &n, NULL) ||
	    !plan_parse_count("shard", parts[0], 1, n, &k, NULL)) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
			    "cannot read the shard '%s': expected K/N, shard K of N, with N from 1 "
			    "to %d and K from 1 to N (as in 1/4 ... 4/4)",
			    shown, PLAN_SHARD_MAX);
		return FALSE;
	}
	*index = (guint)(k - 1);
	*count = (guint)n;
	return TRUE;
}

/* the variable @name as a number from @min to @max; FALSE when unset (and no error) */
static gboolean
shard_variable(const char *const *environment, const char *name, guint64 min, guint64 max,
	       guint64 *value, gboolean *set, GError **error)
{
	const char *text = g_environ_getenv((char **)environment, name);

	*set = text != NULL;
	if (text == NULL)
		return TRUE;
	return plan_parse_count(name, text, min, max, value, error);
}

/* the count from the option or ECSPLAN_SHARDS, for platforms that do not give it */
static gboolean
shard_count_given(const char *const *environment, guint count_option, const char *platform,
		  guint *count, char **from, GError **error)
{
	guint64 value = 0;
	gboolean set = FALSE;

	if (!shard_variable(environment, "ECSPLAN_SHARDS", 1, PLAN_SHARD_MAX, &value, &set,
			    error))
		return FALSE;
	if (count_option > 0 && set && value != count_option) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
			    "ECSPLAN_SHARDS=%" G_GUINT64_FORMAT " contradicts the %u shards given",
			    value, count_option);
		return FALSE;
	}
	if (count_option > 0) {
		*count = count_option;
		*from = g_strdup_printf("of %u shards", count_option);
		return TRUE;
	}
	if (set) {
		*count = (guint)value;
		*from = g_strdup_printf("of ECSPLAN_SHARDS=%" G_GUINT64_FORMAT, value);
		return TRUE;
	}
	g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
		    "%s gives this job's index but not the number of shards; set ECSPLAN_SHARDS to "
		    "the array's size",
		    platform);
	return FALSE;
}

static gboolean
shard_from_slurm(const char *const *environment, guint count_option, guint *index, guint *count,
		 char **source, GError **error)
{
	guint64 id = 0, min = 0, max = 0, n = 0;
	gboolean has_min = FALSE, has_max = FALSE, has_count = FALSE, set = FALSE;

	if (!shard_variable(environment, "SLURM_ARRAY_TASK_ID", 0, G_MAXUINT32, &id, &set,
			    error) ||
	    !shard_variable(environment, "SLURM_ARRAY_TASK_MIN", 0, G_MAXUINT32, &min, &has_min,
			    error) ||
	    !shard_variable(environment, "SLURM_ARRAY_TASK_MAX", 0, G_MAXUINT32, &max, &has_max,
			    error) ||
	    !shard_variable(environment, "SLURM_ARRAY_TASK_COUNT", 1, PLAN_SHARD_MAX, &n,
			    &has_count, error))
		return FALSE;
	if (!has_min || !has_count) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
			    "SLURM_ARRAY_TASK_ID=%" G_GUINT64_FORMAT " is set without "
			    "SLURM_ARRAY_TASK_MIN and SLURM_ARRAY_TASK_COUNT, which Slurm sets in "
			    "every array job; give the shard as K/N",
			    id);
		return FALSE;
	}
	if (has_max && (max < min || max - min + 1 != n)) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
			    "the Slurm array's task ids leave gaps (SLURM_ARRAY_TASK_MIN=%" G_GUINT64_FORMAT
			    ", SLURM_ARRAY_TASK_MAX=%" G_GUINT64_FORMAT
			    ", SLURM_ARRAY_TASK_COUNT=%" G_GUINT64_FORMAT
			    "): shards need consecutive ids, as in --array=0-%" G_GUINT64_FORMAT,
			    min, max, n, n - 1);
		return FALSE;
	}
	if (id < min || id - min >= n) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
			    "SLURM_ARRAY_TASK_ID=%" G_GUINT64_FORMAT " is outside the array's ids "
			    "%" G_GUINT64_FORMAT " to %" G_GUINT64_FORMAT,
			    id, min, min + n - 1);
		return FALSE;
	}
	if (count_option > 0 && count_option != n) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
			    "SLURM_ARRAY_TASK_COUNT=%" G_GUINT64_FORMAT " contradicts the %u shards "
			    "given",
			    n, count_option);
		return FALSE;
	}
	*index = (guint)(id - min);
	*count = (guint)n;
	*source = g_strdup_printf("SLURM_ARRAY_TASK_ID=%" G_GUINT64_FORMAT
				  " (SLURM_ARRAY_TASK_MIN=%" G_GUINT64_FORMAT
				  ", SLURM_ARRAY_TASK_COUNT=%" G_GUINT64_FORMAT ")",
				  id, min, n);
	return TRUE;
}

/* AWS Batch and Kubernetes: a 0-based index in @variable, the count given separately */
static gboolean
shard_from_index(const char *const *environment, const char *variable, guint count_option,
		 guint *index, guint *count, char **source, GError **error)
{
	g_autofree char *from = NULL;
	guint64 id = 0;
	gboolean set = FALSE;

	if (!shard_variable(environment, variable, 0, G_MAXUINT32, &id, &set, error) ||
	    !shard_count_given(environment, count_option, variable, count, &from, error))
		return FALSE;
	if (id >= *count) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
			    "%s=%" G_GUINT64_FORMAT " is no shard of %u: the index runs from 0 to %u",
			    variable, id, *count, *count - 1);
		return FALSE;
	}
	*index = (guint)id;
	*source = g_strdup_printf("%s=%" G_GUINT64_FORMAT " %s", variable, id, from);
	return TRUE;
}

gboolean
plan_shard_from_environment(const char *const *environment, guint count_option, guint *index,
			    guint *count, char **source, GError **error)
{
	static const char *const variables[] = {
	    "SLURM_ARRAY_TASK_ID",
	    "AWS_BATCH_JOB_ARRAY_INDEX",
	    "JOB_COMPLETION_INDEX",
	};
	g_auto(GStrv) own = NULL;
	const char *found = NULL;

	g_return_val_if_fail(index != NULL && count != NULL && source != NULL, FALSE);
	g_return_val_if_fail(count_option <= PLAN_SHARD_MAX, FALSE);
	if (environment == NULL) {
		own = g_get_environ();
		environment = (const char *const *)own;
	}
	for (guint i = 0; i < G_N_ELEMENTS(variables); i++) {
		if (g_environ_getenv((char **)environment, variables[i]) == NULL)
			continue;
		if (found != NULL) {
			g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
				    "both %s and %s are set: the shard is ambiguous; give it as K/N",
				    found, variables[i]);
			return FALSE;
		}
		found = variables[i];
	}
	if (found == NULL) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
			    "no array-job index is set (SLURM_ARRAY_TASK_ID, "
			    "AWS_BATCH_JOB_ARRAY_INDEX or JOB_COMPLETION_INDEX); give the shard as "
			    "K/N");
		return FALSE;
	}
	if (strcmp(found, "SLURM_ARRAY_TASK_ID") == 0)
		return shard_from_slurm(environment, count_option, index, count, source, error);
	return shard_from_index(environment, found, count_option, index, count, source, error);
}

gboolean
plan_shard_owns(guint64 candidate, guint index, guint count)
{
	g_return_val_if_fail(count > 0 && index < count, FALSE);
	return candidate % count == index;
}

guint64
plan_shard_size(guint64 total, guint index, guint count)
{
	g_return_val_if_fail(count > 0 && index < count, 0);
	return total / count + (index < total % count ? 1 : 0);
}

/* ---- the header ---- */

void
plan_shard_header_free(PlanShardHeader *header)
{
	if (header == NULL)
		return;
	g_free(header->ecsplan);
	g_free(header->slo);
	g_free(header->options);
	g_free(header);
}

static guint64
shard_fnv(guint64 hash, const char *text)
{
	for (const unsigned char *p = (const unsigned char *)text; *p != '\0'; p++) {
		hash ^= *p;
		hash *= G_GUINT64_CONSTANT(1099511628211);
	}
	return hash;
}

static int
shard_compare_strings(gconstpointer a, gconstpointer b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

guint64
plan_shard_book_hash(const PlanPriceBook *book)
{
	g_autoptr(GPtrArray) keys = NULL;
	g_autoptr(GPtrArray) instances = NULL;
	guint64 hash = G_GUINT64_CONSTANT(14695981039346656037);

	g_return_val_if_fail(book != NULL, 0);
	keys = plan_price_book_keys(book);
	g_ptr_array_sort(keys, shard_compare_strings);
	for (guint i = 0; i < keys->len; i++) {
		const PlanPrice *price = plan_price_book_get(book, keys->pdata[i]);
		g_autofree char *line = g_strdup_printf(
		    "%s %d %" G_GINT64_FORMAT "\n", (const char *)keys->pdata[i],
		    price != NULL && price->present, price != NULL ? price->nanos : 0);
		hash = shard_fnv(hash, line);
	}
	instances = plan_price_book_instances(book);
	for (guint i = 0; i < instances->len; i++) {
		const PlanInstanceType *type = instances->pdata[i];
		g_autofree char *line = g_strdup_printf(
		    "%s %s %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT
		    " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT
		    " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %d %" G_GINT64_FORMAT "\n",
		    type->name, type->architecture, type->vcpu, type->memory_mib, type->max_enis,
		    type->ipv4_per_eni, type->tasks_no_trunk, type->tasks_trunk,
		    type->credits_hour_milli, type->baseline_pct_milli, type->hourly.present,
		    type->hourly.nanos);
		hash = shard_fnv(hash, line);
	}
	return hash;
}

guint64
plan_shard_model_hash(const PlanModel *model, GError **error)
{
	g_autofree char *text = plan_model_to_json(model, error);

	if (text == NULL)
		return 0;
	return shard_fnv(G_GUINT64_CONSTANT(14695981039346656037), text);
}

/* @value percent-escaped where it could be taken for the text's own ',' and '=' */
static void
shard_append_option(GString *out, const char *name, const char *value)
{
	g_autofree char *escaped = g_uri_escape_string(value, "/@:._~+-*", FALSE);

	g_string_append_printf(out, "%s%s=%s", out->len > 0 ? "," : "", name, escaped);
}

char *
plan_shard_options_text(const PlanOptOptions *options)
{
	GString *out = g_string_new(NULL);
	g_autofree char *fail = NULL;

	g_return_val_if_fail(options != NULL, NULL);
	shard_append_option(out, "profile", options->profile != NULL ? options->profile : "-");
	g_string_append_printf(out, ",duration=%" G_GINT64_FORMAT "s,step=%" G_GINT64_FORMAT
			       "s,runs=%u,seed=%" G_GUINT64_FORMAT,
			       options->duration_s, options->step_s, options->runs, options->seed);
	if (options->fail_az != NULL)
		fail = g_strdup_printf("%s@%" G_GINT64_FORMAT "s", options->fail_az,
				       options->fail_at_s);
	shard_append_option(out, "fail-az", fail != NULL ? fail : "-");
	shard_append_option(out, "service", options->service != NULL ? options->service : "*");
	return g_string_free(out, FALSE);
}

/* ---- writing ---- */

typedef enum {
	SHARD_BOOL,
	SHARD_DOUBLE, /* null for a value that is not finite: read back as NaN */
	SHARD_NANOS,  /* an integer of at most 2^53 */
} ShardKind;

/* the fields of a simulated candidate's line after "candidate" and "pruned", in this order */
static const struct {
	const char *name;
	ShardKind kind;
	gsize offset; /* in PlanOptEvaluated */
} shard_fields[] = {
    {"met", SHARD_BOOL, offsetof(PlanOptEvaluated, met)},
    {"unmet_pct", SHARD_DOUBLE, offsetof(PlanOptEvaluated, measures.unmet_pct)},
    {"pending_minutes", SHARD_DOUBLE, offsetof(PlanOptEvaluated, measures.pending_minutes)},
    {"p95_util_pct", SHARD_DOUBLE, offsetof(PlanOptEvaluated, measures.p95_util_pct)},
    {"az_survived", SHARD_BOOL, offsetof(PlanOptEvaluated, measures.az_survived)},
    {"az_unmet_pct", SHARD_DOUBLE, offsetof(PlanOptEvaluated, measures.az_unmet_pct)},
    {"spot_pct", SHARD_DOUBLE, offsetof(PlanOptEvaluated, measures.spot_pct)},
    {"address_full_minutes", SHARD_DOUBLE,
     offsetof(PlanOptEvaluated, measures.address_full_minutes)},
    {"task_hours", SHARD_DOUBLE, offsetof(PlanOptEvaluated, measures.task_hours)},
    {"monthly_cost_nanos", SHARD_NANOS, offsetof(PlanOptEvaluated, measures.monthly_cost)},
    {"complete", SHARD_BOOL, offsetof(PlanOptEvaluated, measures.complete)},
    {"estimate", SHARD_BOOL, offsetof(PlanOptEvaluated, measures.estimate)},
};

static gpointer
shard_field(PlanOptEvaluated *record, guint field)
{
	return (char *)record + shard_fields[field].offset;
}

static char *
shard_hex(guint64 value)
{
	return g_strdup_printf("%016" G_GINT64_MODIFIER "x", value);
}

/* numbers as raw text: cJSON prints a double with 15 digits whenever that reads back within
 * an epsilon of it (0.30000000000000004 as 0.3), and an integer above 10^15 the same way; a
 * merge must give back every bit, so the shortest text that reads back exactly is written */
static void
shard_add_double(cJSON *json, const char *name, double value)
{
	char buffer[G_ASCII_DTOSTR_BUF_SIZE];

	for (int digits = 15; digits <= 17; digits++) {
		char format[8];
		g_snprintf(format, sizeof format, "%%.%dg", digits);
		g_ascii_formatd(buffer, sizeof buffer, format, value);
		if (g_ascii_strtod(buffer, NULL) == value)
			break;
	}
	cJSON_AddRawToObject(json, name, buffer);
}

static void
shard_add_integer(cJSON *json, const char *name, gint64 value)
{
	char buffer[24];

	g_snprintf(buffer, sizeof buffer, "%" G_GINT64_FORMAT, value);
	cJSON_AddRawToObject(json, name, buffer);
}

static void
shard_append_json(GString *out, const cJSON *json)
{
	g_autofree char *text = cJSON_PrintUnformatted(json);

	g_string_append(out, text);
	g_string_append_c(out, '\n');
}

static void
shard_append_header(GString *out, const PlanShardHeader *header)
{
	g_autoptr(cJSON) json = cJSON_CreateObject();
	g_autofree char *model = shard_hex(header->model_hash);
	g_autofree char *space = shard_hex(header->space_hash);
	g_autofree char *book = shard_hex(header->book_hash);
	g_autofree char *shard = g_strdup_printf("%u/%u", header->index + 1, header->count);

	cJSON_AddStringToObject(json, "format", PLAN_SHARD_FORMAT);
	shard_add_integer(json, "version", PLAN_SHARD_VERSION);
	cJSON_AddStringToObject(json, "ecsplan", header->ecsplan);
	cJSON_AddStringToObject(json, "model", model);
	cJSON_AddStringToObject(json, "book", book);
	cJSON_AddStringToObject(json, "space", space);
	cJSON_AddStringToObject(json, "slo", header->slo);
	cJSON_AddStringToObject(json, "options", header->options);
	shard_add_integer(json, "candidates", (gint64)header->candidates);
	cJSON_AddStringToObject(json, "shard", shard);
	shard_append_json(out, json);
}

static gboolean
shard_append_record(GString *out, const PlanOptEvaluated *record, GError **error)
{
	g_autoptr(cJSON) json = cJSON_CreateObject();
	PlanOptEvaluated copy = *record;

	shard_add_integer(json, "candidate", (gint64)record->index);
	cJSON_AddBoolToObject(json, "pruned", record->pruned);
	for (guint i = 0; !record->pruned && i < G_N_ELEMENTS(shard_fields); i++) {
		gpointer field = shard_field(&copy, i);
		double value;
		gint64 nanos;

		switch (shard_fields[i].kind) {
		case SHARD_BOOL:
			cJSON_AddBoolToObject(json, shard_fields[i].name, *(gboolean *)field);
			break;
		case SHARD_DOUBLE:
			value = *(double *)field;
			if (isfinite(value))
				shard_add_double(json, shard_fields[i].name, value);
			else
				cJSON_AddNullToObject(json, shard_fields[i].name);
			break;
		case SHARD_NANOS:
			nanos = *(gint64 *)field;
			if (nanos > SHARD_EXACT_MAX || nanos < -SHARD_EXACT_MAX) {
				g_set_error(error, PLAN_ERROR, PLAN_ERROR_LIMIT,
					    "candidate %" G_GUINT64_FORMAT " costs %" G_GINT64_FORMAT
					    " nanodollars a month, more than a shard file holds "
					    "exactly (2^53; docs/limits.md)",
					    record->index, nanos);
				return FALSE;
			}
			shard_add_integer(json, shard_fields[i].name, nanos);
			break;
		}
	}
	shard_append_json(out, json);
	return TRUE;
}

GString *
plan_shard_write(const PlanShardHeader *header, const PlanOptEvaluated *records,
		 gsize n_records, GError **error)
{
	g_autoptr(GString) out = g_string_new(NULL);

	g_return_val_if_fail(header != NULL && (records != NULL || n_records == 0), NULL);
	g_return_val_if_fail(header->count > 0 && header->index < header->count, NULL);
	shard_append_header(out, header);
	for (gsize i = 0; i < n_records; i++) {
		if (!shard_append_record(out, &records[i], error))
			return NULL;
	}
	return g_steal_pointer(&out);
}

/* ---- reading ---- */

typedef struct {
	const char *name; /* the file, for messages */
	guint line;	  /* 1-based */
	GError **error;
} ShardReader;

static gboolean
shard_fail(ShardReader *reader, const char *format, ...) G_GNUC_PRINTF(2, 3);

static gboolean
shard_fail(ShardReader *reader, const char *format, ...)
{
	g_autofree char *what = NULL;
	va_list args;

	va_start(args, format);
	what = g_strdup_vprintf(format, args);
	va_end(args);
	g_set_error(reader->error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL, "'%s':%u: %s",
		    reader->name, reader->line, what);
	return FALSE;
}

static const char *
shard_type_name(const cJSON *item)
{
	if (item == NULL)
		return "nothing";
	if (cJSON_IsBool(item))
		return "a boolean";
	if (cJSON_IsNumber(item))
		return "a number";
	if (cJSON_IsString(item))
		return "a string";
	if (cJSON_IsNull(item))
		return "null";
	if (cJSON_IsArray(item))
		return "an array";
	return "an object";
}

/* the member @name of @object, of the type @is checks, described as @expected */
static const cJSON *
shard_member(ShardReader *reader, const cJSON *object, const char *name,
	     cJSON_bool (*is)(const cJSON *), const char *expected)
{
	const cJSON *item = cJSON_GetObjectItemCaseSensitive(object, name);

	if (item == NULL) {
		shard_fail(reader, "the field '%s' is missing", name);
		return NULL;
	}
	if (!is(item)) {
		shard_fail(reader, "the field '%s' is %s; expected %s", name,
			   shard_type_name(item), expected);
		return NULL;
	}
	return item;
}

/* a whole number from 0 to @max in the member @name */
static gboolean
shard_member_count(ShardReader *reader, const cJSON *object, const char *name, double max,
		   guint64 *value)
{
	const cJSON *item = shard_member(reader, object, name, cJSON_IsNumber, "a number");

	if (item == NULL)
		return FALSE;
	if (!(item->valuedouble >= 0 && item->valuedouble <= max) ||
	    item->valuedouble != floor(item->valuedouble))
		return shard_fail(reader, "the field '%s' is %.17g; expected a whole number from 0 "
					  "to %.0f",
				  name, item->valuedouble, max);
	*value = (guint64)item->valuedouble;
	return TRUE;
}

/* the line's text parsed as one JSON object */
static cJSON *
shard_parse_line(ShardReader *reader, const char *line, gsize length)
{
	const char *end = NULL;
	cJSON *json = cJSON_ParseWithLengthOpts(line, length, &end, FALSE);

	if (json == NULL) {
		gsize at = end != NULL && end >= line ? (gsize)(end - line) : 0;
		/* cJSON stops one byte past a key that is not a string (json-util.h) */
		gsize column = plan_json_key_error_offset(line, length, at) + 1;
		g_autofree char *shown = plan_text_excerpt(line, (gssize)MIN(length, 40));
		g_set_error(reader->error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
			    "'%s':%u:%" G_GSIZE_FORMAT ": not a JSON object: '%s'", reader->name,
			    reader->line, column, shown);
		return NULL;
	}
	while (end < line + length && g_ascii_isspace(*end))
		end++;
	if (end != line + length || !cJSON_IsObject(json)) {
		gsize column = (gsize)(end - line) + 1;
		cJSON_Delete(json);
		g_set_error(reader->error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
			    "'%s':%u:%" G_GSIZE_FORMAT ": expected one JSON object on the line",
			    reader->name, reader->line, column);
		return NULL;
	}
	return json;
}

/* only the fields @allowed (NULL-terminated) */
static gboolean
shard_known_fields(ShardReader *reader, const cJSON *object, const char *const *allowed)
{
	const cJSON *item;

	cJSON_ArrayForEach(item, object)
	{
		if (item->string == NULL || !g_strv_contains(allowed, item->string)) {
			g_autofree char *shown = plan_text_excerpt(
			    item->string != NULL ? item->string : "", -1);
			return shard_fail(reader, "unknown field '%s'", shown);
		}
	}
	return TRUE;
}

static gboolean
shard_read_hash(ShardReader *reader, const cJSON *json, const char *name, guint64 *hash)
{
	const cJSON *item = shard_member(reader, json, name, cJSON_IsString,
					 "16 hexadecimal digits");
	const char *text = item != NULL ? item->valuestring : NULL;

	if (item == NULL)
		return FALSE;
	if (strlen(text) != 16 || strspn(text, "0123456789abcdef") != 16)
		return shard_fail(reader, "the field '%s' is no hash (16 hexadecimal digits)",
				  name);
	*hash = g_ascii_strtoull(text, NULL, 16);
	return TRUE;
}

static gboolean
shard_read_header(ShardReader *reader, const char *line, gsize length, PlanShardHeader *header)
{
	static const char *const allowed[] = {"format", "version", "ecsplan", "model", "book",
					      "space", "slo", "options", "candidates", "shard",
					      NULL};
	g_autoptr(cJSON) json = shard_parse_line(reader, line, length);
	const cJSON *item;
	guint64 version = 0;

	if (json == NULL)
		return FALSE;
	item = cJSON_GetObjectItemCaseSensitive(json, "format");
	if (!cJSON_IsString(item) || strcmp(item->valuestring, PLAN_SHARD_FORMAT) != 0)
		return shard_fail(reader, "not an ecsplan shard file: the first line has no "
					  "\"format\": \"%s\"",
				  PLAN_SHARD_FORMAT);
	if (!shard_member_count(reader, json, "version", G_MAXUINT32, &version))
		return FALSE;
	if (version != PLAN_SHARD_VERSION)
		return shard_fail(reader, "shard file version %" G_GUINT64_FORMAT "; this ecsplan "
					  "reads version %d",
				  version, PLAN_SHARD_VERSION);
	if (!shard_known_fields(reader, json, allowed))
		return FALSE;
	if ((item = shard_member(reader, json, "ecsplan", cJSON_IsString, "a string")) == NULL)
		return FALSE;
	header->ecsplan = g_strdup(item->valuestring);
	if (!shard_read_hash(reader, json, "model", &header->model_hash) ||
	    !shard_read_hash(reader, json, "book", &header->book_hash) ||
	    !shard_read_hash(reader, json, "space", &header->space_hash))
		return FALSE;
	if ((item = shard_member(reader, json, "slo", cJSON_IsString, "a string")) == NULL)
		return FALSE;
	header->slo = g_strdup(item->valuestring);
	if ((item = shard_member(reader, json, "options", cJSON_IsString, "a string")) == NULL)
		return FALSE;
	header->options = g_strdup(item->valuestring);
	if (!shard_member_count(reader, json, "candidates", (double)SHARD_EXACT_MAX,
				&header->candidates))
		return FALSE;
	if ((item = shard_member(reader, json, "shard", cJSON_IsString, "\"K/N\"")) == NULL)
		return FALSE;
	if (!plan_shard_parse(item->valuestring, &header->index, &header->count, NULL)) {
		g_autofree char *shown = plan_text_excerpt(item->valuestring, -1);
		return shard_fail(reader, "the field 'shard' is '%s'; expected K/N with K from 1 "
					  "to N",
				  shown);
	}
	return TRUE;
}

static gboolean
shard_read_field(ShardReader *reader, const cJSON *json, guint field,
		 PlanOptEvaluated *record)
{
	const char *name = shard_fields[field].name;
	gpointer value = shard_field(record, field);
	const cJSON *item = cJSON_GetObjectItemCaseSensitive(json, name);

	switch (shard_fields[field].kind) {
	case SHARD_BOOL:
		if (shard_member(reader, json, name, cJSON_IsBool, "true or false") == NULL)
			return FALSE;
		*(gboolean *)value = cJSON_IsTrue(item);
		return TRUE;
	case SHARD_DOUBLE:
		if (cJSON_IsNull(item)) {
			*(double *)value = NAN;
			return TRUE;
		}
		if (shard_member(reader, json, name, cJSON_IsNumber, "a number or null") == NULL)
			return FALSE;
		/* 1e999 reads as infinity, which would be written back as null */
		if (!isfinite(item->valuedouble))
			return shard_fail(reader, "the field '%s' is beyond a double; expected a "
						  "number or null",
					  name);
		*(double *)value = item->valuedouble;
		return TRUE;
	case SHARD_NANOS:
		if (shard_member(reader, json, name, cJSON_IsNumber, "a number") == NULL)
			return FALSE;
		if (!(fabs(item->valuedouble) <= (double)SHARD_EXACT_MAX) ||
		    item->valuedouble != floor(item->valuedouble))
			return shard_fail(reader, "the field '%s' is %.17g; expected a whole "
						  "number of nanodollars within ±2^53",
					  name, item->valuedouble);
		*(gint64 *)value = (gint64)item->valuedouble;
		return TRUE;
	}
	g_return_val_if_reached(FALSE);
}

static gboolean
shard_read_record(ShardReader *reader, const char *line, gsize length,
		  const PlanShardHeader *header, PlanOptEvaluated *record)
{
	const char *allowed[G_N_ELEMENTS(shard_fields) + 3];
	g_autoptr(cJSON) json = shard_parse_line(reader, line, length);
	const cJSON *pruned;

	if (json == NULL)
		return FALSE;
	allowed[0] = "candidate";
	allowed[1] = "pruned";
	for (guint i = 0; i < G_N_ELEMENTS(shard_fields); i++)
		allowed[i + 2] = shard_fields[i].name;
	allowed[G_N_ELEMENTS(allowed) - 1] = NULL;
	memset(record, 0, sizeof *record);
	if (!shard_member_count(reader, json, "candidate", (double)SHARD_EXACT_MAX,
				&record->index))
		return FALSE;
	if (record->index >= header->candidates)
		return shard_fail(reader, "candidate %" G_GUINT64_FORMAT " is past the space's %"
					  G_GUINT64_FORMAT " candidates",
				  record->index, header->candidates);
	if (!plan_shard_owns(record->index, header->index, header->count))
		return shard_fail(reader, "candidate %" G_GUINT64_FORMAT " belongs to shard %u/%u, "
					  "not to this file's %u/%u",
				  record->index, (guint)(record->index % header->count) + 1,
				  header->count, header->index + 1, header->count);
	if ((pruned = shard_member(reader, json, "pruned", cJSON_IsBool, "true or false")) == NULL)
		return FALSE;
	record->pruned = cJSON_IsTrue(pruned);
	if (record->pruned) {
		/* a pruned candidate has no measures */
		allowed[2] = NULL;
		return shard_known_fields(reader, json, allowed);
	}
	if (!shard_known_fields(reader, json, allowed))
		return FALSE;
	for (guint i = 0; i < G_N_ELEMENTS(shard_fields); i++) {
		if (!shard_read_field(reader, json, i, record))
			return FALSE;
	}
	return TRUE;
}

gboolean
plan_shard_read(const char *name, const char *data, gsize length, PlanShardHeader **header,
		GArray **records, GError **error)
{
	g_autoptr(PlanShardHeader) head = g_new0(PlanShardHeader, 1);
	g_autoptr(GArray) list = g_array_new(FALSE, FALSE, sizeof(PlanOptEvaluated));
	ShardReader reader = {name, 0, error};
	gsize pos = 0;
	guint64 expected = 0;

	g_return_val_if_fail(name != NULL && (data != NULL || length == 0), FALSE);
	g_return_val_if_fail(header != NULL && records != NULL, FALSE);
	if (length == 0) {
		reader.line = 1;
		return shard_fail(&reader, "the file is empty; expected a shard's header line");
	}
	while (pos < length) {
		const char *line = data + pos;
		const char *newline = memchr(line, '\n', length - pos);
		gsize line_length = newline != NULL ? (gsize)(newline - line) : length - pos;
		PlanOptEvaluated record;

		reader.line++;
		if (newline == NULL)
			return shard_fail(&reader, "the last line is cut short (no newline at its "
						   "end): the shard did not finish writing");
		pos += line_length + 1;
		if (reader.line == 1) {
			if (!shard_read_header(&reader, line, line_length, head))
				return FALSE;
			expected = plan_shard_size(head->candidates, head->index, head->count);
			continue;
		}
		if (!shard_read_record(&reader, line, line_length, head, &record))
			return FALSE;
		if (list->len > 0) {
			guint64 previous = g_array_index(list, PlanOptEvaluated, list->len - 1).index;
			if (record.index == previous)
				return shard_fail(&reader, "candidate %" G_GUINT64_FORMAT " is "
							   "listed twice",
						  record.index);
			if (record.index < previous)
				return shard_fail(&reader, "candidate %" G_GUINT64_FORMAT " comes "
							   "after candidate %" G_GUINT64_FORMAT
							   ": a shard lists its candidates in order",
						  record.index, previous);
		}
		g_array_append_val(list, record);
	}
	if (list->len != expected) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
			    "'%s': %u candidate lines, but shard %u/%u of %" G_GUINT64_FORMAT
			    " candidates holds %" G_GUINT64_FORMAT ": the shard did not finish",
			    name, list->len, head->index + 1, head->count, head->candidates,
			    expected);
		return FALSE;
	}
	*header = g_steal_pointer(&head);
	*records = g_steal_pointer(&list);
	return TRUE;
}

/* ---- merging ---- */

static const PlanInputKind shard_input = {
    "shard file",
    PLAN_SHARD_FILE_MAX,
    "cut the search into more shards",
};

char *
plan_shard_header_differs(const PlanShardHeader *a, const PlanShardHeader *b)
{
	g_return_val_if_fail(a != NULL && b != NULL, NULL);
	if (strcmp(a->ecsplan, b->ecsplan) != 0)
		return g_strdup_printf("come from different versions of ecsplan, %s and %s",
				       a->ecsplan, b->ecsplan);
	if (a->model_hash != b->model_hash)
		return g_strdup_printf("are of different models (hash %016" G_GINT64_MODIFIER
				       "x and %016" G_GINT64_MODIFIER "x); run every shard on "
				       "the same model file",
				       a->model_hash, b->model_hash);
	if (a->book_hash != b->book_hash)
		return g_strdup_printf("use different price books (hash %016" G_GINT64_MODIFIER
				       "x and %016" G_GINT64_MODIFIER "x); give every shard the "
				       "same --prices file and price cache",
				       a->book_hash, b->book_hash);
	if (a->space_hash != b->space_hash || a->candidates != b->candidates)
		return g_strdup_printf("search different spaces (hash %016" G_GINT64_MODIFIER
				       "x of %" G_GUINT64_FORMAT " candidates and %016"
				       G_GINT64_MODIFIER "x of %" G_GUINT64_FORMAT " candidates): the price "
				       "book or the options that make the space differ",
				       a->space_hash, a->candidates, b->space_hash, b->candidates);
	if (strcmp(a->slo, b->slo) != 0)
		return g_strdup_printf("have different service levels, '%s' and '%s'", a->slo,
				       b->slo);
	if (strcmp(a->options, b->options) != 0)
		return g_strdup_printf("use different options, '%s' and '%s'",
				       a->options, b->options);
	if (a->count != b->count)
		return g_strdup_printf("cut the search differently: shard %u/%u and shard %u/%u",
				       a->index + 1, a->count, b->index + 1, b->count);
	return NULL;
}

gboolean
plan_shard_merge(const char *const *paths, guint n_paths, PlanShardHeader **header,
		 GArray **records, GError **error)
{
	g_autoptr(GPtrArray) headers =
	    g_ptr_array_new_with_free_func((GDestroyNotify)plan_shard_header_free);
	g_autoptr(GPtrArray) lists = g_ptr_array_new_with_free_func((GDestroyNotify)g_array_unref);
	g_autofree const char **by_shard = NULL;
	g_autofree GArray **list_of_shard = NULL;
	g_autoptr(GArray) merged = NULL;
	g_autoptr(GString) missing = NULL;
	guint n_missing = 0;
	const PlanShardHeader *first;
	g_autoptr(PlanShardHeader) result = NULL;

	g_return_val_if_fail(paths != NULL && header != NULL && records != NULL, FALSE);
	if (n_paths == 0) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE, "no shard files to merge");
		return FALSE;
	}
	for (guint i = 0; i < n_paths; i++) {
		g_autofree char *data = NULL;
		gsize length = 0;
		PlanShardHeader *head = NULL;
		GArray *list = NULL;
		g_autofree char *differs = NULL;

		if (!plan_input_read(paths[i], &shard_input, &data, &length, error) ||
		    !plan_shard_read(paths[i], data, length, &head, &list, error))
			return FALSE;
		g_ptr_array_add(headers, head);
		g_ptr_array_add(lists, list);
		differs = plan_shard_header_differs(headers->pdata[0], head);
		if (differs != NULL) {
			g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
				    "shard files '%s' and '%s' %s", paths[0], paths[i], differs);
			return FALSE;
		}
	}
	first = headers->pdata[0];
	by_shard = g_new0(const char *, first->count);
	for (guint i = 0; i < n_paths; i++) {
		const PlanShardHeader *head = headers->pdata[i];
		if (by_shard[head->index] != NULL) {
			g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
				    "shard %u/%u is given twice: '%s' and '%s'", head->index + 1,
				    head->count, by_shard[head->index], paths[i]);
			return FALSE;
		}
		by_shard[head->index] = paths[i];
	}
	missing = g_string_new(NULL);
	for (guint k = 0; k < first->count; k++) {
		if (by_shard[k] != NULL)
			continue;
		if (n_missing < 10)
			g_string_append_printf(missing, "%s%u/%u", n_missing > 0 ? ", " : "", k + 1,
					       first->count);
		n_missing++;
	}
	if (n_missing > 0) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
			    "%u of the %u shards %s missing (%s%s); the merge needs every shard's "
			    "file",
			    n_missing, first->count, n_missing == 1 ? "is" : "are", missing->str,
			    n_missing > 10 ? ", ..." : "");
		return FALSE;
	}
	/* shard k's j-th record is candidate k + j × N (plan_shard_read checked it), so the
	 * records interleave into index order */
	list_of_shard = g_new0(GArray *, first->count);
	for (guint i = 0; i < n_paths; i++)
		list_of_shard[((const PlanShardHeader *)headers->pdata[i])->index] = lists->pdata[i];
	merged = g_array_sized_new(FALSE, FALSE, sizeof(PlanOptEvaluated), (guint)first->candidates);
	for (guint64 i = 0; i < first->candidates; i++) {
		GArray *list = list_of_shard[i % first->count];
		g_array_append_val(merged, g_array_index(list, PlanOptEvaluated, i / first->count));
	}
	result = g_new0(PlanShardHeader, 1);
	result->ecsplan = g_strdup(first->ecsplan);
	result->model_hash = first->model_hash;
	result->space_hash = first->space_hash;
	result->book_hash = first->book_hash;
	result->slo = g_strdup(first->slo);
	result->options = g_strdup(first->options);
	result->candidates = first->candidates;
	result->index = 0;
	result->count = first->count;
	*header = g_steal_pointer(&result);
	*records = g_steal_pointer(&merged);
	return TRUE;
}
