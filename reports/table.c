#include "table.h"

#include <string.h>

#include "escape.h"

struct _ReportTable {
	guint n_columns;
	GPtrArray *header;  /* char* */
	gboolean *right;    /* per column */
	GPtrArray *rows;    /* GPtrArray of char* */
};

ReportTable *
report_table_new(const char *const *header)
{
	ReportTable *table = g_new0(ReportTable, 1);

	table->n_columns = g_strv_length((GStrv)header);
	table->header = g_ptr_array_new_with_free_func(g_free);
	table->right = g_new0(gboolean, table->n_columns);
	for (guint i = 0; i < table->n_columns; i++) {
		table->right[i] = header[i][0] == '>';
		g_ptr_array_add(table->header, g_strdup(header[i] + (table->right[i] ? 1 : 0)));
	}
	table->rows = g_ptr_array_new_with_free_func((GDestroyNotify)g_ptr_array_unref);
	return table;
}

void
report_table_free(ReportTable *table)
{
	if (table == NULL)
		return;
	g_ptr_array_unref(table->header);
	g_free(table->right);
	g_ptr_array_unref(table->rows);
	g_free(table);
}

void
report_table_add_row(ReportTable *table, const char *const *cells)
{
	GPtrArray *row = g_ptr_array_new_with_free_func(g_free);
	for (guint i = 0; i < table->n_columns; i++)
		g_ptr_array_add(row, g_strdup(cells[i] != NULL ? cells[i] : ""));
	g_ptr_array_add(table->rows, row);
}

void
report_table_add_rowv(ReportTable *table, ...)
{
	g_autoptr(GPtrArray) cells = g_ptr_array_new();
	va_list args;
	const char *cell;

	va_start(args, table);
	while (cells->len < table->n_columns && (cell = va_arg(args, const char *)) != NULL)
		g_ptr_array_add(cells, (gpointer)cell);
	va_end(args);
	while (cells->len < table->n_columns)
		g_ptr_array_add(cells, (gpointer) "");
	report_table_add_row(table, (const char *const *)cells->pdata);
}

guint
report_table_n_rows(const ReportTable *table)
{
	return table->rows->len;
}

guint
report_table_n_columns(const ReportTable *table)
{
	return table->n_columns;
}

const char *
report_table_header(const ReportTable *table, guint column)
{
	g_return_val_if_fail(column < table->n_columns, NULL);
	return g_ptr_array_index(table->header, column);
}

gboolean
report_table_right(const ReportTable *table, guint column)
{
	g_return_val_if_fail(column < table->n_columns, FALSE);
	return table->right[column];
}

const char *
report_table_cell(const ReportTable *table, guint row, guint column)
{
	g_return_val_if_fail(row < table->rows->len && column < table->n_columns, NULL);
	return g_ptr_array_index((GPtrArray *)g_ptr_array_index(table->rows, row), column);
}

/* display width: UTF-8 characters, not bytes (names and the × sign are UTF-8) */
static guint
report_width(const char *text)
{
	return (guint)g_utf8_strlen(text, -1);
}

static void
report_pad(GString *out, guint n)
{
	for (guint i = 0; i < n; i++)
		g_string_append_c(out, ' ');
}

static void
report_table_text_row(const ReportTable *table, const guint *widths, GPtrArray *cells,
		      const char *indent, GString *out)
{
	g_string_append(out, indent);
	for (guint c = 0; c < table->n_columns; c++) {
		const char *cell = g_ptr_array_index(cells, c);
		guint pad = widths[c] - report_width(cell);
		gboolean last = c + 1 == table->n_columns;
		if (c > 0)
			g_string_append(out, "  ");
		if (table->right[c])
			report_pad(out, pad);
		g_string_append(out, cell);
		if (!table->right[c] && !last)
			report_pad(out, pad);
	}
	g_string_append_c(out, '\n');
}

/* @cells as a terminal shows them: one line each, controls visible (report_escape_terminal) */
static GPtrArray *
report_table_text_cells(GPtrArray *cells)
{
	GPtrArray *shown = g_ptr_array_new_full(cells->len, g_free);
	for (guint c = 0; c < cells->len; c++)
		g_ptr_array_add(shown, report_escape_terminal_dup(g_ptr_array_index(cells, c)));
	return shown;
}

void
report_table_render_text(const ReportTable *table, const char *indent, GString *out)
{
	g_autofree guint *widths = g_new0(guint, table->n_columns);
	g_autoptr(GPtrArray) rows = g_ptr_array_new_full(table->rows->len + 1,
							 (GDestroyNotify)g_ptr_array_unref);

	g_ptr_array_add(rows, report_table_text_cells(table->header));
	for (guint r = 0; r < table->rows->len; r++)
		g_ptr_array_add(rows, report_table_text_cells(g_ptr_array_index(table->rows, r)));
	for (guint r = 0; r < rows->len; r++) {
		GPtrArray *row = g_ptr_array_index(rows, r);
		for (guint c = 0; c < table->n_columns; c++)
			widths[c] = MAX(widths[c], report_width(g_ptr_array_index(row, c)));
	}
	for (guint r = 0; r < rows->len; r++)
		report_table_text_row(table, widths, g_ptr_array_index(rows, r), indent, out);
}

void
report_table_render_markdown(const ReportTable *table, GString *out)
{
	g_string_append_c(out, '|');
	for (guint c = 0; c < table->n_columns; c++) {
		g_string_append_c(out, ' ');
		report_escape_markdown(out, g_ptr_array_index(table->header, c), REPORT_MARKDOWN_CELL);
		g_string_append(out, " |");
	}
	g_string_append(out, "\n|");
	for (guint c = 0; c < table->n_columns; c++)
		g_string_append(out, table->right[c] ? " ---: |" : " --- |");
	g_string_append_c(out, '\n');
	for (guint r = 0; r < table->rows->len; r++) {
		GPtrArray *row = g_ptr_array_index(table->rows, r);
		g_string_append_c(out, '|');
		for (guint c = 0; c < table->n_columns; c++) {
			g_string_append_c(out, ' ');
			report_escape_markdown(out, g_ptr_array_index(row, c), REPORT_MARKDOWN_CELL);
			g_string_append(out, " |");
		}
		g_string_append_c(out, '\n');
	}
}
