/* `ecsplan prices` for reading: the figures, the purchase options, the LCU dimensions and the
 * instance types as text, Markdown and CSV, and one instance type's page (--instance-type);
 * the JSON format is render-prices-json.c, what every view walks in the book
 * render-prices-book.c */
#include "render-prices-private.h"

#include <string.h>

#include "compat.h"
#include "escape.h"
#include "plan-error.h"
#include "table.h"

/* text and markdown put this after a spec value that was not read from a source as it stands
 * (REPORT_ESTIMATE_MARK goes before a figure that is an estimate, plan_price_is_estimate) */
#define REPORT_DERIVED_MARK "*"

static char *
report_number_to_string(double value)
{
	char buffer[G_ASCII_DTOSTR_BUF_SIZE];
	return g_strdup(g_ascii_formatd(buffer, sizeof(buffer), "%.10g", value));
}

/* ---- notes: numbered once, cited as [n] ------------------------------------------------------ */

typedef struct {
	GPtrArray *texts;  /* const char*, owned by the book */
	GHashTable *index; /* text -> GUINT_TO_POINTER(number) */
} ReportNotes;

static void
report_notes_clear(ReportNotes *notes)
{
	g_clear_pointer(&notes->texts, g_ptr_array_unref);
	g_clear_pointer(&notes->index, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(ReportNotes, report_notes_clear)

static void
report_notes_init(ReportNotes *notes)
{
	notes->texts = g_ptr_array_new();
	notes->index = g_hash_table_new(g_str_hash, g_str_equal);
}

/* the note's number, the same every time the same text is cited */
static guint
report_notes_cite(ReportNotes *notes, const char *text)
{
	gpointer found = g_hash_table_lookup(notes->index, text);

	if (found != NULL)
		return GPOINTER_TO_UINT(found);
	g_ptr_array_add(notes->texts, (gpointer)text);
	g_hash_table_insert(notes->index, (gpointer)text, GUINT_TO_POINTER(notes->texts->len));
	return notes->texts->len;
}

static void
report_cite(ReportNotes *notes, GString *cell, const char *text)
{
	if (text == NULL)
		return;
	if (cell->len > 0)
		g_string_append_c(cell, ' ');
	g_string_append_printf(cell, "[%u]", report_notes_cite(notes, text));
}

/* ---- cells shared by text, markdown and csv -------------------------------------------------- */

static char *
report_price_value(const PlanPrice *price, gboolean mark)
{
	g_autofree char *value = report_nanos_to_string(price->nanos);
	if (mark && plan_price_is_estimate(price))
		return g_strconcat(REPORT_ESTIMATE_MARK, value, NULL);
	return g_steal_pointer(&value);
}

static char *
report_spec_value(const PlanInstanceType *type, PlanInstanceField field, gboolean mark)
{
	gboolean derived = mark && type->specs[field].confidence != PLAN_CONFIDENCE_OK;

	if (field == PLAN_INSTANCE_FIELD_ARCHITECTURE)
		return g_strconcat(type->architecture, derived ? REPORT_DERIVED_MARK : "", NULL);
	/* n/s, as in the ECS trunking table: the type cannot take a trunk ENI at all */
	if (mark && field == PLAN_INSTANCE_FIELD_TASKS_TRUNK && type->tasks_trunk == 0)
		return g_strconcat("n/s", derived ? REPORT_DERIVED_MARK : "", NULL);
	return g_strdup_printf("%" G_GINT64_FORMAT "%s", report_prices_spec_count(type, field),
			       derived ? REPORT_DERIVED_MARK : "");
}

/* ---- figures: text and markdown ------------------------------------------------------------- */

typedef struct {
	ReportTable *table;
	ReportNotes *notes;
} ReportOptionRows;

/* a purchase option as a row of the figures table, keyed by its place in the book file
 * ("savings_plans.compute.fargate.x86_64.vcpu_hour.1y_no_upfront", "spot.ec2.m5.large.savings") */
static void
report_option_row(const char *const *path, const char *name, const PlanPrice *price,
		  const PlanSpotAdvice *spot, gpointer data)
{
	ReportOptionRows *rows = data;
	g_autofree char *joined = g_strjoinv(".", (char **)path);
	g_autofree char *key = g_strconcat(joined, ".", name, NULL);
	g_autofree char *value = report_price_value(price, TRUE);
	g_autoptr(GString) note = g_string_new(NULL);

	/* the band is short and differs per type: written in the cell, not as a numbered note */
	if (spot != NULL && spot->interruption != NULL)
		g_string_append_printf(note, "interrupted %s/month", spot->interruption);
	report_cite(rows->notes, note, price->note);
	report_table_add_rowv(rows->table, key, value, price->unit,
			      plan_confidence_to_string(price->confidence), price->source,
			      price->as_of, note->str, NULL);
}

static ReportTable *
report_figures_table(const PlanPriceBook *book, ReportNotes *notes)
{
	static const char *const header[] = {"KEY",    "VALUE", "UNIT", "CONFIDENCE",
					     "SOURCE", "AS-OF", "NOTE", NULL};
	ReportTable *table = report_table_new(header);
	g_autoptr(GPtrArray) keys = plan_price_book_keys(book);

	for (guint i = 0; i < keys->len; i++) {
		const char *key = g_ptr_array_index(keys, i);
		const PlanPrice *price = plan_price_book_get(book, key);
		g_autofree char *value = report_price_value(price, TRUE);
		g_autoptr(GString) note = g_string_new(NULL);

		report_cite(notes, note, price->note);
		report_table_add_rowv(table, key, value, price->unit,
				      plan_confidence_to_string(price->confidence), price->source,
				      price->as_of, note->str, NULL);
	}
	return table;
}

/* the purchase options, in the figures table's columns */
static ReportTable *
report_options_table(const PlanPriceBook *book, ReportNotes *notes)
{
	static const char *const header[] = {"KEY",    "VALUE", "UNIT", "CONFIDENCE",
					     "SOURCE", "AS-OF", "NOTE", NULL};
	ReportTable *table = report_table_new(header);

	report_prices_each_option(book, report_option_row, &(ReportOptionRows){table, notes});
	return table;
}

static ReportTable *
report_lcu_table(const PlanPriceBook *book, ReportNotes *notes)
{
	static const char *const header[] = {"BALANCER", ">NEW CONN/S",	 ">ACTIVE CONN/MIN",
					     ">GB/HOUR", ">RULE EVAL/S", "CONFIDENCE",
					     "SOURCE",	 "NOTE",	 NULL};
	static const char *const names[] = {"alb", "nlb"};
	ReportTable *table = report_table_new(header);

	for (guint n = 0; n < 2; n++) {
		const PlanLcuDimensions *lcu = plan_price_book_lcu(book, n == 1);
		g_autofree char *connections = NULL;
		g_autofree char *active = NULL;
		g_autofree char *bytes = NULL;
		g_autofree char *rules = NULL;
		g_autoptr(GString) note = g_string_new(NULL);

		if (lcu == NULL)
			continue;
		connections = report_number_to_string(lcu->new_connections_per_second);
		active = report_number_to_string(lcu->active_connections_per_minute);
		bytes = report_number_to_string(lcu->processed_gb_per_hour);
		rules = lcu->rule_evaluations_per_second > 0
			    ? report_number_to_string(lcu->rule_evaluations_per_second)
			    : g_strdup("-");
		report_cite(notes, note, lcu->note);
		report_table_add_rowv(table, names[n], connections, active, bytes, rules,
				      plan_confidence_to_string(lcu->confidence), lcu->source,
				      note->str, NULL);
	}
	return table;
}

static ReportTable *
report_instances_table(const PlanPriceBook *book, ReportNotes *notes)
{
	static const char *const header[] = {
	    "TYPE",	"ARCH",	   ">VCPU",	 ">MEMORY MiB", ">ENIS", ">IPV4/ENI", ">TASKS",
	    ">TRUNKED", ">$/HOUR", "CONFIDENCE", "SOURCE",	"NOTE",	 NULL};
	ReportTable *table = report_table_new(header);
	g_autoptr(GPtrArray) instances = plan_price_book_instances(book);

	for (guint i = 0; i < instances->len; i++) {
		const PlanInstanceType *type = g_ptr_array_index(instances, i);
		const char *cells[12] = {type->name};
		g_autoptr(GPtrArray) specs = g_ptr_array_new_with_free_func(g_free);
		g_autofree char *hourly = NULL;
		g_autoptr(GString) note = g_string_new(NULL);

		for (guint f = 0; f < PLAN_INSTANCE_N_FIELDS; f++) {
			g_ptr_array_add(specs, report_spec_value(type, (PlanInstanceField)f, TRUE));
			cells[1 + f] = g_ptr_array_index(specs, f);
			report_cite(notes, note, type->specs[f].note);
		}
		if (type->hourly.present) {
			hourly = report_price_value(&type->hourly, TRUE);
			cells[8] = hourly;
			cells[9] = plan_confidence_to_string(type->hourly.confidence);
			cells[10] = type->hourly.source;
			report_cite(notes, note, type->hourly.note);
		} else {
			cells[8] = "-";
			cells[9] = "-";
			cells[10] = "-";
		}
		cells[11] = note->str;
		report_table_add_row(table, cells);
	}
	return table;
}

static void
report_heading_text(GString *out, ReportFlags flags, const char *text)
{
	g_string_append(out, report_color(flags, REPORT_ANSI_BOLD));
	report_escape_terminal(out, text, REPORT_ESCAPE_NONE);
	g_string_append_printf(out, "%s\n", report_color(flags, REPORT_ANSI_RESET));
}

static void
report_notes_text(const ReportNotes *notes, ReportFlags flags, GString *out)
{
	if (notes->texts->len == 0)
		return;
	g_string_append_c(out, '\n');
	report_heading_text(out, flags, "Notes");
	for (guint i = 0; i < notes->texts->len; i++) {
		g_string_append_printf(out, "  [%u] ", i + 1);
		report_escape_terminal(out, g_ptr_array_index(notes->texts, i), REPORT_ESCAPE_NONE);
		g_string_append_c(out, '\n');
	}
}

static void
report_sources_text(const PlanPriceBook *book, GPtrArray *cited, ReportFlags flags, GString *out)
{
	if (cited->len == 0)
		return;
	g_string_append_c(out, '\n');
	report_heading_text(out, flags, "Sources");
	for (guint i = 0; i < cited->len; i++) {
		const char *key = g_ptr_array_index(cited, i);
		g_autofree char *shown = report_escape_terminal_dup(key);
		g_string_append_printf(out, "  %-5s ", shown);
		report_escape_terminal(out, plan_price_book_source_title(book, key),
				       REPORT_ESCAPE_NONE);
		g_string_append(out, " (as of: ");
		report_escape_terminal(out, plan_price_book_source_as_of(book, key),
				       REPORT_ESCAPE_NONE);
		g_string_append(out, ")\n");
	}
}

/* the notes and the sources a Markdown listing cites, after its tables */
static void
report_notes_sources_markdown(const PlanPriceBook *book, const ReportNotes *notes, GPtrArray *cited,
			      GString *out)
{
	static const char *const note_header[] = {">NOTE", "TEXT", NULL};
	static const char *const source_header[] = {"KEY", "SOURCE", "AS OF", NULL};
	g_autoptr(ReportTable) sources = report_table_new(source_header);

	if (notes->texts->len > 0) {
		g_autoptr(ReportTable) table = report_table_new(note_header);
		for (guint i = 0; i < notes->texts->len; i++) {
			g_autofree char *number = g_strdup_printf("[%u]", i + 1);
			report_table_add_rowv(table, number, g_ptr_array_index(notes->texts, i),
					      NULL);
		}
		g_string_append(out, "\n### Notes\n\n");
		report_table_render_markdown(table, out);
	}
	for (guint i = 0; i < cited->len; i++) {
		const char *key = g_ptr_array_index(cited, i);
		report_table_add_rowv(sources, key, plan_price_book_source_title(book, key),
				      plan_price_book_source_as_of(book, key), NULL);
	}
	if (report_table_n_rows(sources) > 0) {
		g_string_append(out, "\n### Sources\n\n");
		report_table_render_markdown(sources, out);
	}
}

/* the page's title: the view's, or one instance type's (@type, or NULL) */
static char *
report_title(const PlanPriceBook *book, ReportPricesView view, const PlanInstanceType *type)
{
	if (type != NULL)
		return g_strdup_printf("%s, on-demand Linux in %s (USD; book of %s; %s)",
				       type->name, plan_price_book_region(book),
				       plan_price_book_as_of(book), plan_price_book_origin(book));
	if (view == REPORT_PRICES_INSTANCES)
		return g_strdup_printf(
		    "EC2 instance types, on-demand Linux in %s (USD; book of %s; "
		    "%s)",
		    plan_price_book_region(book), plan_price_book_as_of(book),
		    plan_price_book_origin(book));
	return g_strdup_printf("Price book for %s (USD; book of %s; %s)",
			       plan_price_book_region(book), plan_price_book_as_of(book),
			       plan_price_book_origin(book));
}

static const char report_estimate_legend[] =
    REPORT_ESTIMATE_MARK " estimate: the figure is unconfirmed; check the live AWS price page "
			 "before quoting it";
static const char report_derived_legend[] =
    REPORT_DERIVED_MARK " derived: worked out from other figures, not read as it stands "
			"(see the notes); n/s: ENI trunking not supported";

static void
report_prices_text(const PlanPriceBook *book, ReportPricesView view, ReportFlags flags,
		   GString *out)
{
	g_auto(ReportNotes) notes = {0};
	g_autoptr(GHashTable) used = report_prices_figure_sources(book, view, FALSE, NULL);
	g_autoptr(GPtrArray) cited = report_prices_cited_sources(book, used);
	g_autofree char *title = report_title(book, view, NULL);

	report_notes_init(&notes);
	report_heading_text(out, flags, title);
	if (view == REPORT_PRICES_INSTANCES) {
		g_autoptr(ReportTable) table = report_instances_table(book, &notes);
		report_table_render_text(table, "  ", out);
		g_string_append_printf(out,
				       "\n  %s\n  %s\n  -: no price for this region in the "
				       "book\n",
				       report_estimate_legend, report_derived_legend);
	} else {
		g_autoptr(ReportTable) table = report_figures_table(book, &notes);
		g_autoptr(ReportTable) lcu = report_lcu_table(book, &notes);
		g_autoptr(ReportTable) options = report_options_table(book, &notes);
		report_table_render_text(table, "  ", out);
		g_string_append_printf(out, "\n  %s\n", report_estimate_legend);
		if (report_table_n_rows(options) > 0) {
			g_string_append_c(out, '\n');
			report_heading_text(out, flags,
					    "Purchase options (Savings Plans, Reserved Instances, "
					    "EC2 Spot)");
			report_table_render_text(options, "  ", out);
		}
		if (report_table_n_rows(lcu) > 0) {
			g_string_append_c(out, '\n');
			report_heading_text(out, flags,
					    "Capacity units (per LCU-hour; a balancer is billed on "
					    "its largest dimension)");
			report_table_render_text(lcu, "  ", out);
		}
	}
	report_notes_text(&notes, flags, out);
	report_sources_text(book, cited, flags, out);
}

static void
report_prices_markdown(const PlanPriceBook *book, ReportPricesView view, GString *out)
{
	g_auto(ReportNotes) notes = {0};
	g_autoptr(GHashTable) used = report_prices_figure_sources(book, view, FALSE, NULL);
	g_autoptr(GPtrArray) cited = report_prices_cited_sources(book, used);
	g_autofree char *title = report_title(book, view, NULL);

	report_notes_init(&notes);
	g_string_append(out, "## ");
	report_escape_markdown(out, title, REPORT_MARKDOWN_INLINE);
	g_string_append(out, "\n\n");
	if (view == REPORT_PRICES_INSTANCES) {
		g_autoptr(ReportTable) table = report_instances_table(book, &notes);
		report_table_render_markdown(table, out);
		g_string_append_printf(out, "\n%s.\n%s.\n", report_estimate_legend,
				       report_derived_legend);
	} else {
		g_autoptr(ReportTable) table = report_figures_table(book, &notes);
		g_autoptr(ReportTable) lcu = report_lcu_table(book, &notes);
		g_autoptr(ReportTable) options = report_options_table(book, &notes);
		report_table_render_markdown(table, out);
		g_string_append_printf(out, "\n%s.\n", report_estimate_legend);
		if (report_table_n_rows(options) > 0) {
			g_string_append(out, "\n### Purchase options (Savings Plans, Reserved "
					     "Instances, EC2 Spot)\n\n");
			report_table_render_markdown(options, out);
		}
		if (report_table_n_rows(lcu) > 0) {
			g_string_append(out, "\n### Capacity units (per LCU-hour)\n\n");
			report_table_render_markdown(lcu, out);
		}
	}
	report_notes_sources_markdown(book, &notes, cited, out);
}

/* ---- csv ------------------------------------------------------------------------------ */

/* a purchase option as a CSV row of the figures: the key is its place in the book file, the
 * Spot interruption band leads the note */
static void
report_option_csv(const char *const *path, const char *name, const PlanPrice *price,
		  const PlanSpotAdvice *spot, gpointer data)
{
	g_autofree char *joined = g_strjoinv(".", (char **)path);
	g_autofree char *key = g_strconcat(joined, ".", name, NULL);
	g_autofree char *value = report_price_value(price, FALSE);
	g_autofree char *note =
	    spot != NULL && spot->interruption != NULL
		? g_strdup_printf("interrupted %s/month%s%s", spot->interruption,
				  price->note != NULL ? "; " : "",
				  price->note != NULL ? price->note : "")
		: g_strdup(price->note);
	const char *cells[] = {
	    key,
	    value,
	    price->unit,
	    plan_confidence_to_string(price->confidence),
	    plan_price_is_estimate(price) ? "true" : "false",
	    price->source,
	    price->as_of,
	    note,
	};

	report_csv_row(data, cells, G_N_ELEMENTS(cells),
		       REPORT_CSV_USER(0) | REPORT_CSV_USER(2) | REPORT_CSV_USER(5) |
			   REPORT_CSV_USER(6) | REPORT_CSV_USER(7));
}

static void
report_prices_csv(const PlanPriceBook *book, ReportPricesView view, const char *only, GString *out)
{
	if (view == REPORT_PRICES_FIGURES) {
		static const char *const header[] = {"key",	 "value",  "unit",  "confidence",
						     "estimate", "source", "as_of", "note"};
		g_autoptr(GPtrArray) keys = plan_price_book_keys(book);

		report_csv_row(out, header, G_N_ELEMENTS(header), 0);
		for (guint i = 0; i < keys->len; i++) {
			const char *key = g_ptr_array_index(keys, i);
			const PlanPrice *price = plan_price_book_get(book, key);
			g_autofree char *value = report_price_value(price, FALSE);
			const char *cells[] = {
			    key,
			    value,
			    price->unit,
			    plan_confidence_to_string(price->confidence),
			    plan_price_is_estimate(price) ? "true" : "false",
			    price->source,
			    price->as_of,
			    price->note,
			};
			/* key, unit, source, as_of and note can come from a price file */
			report_csv_row(out, cells, G_N_ELEMENTS(cells),
				       REPORT_CSV_USER(0) | REPORT_CSV_USER(2) |
					   REPORT_CSV_USER(5) | REPORT_CSV_USER(6) |
					   REPORT_CSV_USER(7));
		}
		report_prices_each_option(book, report_option_csv, out);
	} else {
		static const char *const header[] = {
		    "type",	    "architecture",	 "vcpu",	   "memory_mib",
		    "max_enis",	    "ipv4_per_eni",	 "tasks_no_trunk", "tasks_trunk",
		    "hourly",	    "hourly_confidence", "estimate",	   "hourly_source",
		    "hourly_as_of", "derived_specs",
		};
		g_autoptr(GPtrArray) instances = report_prices_instances(book, only);

		report_csv_row(out, header, G_N_ELEMENTS(header), 0);
		for (guint i = 0; i < instances->len; i++) {
			const PlanInstanceType *type = g_ptr_array_index(instances, i);
			g_autoptr(GPtrArray) specs = g_ptr_array_new_with_free_func(g_free);
			g_autoptr(GString) derived = g_string_new(NULL);
			g_autofree char *hourly =
			    type->hourly.present ? report_price_value(&type->hourly, FALSE) : NULL;
			const char *cells[14] = {type->name};

			for (guint f = 0; f < PLAN_INSTANCE_N_FIELDS; f++) {
				g_ptr_array_add(
				    specs, report_spec_value(type, (PlanInstanceField)f, FALSE));
				cells[1 + f] = g_ptr_array_index(specs, f);
				if (type->specs[f].confidence == PLAN_CONFIDENCE_OK)
					continue;
				if (derived->len > 0)
					g_string_append_c(derived, ' ');
				g_string_append(derived,
						plan_instance_field_name((PlanInstanceField)f));
			}
			cells[8] = hourly;
			cells[9] = type->hourly.present
				       ? plan_confidence_to_string(type->hourly.confidence)
				       : NULL;
			cells[10] = type->hourly.present
					? (plan_price_is_estimate(&type->hourly) ? "true" : "false")
					: NULL;
			cells[11] = type->hourly.present ? type->hourly.source : NULL;
			cells[12] = type->hourly.present ? type->hourly.as_of : NULL;
			cells[13] = derived->str;
			/* the type's name, source and as_of can come from a price file */
			report_csv_row(out, cells, G_N_ELEMENTS(cells),
				       REPORT_CSV_USER(0) | REPORT_CSV_USER(11) |
					   REPORT_CSV_USER(12));
		}
	}
}

/* ---- one instance type: `ecsplan prices --instance-type TYPE` ---------------------------- */

/* what each spec field counts, for the UNIT column */
static const char *const report_spec_units[PLAN_INSTANCE_N_FIELDS] = {
    "", "vCPU", "MiB", "ENIs", "addresses per ENI", "awsvpc tasks", "awsvpc tasks",
};

/* one row per spec field with its own confidence and source, then the region's hourly
 * on-demand price and the month it makes at REPORT_PRICES_MONTH_HOURS hours */
static ReportTable *
report_instance_table(const PlanInstanceType *type, ReportNotes *notes)
{
	static const char *const header[] = {"FIELD",  ">VALUE", "UNIT", "CONFIDENCE",
					     "SOURCE", "NOTE",	 NULL};
	ReportTable *table = report_table_new(header);

	for (guint f = 0; f < PLAN_INSTANCE_N_FIELDS; f++) {
		const PlanSpecOrigin *origin = &type->specs[f];
		g_autofree char *value = report_spec_value(type, (PlanInstanceField)f, TRUE);
		g_autoptr(GString) note = g_string_new(NULL);

		report_cite(notes, note, origin->note);
		report_table_add_rowv(table, plan_instance_field_name((PlanInstanceField)f), value,
				      report_spec_units[f],
				      plan_confidence_to_string(origin->confidence), origin->source,
				      note->str, NULL);
	}
	if (type->hourly.present) {
		g_autofree char *hourly = report_price_value(&type->hourly, TRUE);
		/* exact: nano-dollars times whole hours; rounded to the cent only for display */
		g_autofree char *monthly =
		    report_money_cell(type->hourly.nanos * REPORT_PRICES_MONTH_HOURS,
				      plan_price_is_estimate(&type->hourly));
		g_autofree char *arithmetic = NULL;
		g_autoptr(GString) note = g_string_new(NULL);
		g_autofree char *rate = report_nanos_to_string(type->hourly.nanos);

		report_cite(notes, note, type->hourly.note);
		report_table_add_rowv(table, "hourly", hourly, "USD per hour",
				      plan_confidence_to_string(type->hourly.confidence),
				      type->hourly.source, note->str, NULL);
		arithmetic = g_strdup_printf("%s × %d h", rate, REPORT_PRICES_MONTH_HOURS);
		report_table_add_rowv(table, "monthly", monthly, "USD per month",
				      plan_confidence_to_string(type->hourly.confidence),
				      type->hourly.source, arithmetic, NULL);
	} else {
		report_table_add_rowv(table, "hourly", "-", "USD per hour", "-", "-",
				      "no price for this region in the book", NULL);
	}
	return table;
}

static void
report_prices_instance_text(const PlanPriceBook *book, const PlanInstanceType *type,
			    ReportFlags flags, GString *out)
{
	g_auto(ReportNotes) notes = {0};
	g_autoptr(GHashTable) used =
	    report_prices_figure_sources(book, REPORT_PRICES_INSTANCES, FALSE, type->name);
	g_autoptr(GPtrArray) cited = report_prices_cited_sources(book, used);
	g_autofree char *title = report_title(book, REPORT_PRICES_INSTANCES, type);
	g_autoptr(ReportTable) table = NULL;

	report_notes_init(&notes);
	report_heading_text(out, flags, title);
	table = report_instance_table(type, &notes);
	report_table_render_text(table, "  ", out);
	g_string_append_printf(out, "\n  %s\n  %s\n", report_estimate_legend,
			       report_derived_legend);
	report_notes_text(&notes, flags, out);
	report_sources_text(book, cited, flags, out);
}

static void
report_prices_instance_markdown(const PlanPriceBook *book, const PlanInstanceType *type,
				GString *out)
{
	g_auto(ReportNotes) notes = {0};
	g_autoptr(GHashTable) used =
	    report_prices_figure_sources(book, REPORT_PRICES_INSTANCES, FALSE, type->name);
	g_autoptr(GPtrArray) cited = report_prices_cited_sources(book, used);
	g_autofree char *title = report_title(book, REPORT_PRICES_INSTANCES, type);
	g_autoptr(ReportTable) table = NULL;

	report_notes_init(&notes);
	g_string_append(out, "## ");
	report_escape_markdown(out, title, REPORT_MARKDOWN_INLINE);
	g_string_append(out, "\n\n");
	table = report_instance_table(type, &notes);
	report_table_render_markdown(table, out);
	g_string_append_printf(out, "\n%s.\n%s.\n", report_estimate_legend, report_derived_legend);
	report_notes_sources_markdown(book, &notes, cited, out);
}

/* the one switch over the formats of both views: @type (or NULL) narrows the instances view to
 * that one type, which text and markdown show as a page of its own and csv and json as a
 * one-row listing. Returns: (transfer full): the document, or NULL with @error set */
static GString *
report_prices_render(const PlanPriceBook *book, ReportPricesView view, const PlanInstanceType *type,
		     ReportFormat format, ReportFlags flags, GError **error)
{
	g_autoptr(GString) out = g_string_new(NULL);
	const char *only = type != NULL ? type->name : NULL;

	switch (format) {
	case REPORT_FORMAT_TEXT:
		if (type != NULL)
			report_prices_instance_text(book, type, flags, out);
		else
			report_prices_text(book, view, flags, out);
		/* names were escaped where they were written; this catches any other */
		report_escape_terminal_document(out, flags);
		break;
	case REPORT_FORMAT_MARKDOWN:
		if (type != NULL)
			report_prices_instance_markdown(book, type, out);
		else
			report_prices_markdown(book, view, out);
		break;
	case REPORT_FORMAT_CSV:
		report_prices_csv(book, view, only, out);
		break;
	case REPORT_FORMAT_JSON:
		if (!report_prices_json(book, view, only, out, error))
			return NULL;
		break;
	default:
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE, "prices cannot write format '%s'",
			    report_format_info(format)->name);
		return NULL;
	}
	return g_steal_pointer(&out);
}

/**
 * report_prices:
 * @book: (transfer none): the book to list
 * Returns: (transfer full): the document, or NULL with @error set for a format not offered
 */
GString *
report_prices(const PlanPriceBook *book, ReportPricesView view, ReportFormat format,
	      ReportFlags flags, GError **error)
{
	g_return_val_if_fail(book != NULL, NULL);
	return report_prices_render(book, view, NULL, format, flags, error);
}

/**
 * report_prices_instance:
 * @book: (transfer none): the book
 * @name: an instance type of @book (plan_price_book_instance() finds it)
 * Returns: (transfer full): the document, or NULL with @error set
 */
GString *
report_prices_instance(const PlanPriceBook *book, const char *name, ReportFormat format,
		       ReportFlags flags, GError **error)
{
	const PlanInstanceType *type;

	g_return_val_if_fail(book != NULL && name != NULL, NULL);
	type = plan_price_book_instance(book, name);
	g_return_val_if_fail(type != NULL, NULL);
	return report_prices_render(book, REPORT_PRICES_INSTANCES, type, format, flags, error);
}
