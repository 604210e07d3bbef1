/* ecsplan: aligned text and Markdown tables, shared by every text renderer */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _ReportTable ReportTable;

/* @header: NULL-terminated column titles; a title starting with '>' is right-aligned (the '>'
 * is not printed), for numbers */
ReportTable *report_table_new(const char *const *header) G_GNUC_WARN_UNUSED_RESULT;
void report_table_free(ReportTable *table);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(ReportTable, report_table_free)
/* adds a row; takes one string per column (copied) */
void report_table_add_row(ReportTable *table, const char *const *cells);
void report_table_add_rowv(ReportTable *table, ...) G_GNUC_NULL_TERMINATED;
guint report_table_n_rows(const ReportTable *table);
/* for renderers that draw the table themselves (HTML): the column count, a column's title
 * (without the '>'), whether it is right-aligned, and a cell. Strings: (transfer none) */
guint report_table_n_columns(const ReportTable *table);
const char *report_table_header(const ReportTable *table, guint column);
gboolean report_table_right(const ReportTable *table, guint column);
const char *report_table_cell(const ReportTable *table, guint row, guint column);
void report_table_render_text(const ReportTable *table, const char *indent, GString *out);
/* the same, calling @flush every so many rows (each ends a line): a renderer that writes the
 * document out as it is made empties @out there (validate's 100,000-row subnet table) */
typedef void (*ReportTableFlushFunc)(GString *out, gpointer data);
void report_table_render_text_flushed(const ReportTable *table, const char *indent, GString *out,
				      ReportTableFlushFunc flush, gpointer data);
/* a table too large to keep (validate's subnets): the same bytes as a ReportTable of @header
 * and the same rows, but each row is made when it is needed, twice (measured, then drawn):
 * @row fills one string per column (NULL is empty), valid until its next call, and returns a
 * bit per column (1 << column) for the cells it made itself of printable ASCII only (numbers,
 * fixed words), which are then not scanned for bytes to escape */
typedef guint (*ReportTableRowFunc)(gpointer data, guint index, const char **cells);
/* @widths (nullable) measures a row without making it: the width each of @row's cells shows
 * (report_table_text_width() of it), one per column; the measuring pass then asks it instead
 * of @row. A width that is wrong misaligns the table, nothing worse */
typedef void (*ReportTableWidthFunc)(gpointer data, guint index, guint *widths);
void report_table_render_text_rows(const char *const *header, guint n_rows,
				   ReportTableRowFunc row, ReportTableWidthFunc widths,
				   gpointer row_data, const char *indent, GString *out,
				   ReportTableFlushFunc flush, gpointer data);
/* the columns @text (nullable: empty) takes in a text table, escaped as a cell is */
guint report_table_text_width(const char *text);
/* cells go through report_escape_terminal() (text) or report_escape_markdown() (Markdown, as
 * table cells): a name cannot break a row, start structure or reach the terminal raw */
void report_table_render_markdown(const ReportTable *table, GString *out);

G_END_DECLS
