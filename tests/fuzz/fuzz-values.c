/* ecsplan: libFuzzer target for the values users type (planner/base/parse.c: durations, counts,
 * decimals; --fail-az; plan_text_excerpt()). Any bytes in: no crash, leak, undefined
 * behaviour or GLib critical. Beyond that:
 * - a duration read is whole seconds from 0 to 100 years, and written back as "Ns" it reads
 *   as the same number;
 * - a count read lies in its range and is the decimal text it came from;
 * - an excerpt is short and holds no control character. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "input.h"
#include "parse.h"
#include "plan-error.h"
#include "simulate.h"

FUZZ_DEFINE_INITIALIZE

static void
fuzz_excerpt(const uint8_t *data, size_t size)
{
	g_autofree char *excerpt = plan_text_excerpt((const char *)data, (gssize)size);
	gsize length = strlen(excerpt);

	g_assert(g_utf8_validate(excerpt, -1, NULL));
	/* 80 characters, each at most "\u{xxxx}" (8 bytes), and the "... (N bytes)" tail */
	g_assert(length <= PLAN_TEXT_EXCERPT_MAX * 8 + 40);
	for (const char *p = excerpt; *p != '\0'; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		g_assert(c >= 0x20 && !(c >= 0x7f && c < 0xa0) && c != 0x202e && c != 0x2028);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	g_autofree char *text = NULL;
	g_autoptr(GError) error = NULL;
	gint64 seconds = -1;
	guint64 count = 0;
	double value = 0;
	g_autofree char *az = NULL;
	gint64 at = 0;

	fuzz_excerpt(data, size);
	if (memchr(data, '\0', size) != NULL)
		return 0;
	text = g_strndup((const char *)data, size);

	if (plan_parse_duration(text, &seconds, &error)) {
		g_autofree char *again = g_strdup_printf("%" G_GINT64_FORMAT "s", seconds);
		gint64 back = -1;
		g_assert(seconds >= 0 && seconds <= PLAN_PARSE_DURATION_MAX);
		g_assert(plan_parse_duration(again, &back, NULL) && back == seconds);
	} else {
		g_assert(error != NULL && error->code == PLAN_ERROR_USAGE);
	}
	g_clear_error(&error);

	if (plan_parse_count("--runs", text, 1, 100000, &count, &error)) {
		g_autofree char *again = g_strdup_printf("%" G_GUINT64_FORMAT, count);
		const char *digits = text;
		g_assert(count >= 1 && count <= 100000);
		while (digits[0] == '0' && digits[1] != '\0')
			digits++;
		g_assert(strcmp(again, digits) == 0);
	} else {
		g_assert(error != NULL && error->message[0] != '\0');
	}
	g_clear_error(&error);

	if (plan_parse_decimal(text, &value)) {
		g_assert(value >= 0 && value == value);
		for (const char *p = text; *p != '\0'; p++)
			g_assert(g_ascii_isdigit(*p) || *p == '.');
	}

	if (plan_sim_parse_fail_az(text, &az, &at, &error)) {
		g_assert(az != NULL && az[0] != '\0' && at >= 0);
	} else {
		g_assert(error != NULL && error->message[0] != '\0');
	}
	return 0;
}
