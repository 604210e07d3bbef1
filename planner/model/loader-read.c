/* reading models, the schema walk (loader-private.h): a cJSON element into a model record,
 * driven by one schema table per element kind, so that type checks, unknown-field warnings,
 * defaults and the writer all come from one place */
#include "loader-private.h"

#include <math.h>
#include <string.h>

#include "diagnostic.h"
#include "json-util.h"
#include "loader.h"
#include "plan-error.h"
#include "schedule.h"
#include "text.h"

PlanLoc
plan_loader_loc(PlanLoader *loader, const cJSON *node)
{
	PlanLoc none = {0, 0};
	if (node == NULL || !loader->have_offsets || node->valueint <= 0)
		return none;
	return plan_text_index_loc_from(loader->lines, (gsize)node->valueint - 1,
					&loader->line_hint);
}

/* records a problem that makes the model unreadable, at @node, under the current path */
void
plan_loader_problem(PlanLoader *loader, const cJSON *node, const char *format, ...)
{
	PlanLoc loc = plan_loader_loc(loader, node);
	g_autofree char *message = NULL;
	va_list args;
	/* where it is, for plan_loader_in_order() */
	gsize offset = node != NULL && loader->have_offsets && node->valueint > 0
			   ? (gsize)node->valueint - 1
			   : 0;

	loader->n_problems++;
	if (loader->problems->len - loader->root_problems >= PLAN_LOADER_MAX_PROBLEMS)
		return;
	va_start(args, format);
	message = g_strdup_vprintf(format, args);
	va_end(args);
	g_ptr_array_add(loader->problems,
			g_strdup_printf("%s:%u:%u: %s: %s", loader->file, loc.line, loc.column,
					loader->path->len > 0 ? loader->path->str : "(top)",
					message));
	g_array_append_val(loader->problem_offsets, offset);
}

static gboolean
plan_loader_expect_string(PlanLoader *loader, const cJSON *node, const char *expected)
{
	if (!cJSON_IsString(node) || node->valuestring == NULL) {
		plan_loader_problem(loader, node, "expected %s, got %s", expected,
				    plan_json_type_name(node));
		return FALSE;
	}
	if (strlen(node->valuestring) > PLAN_MODEL_MAX_STRING) {
		plan_loader_problem(loader, node, "string longer than %u bytes",
				    PLAN_MODEL_MAX_STRING);
		return FALSE;
	}
	return TRUE;
}

/* a hint for a number written as a string: Terraform writes a task's cpu and memory as "512"
 * and "1024", and people write "0.5 vCPU" or "2 GB" (docs/model.md, units). Returns: (transfer
 * full) "; write ..." or NULL */
static char *
plan_loader_number_hint(const char *text)
{
	g_autofree char *lower = g_ascii_strdown(text, -1);
	char *end = NULL;
	double value = g_ascii_strtod(lower, &end);
	char number[G_ASCII_DTOSTR_BUF_SIZE];

	if (end == lower || !isfinite(value) || value < 0)
		return NULL;
	while (*end == ' ')
		end++;
	if (*end == '\0')
		return g_strdup_printf("; write the number without quotes: %s",
				       g_ascii_formatd(number, sizeof number, "%.15g", value));
	if (strcmp(end, "vcpu") == 0 || strcmp(end, "vcpus") == 0)
		return g_strdup_printf("; cpu is in CPU units, 1024 to a vCPU: write %.0f",
				       value * 1024);
	if (strcmp(end, "gb") == 0 || strcmp(end, "gib") == 0)
		return g_strdup_printf("; memory is in MiB: write %.0f", value * 1024);
	if (strcmp(end, "mb") == 0 || strcmp(end, "mib") == 0)
		return g_strdup_printf("; memory is in MiB: write %.0f", value);
	return NULL;
}

