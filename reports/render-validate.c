#include "render-validate.h"

#include <string.h>

#include "compat.h"
#include "escape.h"
#include "json-writer.h"
#include "plan-error.h"
#include "put.h"
#include "table.h"

static const char *
report_severity_color(PlanSeverity severity)
{
	switch (severity) {
	case PLAN_SEVERITY_ERROR:
		return REPORT_ANSI_RED;
	case PLAN_SEVERITY_WARNING:
		return REPORT_ANSI_YELLOW;
	case PLAN_SEVERITY_NOTE:
	default:
		return REPORT_ANSI_CYAN;
	}
}

void
report_diagnostic_line(const char *file, const PlanDiagnostic *diagnostic, ReportFlags flags,
		       GString *out)
{
	g_string_append(out, report_color(flags, REPORT_ANSI_BOLD));
	report_escape_terminal(out, file, REPORT_ESCAPE_NONE);
	if (diagnostic->loc.line > 0)
		g_string_append_printf(out, ":%u:%u", diagnostic->loc.line, diagnostic->loc.column);
	g_string_append_printf(out, ":%s %s%s[%s]%s: ", report_color(flags, REPORT_ANSI_RESET),
			       report_color(flags, report_severity_color(diagnostic->severity)),
			       plan_severity_to_string(diagnostic->severity), diagnostic->code,
			       report_color(flags, REPORT_ANSI_RESET));
	/* messages quote names from the model: one line each, whatever the names hold */
	if (diagnostic->path != NULL && diagnostic->path[0] != '\0') {
		report_escape_terminal(out, diagnostic->path, REPORT_ESCAPE_NONE);
		g_string_append(out, ": ");
	}
	report_escape_terminal(out, diagnostic->message, REPORT_ESCAPE_NONE);
	g_string_append_c(out, '\n');
	if (diagnostic->source != NULL) {
		g_string_append(out, "    source: ");
		report_escape_terminal(out, diagnostic->source, REPORT_ESCAPE_NONE);
		g_string_append_c(out, '\n');
	}
	for (guint i = 0; diagnostic->related != NULL && i < diagnostic->related->len; i++) {
		g_string_append(out, "    related: ");
		report_escape_terminal(out, g_ptr_array_index(diagnostic->related, i),
				       REPORT_ESCAPE_NONE);
		g_string_append_c(out, '\n');
	}
}

static const PlanSubnet *
report_use_subnet(const PlanModel *model, const PlanSubnetUse *use)
{
	const PlanVpc *vpc = g_ptr_array_index(model->vpcs, use->vpc_index);
	return g_ptr_array_index(vpc->subnets, use->subnet_index);
}

static const char *
report_cidr_text(const PlanCidr *cidr)
{
	return cidr->text != NULL ? cidr->text : "-";
}

/* a document handed over in pieces as it is made (report_validate_write); NULL in
 * report_validate(), which keeps the whole document */
typedef struct {
	ReportWriteFunc write;
	gpointer data;
	GError *error; /* the first failed write: nothing is written after it */
	gboolean terminal; /* text: each piece through report_escape_terminal_document() */
	ReportFlags flags;
} ReportValidateStream;

/* pieces of about this size: the buffer stays in the cache, and a 24 MB document at 100,000
 * subnets is never held whole (issue 18) */
#define REPORT_VALIDATE_PIECE ((gsize)64 * 1024)

/* hands @out over once it holds a piece, or whatever it holds when @all; called only where
 * @out ends a line, so the terminal escaper sees whole lines */
static void
report_validate_flush(ReportValidateStream *stream, GString *out, gboolean all)
{
	if (stream == NULL || out->len == 0 || (!all && out->len < REPORT_VALIDATE_PIECE))
		return;
	if (stream->terminal)
		report_escape_terminal_document(out, stream->flags);
	if (stream->error == NULL)
		stream->write(stream->data, out->str, out->len, &stream->error);
	g_string_truncate(out, 0);
}

