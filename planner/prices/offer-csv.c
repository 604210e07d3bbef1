/* AWS Price List offer files in their CSV flavour (offer-import-private.h): five preamble lines
 * ("FormatVersion","v1.0", Disclaimer, Publication Date, Version, OfferCode), the header on
 * line 6, then one row per rate with the product's attributes repeated on every row. The file is
 * read in 64 KiB chunks by a small RFC 4180 reader (quoted fields with commas, doubled quotes
 * and line breaks; CRLF or LF): only the current row is held. Columns are mapped by their
 * header names, each row's product goes through the same classifiers as the JSON file's
 * (offer-rates.c) once per SKU, on-demand rates become figures as they are read, and a Reserved
 * term's rows (its hourly rate and upfront fee) are grouped per SKU + OfferTermCode for the wanted
 * instance types only and decided at the end of the file, in the order they first appeared.
 * The Savings Plans CSV (its header names DiscountedRate) is read the same way. */
#include "offer-import-private.h"

#include <string.h>

#include "plan-error.h"

/* a row of AWS's widest file (AmazonEC2) is under 2 kB with about 90 columns */
#define CSV_MAX_RECORD (1024u * 1024u)
#define CSV_MAX_FIELDS 4096u
#define CSV_PREAMBLE_LINES 5u

/* the columns the reader uses besides the product attributes */
typedef enum {
	COL_SKU,
	COL_TERM_CODE,
	COL_RATE_CODE,
	COL_TERM_TYPE,
	COL_UNIT,
	COL_PRICE,
	COL_CURRENCY,
	COL_STARTING_RANGE,
	COL_LEASE,
	COL_PURCHASE_OPTION,
	COL_OFFERING_CLASS,
	COL_FAMILY,
	/* the Savings Plans CSV */
	COL_SP_RATE,
	COL_SP_SKU,
	COL_SP_SERVICE,
	COL_SP_USAGE,
	COL_SP_OPERATION,
	COL_SP_REGION,
	COL_SP_INSTANCE,
	COL_SP_LEASE_UNIT,
	COL_SP_PLAN_SERVICE,
	COL_N,
} CsvColumn;

typedef struct {
	const char *name;
	gboolean offer;	   /* an offer file needs it */
	gboolean savings;  /* a Savings Plans file needs it */
} CsvColumnName;

/* header names as AWS writes them (aws-price-list.md, "CSV flavour" and the Savings Plans CSV
 * header); a column both flavours have is named once */
static const CsvColumnName csv_columns[COL_N] = {
    [COL_SKU] = {"SKU", TRUE, TRUE},
    [COL_TERM_CODE] = {"OfferTermCode", TRUE, FALSE},
    [COL_RATE_CODE] = {"RateCode", TRUE, TRUE},
    [COL_TERM_TYPE] = {"TermType", TRUE, FALSE},
    [COL_UNIT] = {"Unit", TRUE, TRUE},
    [COL_PRICE] = {"PricePerUnit", TRUE, FALSE},
    [COL_CURRENCY] = {"Currency", TRUE, TRUE},
    [COL_STARTING_RANGE] = {"StartingRange", FALSE, FALSE},
    [COL_LEASE] = {"LeaseContractLength", FALSE, TRUE},
    [COL_PURCHASE_OPTION] = {"PurchaseOption", FALSE, TRUE},
    [COL_OFFERING_CLASS] = {"OfferingClass", FALSE, FALSE},
    [COL_FAMILY] = {"Product Family", TRUE, TRUE},
    [COL_SP_RATE] = {"DiscountedRate", FALSE, TRUE},
    [COL_SP_SKU] = {"DiscountedSKU", FALSE, TRUE},
    [COL_SP_SERVICE] = {"DiscountedServiceCode", FALSE, TRUE},
    [COL_SP_USAGE] = {"DiscountedUsageType", FALSE, TRUE},
    [COL_SP_OPERATION] = {"DiscountedOperation", FALSE, TRUE},
    [COL_SP_REGION] = {"DiscountedRegionCode", FALSE, TRUE},
    [COL_SP_INSTANCE] = {"DiscountedInstanceType", FALSE, FALSE},
    [COL_SP_LEASE_UNIT] = {"LeaseContractLengthUnit", FALSE, TRUE},
    [COL_SP_PLAN_SERVICE] = {"ServiceCode", FALSE, FALSE},
};

