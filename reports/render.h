/* ecsplan: renderers — finished results in, bytes out. they compute nothing. */
#pragma once

#include <glib.h>

#include "number.h"

G_BEGIN_DECLS

typedef enum {
	REPORT_FORMAT_TEXT,
	REPORT_FORMAT_JSON,
	REPORT_FORMAT_CSV,
	REPORT_FORMAT_MARKDOWN,
	REPORT_FORMAT_HTML,
	REPORT_FORMAT_SVG,
	REPORT_FORMAT_PNG, /* binary: the SVG drawn by librsvg (reports/raster.h) */
	REPORT_FORMAT_PDF,
	REPORT_FORMAT_SARIF, /* SARIF 2.1.0 for code scanning (validate) */
	REPORT_FORMAT_JUNIT, /* JUnit XML for CI test reports (validate) */
	REPORT_FORMAT_COUNT,
} ReportFormat;

typedef enum {
	REPORT_FLAG_NONE = 0,
	REPORT_FLAG_COLOR = 1 << 0, /* ANSI colours in text output (the CLI sets it on a TTY) */
	REPORT_FLAG_QUIET = 1 << 1, /* text: the findings only (validate --quiet) */
} ReportFlags;

/* one row per format: its names on the command line and its file extension */
typedef struct {
	ReportFormat format;
	const char *name;      /* "json" */
	const char *alias;     /* "md" for markdown, or NULL */
	const char *extension; /* ".json" */
} ReportFormatInfo;

const ReportFormatInfo *report_format_info(ReportFormat format);
/* parses @text among @allowed (a mask of 1 << ReportFormat); the error lists the allowed names */
gboolean report_format_parse(const char *text, guint allowed, ReportFormat *format,
			     GError **error);
/* "text, json" for help texts */
char *report_format_list(guint allowed) G_GNUC_WARN_UNUSED_RESULT;

#define REPORT_FORMAT_MASK(f) (1u << (f))

/* where a renderer that writes its document out as it is made hands over each piece (the CLI:
 * plan_cli_writer_write); returns FALSE with @error set when the bytes could not be written */
typedef gboolean (*ReportWriteFunc)(gpointer data, const char *bytes, gsize length,
				    GError **error);

/* adds an integer to a cJSON object as exact decimal text (cJSON prints every number through
 * "%1.15g" and a sscanf round trip, the slowest part of a large report) */
struct cJSON;
void report_json_add_int(struct cJSON *object, const char *key, gint64 value);
/* adds nano-dollars as exact decimal dollars (report_nanos_to_string), not through a double */
void report_json_add_money(struct cJSON *object, const char *key, gint64 nanos);

/* numbers and money: reports/format/number.h (a floor of its own, so the diagram layout can
 * use them) */

/* ANSI styling that is a no-op without REPORT_FLAG_COLOR */
const char *report_color(ReportFlags flags, const char *ansi);
#define REPORT_ANSI_RED "\033[1;31m"
#define REPORT_ANSI_YELLOW "\033[1;33m"
#define REPORT_ANSI_CYAN "\033[1;36m"
#define REPORT_ANSI_BOLD "\033[1m"
#define REPORT_ANSI_RESET "\033[0m"

G_END_DECLS
