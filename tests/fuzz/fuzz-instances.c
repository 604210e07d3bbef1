/* ecsplan: libFuzzer target for the describe-instance-types importer
 * (planner/prices/instance-import.c). Any bytes in: no crash, no leak, no undefined behaviour,
 * no GLib critical; a refusal says why; and the table written from what it accepted reads back
 * over the built-in one. */
#include <stdint.h>
#include <string.h>

#include "fuzz.h"
#include "compat.h"
#include "instance-import.h"
#include "json-util.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	g_log_set_always_fatal(G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	g_autoptr(PlanInstanceImport) import = plan_instance_import_new();
	g_autoptr(PlanPriceBook) book = NULL;
	g_autoptr(cJSON) root = NULL;
	g_autoptr(GString) text = g_string_new(NULL);
	g_autoptr(GError) error = NULL;

	if (!plan_instance_import_data(import, (const char *)data, size, "fuzz.json", &error)) {
		g_assert(error != NULL && error->message[0] != '\0');
		return 0;
	}
	book = plan_price_book_load_builtin_specs(NULL, NULL);
	if (book == NULL)
		return 0;
	root = cJSON_CreateObject();
	cJSON_AddNumberToObject(root, "ecsplan_instances", 1);
	plan_instance_import_add_to(import, book, root);
	if (!plan_json_print_append(text, root, FALSE, NULL))
		return 0;
	/* a type the importer keeps must be one the book accepts */
	if (!plan_price_book_read_instances(book, text->str, text->len, "imported", &error))
		g_error("the imported table does not read back: %s\n%s", error->message, text->str);
	return 0;
}
