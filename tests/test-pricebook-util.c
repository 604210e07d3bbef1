/* ecsplan: what the price book's tests share (test-pricebook.c, test-pricebook-file.c,
 * test-pricebook-options.c) */
#include "test-pricebook-util.h"

#include <string.h>

#include "plan-error.h"

const char *const covered_regions[8] = {
    "ap-southeast-2", "ca-central-1", "eu-central-1", "eu-west-1",
    "eu-west-2",      "us-east-1",    "us-east-2",    "us-west-2",
};

PlanPriceBook *
load_builtin(const char *region)
{
	g_autoptr(GError) error = NULL;
	PlanPriceBook *book = plan_price_book_load_builtin(region, &error);

	g_assert_no_error(error);
	g_assert_nonnull(book);
	return book;
}

PlanPriceBook *
load_text(const char *text, const char *region, GError **error)
{
	return plan_price_book_load_data(text, strlen(text), DISPLAY, region, error);
}

const PlanPrice *
get(const PlanPriceBook *book, const char *key)
{
	const PlanPrice *price = plan_price_book_get(book, key);
	if (price == NULL)
		g_error("no '%s' in the %s book", key, plan_price_book_region(book));
	return price;
}

void
check_bad_cases(const BadCase *cases, gsize n_cases, const char *region)
{
	g_autoptr(GString) failures = g_string_new(NULL);

	for (gsize i = 0; i < n_cases; i++) {
		const BadCase *c = &cases[i];
		g_autoptr(GError) error = NULL;
		g_autoptr(PlanPriceBook) book = load_text(c->text, region, &error);
		g_auto(GStrv) lines = NULL;

		if (book != NULL) {
			g_string_append_printf(failures, "\n%s: loaded", c->name);
			continue;
		}
		g_assert_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL);
		lines = g_strsplit(error->message, "\n", 2);
		if (g_strcmp0(lines[0], c->message) != 0)
			g_string_append_printf(failures, "\n%s:\n  expected: %s\n  got:      %s",
					       c->name, c->message, lines[0]);
	}
	if (failures->len > 0)
		g_test_fail_printf("%s", failures->str);
}
