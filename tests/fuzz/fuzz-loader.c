/* ecsplan: libFuzzer target for the model loader (planner/loader.c, jsonpos.c, schema.c), the
 * writer and name resolution. Any bytes in: no crash, no leak, no undefined behaviour, no GLib
 * critical (those are made fatal, because a critical is a bug too).
 *
 * Beyond not crashing it checks two promises: a model the loader accepts can be written, and
 * what the writer writes reads back and writes out to the same text. */
#include <stdint.h>
#include <string.h>

#include "fuzz.h"
#include "diagnostic.h"
#include "loader.h"

FUZZ_DEFINE_INITIALIZE

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(PlanModel) model = NULL;
	g_autoptr(PlanModel) again = NULL;
	g_autofree char *written = NULL;
	g_autofree char *rewritten = NULL;

	model = plan_model_load_data((const char *)data, size, "fuzz.json", &error);
	if (model == NULL) {
		/* failing is fine, failing without saying why is not */
		g_assert(error != NULL && error->message[0] != '\0');
		return 0;
	}
	g_assert(error == NULL);

	written = plan_model_to_json(model, NULL);
	again = plan_model_load_data(written, strlen(written), "fuzz.json", &error);
	if (again == NULL)
		g_error("the written model does not read back: %s\n%s", error->message, written);
	rewritten = plan_model_to_json(again, NULL);
	if (strcmp(written, rewritten) != 0)
		g_error("writing is not stable:\n%s\n---\n%s", written, rewritten);

	/* linking again is harmless: the loader and the importer link already (issue 10) */
	plan_model_link(model);
	g_assert(model->link_diagnostics != NULL);
	return 0;
}