typedef enum {
	CSV_START,    /* a field starts */
	CSV_UNQUOTED, /* in a field without quotes */
	CSV_QUOTED,   /* in a quoted field */
	CSV_QUOTE,    /* a quote in a quoted field: the end, or the first of a doubled one */
	CSV_CR,	      /* a record ended at CR: a LF right after it belongs to it */
	CSV_SKIP,     /* a row of a SKU the book does not use: only its end is looked for */
} CsvState;

/* a Reserved term of a wanted instance type: its rows, kept until the file ends */
typedef struct {
	char sku[OFFER_KEY_SIZE];
	char lease[OFFER_KEY_SIZE];
	char class[OFFER_KEY_SIZE];
	char option[OFFER_KEY_SIZE];
	OfferDimension hourly;
	OfferDimension upfront;
} CsvTerm;

typedef struct {
	OfferParse *parse;
	GError *error;
	CsvState state;
	/* the current record: its fields' bytes, each closed by a NUL, and where each starts */
	char *text;
	gsize length;
	gsize size;
	guint32 *starts;
	guint n_fields;
	gboolean quoted; /* the record's first field was quoted (a blank line is not) */
	gboolean bare_cr;    /* a line ended at CR alone: rows are never skipped (csv_skip) */
	guint64 skip_quotes; /* quotes seen in the row being skipped: odd inside a field */
	guint64 n_skipped;
	guint64 line;	     /* the line being read, from 1 */
	guint64 record_line; /* the line the current record started on */
	guint n_records;
	/* the header */
	gboolean have_header;
	gboolean savings;
	guint n_columns;
	int columns[COL_N];
	int attributes[ATTR_N];
	/* the product of the last row: a SKU's rows come together, so it is classified once */
	char last_sku[OFFER_KEY_SIZE];
	const char *last_key; /* its book key (owned by parse->wanted), or NULL */
	GHashTable *terms;    /* "SKU.TERM" -> CsvTerm* (owned by @order) */
	GPtrArray *order;     /* CsvTerm*, in the order they first appeared */
} OfferCsv;

/* a failure at the current record: "file:line: message" */
static gboolean csv_fail(OfferCsv *csv, const char *format, ...) G_GNUC_PRINTF(2, 3);

static gboolean
csv_fail(OfferCsv *csv, const char *format, ...)
{
	g_autofree char *message = NULL;
	va_list args;

	if (csv->error != NULL)
		return FALSE;
	va_start(args, format);
	message = g_strdup_vprintf(format, args);
	va_end(args);
	g_set_error(&csv->error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
		    "%s:%" G_GUINT64_FORMAT ": %s", csv->parse->name, csv->record_line, message);
	return FALSE;
}

static const char *
csv_field(const OfferCsv *csv, guint index)
{
	return csv->text + csv->starts[index];
}

/* a column's field in the current row, "" for a column the header lacks */
static const char *
csv_column(const OfferCsv *csv, CsvColumn column)
{
	return csv->columns[column] >= 0 ? csv_field(csv, (guint)csv->columns[column]) : "";
}

static void
csv_copy(char *out, gsize size, const char *text)
{
	book_offer_copy(out, size, (const unsigned char *)text, strlen(text));
}

/* "Instance Type", "Pre Installed S/W", "usageType" -> "instancetype", "preinstalledsw",
 * "usagetype": the CSV's column names spell the JSON attribute names with spaces, slashes and
 * other capitals */
static char *
csv_normal_name(const char *name)
{
	GString *out = g_string_new(NULL);

	for (const char *at = name; *at != '\0'; at++) {
		if (g_ascii_isalnum(*at))
			g_string_append_c(out, g_ascii_tolower(*at));
	}
	return g_string_free(out, FALSE);
}

/* ---- the preamble and the header ---------------------------------------------------------- */

