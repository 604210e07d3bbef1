/* ecsplan: numbers and money as every renderer writes them — locale-independent, exact. A floor
 * below the renderers and the diagram layout (reports/diagram/), so both may use it */
#pragma once

#include <glib.h>

#include "text.h" /* plan_text_int(): integers without printf */

G_BEGIN_DECLS

/* shared number formatting: locale-independent, fixed */
void report_append_count(GString *out, gint64 value);

/* money is integer nano-dollars (PlanNanos). exact: @nanos as a decimal with at least two and
 * at most nine places, trailing zeros dropped: 40480000 -> "0.04048", 96000000 -> "0.096",
 * 10000000 -> "0.01" (prices, and money in JSON and CSV) */
char *report_nanos_to_string(gint64 nanos) G_GNUC_WARN_UNUSED_RESULT;
/* for display: dollars rounded to the cent, halves away from zero: 9010025000 -> "9.01",
 * 5000000 -> "0.01", -5000000 -> "-0.01"; never "-0.00" */
void report_format_money(gint64 nanos, GString *out);
/* marks a figure that rests on an unconfirmed price or assumption, in every renderer */
#define REPORT_ESTIMATE_MARK "~"
/* room for report_money_text(): the mark, a sign, the dollars' digits, '.', two places, NUL */
#define REPORT_MONEY_SIZE (PLAN_TEXT_INT_SIZE + 8)
/* a money cell into @text, NUL-terminated, without an allocation (tables of thousands of
 * cells): "12.34", or "~12.34" for an estimate. Returns: its length */
gsize report_money_text(char text[REPORT_MONEY_SIZE], gint64 nanos, gboolean estimate);
/* a money cell for tables: "12.34", or "~12.34" for an estimate. Returns: (transfer full) */
char *report_money_cell(gint64 nanos, gboolean estimate) G_GNUC_WARN_UNUSED_RESULT;
/* a quantity with at most @places decimals, trailing zeros dropped: 547.5, 730, 1.3699 */
void report_format_decimal(double value, guint places, GString *out);
/* the same as a new string. Returns: (transfer full) */
char *report_decimal_text(double value, guint places) G_GNUC_WARN_UNUSED_RESULT;

/* a duration in its largest whole unit: 604800 -> "7 d", 21600 -> "6 h", 5400 -> "90 min",
 * 45 -> "45 s" (and 0 -> "0 s"). Returns: (transfer full) */
char *report_duration_text(gint64 seconds) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
