/* ecsplan: the model's JSON Schema (draft 2020-12), made from the same field tables the loader
 * reads with (schema.c), so an editor checks a model as ecsplan will. What a schema cannot say
 * (names that must resolve, CIDR arithmetic) stays with `ecsplan validate`. */
#include "loader.h"

#include <string.h>

#include "compat.h"
#include "regions.h"

#include "schema-private.h"

#define PLAN_SCHEMA_ID "https://ecsplan.invalid/schema/model-1.json"

static cJSON *plan_schema_object(const PlanSchema *schema);

static void
plan_schema_add_regions(cJSON *node)
{
	guint n_regions = 0;
	const PlanRegion *regions = plan_region_all(&n_regions);
	cJSON *examples = cJSON_AddArrayToObject(node, "examples");

	for (guint i = 0; i < n_regions; i++)
		cJSON_AddItemToArray(examples, cJSON_CreateString(regions[i].name));
}

static void
plan_schema_add_range(cJSON *node, const PlanField *field)
{
	cJSON_AddNumberToObject(node, "minimum", (double)field->min);
	cJSON_AddNumberToObject(node, "maximum", (double)field->max);
}

static cJSON *
plan_schema_string(const char *description)
{
	cJSON *node = cJSON_CreateObject();
	cJSON_AddStringToObject(node, "type", "string");
	if (description != NULL)
		cJSON_AddStringToObject(node, "description", description);
	return node;
}

static cJSON *
plan_schema_strings(void)
{
	cJSON *node = cJSON_CreateObject();
	cJSON_AddStringToObject(node, "type", "array");
	cJSON_AddItemToObject(node, "items", plan_schema_string(NULL));
	return node;
}

static cJSON *
plan_schema_field(const PlanField *field)
{
	cJSON *node;

	switch (field->kind) {
	case FIELD_STRING:
		return plan_schema_string(NULL);
	case FIELD_BOOL:
		node = cJSON_CreateObject();
		cJSON_AddStringToObject(node, "type", "boolean");
		return node;
	case FIELD_INT:
		node = cJSON_CreateObject();
		cJSON_AddStringToObject(node, "type", "integer");
		plan_schema_add_range(node, field);
		return node;
	case FIELD_NUMBER:
		node = cJSON_CreateObject();
		cJSON_AddStringToObject(node, "type", "number");
		plan_schema_add_range(node, field);
		return node;
	case FIELD_ENUM: {
		cJSON *values;
		node = cJSON_CreateObject();
		cJSON_AddStringToObject(node, "type", "string");
		values = cJSON_AddArrayToObject(node, "enum");
		for (guint i = 0; field->values[i] != NULL; i++)
			cJSON_AddItemToArray(values, cJSON_CreateString(field->values[i]));
		return node;
	}
	case FIELD_STRINGS:
		return plan_schema_strings();
	case FIELD_CIDR:
		return plan_schema_string((field->flags & FIELD_CIDR_AUTO)
					      ? "a CIDR block like \"10.0.1.0/24\", or \"auto\" "
						"(ecsplan alloc fills it in)"
					  : (field->flags & FIELD_IPV6)
					      ? "an IPv6 CIDR block like \"2001:db8:1200::/56\""
					      : "a CIDR block like \"10.0.0.0/16\"");
	case FIELD_CIDR_LIST:
		node = plan_schema_strings();
		cJSON_AddStringToObject(node, "description", "CIDR blocks like \"100.64.0.0/16\"");
		return node;
	case FIELD_OBJECT:
	case FIELD_ARRAY: {
		cJSON *object = plan_schema_object(field->schema);
		if (field->kind == FIELD_OBJECT)
			return object;
		node = cJSON_CreateObject();
		cJSON_AddStringToObject(node, "type", "array");
		cJSON_AddItemToObject(node, "items", object);
		return node;
	}
	case FIELD_NOTES: {
		cJSON *any = cJSON_CreateArray();
		node = cJSON_CreateObject();
		cJSON_AddItemToArray(any, plan_schema_string(NULL));
		cJSON_AddItemToArray(any, plan_schema_strings());
		cJSON_AddItemToObject(node, "anyOf", any);
		return node;
	}
	case FIELD_SIZE: {
		/* the loader's plan_loader_read_size: an address count, "/N" or "auto" */
		cJSON *any = cJSON_CreateArray();
		cJSON *count = cJSON_CreateObject();
		cJSON *text = plan_schema_string(NULL);
		cJSON_AddStringToObject(count, "type", "integer");
		cJSON_AddNumberToObject(count, "minimum", 1);
		cJSON_AddNumberToObject(count, "maximum", 65531);
		cJSON_AddStringToObject(text, "pattern", "^(auto|/([0-9]|[12][0-9]|3[0-2]))$");
		cJSON_AddItemToArray(any, count);
		cJSON_AddItemToArray(any, text);
		node = cJSON_CreateObject();
		cJSON_AddStringToObject(
		    node, "description",
		    "a prefix length like \"/24\", an address count, or \"auto\"");
		cJSON_AddItemToObject(node, "anyOf", any);
		return node;
	}
	case FIELD_PEERINGS: {
		cJSON *pair = plan_schema_strings();
		cJSON_AddNumberToObject(pair, "minItems", 2);
		cJSON_AddNumberToObject(pair, "maxItems", 2);
		node = cJSON_CreateObject();
		cJSON_AddStringToObject(node, "type", "array");
		cJSON_AddStringToObject(node, "description",
					"pairs of VPC names like [\"a\", \"b\"]");
		cJSON_AddItemToObject(node, "items", pair);
		return node;
	}
	case FIELD_VERSION:
		node = cJSON_CreateObject();
		cJSON_AddNumberToObject(node, "const", 1);
		return node;
	default:
		g_assert_not_reached();
	}
}