static gboolean
csv_preamble(OfferCsv *csv)
{
	OfferParse *parse = csv->parse;
	const char *name = csv_field(csv, 0);
	const char *value = csv->n_fields > 1 ? csv_field(csv, 1) : "";

	if (csv->n_records == 0 && strcmp(name, "FormatVersion") != 0)
		return csv_fail(csv, "not an AWS Price List CSV file: it starts with five lines "
				     "(\"FormatVersion\",\"v1.0\", Disclaimer, Publication Date, "
				     "Version, OfferCode) before its header");
	if (csv->n_records >= CSV_PREAMBLE_LINES) {
		/* the field as text, cut to 40 bytes: a hostile file's line may be 1 MiB of anything */
		g_autofree char *cut = g_strndup(name, 40);
		g_autofree char *shown = g_utf8_make_valid(cut, -1);
		return csv_fail(csv, "not an AWS Price List CSV file: expected the header "
				     "(\"SKU\",...) after %u preamble lines, found '%s'",
				CSV_PREAMBLE_LINES, shown);
	}
	if (csv->n_fields != 2)
		return csv_fail(csv, "not an AWS Price List CSV file: a preamble line is a name "
				     "and a value, this one has %u fields",
				csv->n_fields);
	if (!g_utf8_validate(value, -1, NULL))
		return csv_fail(csv, "'%s' is not UTF-8 text", name);
	if (strcmp(name, "FormatVersion") == 0)
		parse->format_version = TRUE;
	else if (strcmp(name, "Publication Date") == 0)
		csv_copy(parse->publication_date, sizeof parse->publication_date, value);
	else if (strcmp(name, "Version") == 0)
		csv_copy(parse->version, sizeof parse->version, value);
	else if (strcmp(name, "OfferCode") == 0) {
		csv_copy(parse->offer_code, sizeof parse->offer_code, value);
		parse->line = csv->record_line;
		if (!book_offer_check_code(parse))
			return FALSE;
		parse->line = 0;
	}
	return TRUE;
}

static gboolean
csv_header(OfferCsv *csv)
{
	OfferParse *parse = csv->parse;
	g_autoptr(GPtrArray) normal = g_ptr_array_new_with_free_func(g_free);

	csv->have_header = TRUE;
	csv->n_columns = csv->n_fields;
	for (guint c = 0; c < COL_N; c++)
		csv->columns[c] = -1;
	for (guint a = 0; a < ATTR_N; a++) {
		csv->attributes[a] = -1;
		g_ptr_array_add(normal, csv_normal_name(book_offer_attribute_names[a]));
	}
	for (guint i = 0; i < csv->n_fields; i++) {
		const char *name = csv_field(csv, i);
		if (strcmp(name, csv_columns[COL_SP_RATE].name) == 0)
			csv->savings = TRUE;
	}
	for (guint i = 0; i < csv->n_fields; i++) {
		const char *name = csv_field(csv, i);
		gboolean column = FALSE;
		g_autofree char *folded = NULL;
		for (guint c = 0; c < COL_N; c++) {
			if (strcmp(name, csv_columns[c].name) == 0) {
				if (csv->columns[c] < 0)
					csv->columns[c] = (int)i;
				column = TRUE;
			}
		}
		/* a term's or a plan's column is never a product attribute */
		if (column || csv->savings)
			continue;
		folded = csv_normal_name(name);
		for (guint a = 0; a < ATTR_N; a++) {
			if (strcmp(folded, g_ptr_array_index(normal, a)) == 0 &&
			    csv->attributes[a] < 0)
				csv->attributes[a] = (int)i;
		}
	}
	for (guint c = 0; c < COL_N; c++) {
		gboolean needed = csv->savings ? csv_columns[c].savings : csv_columns[c].offer;
		if (needed && csv->columns[c] < 0)
			return csv_fail(csv, "the header has no column '%s' (%s)", csv_columns[c].name,
					csv->savings ? "a Savings Plans CSV file needs it"
						     : "an offer CSV file needs it");
	}
	if (csv->savings) {
		parse->savings_plan = TRUE;
		if (parse->version[0] == '\0')
			return csv_fail(csv, "not an AWS Price List CSV file: no \"Version\" line "
					     "before the header");
	} else if (!parse->format_version || parse->offer_code[0] == '\0') {
		return csv_fail(csv, "not an AWS Price List CSV file: no \"FormatVersion\" and "
				     "\"OfferCode\" lines before the header");
	}
	return TRUE;
}

