/* ecsplan: libFuzzer target for the AWS offer-file importer (planner/prices/offer-import.c).
 * Any bytes in: no crash, no leak, no undefined behaviour, no GLib critical; a refusal says
 * why; and a book the importer writes from what it accepted reads back. */
#include <stdint.h>
#include <string.h>

#include "fuzz.h"
#include "offer-import.h"

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
	g_autoptr(PlanOfferImport) import = plan_offer_import_new(NULL);
	g_autoptr(GInputStream) stream =
	    g_memory_input_stream_new_from_data(g_memdup2(data, size), (gssize)size, g_free);
	g_autoptr(GError) error = NULL;
	g_autoptr(PlanPriceBook) specs = NULL;
	g_autoptr(PlanPriceBook) book = NULL;
	g_autofree char *text = NULL;

	if (!plan_offer_import_stream(import, stream, "fuzz.json", &error)) {
		g_assert(error != NULL && error->message[0] != '\0');
		return 0;
	}
	specs = plan_price_book_load_builtin_specs(plan_offer_import_region(import), NULL);
	if (specs == NULL)
		return 0;
	text = plan_offer_import_to_book(import, specs, NULL, &error);
	if (text == NULL) {
		g_assert(error != NULL);
		return 0;
	}
	g_clear_error(&error);
	book = plan_price_book_load_data(text, strlen(text), "imported", NULL, &error);
	/* a figure the importer keeps must be one the book accepts */
	if (book == NULL)
		g_error("the imported book does not read back: %s\n%s", error->message, text);
	return 0;
}
