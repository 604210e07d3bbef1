#include "number.h"

#include <string.h>

#include "pricebook.h"

void
report_append_count(GString *out, gint64 value)
{
	char text[PLAN_TEXT_INT_SIZE];
	gsize length = plan_text_int(text, value);

	g_string_append_len(out, text, (gssize)length);
}

/* a chart's data prints four of these per point, a compare table a dozen per service: written
 * without printf (same digits) */
char *
report_nanos_to_string(gint64 nanos)
{
	/* sign, at most 11 digits of dollars (2^63 nano-dollars), '.', 9 places, NUL */
	char text[PLAN_TEXT_INT_SIZE + 12];
	guint64 magnitude = nanos < 0 ? (guint64)(-(nanos + 1)) + 1 : (guint64)nanos;
	guint64 fraction = magnitude % (guint64)PLAN_NANOS_PER_DOLLAR;
	gsize length = 0;
	int places = 9;

	if (nanos < 0)
		text[length++] = '-';
	length += plan_text_int(text + length,
				  (gint64)(magnitude / (guint64)PLAN_NANOS_PER_DOLLAR));
	text[length++] = '.';
	for (int i = 8; i >= 0; i--) {
		text[length + (gsize)i] = (char)('0' + fraction % 10);
		fraction /= 10;
	}
	while (places > 2 && text[length + (gsize)places - 1] == '0')
		places--;
	return g_strndup(text, length + (gsize)places);
}

gsize
report_money_text(char text[REPORT_MONEY_SIZE], gint64 nanos, gboolean estimate)
{
	/* the magnitude as unsigned, so G_MININT64 does not overflow */
	guint64 magnitude = nanos < 0 ? (guint64)(-(nanos + 1)) + 1 : (guint64)nanos;
	guint64 cents = magnitude / 10000000u + (magnitude % 10000000u >= 5000000u ? 1 : 0);
	gsize length = 0;

	if (estimate) {
		memcpy(text, REPORT_ESTIMATE_MARK, sizeof REPORT_ESTIMATE_MARK - 1);
		length += sizeof REPORT_ESTIMATE_MARK - 1;
	}
	if (nanos < 0 && cents > 0)
		text[length++] = '-';
	length += plan_text_int(text + length, (gint64)(cents / 100u));
	text[length++] = '.';
	text[length++] = (char)('0' + cents % 100u / 10u);
	text[length++] = (char)('0' + cents % 10u);
	text[length] = '\0';
	return length;
}

void
report_format_money(gint64 nanos, GString *out)
{
	char text[REPORT_MONEY_SIZE];
	gsize length = report_money_text(text, nanos, FALSE);

	g_string_append_len(out, text, (gssize)length);
}

char *
report_money_cell(gint64 nanos, gboolean estimate)
{
	char text[REPORT_MONEY_SIZE];
	gsize length = report_money_text(text, nanos, estimate);

	return g_strndup(text, length);
}

void
report_format_decimal(double value, guint places, GString *out)
{
	static const char *const formats[] = {"%.0f", "%.1f", "%.2f",  "%.3f",  "%.4f",
					      "%.5f", "%.6f", "%.7f",  "%.8f",  "%.9f",
					      "%.10f", "%.11f", "%.12f"};
	char buffer[G_ASCII_DTOSTR_BUF_SIZE + 320]; /* %f of a large double is long */
	gsize length;

	g_ascii_formatd(buffer, sizeof buffer, formats[MIN(places, 12u)], value);
	length = strlen(buffer);
	if (strchr(buffer, '.') != NULL) {
		while (buffer[length - 1] == '0')
			length--;
		if (buffer[length - 1] == '.')
			length--;
	}
	/* -0.00001 at 4 places is "-0" */
	if (length == 2 && buffer[0] == '-' && buffer[1] == '0')
		g_string_append_c(out, '0');
	else
		g_string_append_len(out, buffer, (gssize)length);
}

char *
report_decimal_text(double value, guint places)
{
	GString *out = g_string_new(NULL);
	report_format_decimal(value, places, out);
	return g_string_free(out, FALSE);
}

char *
report_duration_text(gint64 seconds)
{
	if (seconds > 0 && seconds % 86400 == 0)
		return g_strdup_printf("%" G_GINT64_FORMAT " d", seconds / 86400);
	if (seconds > 0 && seconds % 3600 == 0)
		return g_strdup_printf("%" G_GINT64_FORMAT " h", seconds / 3600);
	if (seconds > 0 && seconds % 60 == 0)
		return g_strdup_printf("%" G_GINT64_FORMAT " min", seconds / 60);
	return g_strdup_printf("%" G_GINT64_FORMAT " s", seconds);
}