static void
plan_schema_fill(cJSON *node, const PlanSchema *schema)
{
	cJSON *properties;
	cJSON *required = cJSON_CreateArray();

	cJSON_AddStringToObject(node, "type", "object");
	cJSON_AddStringToObject(node, "title", schema->what);
	properties = cJSON_AddObjectToObject(node, "properties");
	for (guint i = 0; i < schema->n_fields; i++) {
		const PlanField *field = &schema->fields[i];
		cJSON *property = plan_schema_field(field);
		/* editors offer "examples" as completions: the regions ecsplan knows (another is
		 * the az-unknown finding of validate, not an unreadable model) */
		if (schema == &plan_model_schema && strcmp(field->name, "region") == 0)
			plan_schema_add_regions(property);
		cJSON_AddItemToObject(properties, field->name, property);
		if (field->flags & FIELD_REQUIRED)
			cJSON_AddItemToArray(required, cJSON_CreateString(field->name));
	}
	if (schema == &plan_model_schema)
		cJSON_AddItemToObject(properties, "$schema",
				      plan_schema_string("this schema, for editors"));
	if (cJSON_GetArraySize(required) > 0)
		cJSON_AddItemToObject(node, "required", required);
	else
		cJSON_Delete(required);
	/* the loader warns about an unknown field (field-unknown): an editor marks it too */
	cJSON_AddFalseToObject(node, "additionalProperties");
}

static cJSON *
plan_schema_object(const PlanSchema *schema)
{
	cJSON *node = cJSON_CreateObject();
	plan_schema_fill(node, schema);
	return node;
}

/**
 * plan_model_schema_to_json:
 *
 * Returns: (transfer full): the JSON Schema (draft 2020-12) of a model, printed with a final
 * line feed
 */
char *
plan_model_schema_to_json(void)
{
	g_autoptr(cJSON) root = cJSON_CreateObject();
	char *printed;
	char *text;

	/* "$schema" and "$id" first, as readers expect */
	cJSON_AddStringToObject(root, "$schema", "https://json-schema.org/draft/2020-12/schema");
	cJSON_AddStringToObject(root, "$id", PLAN_SCHEMA_ID);
	cJSON_AddStringToObject(root, "description",
				"An ecsplan model (docs/model.md). Generated by 'ecsplan schema' "
				"from the loader's field tables.");
	plan_schema_fill(root, &plan_model_schema);
	printed = cJSON_Print(root);
	text = g_strconcat(printed, "\n", NULL);
	cJSON_free(printed);
	return text;
}
