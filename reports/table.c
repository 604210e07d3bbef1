#include "table.h"

#include <string.h>

#include "escape.h"
#include "put.h"

/* the cells live in one buffer, NUL after each, and one flat array of records, row after row:
 * a table of 100,000 subnets was a GPtrArray and nine g_strdup per row, then a string chunk
 * insert per cell, measured again when drawn (issue 18). A cell's record says where its bytes
 * are and whether it is printable ASCII, so drawing copies it without looking at it again */
typedef struct {
	gsize offset; /* into text */
	guint length; /* bytes, without the NUL */
	gboolean plain; /* printable ASCII only: shown as it is, as wide as it is long */
} ReportTableCell;

struct _ReportTable {
	guint n_columns;
	guint n_rows;
	GPtrArray *header; /* char* */
	gboolean *right;   /* per column */
	ReportTableCell *cells; /* n_rows × n_columns, row-major */
	gsize n_cells;
	gsize allocated_cells;
	GString *text;
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
	table->text = g_string_sized_new(4096);
	return table;
}

void
report_table_free(ReportTable *table)
{
	if (table == NULL)
		return;
	g_ptr_array_unref(table->header);
	g_free(table->right);
	g_free(table->cells);
	g_string_free(table->text, TRUE);
	g_free(table);
}

static void
report_table_add_cell(ReportTable *table, const char *cell)
{
	const guchar *p = (const guchar *)cell;
	ReportTableCell *record;
	gsize length;

	while (*p >= 0x20 && *p < 0x7f)
		p++;
	length = (gsize)(p - (const guchar *)cell) + (*p != '\0' ? strlen((const char *)p) : 0);
	if (G_UNLIKELY(table->n_cells == table->allocated_cells)) {
		table->allocated_cells = MAX(table->allocated_cells * 2, 64);
		table->cells = g_renew(ReportTableCell, table->cells, table->allocated_cells);
	}
	record = &table->cells[table->n_cells++];
	record->offset = table->text->len;
	record->length = (guint)length;
	record->plain = *p == '\0';
	/* the NUL too, so report_table_cell() can hand out the bytes in place */
	report_put(table->text, cell, length + 1);
}

void
report_table_add_row(ReportTable *table, const char *const *cells)
{
	for (guint i = 0; i < table->n_columns; i++)
		report_table_add_cell(table, cells[i] != NULL ? cells[i] : "");
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
		report_table_add_cell(table, cell);
		n++;
	}
	va_end(args);
	for (; n < table->n_columns; n++)
		report_table_add_cell(table, "");
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
	return table->text->str + table->cells[(gsize)row * table->n_columns + column].offset;
}

/* a cell as a terminal shows it: its bytes, their count, and its display width in UTF-8
 * characters. Printable ASCII, nearly every cell, is shown as it is and is as wide as it is
 * long; anything else goes through report_escape_terminal (one line, controls visible), and
 * the escaped copy is kept in @owned */
typedef struct {
	const char *bytes;
	guint length;
	guint width;
} ReportTableShown;

static ReportTableShown
report_table_shown(const char *cell, guint length, gboolean plain, GPtrArray *owned)
{
	ReportTableShown shown = {cell, length, length};
	char *escaped;

	if (plain)
		return shown;
	escaped = report_escape_terminal_dup(cell);
	g_ptr_array_add(owned, escaped);
	shown.bytes = escaped;
	shown.length = (guint)strlen(escaped);
	shown.width = (guint)g_utf8_strlen(escaped, -1);
	return shown;
}

/* one row into @write, which has room for it; returns the end */
static char *
report_table_text_row(const ReportTable *table, const guint *widths,
		      const ReportTableShown *cells, const char *indent, gsize indent_length,
		      char *write)
{
	memcpy(write, indent, indent_length);
	write += indent_length;
	for (guint c = 0; c < table->n_columns; c++) {
		guint pad = widths[c] - cells[c].width;
		gboolean last = c + 1 == table->n_columns;
		if (c > 0) {
			write[0] = ' ';
			write[1] = ' ';
			write += 2;
		}
		if (table->right[c]) {
			memset(write, ' ', pad);
			write += pad;
		}
		memcpy(write, cells[c].bytes, cells[c].length);
		write += cells[c].length;
		if (!table->right[c] && !last) {
			memset(write, ' ', pad);
			write += pad;
		}
	}
	*write++ = '\n';
	return write;
}

/* cell @i of the header row and the rows after it, as shown */
static ReportTableShown
report_table_shown_at(const ReportTable *table, gsize i, GPtrArray *owned)
{
	if (i < table->n_columns) {
		const char *title = g_ptr_array_index(table->header, i);
		const guchar *p = (const guchar *)title;
		while (*p >= 0x20 && *p < 0x7f)
			p++;
		return report_table_shown(title, (guint)strlen(title), *p == '\0', owned);
	} else {
		const ReportTableCell *cell = &table->cells[i - table->n_columns];
		return report_table_shown(table->text->str + cell->offset, cell->length, cell->plain,
					  owned);
	}
}

/* rows drawn between two calls of the flush function */
#define REPORT_TABLE_FLUSH_ROWS 1024

void
report_table_render_text_flushed(const ReportTable *table, const char *indent, GString *out,
				 ReportTableFlushFunc flush, gpointer data)
{
	guint n_columns = table->n_columns;
	gsize n_cells = (gsize)(table->n_rows + 1) * n_columns;
	gsize indent_length = strlen(indent);
	g_autofree guint *widths = g_new0(guint, n_columns);
	g_autofree ReportTableShown *row = g_new(ReportTableShown, n_columns);
	/* the escaped copies of the cells that are not printable ASCII (few or none); measured
	 * here and escaped again when drawn, so no record is kept per cell */
	g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func(g_free);
	gsize widest;

	for (gsize i = 0; i < n_cells; i++) {
		ReportTableShown shown = report_table_shown_at(table, i, owned);
		guint c = (guint)(i % n_columns);
		widths[c] = MAX(widths[c], shown.width);
		if (owned->len > 0)
			g_ptr_array_set_size(owned, 0);
	}
	/* the widest a row can be: each cell padded to its column */
	widest = indent_length + 1 + 2 * (gsize)n_columns;
	for (guint c = 0; c < n_columns; c++)
		widest += widths[c];
	for (guint r = 0; r <= table->n_rows; r++) {
		/* and the bytes of this row that are wider than they show */
		gsize extra = 0;
		char *write;
		for (guint c = 0; c < n_columns; c++) {
			row[c] = report_table_shown_at(table, (gsize)r * n_columns + c, owned);
			extra += row[c].length - row[c].width;
		}
		report_reserve(out, widest + extra);
		write = report_table_text_row(table, widths, row, indent, indent_length,
					      out->str + out->len);
		*write = '\0';
		out->len = (gsize)(write - out->str);
		if (owned->len > 0)
			g_ptr_array_set_size(owned, 0);
		if (flush != NULL && r % REPORT_TABLE_FLUSH_ROWS == REPORT_TABLE_FLUSH_ROWS - 1)
			flush(out, data);
	}
}

void
report_table_render_text(const ReportTable *table, const char *indent, GString *out)
{
	report_table_render_text_flushed(table, indent, out, NULL, NULL);
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