/* ---- rows --------------------------------------------------------------------------------- */

/* a rate's price and where it is: the CSV's columns become a dimension as the JSON's members do */
static void
csv_dimension(OfferCsv *csv, OfferDimension *dimension, CsvColumn price)
{
	memset(dimension, 0, sizeof *dimension);
	csv_copy(dimension->rate_code, sizeof dimension->rate_code, csv_column(csv, COL_RATE_CODE));
	csv_copy(dimension->unit, sizeof dimension->unit, csv_column(csv, COL_UNIT));
	csv_copy(dimension->begin_range, sizeof dimension->begin_range,
		 csv_column(csv, COL_STARTING_RANGE));
	csv_copy(dimension->usd, sizeof dimension->usd, csv_column(csv, price));
	/* the JSON file keys a price by its currency: a row in another is a rate without USD */
	dimension->has_usd = strcmp(csv_column(csv, COL_CURRENCY), "USD") == 0;
	dimension->line = csv->record_line;
	dimension->column = csv_columns[price].name;
}

/* the product of this row, classified when the SKU changes */
static void
csv_product(OfferCsv *csv, const char *sku)
{
	OfferParse *parse = csv->parse;

	if (strcmp(sku, csv->last_sku) == 0 && csv->last_sku[0] != '\0')
		return;
	memset(&parse->product, 0, sizeof parse->product);
	csv_copy(parse->product.sku, sizeof parse->product.sku, sku);
	csv_copy(parse->product.family, sizeof parse->product.family, csv_column(csv, COL_FAMILY));
	for (guint a = 0; a < ATTR_N; a++) {
		if (csv->attributes[a] >= 0)
			csv_copy(parse->product.attributes[a], OFFER_VALUE_SIZE,
				 csv_field(csv, (guint)csv->attributes[a]));
	}
	if (g_hash_table_lookup(parse->wanted, parse->product.sku) == NULL)
		book_offer_product_end(parse);
	csv_copy(csv->last_sku, sizeof csv->last_sku, sku);
	csv->last_key = g_hash_table_lookup(parse->wanted, parse->product.sku);
}

/* a row of a Reserved term of a wanted instance type: grouped with the term's other rows */
static void
csv_reserved_row(OfferCsv *csv, const char *sku)
{
	OfferDimension dimension;
	g_autofree char *id = g_strdup_printf("%s.%s", sku, csv_column(csv, COL_TERM_CODE));
	CsvTerm *term = g_hash_table_lookup(csv->terms, id);

	if (term == NULL) {
		term = g_new0(CsvTerm, 1);
		csv_copy(term->sku, sizeof term->sku, sku);
		g_ptr_array_add(csv->order, term);
		g_hash_table_insert(csv->terms, g_steal_pointer(&id), term);
	}
	csv_copy(term->lease, sizeof term->lease, csv_column(csv, COL_LEASE));
	csv_copy(term->class, sizeof term->class, csv_column(csv, COL_OFFERING_CLASS));
	csv_copy(term->option, sizeof term->option, csv_column(csv, COL_PURCHASE_OPTION));
	csv_dimension(csv, &dimension, COL_PRICE);
	if (g_ascii_strcasecmp(dimension.unit, "Quantity") == 0)
		term->upfront = dimension;
	else if (g_ascii_strcasecmp(dimension.unit, "Hrs") == 0)
		term->hourly = dimension;
}

/* every field of the record is UTF-8 text (a row whose text goes into the book); else the
 * refusal names the first that is not */
static gboolean
csv_fields_utf8(OfferCsv *csv)
{
	for (guint i = 0; i < csv->n_fields; i++) {
		if (!g_utf8_validate(csv_field(csv, i), -1, NULL))
			return csv_fail(csv, "field %u is not UTF-8 text", i + 1);
	}
	return TRUE;
}

