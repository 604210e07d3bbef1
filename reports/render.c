#include "render.h"

#include "plan-error.h"
#include "pricebook.h"

#include <string.h>

#include <cjson/cJSON.h>

static const ReportFormatInfo report_formats[] = {
	{REPORT_FORMAT_TEXT, "text", "table", ".txt"},
	{REPORT_FORMAT_JSON, "json", NULL, ".json"},
	{REPORT_FORMAT_CSV, "csv", NULL, ".csv"},
	{REPORT_FORMAT_MARKDOWN, "markdown", "md", ".md"},
	{REPORT_FORMAT_HTML, "html", NULL, ".html"},
	{REPORT_FORMAT_SVG, "svg", NULL, ".svg"},
	{REPORT_FORMAT_PNG, "png", NULL, ".png"},
	{REPORT_FORMAT_PDF, "pdf", NULL, ".pdf"},
	{REPORT_FORMAT_SARIF, "sarif", NULL, ".sarif"},
	{REPORT_FORMAT_JUNIT, "junit", NULL, ".xml"},
};

G_STATIC_ASSERT(G_N_ELEMENTS(report_formats) == REPORT_FORMAT_COUNT);

const ReportFormatInfo *
report_format_info(ReportFormat format)
{
	g_return_val_if_fail(format < REPORT_FORMAT_COUNT, NULL);
	return &report_formats[format];
}

char *
report_format_list(guint allowed)
{
	GString *out = g_string_new(NULL);
	for (guint i = 0; i < G_N_ELEMENTS(report_formats); i++) {
		if (!(allowed & REPORT_FORMAT_MASK(report_formats[i].format)))
			continue;
		if (out->len > 0)
			g_string_append(out, ", ");
		g_string_append(out, report_formats[i].name);
	}
	return g_string_free(out, FALSE);
}

gboolean
report_format_parse(const char *text, guint allowed, ReportFormat *format, GError **error)
{
	g_autofree char *names = NULL;

	for (guint i = 0; i < G_N_ELEMENTS(report_formats); i++) {
		const ReportFormatInfo *info = &report_formats[i];
		if (!(allowed & REPORT_FORMAT_MASK(info->format)))
			continue;
		if (g_strcmp0(text, info->name) == 0 || g_strcmp0(text, info->alias) == 0) {
			*format = info->format;
			return TRUE;
		}
	}
	names = report_format_list(allowed);
	g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE, "unknown format '%s'; use one of: %s",
		    text, names);
	return FALSE;
}

const char *
report_color(ReportFlags flags, const char *ansi)
{
	return (flags & REPORT_FLAG_COLOR) ? ansi : "";
}

void
report_json_add_int(struct cJSON *object, const char *key, gint64 value)
{
	char text[24];

	g_snprintf(text, sizeof text, "%" G_GINT64_FORMAT, value);
	cJSON_AddItemToObject(object, key, cJSON_CreateRaw(text));
}

/* money as exact decimal dollars: cJSON would print a double */
void
report_json_add_money(struct cJSON *object, const char *key, gint64 nanos)
{
	g_autofree char *text = report_nanos_to_string(nanos);
	cJSON_AddItemToObject(object, key, cJSON_CreateRaw(text));
}
