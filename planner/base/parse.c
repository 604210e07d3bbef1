/* strict readers for the numbers users type (docs/limits.md, "Parsers and simulation") */
#include "parse.h"

#include <math.h>
#include <string.h>

#include "plan-error.h"

/* the longest number text worth reading: 20 digits hold any gint64 */
#define PARSE_MAX_DIGITS 30

gboolean
plan_parse_decimal(const char *text, double *value)
{
	gsize digits = 0;
	gsize points = 0;
	gsize length;
	char *end = NULL;

	g_return_val_if_fail(value != NULL, FALSE);
	if (text == NULL)
		return FALSE;
	length = strlen(text);
	if (length == 0 || length > PARSE_MAX_DIGITS)
		return FALSE;
	for (gsize i = 0; i < length; i++) {
		if (g_ascii_isdigit(text[i]))
			digits++;
		else if (text[i] == '.')
			points++;
		else
			return FALSE;
	}
	/* "5", "0.5", "5." and ".5" are numbers; "." is not */
	if (digits == 0 || points > 1)
		return FALSE;
	*value = g_ascii_strtod(text, &end);
	return end == text + length && isfinite(*value);
}

gboolean
plan_parse_count(const char *what, const char *text, guint64 min, guint64 max, guint64 *value,
		 GError **error)
{
	guint64 number = 0;
	gsize length = text != NULL ? strlen(text) : 0;
	gboolean digits = length > 0 && length <= PARSE_MAX_DIGITS;

	g_return_val_if_fail(what != NULL && value != NULL, FALSE);
	for (gsize i = 0; digits && i < length; i++)
		digits = g_ascii_isdigit(text[i]);
	if (!digits || !g_ascii_string_to_unsigned(text, 10, min, max, &number, NULL)) {
		g_autofree char *shown = g_strndup(text != NULL ? text : "", 40);
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
			    "%s '%s' is not a whole number from %" G_GUINT64_FORMAT
			    " to %" G_GUINT64_FORMAT "; write it in decimal digits",
			    what, shown, min, max);
		return FALSE;
	}
	*value = number;
	return TRUE;
}

gboolean
plan_parse_duration(const char *text, gint64 *seconds, GError **error)
{
	static const struct {
		char unit;
		guint64 seconds;
	} units[] = {{'s', 1}, {'m', 60}, {'h', 3600}, {'d', 86400}, {'w', 604800}};
	g_autofree char *number = NULL;
	g_autofree char *shown = NULL;
	guint64 unit = 1;
	guint64 whole = 0;
	guint64 fraction = 0;
	guint64 scale = 1;
	gsize length;
	double value = 0;
	const char *point;

	g_return_val_if_fail(seconds != NULL, FALSE);
	length = text != NULL ? strlen(text) : 0;
	shown = g_strndup(text != NULL ? text : "", 40);
	for (guint i = 0; length > 1 && i < G_N_ELEMENTS(units); i++) {
		if (text[length - 1] == units[i].unit) {
			unit = units[i].seconds;
			length--;
			break;
		}
	}
	number = g_strndup(text != NULL ? text : "", length);
	if (!plan_parse_decimal(number, &value)) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
			    "cannot read the duration '%s'; use a decimal number and a unit: s, m, "
			    "h, d or w (for example 7d, 6h, 90m, 60s)",
			    shown);
		return FALSE;
	}
	if (value * (double)unit > (double)PLAN_PARSE_DURATION_MAX + 1) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
			    "the duration '%s' is over 100 years, the longest there is; give a "
			    "shorter one",
			    shown);
		return FALSE;
	}
	/* exactly, in integers: 1.5h is 5400 s; 0.5s is no whole second, and would silently
	 * become one */
	point = strchr(number, '.');
	whole = g_ascii_strtoull(number, NULL, 10);
	if (point != NULL) {
		gsize places = 0;
		for (const char *p = point + 1; *p != '\0'; p++) {
			if (places == 9) {
				if (*p != '0')
					scale = 0;
				continue;
			}
			fraction = fraction * 10 + (guint64)(*p - '0');
			scale *= 10;
			places++;
		}
	}
	if (scale == 0 || (fraction * unit) % scale != 0) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
			    "the duration '%s' is not a whole number of seconds; the shortest "
			    "step is 1s",
			    shown);
		return FALSE;
	}
	*seconds = (gint64)(whole * unit + fraction * unit / scale);
	if (*seconds > PLAN_PARSE_DURATION_MAX) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
			    "the duration '%s' is over 100 years, the longest there is; give a "
			    "shorter one",
			    shown);
		return FALSE;
	}
	return TRUE;
}