static gboolean
csv_offer_row(OfferCsv *csv)
{
	OfferParse *parse = csv->parse;
	const char *sku = csv_field(csv, (guint)csv->columns[COL_SKU]);
	const char *type;
	OfferDimension dimension;

	csv_product(csv, sku);
	if (csv->last_key == NULL)
		return TRUE;
	/* a row the book uses: its text goes into the book */
	if (!csv_fields_utf8(csv))
		return FALSE;
	type = csv_column(csv, COL_TERM_TYPE);
	if (strcmp(type, "OnDemand") == 0) {
		csv_dimension(csv, &dimension, COL_PRICE);
		parse->term_key = csv->last_key;
		return book_offer_on_demand_rate(parse, sku, &dimension);
	}
	if (strcmp(type, "Reserved") == 0 && g_str_has_prefix(csv->last_key, "ec2."))
		csv_reserved_row(csv, sku);
	return TRUE;
}

/* a Savings Plans row: one rate of one plan, with the plan's attributes */
static gboolean
csv_savings_row(OfferCsv *csv)
{
	OfferParse *parse = csv->parse;
	const char *plan = csv_column(csv, COL_SKU);
	OfferProduct *product = &parse->product;

	if (!csv_fields_utf8(csv))
		return FALSE;
	if (parse->sp_service[0] == '\0')
		csv_copy(parse->sp_service, sizeof parse->sp_service,
			 csv_column(csv, COL_SP_PLAN_SERVICE));
	if (g_hash_table_lookup(parse->sp_plans, plan) == NULL) {
		/* the JSON file's purchaseTerm "1yr" is LeaseContractLength 1 in "year" units */
		const char *unit = csv_column(csv, COL_SP_LEASE_UNIT);
		memset(product, 0, sizeof *product);
		csv_copy(product->sku, sizeof product->sku, plan);
		csv_copy(product->family, sizeof product->family, csv_column(csv, COL_FAMILY));
		csv_copy(product->attributes[ATTR_PURCHASE_OPTION], OFFER_VALUE_SIZE,
			 csv_column(csv, COL_PURCHASE_OPTION));
		if (g_ascii_strcasecmp(unit, "year") == 0 || g_ascii_strcasecmp(unit, "years") == 0)
			g_snprintf(product->attributes[ATTR_PURCHASE_TERM], OFFER_VALUE_SIZE, "%syr",
				   csv_column(csv, COL_LEASE));
		book_offer_product_end(parse);
	}
	memset(&parse->sp_rate, 0, sizeof parse->sp_rate);
	csv_copy(parse->sp_plan_sku, sizeof parse->sp_plan_sku, plan);
	csv_copy(parse->sp_rate.sku, sizeof parse->sp_rate.sku, csv_column(csv, COL_SP_SKU));
	csv_copy(parse->sp_rate.usage, sizeof parse->sp_rate.usage, csv_column(csv, COL_SP_USAGE));
	csv_copy(parse->sp_rate.operation, sizeof parse->sp_rate.operation,
		 csv_column(csv, COL_SP_OPERATION));
	csv_copy(parse->sp_rate.service, sizeof parse->sp_rate.service,
		 csv_column(csv, COL_SP_SERVICE));
	csv_copy(parse->sp_rate.region, sizeof parse->sp_rate.region,
		 csv_column(csv, COL_SP_REGION));
	csv_copy(parse->sp_rate.instance, sizeof parse->sp_rate.instance,
		 csv_column(csv, COL_SP_INSTANCE));
	csv_copy(parse->sp_rate.currency, sizeof parse->sp_rate.currency,
		 csv_column(csv, COL_CURRENCY));
	csv_dimension(csv, &parse->sp_rate.rate, COL_SP_RATE);
	/* the currency is checked by name: the rate has its price whatever it is in */
	parse->sp_rate.rate.has_usd = TRUE;
	parse->line = csv->record_line;
	if (!book_offer_sp_rate_end(parse))
		return FALSE;
	parse->line = 0;
	return TRUE;
}

