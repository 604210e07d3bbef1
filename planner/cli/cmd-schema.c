/* ecsplan schema: the JSON Schema of a model, for editors and CI (docs/model.md) */
#include "cli.h"

#include <string.h>

int
plan_cmd_schema(const PlanCommand *command, int argc, char **argv, GError **error)
{
	g_autofree char *output = NULL;
	const GOptionEntry entries[] = {
	    {"output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
	     "Write the schema to FILE (atomically; missing folders are created) instead of "
	     "standard output",
	     "FILE"},
	    {NULL},
	};
	g_autoptr(GOptionContext) context = plan_cli_context_new(command, entries, NULL, 0);
	g_autofree char *schema = NULL;

	if (!plan_cli_parse(context, &argc, &argv, 0, error))
		return -1;
	if (!plan_cli_check_output(output, NULL, error))
		return -1;
	schema = plan_model_schema_to_json();
	return plan_cli_write(output, schema, strlen(schema), error) ? 0 : -1;
}