static gboolean
plan_loader_read_integer(PlanLoader *loader, const cJSON *node, gint64 min, gint64 max,
			 gint64 *out)
{
	double value;

	if (!cJSON_IsNumber(node)) {
		g_autofree char *hint =
		    cJSON_IsString(node) ? plan_loader_number_hint(node->valuestring) : NULL;
		plan_loader_problem(loader, node,
				    "expected a whole number from %" G_GINT64_FORMAT
				    " to %" G_GINT64_FORMAT ", got %s%s",
				    min, max, plan_json_type_name(node), hint != NULL ? hint : "");
		return FALSE;
	}
	value = node->valuedouble;
	if (!isfinite(value) || value < (double)min || value > (double)max) {
		plan_loader_problem(loader, node,
				    "number out of range: expected %" G_GINT64_FORMAT
				    " to %" G_GINT64_FORMAT,
				    min, max);
		return FALSE;
	}
	if (value != floor(value)) {
		plan_loader_problem(loader, node, "expected a whole number, got %g", value);
		return FALSE;
	}
	*out = (gint64)value;
	return TRUE;
}

static void
plan_loader_read_cidr(PlanLoader *loader, const cJSON *node, const PlanField *field,
		      PlanCidr *cidr)
{
	PlanFamily family = (field->flags & FIELD_IPV6) ? PLAN_FAMILY_IPV6 : PLAN_FAMILY_IPV4;
	const char *expected = family == PLAN_FAMILY_IPV6 ? "a string like \"2001:db8::/56\""
							  : "a string like \"10.0.1.0/24\"";
	PlanPrefixParseFlags flags = PLAN_PREFIX_PARSE_NONE;
	g_autoptr(GError) error = NULL;

	if (!plan_loader_expect_string(loader, node, expected))
		return;
	plan_cidr_clear(cidr);
	cidr->text = g_strdup(node->valuestring);
	/* no path: it is the owner's and the key (rules_field_path() makes it when a finding
	 * needs it), and 100,000 subnets' copies were 4% of loading a large model */
	cidr->loc = plan_loader_loc(loader, node);
	if ((field->flags & FIELD_CIDR_AUTO) && g_strcmp0(cidr->text, "auto") == 0) {
		cidr->state = PLAN_CIDR_AUTO;
		return;
	}
	/* a CIDR that does not parse is a finding (cidr-invalid), not an unreadable model */
	if (!plan_prefix_parse(cidr->text, family, &cidr->prefix, &flags, &error)) {
		cidr->state = PLAN_CIDR_INVALID;
		cidr->error = g_strdup(error->message);
		return;
	}
	cidr->state = (flags & PLAN_PREFIX_PARSE_HOST_BITS) ? PLAN_CIDR_HOST_BITS : PLAN_CIDR_OK;
}


/* "[index]": without printf, which was 2.5% of loading a large model */
static void
plan_loader_path_push_index(PlanLoader *loader, guint index)
{
	char text[16];
	guint at = sizeof text;

	text[--at] = ']';
	do {
		text[--at] = (char)('0' + index % 10);
		index /= 10;
	} while (index > 0);
	text[--at] = '[';
	plan_loader_path_append(loader, text + at, sizeof text - at);
}

/* element @index of an array of @schema objects, appended to @out: in @block, when the
 * schema puts the elements side by side, else made on its own */
void
plan_loader_read_element(PlanLoader *loader, const cJSON *item, guint index,
			 const PlanSchema *schema, GPtrArray *out, guint8 *block)
{
	gsize mark = loader->path->len;
	gpointer element;
	PlanOrigin *origin;

	plan_loader_path_push_index(loader, index);
	if (!cJSON_IsObject(item)) {
		plan_loader_problem(loader, item, "expected a %s object, got %s", schema->what,
				    plan_json_type_name(item));
		plan_loader_path_cut(loader, mark);
		return;
	}
	element = block != NULL ? block + (gsize)index * schema->element_size : schema->create();
	origin = element;
	origin->path = g_strdup(loader->path->str);
	origin->loc = plan_loader_loc(loader, item);
	plan_loader_read_object(loader, item, schema, element);
	g_ptr_array_add(out, element);
	plan_loader_path_cut(loader, mark);
}

