/* writing models: PlanModel -> JSON text, walking the same schema tables as the loader, so a
 * written model reads back to the same model. fields equal to their default are left out. */
#include "loader.h"

#include <string.h>

#include "compat.h"
#include "json-util.h"
#include "schema-private.h"

static void plan_writer_object(cJSON *out, const PlanSchema *schema, gconstpointer element,
			       gconstpointer defaults, gboolean embedded);

static cJSON *
plan_writer_cidr(const PlanCidr *cidr)
{
	char buf[64];

	if (cidr->state == PLAN_CIDR_AUTO)
		return cJSON_CreateString("auto");
	if (cidr->state == PLAN_CIDR_OK) {
		plan_prefix_format(&cidr->prefix, buf, sizeof buf);
		return cJSON_CreateString(buf);
	}
	/* keep what the user wrote when it does not parse or has host bits set */
	return cJSON_CreateString(cidr->text != NULL ? cidr->text : "");
}

static cJSON *
plan_writer_strings(const GPtrArray *strings)
{
	cJSON *array = cJSON_CreateArray();
	for (guint i = 0; i < strings->len; i++)
		cJSON_AddItemToArray(array, cJSON_CreateString(g_ptr_array_index(strings, i)));
	return array;
}

static cJSON *
plan_writer_size(const PlanSubnet *subnet)
{
	g_autofree char *text = NULL;

	switch (subnet->size_kind) {
	case PLAN_SIZE_LENGTH:
		text = g_strdup_printf("/%u", subnet->size_length);
		return cJSON_CreateString(text);
	case PLAN_SIZE_ADDRESSES:
		return cJSON_CreateNumber((double)subnet->size_addresses);
	case PLAN_SIZE_AUTO:
		return cJSON_CreateString("auto");
	case PLAN_SIZE_UNSET:
	default:
		return NULL;
	}
}

static cJSON *
plan_writer_array(const PlanSchema *schema, const GPtrArray *elements)
{
	cJSON *array = cJSON_CreateArray();
	gpointer defaults = schema->create();

	for (guint i = 0; i < elements->len; i++) {
		cJSON *object = cJSON_CreateObject();
		plan_writer_object(object, schema, g_ptr_array_index(elements, i), defaults, FALSE);
		cJSON_AddItemToArray(array, object);
	}
	schema->destroy(defaults);
	return array;
}

static cJSON *
plan_writer_peerings(const GPtrArray *peerings)
{
	cJSON *array = cJSON_CreateArray();
	for (guint i = 0; i < peerings->len; i++) {
		const PlanPeering *peering = g_ptr_array_index(peerings, i);
		cJSON *pair = cJSON_CreateArray();
		cJSON_AddItemToArray(pair, cJSON_CreateString(peering->vpc_a));
		cJSON_AddItemToArray(pair, cJSON_CreateString(peering->vpc_b));
		cJSON_AddItemToArray(array, pair);
	}
	return array;
}

/* the JSON value of one field, or NULL when it is unset or equal to its default */
static cJSON *
plan_writer_field(const PlanField *field, gconstpointer element, gconstpointer defaults,
		  gboolean force)
{
	gconstpointer member = (const guint8 *)element + field->offset;
	gconstpointer base = (const guint8 *)defaults + field->offset;
	gboolean required = force || (field->flags & FIELD_REQUIRED);

	/* a field that records whether it was given is written exactly when it was */
	if (field->set_bit != 0) {
		guint set = *(const guint *)((const guint8 *)element + field->set_offset);
		if (!(set & field->set_bit))
			return NULL;
		required = TRUE;
	}

	switch (field->kind) {
	case FIELD_STRING: {
		const char *value = *(char *const *)member;
		return value != NULL ? cJSON_CreateString(value) : NULL;
	}
	case FIELD_BOOL: {
		gboolean value = *(const gboolean *)member;
		return required || value != *(const gboolean *)base ? cJSON_CreateBool(value) : NULL;
	}
	case FIELD_INT:
	case FIELD_VERSION: {
		gint64 value = *(const gint64 *)member;
		return required || value != *(const gint64 *)base ? cJSON_CreateNumber((double)value)
								   : NULL;
	}
	case FIELD_NUMBER: {
		double value = *(const double *)member;
		return required || value != *(const double *)base ? cJSON_CreateNumber(value)
								   : NULL;
	}
	case FIELD_ENUM: {
		int value = *(const int *)member;
		return required || value != *(const int *)base
			       ? cJSON_CreateString(field->values[value])
			       : NULL;
	}
	case FIELD_STRINGS:
	case FIELD_NOTES: {
		const GPtrArray *strings = *(GPtrArray *const *)member;
		return strings->len > 0 || required ? plan_writer_strings(strings) : NULL;
	}
	case FIELD_CIDR: {
		const PlanCidr *cidr = member;
		return cidr->state != PLAN_CIDR_UNSET ? plan_writer_cidr(cidr) : NULL;
	}
	case FIELD_CIDR_LIST: {
		const GArray *list = *(GArray *const *)member;
		cJSON *array;
		if (list->len == 0)
			return NULL;
		array = cJSON_CreateArray();
		for (guint i = 0; i < list->len; i++)
			cJSON_AddItemToArray(array,
					     plan_writer_cidr(&g_array_index(list, PlanCidr, i)));
		return array;
	}
	case FIELD_OBJECT: {
		cJSON *object;
		if (!*(const gboolean *)((const guint8 *)element + field->schema->present_offset))
			return NULL;
		object = cJSON_CreateObject();
		plan_writer_object(object, field->schema, element, defaults, TRUE);
		return object;
	}
	case FIELD_ARRAY: {
		const GPtrArray *elements = *(GPtrArray *const *)member;
		return elements->len > 0 || required ? plan_writer_array(field->schema, elements)
						     : NULL;
	}
	case FIELD_SIZE:
		return plan_writer_size(element);
	case FIELD_PEERINGS: {
		const GPtrArray *peerings = *(GPtrArray *const *)member;
		return peerings->len > 0 ? plan_writer_peerings(peerings) : NULL;
	}
	default:
		g_assert_not_reached();
	}
	return NULL;
}

/* @embedded: an object that is present writes every field, so it reads as the user meant */
static void
plan_writer_object(cJSON *out, const PlanSchema *schema, gconstpointer element,
		   gconstpointer defaults, gboolean embedded)
{
	for (guint i = 0; i < schema->n_fields; i++) {
		const PlanField *field = &schema->fields[i];
		cJSON *value = plan_writer_field(field, element, defaults, embedded);
		if (value != NULL)
			cJSON_AddItemToObject(out, field->name, value);
	}
}

char *
plan_model_to_json(const PlanModel *model, GError **error)
{
	g_autoptr(cJSON) root = cJSON_CreateObject();
	g_autoptr(PlanModel) defaults = plan_model_new();
	g_autoptr(GString) out = g_string_new(NULL);

	g_return_val_if_fail(model != NULL, NULL);
	plan_writer_object(root, &schema_model, model, defaults, FALSE);
	if (!plan_json_print_append(out, root, TRUE, error))
		return NULL;
	/* cJSON indents with tabs; end the file with a newline like any text file */
	g_string_append_c(out, '\n');
	return g_string_free(g_steal_pointer(&out), FALSE);
}
