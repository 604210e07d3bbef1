/* ecsplan: libFuzzer target for the price-book reader (planner/pricebook-reader.c,
 * pricebook.c). Any bytes in: no crash, leak, undefined behaviour or GLib critical. Beyond
 * that: a failure says why, and an accepted book answers for every key and instance it lists. */
#include <stdint.h>
#include <string.h>

#include "fuzz.h"
#include "plan-error.h"
#include "pricebook.h"

FUZZ_DEFINE_INITIALIZE

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(PlanPriceBook) book = NULL;
	g_autoptr(GPtrArray) keys = NULL;
	g_autoptr(GPtrArray) instances = NULL;

	book = plan_price_book_load_data((const char *)data, size, "fuzz-prices.json", NULL,
					 &error);
	if (book == NULL) {
		g_assert(error != NULL && error->message[0] != '\0');
		return 0;
	}
	g_assert(error == NULL);
	g_assert(plan_price_book_region(book) != NULL);
	keys = plan_price_book_keys(book);
	for (guint i = 0; i < keys->len; i++)
		g_assert(plan_price_book_get(book, g_ptr_array_index(keys, i)) != NULL);
	instances = plan_price_book_instances(book);
	g_assert(instances != NULL);
	return 0;
}