static void
plan_loader_read_array(PlanLoader *loader, const cJSON *node, const PlanSchema *schema,
		       GPtrArray *out, gpointer owner)
{
	guint index = 0;
	guint8 *block = NULL;

	if (!cJSON_IsArray(node)) {
		plan_loader_problem(loader, node, "expected an array of %s objects, got %s",
				    schema->what, plan_json_type_name(node));
		return;
	}
	/* the elements side by side, when the schema makes them so (subnets) */
	if (schema->create_block != NULL && node->child != NULL) {
		guint n = 0;
		for (const cJSON *item = node->child; item != NULL; item = item->next)
			n++;
		block = schema->create_block(owner, n);
	}
	for (const cJSON *item = node->child; item != NULL; item = item->next, index++)
		plan_loader_read_element(loader, item, index, schema, out, block);
}

static void
plan_loader_read_strings(PlanLoader *loader, const cJSON *node, GPtrArray *out,
			 const char *expected)
{
	guint index = 0;
	gsize mark = loader->path->len;

	if (!cJSON_IsArray(node)) {
		plan_loader_problem(loader, node, "expected an array of %s, got %s", expected,
				    plan_json_type_name(node));
		return;
	}
	for (const cJSON *item = node->child; item != NULL; item = item->next, index++) {
		plan_loader_path_push_index(loader, index);
		if (plan_loader_expect_string(loader, item, "a string"))
			g_ptr_array_add(out, g_strdup(item->valuestring));
		plan_loader_path_cut(loader, mark);
	}
}

/* what people write for a value the schema spells otherwise: a value that differs only in
 * case ("fargate"), or a common name for it (an ALB is an "application" load balancer, a
 * database tier is "isolated"). Returns: (transfer none) the value of @values meant, or NULL */
static const char *
plan_loader_enum_alias(const char *text, const char *const *values, guint n_values)
{
	static const struct {
		const char *alias;
		const char *value;
	} aliases[] = {
	    {"alb", "application"},
	    {"nlb", "network"},
	    {"database", "isolated"},
	    {"db", "isolated"},
	    {"data", "isolated"},
	    {"intra", "isolated"},
	    {"web", "public"},
	    {"dmz", "public"},
	    {"app", "private"},
	    {"internet", "internet-facing"},
	    {"external", "internet-facing"},
	    {"x86", "x86_64"},
	    {"amd64", "x86_64"},
	    {"arm", "arm64"},
	    {"aarch64", "arm64"},
	    {"graviton", "arm64"},
	};

	for (guint i = 0; i < n_values; i++) {
		if (g_ascii_strcasecmp(text, values[i]) == 0)
			return values[i];
	}
	for (guint i = 0; i < G_N_ELEMENTS(aliases); i++) {
		if (g_ascii_strcasecmp(text, aliases[i].alias) != 0)
			continue;
		for (guint j = 0; j < n_values; j++) {
			if (strcmp(values[j], aliases[i].value) == 0)
				return values[j];
		}
	}
	return NULL;
}

static void
plan_loader_read_enum(PlanLoader *loader, const cJSON *node, const PlanField *field, int *out)
{
	g_autofree char *choices = NULL;
	const char *suggestion;
	guint n_values = g_strv_length((GStrv)field->values);

	if (cJSON_IsString(node)) {
		for (guint i = 0; i < n_values; i++) {
			if (strcmp(node->valuestring, field->values[i]) == 0) {
				*out = (int)i;
				return;
			}
		}
	}
	/* only a value that is wrong pays for the message */
	choices = plan_text_join_quoted(field->values, n_values, n_values);
	if (!cJSON_IsString(node)) {
		plan_loader_problem(loader, node, "expected one of %s, got %s", choices,
				    plan_json_type_name(node));
		return;
	}
	suggestion = plan_loader_enum_alias(node->valuestring, field->values, n_values);
	if (suggestion == NULL)
		suggestion = plan_text_suggest(node->valuestring, field->values, n_values);
	if (suggestion != NULL)
		plan_loader_problem(loader, node, "'%s' is not one of %s; did you mean '%s'?",
				    node->valuestring, choices, suggestion);
	else
		plan_loader_problem(loader, node, "'%s' is not one of %s", node->valuestring,
				    choices);
}

