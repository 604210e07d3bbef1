#include "table.h"

#include <string.h>

#include "escape.h"
#include "put.h"

/* the cells live in one string chunk and one flat array, row after row: a table of 100,000
 * subnets was a GPtrArray and nine g_strdup per row (issue 18) */
struct _ReportTable {
	guint n_columns;
	guint n_rows;
	GPtrArray *header;    /* char* */
	gboolean *right;      /* per column */
	GPtrArray *cells;     /* char* into @strings: n_rows × n_columns, row-major */
	GStringChunk *strings;
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
	table->cells = g_ptr_array_new();
	table->strings = g_string_chunk_new(4096);
	return table;
}

void
report_table_free(ReportTable *table)
{
	if (table == NULL)
		return;
	g_ptr_array_unref(table->header);
	g_free(table->right);
	g_ptr_array_unref(table->cells);
	g_string_chunk_free(table->strings);
	g_free(table);
}

void
report_table_add_row(ReportTable *table, const char *const *cells)
{
	for (guint i = 0; i < table->n_columns; i++)
		g_ptr_array_add(table->cells, g_string_chunk_insert(table->strings,
								    cells[i] != NULL ? cells[i] : ""));
	table->n_rows++;
}

void
report_table_add_rowv(ReportTable *table, ...)
{
	va_list args;
	const char *cell = "";
	guint n = 0;

	va_start(args, table);
	while (n < table->n_columns && (cell = va_arg(args, const char *)) != NULL) {
		g_ptr_array_add(table->cells, g_string_chunk_insert(table->strings, cell));
		n++;
	}
	va_end(args);
	for (; n < table->n_columns; n++)
		g_ptr_array_add(table->cells, g_string_chunk_insert(table->strings, ""));
	table->n_rows++;
}

guint
report_table_n_rows(const ReportTable *table)
{
	return table->n_rows;
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
	g_return_val_if_fail(row < table->n_rows && column < table->n_columns, NULL);
	return g_ptr_array_index(table->cells, row * table->n_columns + column);
}

static void
report_pad(GString *out, guint n)
{
	static const char spaces[] = "                                ";
	while (n > 0) {
		guint chunk = MIN(n, (guint)(sizeof spaces - 1));
		report_put(out, spaces, chunk);
		n -= chunk;
	}
}

/* a cell as a terminal shows it: one line, controls visible (report_escape_terminal), and its
 * display width in UTF-8 characters, not bytes (names and the × sign are UTF-8). Printable
 * ASCII, nearly every cell, is shown as it is and measured by its length */
static const char *
report_table_shown(const char *cell, GPtrArray *owned, guint *width)
{
	const guchar *p = (const guchar *)cell;
	char *escaped;

	while (*p >= 0x20 && *p < 0x7f)
		p++;
	if (*p == '\0') {
		*width = (guint)(p - (const guchar *)cell);
		return cell;
	}
	escaped = report_escape_terminal_dup(cell);
	g_ptr_array_add(owned, escaped);
	*width = (guint)g_utf8_strlen(escaped, -1);
	return escaped;
}

static void
report_table_text_row(const ReportTable *table, const guint *widths, const char *const *cells,
		      const guint *cell_widths, const char *indent, GString *out)
{
	report_put_str(out, indent);
	for (guint c = 0; c < table->n_columns; c++) {
		guint pad = widths[c] - cell_widths[c];
		gboolean last = c + 1 == table->n_columns;
		if (c > 0)
			report_put(out, "  ", 2);
		if (table->right[c])
			report_pad(out, pad);
		report_put_str(out, cells[c]);
		if (!table->right[c] && !last)
			report_pad(out, pad);
	}
	report_put_c(out, '\n');
}

void
report_table_render_text(const ReportTable *table, const char *indent, GString *out)
{
	guint n_columns = table->n_columns;
	gsize n_cells = (gsize)(table->n_rows + 1) * n_columns;
	g_autofree guint *widths = g_new0(guint, n_columns);
	/* the header row first, then the rows */
	g_autofree const char **shown = g_new(const char *, n_cells);
	g_autofree guint *cell_widths = g_new(guint, n_cells);
	g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func(g_free);

	for (gsize i = 0; i < n_cells; i++) {
		guint c = (guint)(i % n_columns);
		const char *cell = i < n_columns ? g_ptr_array_index(table->header, c)
						 : g_ptr_array_index(table->cells, i - n_columns);
		shown[i] = report_table_shown(cell, owned, &cell_widths[i]);
		widths[c] = MAX(widths[c], cell_widths[i]);
	}
	/* room for every row at once: the widest a row can be, each cell padded to its column */
	{
		gsize row = strlen(indent) + 1 + 2 * (gsize)n_columns;
		for (guint c = 0; c < n_columns; c++)
			row += widths[c];
		report_reserve(out, row * ((gsize)table->n_rows + 1));
	}
	for (guint r = 0; r <= table->n_rows; r++)
		report_table_text_row(table, widths, shown + (gsize)r * n_columns,
				      cell_widths + (gsize)r * n_columns, indent, out);
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
	for (guint r = 0; r < table->n_rows; r++) {
		g_string_append_c(out, '|');
		for (guint c = 0; c < table->n_columns; c++) {
			g_string_append_c(out, ' ');
			report_escape_markdown(out, report_table_cell(table, r, c),
					       REPORT_MARKDOWN_CELL);
			g_string_append(out, " |");
		}
		g_string_append_c(out, '\n');
	}
}