/* one whole record */
static gboolean
csv_record(OfferCsv *csv)
{
	/* a blank line */
	if (csv->n_fields == 1 && csv->text[0] == '\0' && !csv->quoted)
		return TRUE;
	if (!csv->have_header) {
		if (strcmp(csv_field(csv, 0), "SKU") != 0) {
			if (!csv_preamble(csv))
				return FALSE;
			csv->n_records++;
			return TRUE;
		}
		if (csv->n_records == 0)
			return csv_fail(csv, "not an AWS Price List CSV file: the header comes after "
					     "five preamble lines (\"FormatVersion\",\"v1.0\", "
					     "Disclaimer, Publication Date, Version, OfferCode), this "
					     "file starts with it");
		csv->n_records++;
		return csv_header(csv);
	}
	csv->n_records++;
	if (csv->n_fields != csv->n_columns)
		return csv_fail(csv, "%u fields where the header (line %u) has %u", csv->n_fields,
				CSV_PREAMBLE_LINES + 1, csv->n_columns);
	return csv->savings ? csv_savings_row(csv) : csv_offer_row(csv);
}

/* ---- the reader --------------------------------------------------------------------------- */

static gboolean
csv_append(OfferCsv *csv, const guint8 *bytes, gsize n)
{
	if (csv->length + n + 1 > CSV_MAX_RECORD)
		return csv_fail(csv, "a record over %u MiB: not an AWS Price List CSV file",
				CSV_MAX_RECORD / (1024u * 1024u));
	if (csv->length + n + 1 > csv->size) {
		csv->size = MAX(csv->size * 2, csv->length + n + 1);
		csv->text = g_realloc(csv->text, csv->size);
	}
	memcpy(csv->text + csv->length, bytes, n);
	csv->length += n;
	return TRUE;
}

/* the field being read ends: its NUL is written, and the next one starts after it
 * (starts[n_fields] is always where the field being read starts) */
static gboolean
csv_end_field(OfferCsv *csv)
{
	static const guint8 nul = 0;

	if (csv->n_fields >= CSV_MAX_FIELDS)
		return csv_fail(csv, "over %u fields in a record: not an AWS Price List CSV file",
				CSV_MAX_FIELDS);
	if (!csv_append(csv, &nul, 1))
		return FALSE;
	csv->n_fields++;
	csv->starts[csv->n_fields] = (guint32)csv->length;
	csv->state = CSV_START;
	return TRUE;
}

static gboolean
csv_end_record(OfferCsv *csv)
{
	gboolean ok = csv_record(csv);

	csv->length = 0;
	csv->n_fields = 0;
	csv->starts[0] = 0;
	csv->quoted = FALSE;
	csv->record_line = csv->line;
	return ok;
}

/* the bytes that end a field without quotes, or are wrong in one */
static const guint8 csv_unquoted_stop[256] = {
    [','] = 1, ['"'] = 1, ['\r'] = 1, ['\n'] = 1, [0] = 1,
};

/* a row starts: when its SKU (the first field, quoted as AWS writes it) is the last row's and
 * that product is nothing the book uses, the row is only scanned for its end (an LF outside
 * quotes), as the JSON reader scans the terms it does not read. Most rows of an AmazonEC2 file
 * are such rows (Windows, dedicated, reservations, other regions) */
static gboolean
csv_skip_starts(const OfferCsv *csv, const guint8 *bytes, gsize n)
{
	gsize length;

	if (!csv->have_header || csv->last_key != NULL || csv->last_sku[0] == '\0' ||
	    csv->bare_cr || csv->columns[COL_SKU] != 0 || bytes[0] != '"')
		return FALSE;
	length = strlen(csv->last_sku);
	return n >= length + 3 && memcmp(bytes + 1, csv->last_sku, length) == 0 &&
	       bytes[length + 1] == '"' && bytes[length + 2] == ',';
}

static guint64
csv_count_quotes(const guint8 *bytes, gsize n)
{
	const guint64 low7 = G_GUINT64_CONSTANT(0x7F7F7F7F7F7F7F7F);
	guint64 quotes = 0;
	gsize i = 0;

	/* eight bytes at a time: a byte of @x is 0 where the text has a quote; @zero gets the high
	 * bit of exactly those bytes, and the multiply sums the eight bits into the top byte */
	for (; i + 8 <= n; i += 8) {
		guint64 word;
		guint64 x;
		guint64 zero;
		memcpy(&word, bytes + i, 8);
		x = word ^ G_GUINT64_CONSTANT(0x2222222222222222);
		zero = ~(((x & low7) + low7) | x | low7);
		quotes += ((zero >> 7) * G_GUINT64_CONSTANT(0x0101010101010101)) >> 56;
	}
	for (; i < n; i++)
		quotes += bytes[i] == '"';
	return quotes;
}