static void
plan_loader_read_size(PlanLoader *loader, const cJSON *node, PlanSubnet *subnet)
{
	const char *expected = "a prefix length like \"/24\", an address count, or \"auto\"";

	if (cJSON_IsNumber(node)) {
		if (plan_loader_read_integer(loader, node, 1, 65531, &subnet->size_addresses))
			subnet->size_kind = PLAN_SIZE_ADDRESSES;
		return;
	}
	if (!plan_loader_expect_string(loader, node, expected))
		return;
	if (strcmp(node->valuestring, "auto") == 0) {
		subnet->size_kind = PLAN_SIZE_AUTO;
		return;
	}
	/* "auto" subnets are IPv4 (schema: FIELD_CIDR_AUTO | FIELD_IPV4), so /0 to /32 */
	if (node->valuestring[0] == '/') {
		guint64 length = 0;
		if (g_ascii_string_to_unsigned(node->valuestring + 1, 10, 0, 32, &length, NULL)) {
			subnet->size_kind = PLAN_SIZE_LENGTH;
			subnet->size_length = (guint)length;
			return;
		}
	}
	plan_loader_problem(loader, node, "expected %s, got \"%s\"", expected, node->valuestring);
}

static void
plan_loader_read_peerings(PlanLoader *loader, const cJSON *node, GPtrArray *out)
{
	guint index = 0;
	gsize mark = loader->path->len;

	if (!cJSON_IsArray(node)) {
		plan_loader_problem(loader, node,
				    "expected an array of pairs like [\"vpc-a\", \"vpc-b\"], got %s",
				    plan_json_type_name(node));
		return;
	}
	for (const cJSON *item = node->child; item != NULL; item = item->next, index++) {
		const cJSON *a;
		const cJSON *b;
		PlanPeering *peering;

		plan_loader_path_push_index(loader, index);
		a = cJSON_IsArray(item) ? item->child : NULL;
		b = a != NULL ? a->next : NULL;
		if (a == NULL || b == NULL || b->next != NULL || !cJSON_IsString(a) ||
		    !cJSON_IsString(b) || strlen(a->valuestring) > PLAN_MODEL_MAX_STRING ||
		    strlen(b->valuestring) > PLAN_MODEL_MAX_STRING) {
			plan_loader_problem(loader, item,
					    "expected a pair of VPC names like [\"vpc-a\", "
					    "\"vpc-b\"], got %s",
					    plan_json_type_name(item));
			plan_loader_path_cut(loader, mark);
			continue;
		}
		peering = plan_peering_new();
		peering->origin.path = g_strdup(loader->path->str);
		peering->origin.loc = plan_loader_loc(loader, item);
		peering->vpc_a = g_strdup(a->valuestring);
		peering->vpc_b = g_strdup(b->valuestring);
		g_ptr_array_add(out, peering);
		plan_loader_path_cut(loader, mark);
	}
}

/* records that @field was given, for fields that carry a bit (see PlanField.set_bit) */
static void
plan_loader_mark_set(const PlanField *field, gpointer target)
{
	if (field->set_bit != 0)
		*(guint *)((guint8 *)target + field->set_offset) |= field->set_bit;
}