static void
report_validate_table_flush(GString *out, gpointer data)
{
	report_validate_flush(data, out, FALSE);
}

/* the subnet table's rows, made when drawn (report_table_render_text_rows) */
typedef struct {
	const PlanModel *model;
	const PlanValidation *validation;
	/* on the stack of the renderer, not g_strdup_printf: four numbers a row, 100,000 rows */
	char total[PLAN_TEXT_INT_SIZE], usable[PLAN_TEXT_INT_SIZE], peak[PLAN_TEXT_INT_SIZE],
	    free_ips[PLAN_TEXT_INT_SIZE];
	/* the width of the last VPC's name measured: a VPC's subnets come together */
	guint vpc_index;
	guint vpc_width;
	gboolean vpc_measured;
} ReportSubnetRows;

static guint
report_validate_subnet_row(gpointer data, guint index, const char **cells)
{
	ReportSubnetRows *rows = data;
	const PlanSubnetUse *use = &g_array_index(rows->validation->subnets, PlanSubnetUse, index);
	const PlanVpc *vpc = g_ptr_array_index(rows->model->vpcs, use->vpc_index);
	const PlanSubnet *subnet = report_use_subnet(rows->model, use);
	/* a subnet without a usable block (invalid, or "auto" before alloc) has no sizes */
	gboolean sized = plan_cidr_usable(&subnet->cidr);

	if (sized) {
		plan_text_int(rows->total, use->total);
		plan_text_int(rows->usable, use->usable);
		plan_text_int(rows->free_ips, use->usable - use->peak);
	}
	plan_text_int(rows->peak, use->peak);
	cells[0] = vpc->name;
	cells[1] = subnet->name;
	cells[2] = report_cidr_text(&subnet->cidr);
	cells[3] = subnet->az;
	cells[4] = plan_tier_to_string(subnet->tier);
	cells[5] = sized ? rows->total : "-";
	cells[6] = sized ? rows->usable : "-";
	cells[7] = rows->peak;
	cells[8] = sized ? rows->free_ips : "-";
	/* the tier and the numbers are ours; a CIDR that parsed is digits, dots and a slash */
	return 1u << 4 | 1u << 5 | 1u << 6 | 1u << 7 | 1u << 8 | (sized ? 1u << 2 : 0u);
}

/* what report_validate_subnet_row() would show, measured without making it */
static void
report_validate_subnet_widths(gpointer data, guint index, guint *widths)
{
	ReportSubnetRows *rows = data;
	const PlanSubnetUse *use = &g_array_index(rows->validation->subnets, PlanSubnetUse, index);
	const PlanSubnet *subnet = report_use_subnet(rows->model, use);
	gboolean sized = plan_cidr_usable(&subnet->cidr);

	if (!rows->vpc_measured || rows->vpc_index != use->vpc_index) {
		const PlanVpc *vpc = g_ptr_array_index(rows->model->vpcs, use->vpc_index);
		rows->vpc_index = use->vpc_index;
		rows->vpc_width = report_table_text_width(vpc->name);
		rows->vpc_measured = TRUE;
	}
	widths[0] = rows->vpc_width;
	widths[1] = report_table_text_width(subnet->name);
	widths[2] = sized && subnet->cidr.text != NULL ? (guint)strlen(subnet->cidr.text)
			  : report_table_text_width(report_cidr_text(&subnet->cidr));
	widths[3] = report_table_text_width(subnet->az);
	widths[4] = (guint)strlen(plan_tier_to_string(subnet->tier));
	widths[5] = sized ? plan_text_int_width(use->total) : 1;
	widths[6] = sized ? plan_text_int_width(use->usable) : 1;
	widths[7] = plan_text_int_width(use->peak);
	widths[8] = sized ? plan_text_int_width(use->usable - use->peak) : 1;
}