static gboolean
csv_feed(OfferCsv *csv, const guint8 *bytes, gsize n)
{
	gsize i = 0;

	while (i < n) {
		switch (csv->state) {
		case CSV_START:
			if (csv->n_fields == 0 && csv_skip_starts(csv, bytes + i, n - i)) {
				csv->state = CSV_SKIP;
				csv->skip_quotes = 0;
				break;
			}
			if (bytes[i] == '"') {
				if (csv->n_fields == 0)
					csv->quoted = TRUE;
				csv->state = CSV_QUOTED;
				i++;
			} else {
				csv->state = CSV_UNQUOTED;
			}
			break;
		case CSV_UNQUOTED: {
			gsize j = i;
			while (j < n && !csv_unquoted_stop[bytes[j]])
				j++;
			if (!csv_append(csv, bytes + i, j - i))
				return FALSE;
			i = j;
			if (i == n)
				break;
			if (bytes[i] == '"')
				return csv_fail(csv, "a quote inside a field that does not start with "
						     "one");
			if (bytes[i] == 0)
				return csv_fail(csv, "a NUL byte: not an AWS Price List CSV file");
			if (!csv_end_field(csv))
				return FALSE;
			if (bytes[i] == '\n' || bytes[i] == '\r') {
				csv->line++;
				if (!csv_end_record(csv))
					return FALSE;
				csv->state = bytes[i] == '\r' ? CSV_CR : CSV_START;
			}
			i++;
			break;
		}
		case CSV_QUOTED: {
			const guint8 *quote = memchr(bytes + i, '"', n - i);
			gsize j = quote != NULL ? (gsize)(quote - bytes) : n;
			const guint8 *nl = bytes + i;
			while ((nl = memchr(nl, '\n', (gsize)(bytes + j - nl))) != NULL) {
				csv->line++;
				nl++;
			}
			if (!csv_append(csv, bytes + i, j - i))
				return FALSE;
			i = j;
			if (quote != NULL) {
				csv->state = CSV_QUOTE;
				i++;
			}
			break;
		}
		case CSV_QUOTE:
			if (bytes[i] == '"') {
				if (!csv_append(csv, bytes + i, 1))
					return FALSE;
				csv->state = CSV_QUOTED;
				i++;
				break;
			}
			if (bytes[i] != ',' && bytes[i] != '\n' && bytes[i] != '\r')
				return csv_fail(csv, "text after the closing quote of field %u",
						csv->n_fields + 1);
			if (!csv_end_field(csv))
				return FALSE;
			if (bytes[i] == '\n' || bytes[i] == '\r') {
				csv->line++;
				if (!csv_end_record(csv))
					return FALSE;
				csv->state = bytes[i] == '\r' ? CSV_CR : CSV_START;
			}
			i++;
			break;
		case CSV_CR:
			if (bytes[i] == '\n')
				i++;
			else
				csv->bare_cr = TRUE;
			csv->state = CSV_START;
			break;
		case CSV_SKIP: {
			const guint8 *lf = memchr(bytes + i, '\n', n - i);
			gsize j = lf != NULL ? (gsize)(lf - bytes) : n;
			csv->skip_quotes += csv_count_quotes(bytes + i, j - i);
			i = j;
			if (lf == NULL)
				break;
			i++;
			csv->line++;
			/* an LF inside a quoted field: the row goes on */
			if (csv->skip_quotes % 2 != 0)
				break;
			csv->n_skipped++;
			csv->state = CSV_START;
			csv->record_line = csv->line;
			break;
		}
		}
	}
	return TRUE;
}

/* the end of the file: a last record without its line break is read; a quoted field left open
 * is a truncated file */
