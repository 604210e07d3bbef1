/* ecsplan: libFuzzer target for the Terraform importer (planner/import-terraform*.c): the
 * detection scan, the values/changes/configuration readers, reference resolution through
 * modules, and the mappers. Any bytes in: no crash, no leak, no undefined behaviour, no GLib
 * critical or warning.
 *
 * Beyond not crashing it checks the importer's promises: a failure says why; an imported
 * model writes as a model that reads back with no warning at all (no field-unknown) and
 * writes out to the same text; its names resolve without crashing. */
#include <stdint.h>
#include <string.h>

#include "fuzz.h"
#include "diagnostic.h"
#include "import-terraform.h"
#include "loader.h"

FUZZ_DEFINE_INITIALIZE

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(PlanModel) model = NULL;
	g_autoptr(PlanModel) again = NULL;
	g_autoptr(GPtrArray) findings = plan_diagnostics_new();
	g_autofree char *written = NULL;
	g_autofree char *rewritten = NULL;

	(void)plan_import_is_terraform((const char *)data, size);
	model =
	    plan_import_terraform((const char *)data, size, "fuzz.json", NULL, findings, &error);
	if (model == NULL) {
		g_assert(error != NULL && error->message[0] != '\0');
		return 0;
	}
	g_assert(error == NULL);
	g_assert(findings->len == model->load_diagnostics->len);

	written = plan_model_to_json(model, NULL);
	again = plan_model_load_data(written, strlen(written), "fuzz.json", &error);
	if (again == NULL)
		g_error("the imported model does not read back: %s\n%s", error->message, written);
	if (again->load_diagnostics->len > 0)
		g_error("the imported model reads back with warnings:\n%s", written);
	rewritten = plan_model_to_json(again, NULL);
	if (strcmp(written, rewritten) != 0)
		g_error("writing is not stable:\n%s\n---\n%s", written, rewritten);

	/* linking again is harmless: the loader and the importer link already (issue 10) */
	plan_model_link(model);
	g_assert(model->link_diagnostics != NULL);
	return 0;
}