static void
plan_loader_read_field(PlanLoader *loader, const cJSON *node, const PlanField *field,
		       gpointer target)
{
	gpointer member = (guint8 *)target + field->offset;
	guint problems_before = loader->n_problems;

	switch (field->kind) {
	case FIELD_STRING:
		if (plan_loader_expect_string(loader, node, "a string")) {
			g_autoptr(GError) schedule_error = NULL;
			g_free(*(char **)member);
			*(char **)member = g_strdup(node->valuestring);
			/* the simulator's own parser: what validate accepts, simulate reads */
			if ((field->flags & FIELD_SCHEDULE) &&
			    !plan_schedule_check(node->valuestring, &schedule_error))
				plan_loader_problem(loader, node, "%s", schedule_error->message);
			if ((field->flags & FIELD_TIME) &&
			    plan_schedule_parse_time(node->valuestring) == G_MININT64)
				plan_loader_problem(loader, node,
						    "cannot read '%s' as a date and time; expected "
						    "ISO 8601 like 2024-01-01T00:00:00Z",
						    node->valuestring);
		}
		break;
	case FIELD_BOOL:
		if (!cJSON_IsBool(node))
			plan_loader_problem(loader, node, "expected true or false, got %s",
					    plan_json_type_name(node));
		else
			*(gboolean *)member = cJSON_IsTrue(node);
		break;
	case FIELD_INT:
		plan_loader_read_integer(loader, node, field->min, field->max, member);
		break;
	case FIELD_NUMBER:
		if (!cJSON_IsNumber(node))
			plan_loader_problem(loader, node, "expected a number, got %s",
					    plan_json_type_name(node));
		else if (!isfinite(node->valuedouble) || node->valuedouble < (double)field->min ||
			 node->valuedouble > (double)field->max)
			plan_loader_problem(loader, node,
					    "number out of range: expected %" G_GINT64_FORMAT
					    " to %" G_GINT64_FORMAT,
					    field->min, field->max);
		else {
			*(double *)member = node->valuedouble;
			plan_loader_mark_set(field, target);
		}
		break;
	case FIELD_ENUM:
		plan_loader_read_enum(loader, node, field, member);
		break;
	case FIELD_STRINGS:
		plan_loader_read_strings(loader, node, *(GPtrArray **)member, "strings");
		break;
	case FIELD_CIDR:
		plan_loader_read_cidr(loader, node, field, member);
		break;
	case FIELD_CIDR_LIST: {
		GArray *list = *(GArray **)member;
		guint index = 0;
		gsize mark = loader->path->len;
		if (!cJSON_IsArray(node)) {
			plan_loader_problem(loader, node,
					    "expected an array of CIDR strings, got %s",
					    plan_json_type_name(node));
			break;
		}
		for (const cJSON *item = node->child; item != NULL; item = item->next, index++) {
			PlanCidr cidr = {0};
			plan_loader_path_push_index(loader, index);
			plan_loader_read_cidr(loader, item, field, &cidr);
			if (cidr.text != NULL)
				g_array_append_val(list, cidr);
			plan_loader_path_cut(loader, mark);
		}
		break;
	}
	case FIELD_OBJECT:
		if (!cJSON_IsObject(node)) {
			plan_loader_problem(loader, node, "expected a %s object, got %s",
					    field->schema->what, plan_json_type_name(node));
			break;
		}
		*(gboolean *)((guint8 *)target + field->schema->present_offset) = TRUE;
		plan_loader_read_object(loader, node, field->schema, target);
		break;
	case FIELD_ARRAY:
		plan_loader_read_array(loader, node, field->schema, *(GPtrArray **)member, target);
		break;
	case FIELD_NOTES:
		if (cJSON_IsString(node)) {
			if (plan_loader_expect_string(loader, node, "a string"))
				g_ptr_array_add(*(GPtrArray **)member,
						g_strdup(node->valuestring));
		} else {
			plan_loader_read_strings(loader, node, *(GPtrArray **)member,
						 "strings (or one string)");
		}
		break;
	case FIELD_SIZE:
		plan_loader_read_size(loader, node, target);
		break;
	case FIELD_PEERINGS:
		plan_loader_read_peerings(loader, node, *(GPtrArray **)member);
		break;
	case FIELD_VERSION: {
		gint64 version = 0;
		if (plan_loader_read_integer(loader, node, 1, G_MAXINT32, &version)) {
			if (version != 1)
				plan_loader_problem(loader, node,
						    "model version %" G_GINT64_FORMAT
						    " is not supported; this ecsplan reads version 1",
						    version);
			else
				*(gint64 *)member = version;
		}
		break;
	}
	default:
		g_assert_not_reached();
	}
	/* a field with a set bit is marked given when it was read without a problem */
	if (loader->n_problems == problems_before)
		plan_loader_mark_set(field, target);
}

static void
plan_loader_unknown_field(PlanLoader *loader, const cJSON *node, const PlanSchema *schema)
{
	const char *names[64];
	const char *suggestion;
	PlanOrigin origin = {0};
	g_autofree char *known = NULL;

	g_assert(schema->n_fields <= G_N_ELEMENTS(names));
	for (guint i = 0; i < schema->n_fields; i++)
		names[i] = schema->fields[i].name;
	suggestion = plan_text_suggest(node->string, names, schema->n_fields);
	origin.path = loader->path->str;
	origin.loc = plan_loader_loc(loader, node);
	if (suggestion != NULL) {
		plan_diagnostics_add(loader->warnings, PLAN_SEVERITY_WARNING, "field-unknown",
				     &origin, NULL, NULL,
				     "unknown field '%s' in %s; did you mean '%s'?", node->string,
				     schema->what, suggestion);
	} else {
		known = plan_text_join_quoted(names, schema->n_fields, schema->n_fields);
		plan_diagnostics_add(loader->warnings, PLAN_SEVERITY_WARNING, "field-unknown",
				     &origin, NULL, NULL,
				     "unknown field '%s' in %s is ignored; known fields: %s",
				     node->string, schema->what, known);
	}
}

