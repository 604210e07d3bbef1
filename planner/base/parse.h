/* ecsplan: strict readers for the numbers users type: durations, counts and hours, in flags
 * and in model fields. Decimal only (no hex, octal, exponents, signs, spaces, inf or nan);
 * docs/limits.md, "Parsers and simulation", lists what each accepts. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* the longest duration anything takes: 100 years of 366 days */
#define PLAN_PARSE_DURATION_MAX (G_GINT64_CONSTANT(100) * 366 * 86400)

/**
 * plan_parse_duration:
 * @text: "7d", "6h", "90m", "60s", "1.5h", "3600" (seconds); units s, m, h, d, w
 * @seconds: (out): whole seconds, 0 to PLAN_PARSE_DURATION_MAX
 * Returns: FALSE with PLAN_ERROR_USAGE when @text is not such a duration, or when it is not a
 * whole number of seconds ("0.5s", "1.0001m")
 */
gboolean plan_parse_duration(const char *text, gint64 *seconds, GError **error);

/**
 * plan_parse_count:
 * @what: the flag or field, for messages ("--runs")
 * @text: decimal digits only
 * Returns: FALSE with PLAN_ERROR_USAGE unless @text is a decimal integer from @min to @max
 */
gboolean plan_parse_count(const char *what, const char *text, guint64 min, guint64 max,
			  guint64 *value, GError **error);

/**
 * plan_parse_decimal:
 * @text: digits with at most one '.', as "730" or "0.5" (no sign, exponent or hex)
 * Returns: FALSE (without an error: the caller says what was expected) when it is not one
 */
gboolean plan_parse_decimal(const char *text, double *value);

G_END_DECLS
