/* `aws ec2 describe-instance-types` output -> the instance table of a price book. The figures
 * taken are those the book's specs need: DefaultVCpus, SizeInMiB, the architecture,
 * MaximumNetworkInterfaces and Ipv4AddressesPerInterface (docs/prices.md). */
#include "instance-import.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "compat.h"
#include "input.h"
#include "json-util.h"
#include "jsonpos.h"
#include "plan-error.h"
#include "pricebook-private.h"

/* describe-instance-types nests 6 deep (InstanceTypes[].NetworkInfo.NetworkCards[]); a little
 * room for fields AWS may add */
#define INSTANCE_IMPORT_MAX_DEPTH 32u

typedef struct {
	char *name;
	const char *architecture; /* static: "x86_64" or "arm64" */
	gint64 vcpu;
	gint64 memory_mib;
	gint64 max_enis;
	gint64 ipv4_per_eni;
	gboolean burstable;
	char *source; /* the key of the file it came from */
} InstanceImportType;

typedef struct {
	char *key;   /* "DIT-1a2b3c4d": the first 8 hex digits of the file's SHA-256 */
	char *title; /* "aws ec2 describe-instance-types output, FILE (N types)" */
	guint count;
} InstanceImportSource;

struct _PlanInstanceImport {
	GHashTable *types;   /* name -> InstanceImportType* (owned) */
	GPtrArray *sources;  /* InstanceImportSource*, in the order read */
	GPtrArray *skipped;  /* char*, sorted when asked for */
};

/* a failed read: the first problem, with its place */
typedef struct {
	const char *name;
	const char *data;
	gsize length;
	gsize base; /* where the page starts in @data */
	PlanTextIndex *lines;
	GString *path;
	GError **error;
} InstanceImportReader;

static void
instance_import_type_free(InstanceImportType *type)
{
	g_free(type->name);
	g_free(type->source);
	g_free(type);
}

static void
instance_import_source_free(InstanceImportSource *source)
{
	g_free(source->key);
	g_free(source->title);
	g_free(source);
}

PlanInstanceImport *
plan_instance_import_new(void)
{
	PlanInstanceImport *import = g_new0(PlanInstanceImport, 1);

	import->types = g_hash_table_new_full(g_str_hash, g_str_equal, NULL,
					      (GDestroyNotify)instance_import_type_free);
	import->sources =
	    g_ptr_array_new_with_free_func((GDestroyNotify)instance_import_source_free);
	import->skipped = g_ptr_array_new_with_free_func(g_free);
	return import;
}

void
plan_instance_import_free(PlanInstanceImport *import)
{
	if (import == NULL)
		return;
	g_hash_table_unref(import->types);
	g_ptr_array_unref(import->sources);
	g_ptr_array_unref(import->skipped);
	g_free(import);
}