static void
report_validate_text(const PlanModel *model, GPtrArray *diagnostics,
		     const PlanValidation *validation, ReportFlags flags,
		     ReportValidateStream *stream, GString *out)
{
	static const char *const header[] = {"VPC",   "SUBNET", "CIDR",  "AZ",    "TIER",
					     ">TOTAL", ">USABLE", ">PEAK", ">FREE", NULL};
	ReportSubnetRows rows = {model, validation, "", "", "", "", 0, 0, FALSE};
	guint errors = plan_diagnostics_count(diagnostics, PLAN_SEVERITY_ERROR);
	guint warnings = plan_diagnostics_count(diagnostics, PLAN_SEVERITY_WARNING);
	guint notes = plan_diagnostics_count(diagnostics, PLAN_SEVERITY_NOTE);
	gboolean any_arithmetic = FALSE;

	for (guint i = 0; i < diagnostics->len; i++) {
		report_diagnostic_line(model->file, g_ptr_array_index(diagnostics, i), flags, out);
		report_validate_flush(stream, out, FALSE);
	}
	if (flags & REPORT_FLAG_QUIET)
		return;
	if (diagnostics->len > 0)
		g_string_append_c(out, '\n');

	if (validation->subnets->len > 0) {
		g_string_append_printf(out, "%sSubnets%s (usable = total - 5 reserved by AWS)\n",
				       report_color(flags, REPORT_ANSI_BOLD),
				       report_color(flags, REPORT_ANSI_RESET));
		report_table_render_text_rows(header, validation->subnets->len,
					      report_validate_subnet_row,
					      report_validate_subnet_widths, &rows, "  ", out,
					      report_validate_table_flush, stream);
	}
	for (guint i = 0; i < validation->subnets->len; i++) {
		const PlanSubnetUse *use = &g_array_index(validation->subnets, PlanSubnetUse, i);
		const PlanVpc *vpc;
		if (use->arithmetic == NULL || use->arithmetic[0] == '\0')
			continue;
		if (!any_arithmetic)
			g_string_append_printf(out, "\n%sPeak addresses%s\n",
					       report_color(flags, REPORT_ANSI_BOLD),
					       report_color(flags, REPORT_ANSI_RESET));
		any_arithmetic = TRUE;
		vpc = g_ptr_array_index(model->vpcs, use->vpc_index);
		/* 100,000 lines at most: inlined appends, not g_string_append's calls */
		report_put(out, "  ", 2);
		report_escape_terminal(out, vpc->name, REPORT_ESCAPE_NONE);
		report_put_c(out, '/');
		report_escape_terminal(out, report_use_subnet(model, use)->name, REPORT_ESCAPE_NONE);
		report_put(out, ": ", 2);
		report_escape_terminal(out, use->arithmetic, REPORT_ESCAPE_NONE);
		report_put_c(out, '\n');
		report_validate_flush(stream, out, FALSE);
	}
	g_string_append_c(out, '\n');
	report_escape_terminal(out, model->file, REPORT_ESCAPE_NONE);
	g_string_append_printf(out, ": %u error%s, %u warning%s", errors,
			       errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s");
	if (notes > 0)
		g_string_append_printf(out, ", %u note%s", notes, notes == 1 ? "" : "s");
	g_string_append_printf(out, " (%u VPC%s, %u subnet%s, %u service%s)\n", model->vpcs->len,
			       model->vpcs->len == 1 ? "" : "s", validation->subnets->len,
			       validation->subnets->len == 1 ? "" : "s", model->services->len,
			       model->services->len == 1 ? "" : "s");
}

static void
report_diagnostic_json(ReportJsonWriter *json, const PlanDiagnostic *diagnostic)
{
	report_json_writer_begin_object(json, NULL);
	report_json_writer_string(json, "severity", plan_severity_to_string(diagnostic->severity));
	report_json_writer_string(json, "code", diagnostic->code);
	report_json_writer_string(json, "path", diagnostic->path);
	report_json_writer_begin_array(json, "related");
	for (guint i = 0; diagnostic->related != NULL && i < diagnostic->related->len; i++)
		report_json_writer_string(json, NULL, g_ptr_array_index(diagnostic->related, i));
	report_json_writer_end(json);
	report_json_writer_string(json, "message", diagnostic->message);
	if (diagnostic->loc.line > 0) {
		report_json_writer_int(json, "line", diagnostic->loc.line);
		report_json_writer_int(json, "column", diagnostic->loc.column);
	}
	if (diagnostic->source != NULL)
		report_json_writer_string(json, "source", diagnostic->source);
	report_json_writer_end(json);
}

static void
report_validate_json_diagnostics(ReportJsonWriter *json, GPtrArray *diagnostics)
{
	report_json_writer_begin_array(json, "diagnostics");
	for (guint i = 0; i < diagnostics->len; i++)
		report_diagnostic_json(json, g_ptr_array_index(diagnostics, i));
	report_json_writer_end(json);
}

static void
report_validate_json_summary(ReportJsonWriter *json, guint errors, guint warnings, guint notes)
{
	report_json_writer_begin_object(json, "summary");
	report_json_writer_int(json, "errors", errors);
	report_json_writer_int(json, "warnings", warnings);
	report_json_writer_int(json, "notes", notes);
	report_json_writer_end(json);
}

/* written directly, in the order and layout cJSON_Print gave the same document: a row per
 * subnet is a million values at 100,000 subnets, too many to build as a tree first */
static void
report_validate_json(const PlanModel *model, GPtrArray *diagnostics,
		     const PlanValidation *validation, ReportValidateStream *stream, GString *out)
{
	ReportJsonWriter json;

	report_json_writer_init(&json, out);
	report_json_writer_begin_object(&json, NULL);
	report_validate_json_diagnostics(&json, diagnostics);
	report_json_writer_begin_array(&json, "subnets");
	for (guint i = 0; i < validation->subnets->len; i++) {
		const PlanSubnetUse *use = &g_array_index(validation->subnets, PlanSubnetUse, i);
		const PlanVpc *vpc = g_ptr_array_index(model->vpcs, use->vpc_index);
		const PlanSubnet *subnet = report_use_subnet(model, use);
		gboolean sized = plan_cidr_usable(&subnet->cidr);
		/* a subnet without a usable block has no sizes: null */
		ReportJsonKind size_kind = sized ? REPORT_JSON_INT : REPORT_JSON_NULL;
		const ReportJsonMember row[] = {
		    {REPORT_JSON_KEY("vpc"), REPORT_JSON_STRING, vpc->name, 0},
		    {REPORT_JSON_KEY("name"), REPORT_JSON_STRING, subnet->name, 0},
		    {REPORT_JSON_KEY("cidr"), REPORT_JSON_STRING, report_cidr_text(&subnet->cidr),
		     0},
		    {REPORT_JSON_KEY("az"), REPORT_JSON_STRING, subnet->az, 0},
		    {REPORT_JSON_KEY("tier"), REPORT_JSON_STRING, plan_tier_to_string(subnet->tier),
		     0},
		    {REPORT_JSON_KEY("total"), size_kind, NULL, use->total},
		    {REPORT_JSON_KEY("usable"), size_kind, NULL, use->usable},
		    {REPORT_JSON_KEY("peak"), REPORT_JSON_INT, NULL, use->peak},
		    {REPORT_JSON_KEY("free"), size_kind, NULL, use->usable - use->peak},
		    {REPORT_JSON_KEY("arithmetic"), REPORT_JSON_STRING, use->arithmetic, 0},
		};
		report_json_writer_object(&json, NULL, row, G_N_ELEMENTS(row));
		report_validate_flush(stream, out, FALSE);
	}
	report_json_writer_end(&json);
	report_json_writer_string(&json, "model", model->file);
	report_validate_json_summary(&json, plan_diagnostics_count(diagnostics, PLAN_SEVERITY_ERROR),
				     plan_diagnostics_count(diagnostics, PLAN_SEVERITY_WARNING),
				     plan_diagnostics_count(diagnostics, PLAN_SEVERITY_NOTE));
	report_json_writer_end(&json);
	g_string_append_c(out, '\n');
}

/* text and json through @stream when there is one; sarif and junit whole into @out */
static gboolean
report_validate_render(const PlanModel *model, GPtrArray *diagnostics,
		       const PlanValidation *validation, ReportFormat format, ReportFlags flags,
		       ReportValidateStream *stream, GString *out, GError **error)
{
	switch (format) {
	case REPORT_FORMAT_TEXT:
		report_validate_text(model, diagnostics, validation, flags, stream, out);
		/* names were escaped where they were written; this catches any other (a streamed
		 * document: each piece as it goes) */
		if (stream == NULL)
			report_escape_terminal_document(out, flags);
		return TRUE;
	case REPORT_FORMAT_JSON:
		report_validate_json(model, diagnostics, validation, stream, out);
		return TRUE;
	case REPORT_FORMAT_SARIF:
		report_validate_sarif(model->file, diagnostics, TRUE, out);
		return TRUE;
	case REPORT_FORMAT_JUNIT:
		return report_validate_junit(model->file, diagnostics, out, error);
	default:
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
			    "validate cannot write format '%s'", report_format_info(format)->name);
		return FALSE;
	}
}