static gboolean
csv_finish(OfferCsv *csv)
{
	OfferParse *parse = csv->parse;

	if (csv->state == CSV_QUOTED || (csv->state == CSV_SKIP && csv->skip_quotes % 2 != 0))
		return csv_fail(csv, "the file ends inside a quoted field (truncated?)");
	if (csv->state == CSV_UNQUOTED || csv->state == CSV_QUOTE ||
	    (csv->state == CSV_START && csv->n_fields > 0)) {
		if (!csv_end_field(csv) || !csv_end_record(csv))
			return FALSE;
	}
	if (!csv->have_header) {
		csv->record_line = csv->line;
		return csv_fail(csv, "not an AWS Price List CSV file: it ends before its header "
				     "(line %u; truncated?)",
				CSV_PREAMBLE_LINES + 1);
	}
	/* the Reserved terms, in the order they first appeared */
	for (guint i = 0; i < csv->order->len; i++) {
		const CsvTerm *term = g_ptr_array_index(csv->order, i);
		parse->term_key = g_hash_table_lookup(parse->wanted, term->sku);
		parse->ri_hourly = term->hourly;
		parse->ri_upfront = term->upfront;
		csv_copy(parse->ri_lease, sizeof parse->ri_lease, term->lease);
		csv_copy(parse->ri_class, sizeof parse->ri_class, term->class);
		csv_copy(parse->ri_option, sizeof parse->ri_option, term->option);
		if (!book_offer_reserved_end(parse, term->sku))
			return FALSE;
	}
	parse->term_key = NULL;
	return TRUE;
}

/**
 * book_offer_csv_is:
 * Returns: TRUE when @bytes (the start of a file) begin as a Price List CSV file or its header
 * does ("FormatVersion" or "SKU" as the first field, quoted or not, after a UTF-8 BOM)
 */
gboolean
book_offer_csv_is(const guint8 *bytes, gsize n)
{
	static const char *const starts[] = {"\"FormatVersion\",", "FormatVersion,", "\"SKU\",",
					     "SKU,"};

	if (n >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0) {
		bytes += 3;
		n -= 3;
	}
	for (guint i = 0; i < G_N_ELEMENTS(starts); i++) {
		gsize length = strlen(starts[i]);
		if (n >= length && memcmp(bytes, starts[i], length) == 0)
			return TRUE;
	}
	return FALSE;
}

/**
 * book_offer_csv_stream:
 * @parse: (transfer none): the parse, its tables made (offer-import.c)
 * @first: the bytes already read from @stream
 * Reads a CSV offer file into @parse->import. Returns: TRUE, or FALSE with @error set
 * (PLAN_ERROR_INVALID_MODEL with file:line, or PLAN_ERROR_IO)
 */
gboolean
book_offer_csv_stream(OfferParse *parse, GInputStream *stream, const guint8 *first,
		      gsize n_first, GError **error)
{
	OfferCsv csv = {
	    .parse = parse,
	    .line = 1,
	    .record_line = 1,
	};
	g_autofree guint8 *chunk = g_malloc(OFFER_CHUNK);
	gboolean ok;

	csv.starts = g_new0(guint32, CSV_MAX_FIELDS + 1);
	csv.order = g_ptr_array_new_with_free_func(g_free);
	csv.terms = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	/* a UTF-8 BOM before the first line */
	if (n_first >= 3 && memcmp(first, "\xEF\xBB\xBF", 3) == 0) {
		first += 3;
		n_first -= 3;
	}
	ok = csv_feed(&csv, first, n_first);
	while (ok) {
		g_autoptr(GError) read_error = NULL;
		gssize got = g_input_stream_read(stream, chunk, OFFER_CHUNK, NULL, &read_error);
		if (got < 0) {
			g_set_error(&csv.error, PLAN_ERROR, PLAN_ERROR_IO, "cannot read '%s': %s",
				    parse->name, read_error->message);
			ok = FALSE;
			break;
		}
		if (got == 0)
			break;
		ok = csv_feed(&csv, chunk, (gsize)got);
	}
	if (ok)
		ok = csv_finish(&csv);
	g_free(csv.text);
	g_free(csv.starts);
	g_hash_table_unref(csv.terms);
	g_ptr_array_unref(csv.order);
	if (!ok) {
		/* a failure in the shared rate code is on the parse, with its own file:line */
		if (csv.error == NULL)
			csv.error = g_steal_pointer(&parse->error);
		g_propagate_error(error, csv.error);
		return FALSE;
	}
	return TRUE;
}