gboolean
plan_instance_import_sniff(const char *data, gsize length)
{
	static const char key[] = "\"InstanceTypes\"";
	gsize at = 0;

	/* a UTF-8 byte order mark, as some Windows shells write */
	if (length >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
		at = 3;
	while (at < length && g_ascii_isspace(data[at]))
		at++;
	if (at >= length || data[at] != '{')
		return FALSE;
	at++;
	while (at < length && g_ascii_isspace(data[at]))
		at++;
	return length - at >= sizeof key - 1 && memcmp(data + at, key, sizeof key - 1) == 0;
}

gboolean
plan_instance_import_sniff_file(const char *filename)
{
	char head[256];
	gsize got = 0;
	FILE *file;

	/* a pipe or FIFO would lose what is read here: only regular files are sniffed */
	if (!g_file_test(filename, G_FILE_TEST_IS_REGULAR))
		return FALSE;
	file = fopen(filename, "rb");
	if (file == NULL)
		return FALSE;
	got = fread(head, 1, sizeof head, file);
	fclose(file);
	return plan_instance_import_sniff(head, got);
}

/* ---- reading ------------------------------------------------------------------------------ */

G_GNUC_PRINTF(3, 4)
static gboolean
instance_import_fail(InstanceImportReader *reader, const cJSON *node, const char *format, ...)
{
	g_autofree char *message = NULL;
	va_list args;
	PlanLoc loc = {1, 1};

	va_start(args, format);
	message = g_strdup_vprintf(format, args);
	va_end(args);
	/* plan_json_map_offsets keeps offset + 1 in valueint */
	if (node != NULL && node->valueint > 0)
		loc = plan_text_index_loc(reader->lines, reader->base + (gsize)node->valueint - 1);
	g_set_error(reader->error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL, "%s:%u:%u: %s: %s",
		    reader->name, loc.line, loc.column,
		    reader->path->len > 0 ? reader->path->str : "(top)", message);
	return FALSE;
}

static gsize
instance_import_push(InstanceImportReader *reader, const char *member)
{
	gsize mark = reader->path->len;

	if (reader->path->len > 0 && member[0] != '[')
		g_string_append_c(reader->path, '.');
	g_string_append(reader->path, member);
	return mark;
}

/* a whole number at @object.@member (a dotted path of objects) from @min to @max */
static gboolean
instance_import_count(InstanceImportReader *reader, const cJSON *object, const char *outer,
		      const char *member, gint64 min, gint64 max, gint64 *out)
{
	const cJSON *node = object;
	gsize mark = reader->path->len;
	gboolean ok = TRUE;

	if (outer != NULL) {
		instance_import_push(reader, outer);
		node = cJSON_GetObjectItemCaseSensitive(object, outer);
		if (!cJSON_IsObject(node)) {
			ok = node == NULL ? instance_import_fail(reader, object,
								 "missing '%s' (an object)", outer)
					  : instance_import_fail(reader, node,
								 "expected an object, got %s",
								 plan_json_type_name(node));
			g_string_truncate(reader->path, mark);
			return ok;
		}
		object = node;
	}
	instance_import_push(reader, member);
	node = cJSON_GetObjectItemCaseSensitive(object, member);
	if (node == NULL)
		ok = instance_import_fail(reader, object, "missing '%s' (a whole number)", member);
	else if (!cJSON_IsNumber(node) || !isfinite(node->valuedouble) ||
		 node->valuedouble != floor(node->valuedouble) ||
		 node->valuedouble < (double)min || node->valuedouble > (double)max)
		ok = instance_import_fail(reader, node,
					  "expected a whole number from %" G_GINT64_FORMAT
					  " to %" G_GINT64_FORMAT ", got %s",
					  min, max,
					  cJSON_IsNumber(node) ? "a number out of that range"
							       : plan_json_type_name(node));
	else
		*out = (gint64)node->valuedouble;
	g_string_truncate(reader->path, mark);
	return ok;
}

/* "arm64" or "x86_64" from SupportedArchitectures; NULL for a type ECS cannot run (macOS
 * only, or 32-bit only), with @why set */
static gboolean
instance_import_architecture(InstanceImportReader *reader, const cJSON *type,
			     const char **out, const char **why)
{
	const cJSON *processor = cJSON_GetObjectItemCaseSensitive(type, "ProcessorInfo");
	const cJSON *list;
	const cJSON *item;
	gsize mark = instance_import_push(reader, "ProcessorInfo");
	gboolean mac = FALSE;

	*out = NULL;
	if (!cJSON_IsObject(processor)) {
		instance_import_fail(reader, processor != NULL ? processor : type,
				     "expected an object with \"SupportedArchitectures\"");
		g_string_truncate(reader->path, mark);
		return FALSE;
	}
	instance_import_push(reader, "SupportedArchitectures");
	list = cJSON_GetObjectItemCaseSensitive(processor, "SupportedArchitectures");
	if (!cJSON_IsArray(list) || list->child == NULL) {
		instance_import_fail(reader, list != NULL ? list : processor,
				     "expected a list of architectures like [\"x86_64\"]");
		g_string_truncate(reader->path, mark);
		return FALSE;
	}
	cJSON_ArrayForEach(item, list)
	{
		if (!cJSON_IsString(item)) {
			instance_import_fail(reader, item, "expected an architecture name, got %s",
					     plan_json_type_name(item));
			g_string_truncate(reader->path, mark);
			return FALSE;
		}
		if (strcmp(item->valuestring, "arm64") == 0)
			*out = "arm64";
		else if (strcmp(item->valuestring, "x86_64") == 0 && *out == NULL)
			*out = "x86_64";
		else if (g_str_has_suffix(item->valuestring, "_mac"))
			mac = TRUE;
	}
	g_string_truncate(reader->path, mark);
	if (*out == NULL)
		*why = mac ? "macOS only" : "no x86_64 or arm64";
	return TRUE;
}

static gboolean
instance_import_type(PlanInstanceImport *import, InstanceImportReader *reader, const cJSON *node,
		     InstanceImportSource *source)
{
	InstanceImportType *type;
	const cJSON *name;
	const cJSON *burst;
	const char *architecture = NULL;
	const char *why = NULL;
	gint64 vcpu = 0, memory = 0, enis = 0, ipv4 = 0;
	gboolean ok = TRUE;

	if (!cJSON_IsObject(node))
		return instance_import_fail(reader, node, "expected an instance type object, got %s",
					    plan_json_type_name(node));
	name = cJSON_GetObjectItemCaseSensitive(node, "InstanceType");
	if (!cJSON_IsString(name)) {
		gsize mark = instance_import_push(reader, "InstanceType");
		ok = instance_import_fail(reader, name != NULL ? name : node,
					  "expected the type's name as a string, like \"m6i.large\"");
		g_string_truncate(reader->path, mark);
		return ok;
	}
	if (!book_instance_name_valid(name->valuestring)) {
		gsize mark = instance_import_push(reader, "InstanceType");
		g_autofree char *quoted = g_strescape(name->valuestring, NULL);
		ok = instance_import_fail(reader, name,
					  "'%.64s' is not an instance type name like \"m6i.large\"",
					  quoted);
		g_string_truncate(reader->path, mark);
		return ok;
	}
	if (!instance_import_architecture(reader, node, &architecture, &why))
		return FALSE;
	if (architecture == NULL) {
		g_ptr_array_add(import->skipped, g_strdup_printf("%s (%s)", name->valuestring, why));
		return TRUE;
	}
	/* the same bounds as the book's reader: they catch units mixed up, not new sizes */
	ok = ok && instance_import_count(reader, node, "VCpuInfo", "DefaultVCpus", 1, 4096, &vcpu);
	ok = ok && instance_import_count(reader, node, "MemoryInfo", "SizeInMiB", 128,
					 64 * 1024 * 1024, &memory);
	ok = ok && instance_import_count(reader, node, "NetworkInfo", "MaximumNetworkInterfaces", 1,
					 1024, &enis);
	ok = ok && instance_import_count(reader, node, "NetworkInfo", "Ipv4AddressesPerInterface",
					 1, 1024, &ipv4);
	if (!ok)
		return FALSE;
	burst = cJSON_GetObjectItemCaseSensitive(node, "BurstablePerformanceSupported");
	if (burst != NULL && !cJSON_IsBool(burst)) {
		gsize mark = instance_import_push(reader, "BurstablePerformanceSupported");
		ok = instance_import_fail(reader, burst, "expected true or false, got %s",
					  plan_json_type_name(burst));
		g_string_truncate(reader->path, mark);
		return ok;
	}
	type = g_new0(InstanceImportType, 1);
	type->name = g_strdup(name->valuestring);
	type->architecture = architecture;
	type->vcpu = vcpu;
	type->memory_mib = memory;
	type->max_enis = enis;
	type->ipv4_per_eni = ipv4;
	type->burstable = cJSON_IsTrue(burst);
	type->source = g_strdup(source->key);
	g_hash_table_replace(import->types, type->name, type);
	source->count++;
	return TRUE;
}

/* one page: {"InstanceTypes": [...], "NextToken": "..."} */
static gboolean
instance_import_page(PlanInstanceImport *import, InstanceImportReader *reader, const cJSON *root,
		     InstanceImportSource *source)
{
	const cJSON *list;
	const cJSON *item;
	guint index = 0;

	if (!cJSON_IsObject(root) ||
	    (list = cJSON_GetObjectItemCaseSensitive(root, "InstanceTypes")) == NULL)
		return instance_import_fail(
		    reader, root,
		    "expected describe-instance-types output, an object with \"InstanceTypes\"");
	instance_import_push(reader, "InstanceTypes");
	if (!cJSON_IsArray(list))
		return instance_import_fail(reader, list, "expected a list of instance types, got %s",
					    plan_json_type_name(list));
	cJSON_ArrayForEach(item, list)
	{
		g_autofree char *member = g_strdup_printf("[%u]", index++);
		gsize mark = instance_import_push(reader, member);
		if (!instance_import_type(import, reader, item, source))
			return FALSE;
		g_string_truncate(reader->path, mark);
	}
	g_string_truncate(reader->path, 0);
	return TRUE;
}

gboolean
plan_instance_import_data(PlanInstanceImport *import, const char *data, gsize length,
			  const char *name, GError **error)
{
	g_autoptr(PlanTextIndex) lines = NULL;
	g_autoptr(GString) path = g_string_new(NULL);
	g_autofree char *digest = NULL;
	InstanceImportReader reader = {name, data, length, 0, NULL, path, error};
	InstanceImportSource *source;
	const char *invalid = NULL;
	gsize at = 0;
	guint pages = 0;

	g_return_val_if_fail(import != NULL, FALSE);
	g_return_val_if_fail(error == NULL || *error == NULL, FALSE);

	if (length > PLAN_INSTANCE_IMPORT_MAX_BYTES) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_LIMIT,
			    "%s: the file is %" G_GSIZE_FORMAT
			    " bytes; describe-instance-types output is at most %u MiB "
			    "(docs/limits.md)",
			    name, length, PLAN_INSTANCE_IMPORT_MAX_BYTES / (1024u * 1024u));
		return FALSE;
	}
	lines = plan_text_index_new(data, length);
	reader.lines = lines;
	if (!g_utf8_validate_len(data, length, &invalid)) {
		PlanLoc loc = plan_text_index_loc(lines, (gsize)(invalid - data));
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
			    "%s:%u:%u: (top): expected JSON text in UTF-8, got byte 0x%02x", name,
			    loc.line, loc.column, (guchar)*invalid);
		return FALSE;
	}
	if (length >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
		at = 3;
	digest = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)data, length);
	source = g_new0(InstanceImportSource, 1);
	source->key = g_strdup_printf("DIT-%.8s", digest);
	g_ptr_array_add(import->sources, source);
	for (;;) {
		g_autoptr(cJSON) root = NULL;
		g_autoptr(GArray) offsets = NULL;
		const char *end = NULL;
		gsize error_offset = 0;
		PlanLoc loc;

		while (at < length && (guchar)data[at] <= 32)
			at++;
		if (at >= length)
			break;
		root = cJSON_ParseWithLengthOpts(data + at, length - at, &end, FALSE);
		if (root == NULL) {
			gsize where = end != NULL && end >= data + at ? (gsize)(end - data) : at;
			loc = plan_text_index_loc(lines, MIN(where, length));
			g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
				    "%s:%u:%u: (top): expected describe-instance-types output (JSON), "
				    "got text that is not valid JSON%s",
				    name, loc.line, loc.column,
				    /* cJSON stops at the last byte when the text ends early */
				    where + 1 >= length ? " (the file ends early: truncated?)" : "");
			return FALSE;
		}
		offsets = plan_json_value_offsets(data + at, (gsize)(end - (data + at)),
						  INSTANCE_IMPORT_MAX_DEPTH, &error_offset);
		if (offsets == NULL) {
			loc = plan_text_index_loc(lines, at + error_offset);
			g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
				    "%s:%u:%u: (top): nested more than %u deep; describe-instance-"
				    "types output is not",
				    name, loc.line, loc.column, INSTANCE_IMPORT_MAX_DEPTH);
			return FALSE;
		}
		plan_json_map_offsets(root, offsets);
		reader.base = at;
		if (!instance_import_page(import, &reader, root, source))
			return FALSE;
		pages++;
		at = (gsize)(end - data);
	}
	if (pages == 0) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
			    "%s:1:1: (top): expected describe-instance-types output, got an empty "
			    "file",
			    name);
		return FALSE;
	}
	source->title = g_strdup_printf(
	    "aws ec2 describe-instance-types output, %s (%u %s, %u %s; SHA-256 %.16s...)", name,
	    pages, pages == 1 ? "page" : "pages", source->count,
	    source->count == 1 ? "type" : "types", digest);
	return TRUE;
}