GString *
report_validate(const PlanModel *model, GPtrArray *diagnostics, const PlanValidation *validation,
		ReportFormat format, ReportFlags flags, GError **error)
{
	g_autoptr(GString) out = g_string_new(NULL);

	if (!report_validate_render(model, diagnostics, validation, format, flags, NULL, out,
				    error))
		return NULL;
	return g_steal_pointer(&out);
}

gboolean
report_validate_write(const PlanModel *model, GPtrArray *diagnostics,
		      const PlanValidation *validation, ReportFormat format, ReportFlags flags,
		      ReportWriteFunc write, gpointer data, GError **error)
{
	g_autoptr(GString) out = g_string_sized_new(REPORT_VALIDATE_PIECE * 2);
	ReportValidateStream stream = {write, data, NULL, format == REPORT_FORMAT_TEXT, flags};

	g_return_val_if_fail(write != NULL, FALSE);
	if (!report_validate_render(model, diagnostics, validation, format, flags, &stream, out,
				    error)) {
		g_clear_error(&stream.error);
		return FALSE;
	}
	report_validate_flush(&stream, out, TRUE);
	if (stream.error != NULL) {
		g_propagate_error(error, stream.error);
		return FALSE;
	}
	return TRUE;
}

GString *
report_validate_unreadable(const char *file, GPtrArray *diagnostics, ReportFormat format,
			   GError **error)
{
	g_autoptr(GString) out = g_string_new(NULL);

	switch (format) {
	case REPORT_FORMAT_JSON: {
		/* the shape of a readable model's document, with "readable": false */
		ReportJsonWriter json;
		report_json_writer_init(&json, out);
		report_json_writer_begin_object(&json, NULL);
		report_json_writer_string(&json, "model", file);
		report_json_writer_bool(&json, "readable", FALSE);
		report_validate_json_diagnostics(&json, diagnostics);
		report_json_writer_begin_array(&json, "subnets");
		report_json_writer_end(&json);
		report_validate_json_summary(&json, diagnostics->len, 0, 0);
		report_json_writer_end(&json);
		g_string_append_c(out, '\n');
		break;
	}
	case REPORT_FORMAT_SARIF:
		report_validate_sarif(file, diagnostics, FALSE, out);
		break;
	case REPORT_FORMAT_JUNIT:
		if (!report_validate_junit(file, diagnostics, out, error))
			return NULL;
		break;
	default:
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
			    "an unreadable model has no '%s' document",
			    report_format_info(format)->name);
		return NULL;
	}
	return g_steal_pointer(&out);
}