/* @hint: where to start looking, updated to the field found + 1. Keys mostly come in the
 * schema's order (the writer's), so the first comparison usually matches: a linear search
 * from 0 was 3% of loading a large model in strcmp alone */
static gint
plan_schema_field_index(const PlanSchema *schema, const char *name, guint *hint)
{
	guint n = schema->n_fields;
	guint start = *hint < n ? *hint : 0;

	for (guint k = 0; k < n; k++) {
		guint index = start + k < n ? start + k : start + k - n;
		const char *field = schema->fields[index].name;
		/* the first byte before strcmp: most misses end there, without a call */
		if (field[0] == name[0] && strcmp(field, name) == 0) {
			*hint = index + 1;
			return (gint)index;
		}
	}
	return -1;
}

/* the schema fields of an object's first children, looked up once for both passes below */
#define PLAN_LOADER_KNOWN_CHILDREN 32

/* runs before the fields are read, so that problems come out in the order of the file: an
 * object starts before its fields. @indices: each of the first PLAN_LOADER_KNOWN_CHILDREN
 * children's field index (-1: unknown), for the reading pass */
static void
plan_loader_check_required(PlanLoader *loader, const cJSON *node, const PlanSchema *schema,
			   gint *indices)
{
	guint64 present = 0;
	guint hint = 0;
	guint n = 0;

	for (const cJSON *child = node->child; child != NULL; child = child->next, n++) {
		gint index = plan_schema_field_index(schema, child->string, &hint);
		if (n < PLAN_LOADER_KNOWN_CHILDREN)
			indices[n] = index;
		if (index >= 0)
			present |= G_GUINT64_CONSTANT(1) << index;
	}
	for (guint index = 0; index < schema->n_fields; index++) {
		if ((schema->fields[index].flags & FIELD_REQUIRED) &&
		    !(present & (G_GUINT64_CONSTANT(1) << index)))
			plan_loader_problem(loader, node, "missing required field '%s' in %s",
					    schema->fields[index].name, schema->what);
	}
}

void
plan_loader_read_object(PlanLoader *loader, const cJSON *node, const PlanSchema *schema,
			gpointer target)
{
	guint64 seen = 0;
	gsize mark = loader->path->len;
	gint indices[PLAN_LOADER_KNOWN_CHILDREN];
	guint n = 0;
	guint hint = 0;

	g_assert(schema->n_fields <= 64);
	plan_loader_check_required(loader, node, schema, indices);
	for (const cJSON *child = node->child; child != NULL; child = child->next, n++) {
		gint index = n < PLAN_LOADER_KNOWN_CHILDREN
				 ? indices[n]
				 : plan_schema_field_index(schema, child->string, &hint);

		if (mark > 0)
			plan_loader_path_append(loader, ".", 1);
		plan_loader_path_append(loader, child->string, strlen(child->string));
		/* "$schema" at the top names the JSON Schema for editors (ecsplan schema) */
		if (index < 0 && schema == &schema_model &&
		    strcmp(child->string, "$schema") == 0 && cJSON_IsString(child)) {
			plan_loader_path_cut(loader, mark);
			continue;
		}
		if (index < 0) {
			plan_loader_unknown_field(loader, child, schema);
		} else if (seen & (G_GUINT64_CONSTANT(1) << index)) {
			/* JSON allows it, but which value wins is up to the parser: refuse */
			plan_loader_problem(loader, child, "duplicate key '%s'", child->string);
		} else {
			seen |= G_GUINT64_CONSTANT(1) << index;
			plan_loader_read_field(loader, child, &schema->fields[index], target);
		}
		plan_loader_path_cut(loader, mark);
	}
}