/* what plan_input_read() calls the file, and how to get under its limit */
static const PlanInputKind instance_import_input = {
    "describe-instance-types output",
    PLAN_INSTANCE_IMPORT_MAX_BYTES,
    "describe the types of one region at a time",
};

gboolean
plan_instance_import_file(PlanInstanceImport *import, const char *filename, GError **error)
{
	g_autofree char *data = NULL;
	gsize length = 0;

	if (!plan_input_read(filename, &instance_import_input, &data, &length, error))
		return FALSE;
	return plan_instance_import_data(import, data, length, filename, error);
}

guint
plan_instance_import_count(const PlanInstanceImport *import)
{
	g_return_val_if_fail(import != NULL, 0);
	return g_hash_table_size(import->types);
}

static int
instance_import_compare_strings(gconstpointer a, gconstpointer b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

const GPtrArray *
plan_instance_import_skipped(const PlanInstanceImport *import)
{
	g_return_val_if_fail(import != NULL, NULL);
	g_ptr_array_sort(import->skipped, instance_import_compare_strings);
	return import->skipped;
}

/* ---- writing ------------------------------------------------------------------------------ */

static cJSON *
instance_import_spec(cJSON *type, const char *field, double value, const char *text,
		     const char *source, PlanConfidence confidence, const char *note)
{
	cJSON *spec = cJSON_AddObjectToObject(type, field);

	if (text != NULL)
		cJSON_AddStringToObject(spec, "value", text);
	else
		cJSON_AddNumberToObject(spec, "value", value);
	cJSON_AddStringToObject(spec, "source", source);
	cJSON_AddStringToObject(spec, "confidence", plan_confidence_to_string(confidence));
	if (note != NULL)
		cJSON_AddStringToObject(spec, "note", note);
	return spec;
}

/* a spec of @old copied as it is (its source is noted in @cited) */
static void
instance_import_keep(cJSON *type, const char *field, double value, const PlanSpecOrigin *origin,
		     GHashTable *cited)
{
	g_auto(GStrv) keys = g_strsplit(origin->source, " ", -1);

	instance_import_spec(type, field, value, NULL, origin->source, origin->confidence,
			     origin->note);
	for (guint i = 0; keys[i] != NULL; i++) {
		if (keys[i][0] != '\0')
			g_hash_table_add(cited, g_strdup(keys[i]));
	}
}

static int
instance_import_compare_types(gconstpointer a, gconstpointer b)
{
	const InstanceImportType *left = *(const InstanceImportType *const *)a;
	const InstanceImportType *right = *(const InstanceImportType *const *)b;
	return strcmp(left->name, right->name);
}

void
plan_instance_import_add_to(const PlanInstanceImport *import, const PlanPriceBook *builtin,
			    cJSON *root)
{
	g_autoptr(GHashTable) cited = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	g_autoptr(GPtrArray) types = g_ptr_array_new();
	g_autoptr(GPtrArray) keys = NULL;
	GHashTableIter iter;
	gpointer value;
	cJSON *sources;
	cJSON *instances;

	g_return_if_fail(import != NULL && builtin != NULL && cJSON_IsObject(root));

	sources = cJSON_GetObjectItemCaseSensitive(root, "sources");
	if (sources == NULL)
		sources = cJSON_AddObjectToObject(root, "sources");
	instances = cJSON_GetObjectItemCaseSensitive(root, "instances");
	if (instances == NULL)
		instances = cJSON_AddObjectToObject(root, "instances");
	for (guint i = 0; i < import->sources->len; i++) {
		const InstanceImportSource *source = g_ptr_array_index(import->sources, i);
		cJSON *entry;
		if (source->count == 0 || source->title == NULL)
			continue;
		cJSON_DeleteItemFromObjectCaseSensitive(sources, source->key);
		entry = cJSON_AddObjectToObject(sources, source->key);
		cJSON_AddStringToObject(entry, "title", source->title);
		/* the output carries no date; the file's own time would make the book depend on
		 * when it was copied */
		cJSON_AddStringToObject(entry, "as_of", "undated");
	}

	g_hash_table_iter_init(&iter, import->types);
	while (g_hash_table_iter_next(&iter, NULL, &value))
		g_ptr_array_add(types, value);
	g_ptr_array_sort(types, instance_import_compare_types);
	for (guint i = 0; i < types->len; i++) {
		const InstanceImportType *type = g_ptr_array_index(types, i);
		const PlanInstanceType *old = plan_price_book_instance(builtin, type->name);
		/* the ECS table's figures hold while the ENIs they were counted on do */
		gboolean same = old != NULL && old->max_enis == type->max_enis;
		cJSON *object;

		cJSON_DeleteItemFromObjectCaseSensitive(instances, type->name);
		object = cJSON_AddObjectToObject(instances, type->name);
		instance_import_spec(object, "architecture", 0, type->architecture, type->source,
				     PLAN_CONFIDENCE_OK, NULL);
		instance_import_spec(object, "vcpu", (double)type->vcpu, NULL, type->source,
				     PLAN_CONFIDENCE_OK, NULL);
		instance_import_spec(object, "memory_mib", (double)type->memory_mib, NULL,
				     type->source, PLAN_CONFIDENCE_OK, NULL);
		instance_import_spec(object, "max_enis", (double)type->max_enis, NULL, type->source,
				     PLAN_CONFIDENCE_OK, NULL);
		instance_import_spec(object, "ipv4_per_eni", (double)type->ipv4_per_eni, NULL,
				     type->source, PLAN_CONFIDENCE_OK, NULL);
		if (same) {
			instance_import_keep(
			    object, "tasks_no_trunk", (double)old->tasks_no_trunk,
			    &old->specs[PLAN_INSTANCE_FIELD_TASKS_NO_TRUNK], cited);
			instance_import_keep(object, "tasks_trunk", (double)old->tasks_trunk,
					     &old->specs[PLAN_INSTANCE_FIELD_TASKS_TRUNK], cited);
		} else {
			instance_import_spec(object, "tasks_no_trunk", (double)(type->max_enis - 1),
					     NULL, type->source, PLAN_CONFIDENCE_DERIVED,
					     "max ENIs - 1 (the primary ENI takes no task)");
			instance_import_spec(
			    object, "tasks_trunk", 0, NULL, type->source, PLAN_CONFIDENCE_UNCONFIRMED,
			    old == NULL ? "describe-instance-types does not say whether ECS can "
					  "trunk ENIs on this type: taken as no trunking"
					: "the ENI count differs from the built-in table's, so its "
					  "ECS trunking limit no longer holds: taken as no trunking");
		}
		if (type->burstable && old != NULL && old->credits_hour_milli > 0 &&
		    old->vcpu == type->vcpu) {
			instance_import_keep(object, PLAN_INSTANCE_BURST_CREDITS,
					     (double)old->credits_hour_milli / 1000.0,
					     &old->credits_origin, cited);
			instance_import_keep(object, PLAN_INSTANCE_BURST_BASELINE,
					     (double)old->baseline_pct_milli / 1000.0,
					     &old->baseline_origin, cited);
		}
	}
	/* the built-in sources the kept figures cite, so the file stands on its own */
	{
		guint n_keys = 0;
		gpointer *array = g_hash_table_get_keys_as_array(cited, &n_keys);
		keys = g_ptr_array_new();
		for (guint i = 0; i < n_keys; i++)
			g_ptr_array_add(keys, array[i]);
		g_free(array);
	}
	g_ptr_array_sort(keys, instance_import_compare_strings);
	for (guint i = 0; i < keys->len; i++) {
		const char *key = g_ptr_array_index(keys, i);
		const char *title = plan_price_book_source_title(builtin, key);
		cJSON *entry;
		if (title == NULL || cJSON_GetObjectItemCaseSensitive(sources, key) != NULL)
			continue;
		entry = cJSON_AddObjectToObject(sources, key);
		cJSON_AddStringToObject(entry, "title", title);
		cJSON_AddStringToObject(entry, "as_of", plan_price_book_source_as_of(builtin, key));
	}
}
