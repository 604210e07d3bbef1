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
	ReportTableCell *record;
	gsize length = strlen(cell);

	if (G_UNLIKELY(table->n_cells == table->allocated_cells)) {
		table->allocated_cells = MAX(table->allocated_cells * 2, 64);
		table->cells = g_renew(ReportTableCell, table->cells, table->allocated_cells);
	}
	record = &table->cells[table->n_cells++];
	record->offset = table->text->len;
	record->length = (guint)length;
	record->plain = report_escape_printable_ascii(cell, length);
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
report_table_text_row(guint n_columns, const gboolean *right, const guint *widths,
		      const ReportTableShown *cells, const char *indent, gsize indent_length,
		      char *write)
{
	memcpy(write, indent, indent_length);
	write += indent_length;
	for (guint c = 0; c < n_columns; c++) {
		guint pad = widths[c] > cells[c].width ? widths[c] - cells[c].width : 0;
		gboolean last = c + 1 == n_columns;
		if (c > 0) {
			write[0] = ' ';
			write[1] = ' ';
			write += 2;
		}
		if (right[c]) {
			memset(write, ' ', pad);
			write += pad;
		}
		memcpy(write, cells[c].bytes, cells[c].length);
		write += cells[c].length;
		if (!right[c] && !last) {
			memset(write, ' ', pad);
			write += pad;
		}
	}
	*write++ = '\n';
	return write;
}

/* a cell's bytes as given: printable ASCII or not */
static ReportTableShown
report_table_shown_text(const char *text, GPtrArray *owned)
{
	gsize length = strlen(text);

	return report_table_shown(text, (guint)length, report_escape_printable_ascii(text, length),
				  owned);
}

/* a cell its row function made of printable ASCII */
static ReportTableShown
report_table_shown_plain(const char *text)
{
	guint length = (guint)strlen(text);
	ReportTableShown shown = {text, length, length};

	return shown;
}

/* where the drawing takes its rows from: a table's records, or a caller's function */
typedef struct {
	const ReportTable *table;
	ReportTableRowFunc row;
	ReportTableWidthFunc widths; /* NULL: rows are measured by making them */
	gpointer data;
	const char **cells; /* n_columns: the row function's answer */
	guint *cell_widths; /* n_columns: the width function's answer */
} ReportTableRows;

/* row @r (0 is the header row) as shown, into @shown */
static void
report_table_rows_get(ReportTableRows *rows, guint r, guint n_columns, const char *const *header,
		      ReportTableShown *shown, GPtrArray *owned)
{
	if (r == 0) {
		for (guint c = 0; c < n_columns; c++)
			shown[c] = report_table_shown_text(header[c], owned);
	} else if (rows->table != NULL) {
		const ReportTableCell *cell = &rows->table->cells[(gsize)(r - 1) * n_columns];
		for (guint c = 0; c < n_columns; c++)
			shown[c] = report_table_shown(rows->table->text->str + cell[c].offset,
						      cell[c].length, cell[c].plain, owned);
	} else {
		guint plain = rows->row(rows->data, r - 1, rows->cells);
		for (guint c = 0; c < n_columns; c++) {
			const char *cell = rows->cells[c] != NULL ? rows->cells[c] : "";
			shown[c] = c < 32 && (plain & (1u << c)) ? report_table_shown_plain(cell)
								 : report_table_shown_text(cell, owned);
		}
	}
}

/* rows drawn between two calls of the flush function */
#define REPORT_TABLE_FLUSH_ROWS 1024

/* the header and @n_rows rows, each cell padded to its column: measured in one pass, drawn in
 * a second (a row function is asked twice per row), without a record per cell kept */
static void
report_table_draw(guint n_columns, const gboolean *right, const char *const *header,
		  guint n_rows, ReportTableRows *rows, const char *indent, GString *out,
		  ReportTableFlushFunc flush, gpointer data)
{
	gsize indent_length = strlen(indent);
	g_autofree guint *widths = g_new0(guint, n_columns);
	g_autofree ReportTableShown *row = g_new(ReportTableShown, n_columns);
	/* the escaped copies of the cells that are not printable ASCII (few or none); measured
	 * here and escaped again when drawn */
	g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func(g_free);
	gsize widest;

	for (guint r = 0; r <= n_rows; r++) {
		if (r > 0 && rows->widths != NULL) {
			/* measured without making the row: validate's 100,000 subnets were each
			 * formatted twice (issue 18) */
			rows->widths(rows->data, r - 1, rows->cell_widths);
			for (guint c = 0; c < n_columns; c++)
				widths[c] = MAX(widths[c], rows->cell_widths[c]);
			continue;
		}
		report_table_rows_get(rows, r, n_columns, header, row, owned);
		for (guint c = 0; c < n_columns; c++)
			widths[c] = MAX(widths[c], row[c].width);
		if (owned->len > 0)
			g_ptr_array_set_size(owned, 0);
	}
	/* the widest a row can be: each cell padded to its column */
	widest = indent_length + 1 + 2 * (gsize)n_columns;
	for (guint c = 0; c < n_columns; c++)
		widest += widths[c];
	for (guint r = 0; r <= n_rows; r++) {
		/* and the bytes of this row that are wider than they show, or wider than their
		 * column (a width function that measured less than was made: only misaligned) */
		gsize extra = 0;
		char *write;
		report_table_rows_get(rows, r, n_columns, header, row, owned);
		for (guint c = 0; c < n_columns; c++) {
			extra += row[c].length - row[c].width;
			if (row[c].width > widths[c])
				extra += row[c].width - widths[c];
		}
		report_reserve(out, widest + extra);
		write = report_table_text_row(n_columns, right, widths, row, indent, indent_length,
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
report_table_render_text_flushed(const ReportTable *table, const char *indent, GString *out,
				 ReportTableFlushFunc flush, gpointer data)
{
	ReportTableRows rows = {table, NULL, NULL, NULL, NULL, NULL};

	report_table_draw(table->n_columns, table->right, (const char *const *)table->header->pdata,
			  table->n_rows, &rows, indent, out, flush, data);
}

void
report_table_render_text(const ReportTable *table, const char *indent, GString *out)
{
	report_table_render_text_flushed(table, indent, out, NULL, NULL);
}

guint
report_table_text_width(const char *text)
{
	gsize length = text != NULL ? strlen(text) : 0;
	g_autofree char *escaped = NULL;

	if (report_escape_printable_ascii(text, length))
		return (guint)length;
	/* as report_table_shown() shows it */
	escaped = report_escape_terminal_dup(text);
	return (guint)g_utf8_strlen(escaped, -1);
}

void
report_table_render_text_rows(const char *const *header, guint n_rows, ReportTableRowFunc row,
			      ReportTableWidthFunc widths, gpointer row_data, const char *indent,
			      GString *out, ReportTableFlushFunc flush, gpointer data)
{
	guint n_columns = g_strv_length((GStrv)header);
	g_autofree gboolean *right = g_new0(gboolean, n_columns);
	g_autofree const char **titles = g_new0(const char *, n_columns + 1);
	g_autofree const char **cells = g_new0(const char *, n_columns);
	g_autofree guint *cell_widths = g_new0(guint, n_columns);
	ReportTableRows rows = {NULL, row, widths, row_data, cells, cell_widths};

	for (guint c = 0; c < n_columns; c++) {
		right[c] = header[c][0] == '>';
		titles[c] = header[c] + (right[c] ? 1 : 0);
	}
	report_table_draw(n_columns, right, titles, n_rows, &rows, indent, out, flush, data);
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
