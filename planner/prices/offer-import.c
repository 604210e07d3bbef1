/* AWS Price List bulk offer files -> ecsplan price book (offer-import.h). The file is read in
 * 64 KiB chunks through yajl's event parser: a product is classified when its object ends and
 * forgotten unless the book needs it; an on-demand rate is kept only for a product kept. Memory
 * is the wanted SKUs and their figures, whatever the file's size. Products precede terms in
 * AWS's files, and the importer relies on it (a rate before its product is refused). */
#include "offer-import-private.h"

#include <cjson/cJSON.h>
#include <string.h>
#include <yajl/yajl_parse.h>

#include "compat.h"
#include "plan-error.h"
#include "pricebook-private.h"
#include "regions.h"

/**
 * plan_offer_import_new:
 * @region: (nullable): the region to import; NULL: the first regional product's
 * Returns: (transfer full): an empty import
 */
PlanOfferImport *
plan_offer_import_new(const char *region)
{
	PlanOfferImport *import = g_new0(PlanOfferImport, 1);

	import->region = g_strdup(region);
	/* keys are owned by their figure (figure->key points into the hash table's key) */
	import->figures = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
						(GDestroyNotify)book_offer_figure_free);
	return import;
}

void
plan_offer_import_free(PlanOfferImport *import)
{
	if (import == NULL)
		return;
	g_free(import->region);
	g_hash_table_unref(import->figures);
	g_free(import);
}

const char *
plan_offer_import_region(const PlanOfferImport *import)
{
	g_return_val_if_fail(import != NULL, NULL);
	return import->region;
}

/* ---- yajl callbacks ----------------------------------------------------------------------- */

/* every scalar: strings and numbers both arrive as text */
static int
offer_scalar(void *data, const unsigned char *text, size_t length)
{
	OfferParse *parse = data;
	guint depth = parse->depth;

	if (depth == 1 && strcmp(parse->keys[1], "FormatVersion") == 0 &&
	    parse->offer_code[0] == '\0') {
		parse->get_products = TRUE;
		return TRUE;
	}
	if (parse->savings_plan && book_offer_is(parse, 1, "terms") && book_offer_is(parse, 2, "savingsPlan")) {
		const char *key = parse->keys[depth];
		if (depth == 4 && strcmp(key, "sku") == 0)
			book_offer_copy(parse->sp_plan_sku, sizeof parse->sp_plan_sku, text, length);
		else if (depth == 6 && book_offer_is(parse, 4, "rates")) {
			static const struct {
				const char *name;
				gsize offset;
				gsize size;
			} fields[] = {
#define SP_FIELD(name, member)                                                                  \
	{name, G_STRUCT_OFFSET(OfferParse, sp_rate.member), sizeof(((OfferParse *)0)->sp_rate.member)}
			    SP_FIELD("discountedSku", sku),
			    SP_FIELD("discountedUsageType", usage),
			    SP_FIELD("discountedOperation", operation),
			    SP_FIELD("discountedServiceCode", service),
			    SP_FIELD("discountedRegionCode", region),
			    SP_FIELD("discountedInstanceType", instance),
			    SP_FIELD("rateCode", rate.rate_code),
			    SP_FIELD("unit", rate.unit),
#undef SP_FIELD
			};
			for (guint i = 0; i < G_N_ELEMENTS(fields); i++) {
				if (strcmp(key, fields[i].name) == 0)
					book_offer_copy((char *)parse + fields[i].offset, fields[i].size,
						   text, length);
			}
		} else if (depth == 7 && book_offer_is(parse, 6, "discountedRate")) {
			if (strcmp(key, "price") == 0) {
				book_offer_copy(parse->sp_rate.rate.usd, sizeof parse->sp_rate.rate.usd,
					   text, length);
				parse->sp_rate.rate.has_usd = TRUE;
			} else if (strcmp(key, "currency") == 0) {
				book_offer_copy(parse->sp_rate.currency, sizeof parse->sp_rate.currency,
					   text, length);
			}
		}
		return TRUE;
	}
	if (parse->savings_plan && depth == 3 && book_offer_is(parse, 1, "products") &&
	    strcmp(parse->keys[3], "serviceCode") == 0 && parse->sp_service[0] == '\0')
		book_offer_copy(parse->sp_service, sizeof parse->sp_service, text, length);
	if (parse->spot_advisor && depth == 3 && book_offer_is(parse, 1, "ranges")) {
		if (strcmp(parse->keys[3], "index") == 0)
			book_offer_copy(parse->range_index, sizeof parse->range_index, text, length);
		else if (strcmp(parse->keys[3], "label") == 0)
			book_offer_copy(parse->range_label, sizeof parse->range_label, text, length);
		return TRUE;
	}
	if (parse->spot_advisor && depth == 5 && book_offer_is(parse, 1, "spot_advisor")) {
		if (strcmp(parse->keys[5], "s") == 0)
			book_offer_copy(parse->spot_savings, sizeof parse->spot_savings, text, length);
		else if (strcmp(parse->keys[5], "r") == 0)
			book_offer_copy(parse->spot_band, sizeof parse->spot_band, text, length);
		return TRUE;
	}
	if (depth == 1) {
		const char *key = parse->keys[1];
		if (strcmp(key, "offerCode") == 0) {
			book_offer_copy(parse->offer_code, sizeof parse->offer_code, text, length);
			return book_offer_check_code(parse);
		}
		if (strcmp(key, "version") == 0)
			book_offer_copy(parse->version, sizeof parse->version, text, length);
		else if (strcmp(key, "publicationDate") == 0)
			book_offer_copy(parse->publication_date, sizeof parse->publication_date, text,
				   length);
		else if (strcmp(key, "formatVersion") == 0)
			parse->format_version = TRUE;
		return TRUE;
	}
	if (book_offer_is(parse, 1, "products")) {
		if (depth == 3 && strcmp(parse->keys[3], "sku") == 0)
			book_offer_copy(parse->product.sku, sizeof parse->product.sku, text, length);
		else if (depth == 3 && strcmp(parse->keys[3], "productFamily") == 0)
			book_offer_copy(parse->product.family, sizeof parse->product.family, text,
				   length);
		else if (depth == 4 && strcmp(parse->keys[3], "attributes") == 0) {
			for (guint a = 0; a < ATTR_N; a++) {
				if (strcmp(parse->keys[4], book_offer_attribute_names[a]) == 0)
					book_offer_copy(parse->product.attributes[a], OFFER_VALUE_SIZE,
						   text, length);
			}
		}
		return TRUE;
	}
	if (parse->term_key != NULL && depth == 6 && book_offer_is(parse, 5, "termAttributes") &&
	    book_offer_is(parse, 2, "Reserved")) {
		const char *key = parse->keys[6];
		if (strcmp(key, "LeaseContractLength") == 0)
			book_offer_copy(parse->ri_lease, sizeof parse->ri_lease, text, length);
		else if (strcmp(key, "OfferingClass") == 0)
			book_offer_copy(parse->ri_class, sizeof parse->ri_class, text, length);
		else if (strcmp(key, "PurchaseOption") == 0)
			book_offer_copy(parse->ri_option, sizeof parse->ri_option, text, length);
		return TRUE;
	}
	if (parse->term_key != NULL && depth == 7) {
		OfferDimension *dimension = &parse->dimension;
		const char *key = parse->keys[7];
		if (strcmp(key, "rateCode") == 0)
			book_offer_copy(dimension->rate_code, sizeof dimension->rate_code, text, length);
		else if (strcmp(key, "unit") == 0)
			book_offer_copy(dimension->unit, sizeof dimension->unit, text, length);
		else if (strcmp(key, "beginRange") == 0)
			book_offer_copy(dimension->begin_range, sizeof dimension->begin_range, text,
				   length);
	} else if (parse->term_key != NULL && depth == 8 &&
		   strcmp(parse->keys[7], "pricePerUnit") == 0 &&
		   strcmp(parse->keys[8], "USD") == 0) {
		book_offer_copy(parse->dimension.usd, sizeof parse->dimension.usd, text, length);
		parse->dimension.has_usd = TRUE;
	}
	return TRUE;
}

/* a value directly in get-products' "PriceList" array */
static gboolean
offer_in_price_list(const OfferParse *parse)
{
	return parse->get_products && parse->depth == 2 && book_offer_is(parse, 1, "PriceList");
}

static gboolean
offer_price_list_not_string(OfferParse *parse, const char *what)
{
	return book_offer_fail(parse,
			  "PriceList[%" G_GUINT64_FORMAT "] is %s, not a JSON string holding one "
			  "product and its terms (the form `aws pricing get-products` writes)",
			  parse->price_list_n, what);
}

static int
offer_null(void *data)
{
	OfferParse *parse = data;

	if (offer_in_price_list(parse))
		return offer_price_list_not_string(parse, "null");
	return TRUE;
}

static int
offer_boolean(void *data, int value)
{
	OfferParse *parse = data;

	(void)value;
	if (offer_in_price_list(parse))
		return offer_price_list_not_string(parse, "a boolean");
	return TRUE;
}

static int
offer_start_map(void *data)
{
	OfferParse *parse = data;

	if (offer_in_price_list(parse))
		return offer_price_list_not_string(parse, "an object");
	if (parse->depth >= OFFER_MAX_DEPTH)
		return book_offer_fail(parse, "nested deeper than an AWS offer file (%u levels)",
				  OFFER_MAX_DEPTH);
	/* the Spot Advisor file: known by its members, never by its name */
	if (parse->depth == 1 && parse->offer_code[0] == '\0' &&
	    (strcmp(parse->keys[1], "spot_advisor") == 0 || strcmp(parse->keys[1], "ranges") == 0 ||
	     strcmp(parse->keys[1], "instance_types") == 0))
		parse->spot_advisor = TRUE;
	if (parse->depth == 1 && strcmp(parse->keys[1], "products") == 0 &&
	    (parse->offer_code[0] == '\0' || !parse->format_version))
		return book_offer_fail(parse, "not an AWS Price List offer file: no \"formatVersion\" "
					 "and \"offerCode\" before \"products\"");
	if (parse->depth == 1 && strcmp(parse->keys[1], "terms") == 0 &&
	    parse->offer_code[0] == '\0' && !parse->savings_plan)
		return book_offer_fail(parse, "not an AWS Price List offer file: no \"offerCode\" "
					 "before \"terms\"");
	/* other term types than on-demand and Reserved are nothing the book uses: once the
	 * on-demand terms are read, the rest is only checked for its shape (offer_skip_rest) */
	if (parse->depth == 2 && book_offer_is(parse, 1, "terms") && parse->on_demand_read &&
	    strcmp(parse->keys[2], "OnDemand") != 0) {
		/* the Reserved terms are most of the bytes: only the wanted SKUs' objects are
		 * handed to yajl (offer_skip_feed), the rest is scanned */
		parse->reserved_scan = strcmp(parse->keys[2], "Reserved") == 0;
		parse->skipping = TRUE;
		return FALSE;
	}
	parse->depth++;
	parse->keys[parse->depth][0] = '\0';
	if (parse->depth == 3 && book_offer_is(parse, 1, "products"))
		memset(&parse->product, 0, sizeof parse->product);
	if (parse->savings_plan && book_offer_is(parse, 1, "terms") && book_offer_is(parse, 2, "savingsPlan")) {
		if (parse->depth == 4)
			parse->sp_plan_sku[0] = '\0';
		else if (parse->depth == 6 && book_offer_is(parse, 4, "rates"))
			memset(&parse->sp_rate, 0, sizeof parse->sp_rate);
	}
	if (parse->spot_advisor && parse->depth == 5 && book_offer_is(parse, 1, "spot_advisor"))
		parse->spot_savings[0] = parse->spot_band[0] = '\0';
	if (parse->spot_advisor && parse->depth == 3 && book_offer_is(parse, 1, "ranges"))
		parse->range_index[0] = parse->range_label[0] = '\0';
	/* the terms of one SKU: read them only for a SKU the book needs */
	if (parse->depth == 4 && book_offer_is(parse, 1, "terms") && book_offer_is(parse, 2, "OnDemand"))
		parse->term_key = g_hash_table_lookup(parse->wanted, parse->keys[3]);
	/* a Reserved term: only instance types have them that the book keeps */
	if (parse->depth == 5 && book_offer_is(parse, 1, "terms") && book_offer_is(parse, 2, "Reserved")) {
		const char *key = g_hash_table_lookup(parse->wanted, parse->keys[3]);
		parse->term_key = key != NULL && g_str_has_prefix(key, "ec2.") ? key : NULL;
		memset(&parse->ri_hourly, 0, sizeof parse->ri_hourly);
		memset(&parse->ri_upfront, 0, sizeof parse->ri_upfront);
		parse->ri_lease[0] = parse->ri_class[0] = parse->ri_option[0] = '\0';
	}
	if (parse->depth == 7 && parse->term_key != NULL)
		memset(&parse->dimension, 0, sizeof parse->dimension);
	return TRUE;
}

static int
offer_map_key(void *data, const unsigned char *key, size_t length)
{
	OfferParse *parse = data;

	book_offer_copy(parse->keys[parse->depth], OFFER_KEY_SIZE, key, length);
	return TRUE;
}

static int
offer_end_map(void *data)
{
	OfferParse *parse = data;
	gboolean ok = TRUE;

	if (parse->depth == 3 && book_offer_is(parse, 1, "products"))
		book_offer_product_end(parse);
	else if (parse->depth == 7 && parse->term_key != NULL &&
		 book_offer_is(parse, 5, "priceDimensions"))
		ok = book_offer_dimension_end(parse);
	if (parse->savings_plan && parse->depth == 6 && book_offer_is(parse, 1, "terms") &&
	    book_offer_is(parse, 2, "savingsPlan") && book_offer_is(parse, 4, "rates"))
		ok = book_offer_sp_rate_end(parse);
	if (parse->spot_advisor && parse->depth == 5 && book_offer_is(parse, 1, "spot_advisor"))
		ok = book_offer_spot_type_end(parse);
	else if (parse->spot_advisor && parse->depth == 3 && book_offer_is(parse, 1, "ranges"))
		ok = book_offer_spot_range_end(parse);
	if (parse->depth == 5 && parse->term_key != NULL && book_offer_is(parse, 1, "terms") &&
	    book_offer_is(parse, 2, "Reserved"))
		ok = book_offer_reserved_end(parse, parse->keys[3]);
	if (parse->depth == 4 && book_offer_is(parse, 1, "terms"))
		parse->term_key = NULL;
	if (parse->depth == 3 && book_offer_is(parse, 1, "terms") && book_offer_is(parse, 2, "OnDemand"))
		parse->on_demand_read = TRUE;
	if (parse->depth > 0)
		parse->depth--;
	if (parse->depth == 0)
		parse->top_closed = TRUE;
	return ok;
}

static int
offer_start_array(void *data)
{
	OfferParse *parse = data;

	/* no array holds anything the importer reads (appliesTo is one): count it as a level */
	if (parse->depth == 0)
		return book_offer_fail(parse, "not an AWS Price List offer file: the top level is an "
					 "array, not an object");
	if (parse->depth >= OFFER_MAX_DEPTH)
		return book_offer_fail(parse, "nested deeper than an AWS offer file (%u levels)",
				  OFFER_MAX_DEPTH);
	if (offer_in_price_list(parse))
		return offer_price_list_not_string(parse, "an array");
	if (parse->depth == 1 && parse->offer_code[0] == '\0' &&
	    strcmp(parse->keys[1], "ranges") == 0)
		parse->spot_advisor = TRUE;
	/* `aws pricing get-products` output: known by its array of strings */
	if (parse->depth == 1 && parse->offer_code[0] == '\0' &&
	    strcmp(parse->keys[1], "PriceList") == 0) {
		parse->get_products = TRUE;
		parse->price_list = TRUE;
	}
	/* a Savings Plans offer file: its products are an array, not an object of SKUs */
	if (parse->depth == 1 && strcmp(parse->keys[1], "products") == 0)
		parse->savings_plan = TRUE;
	parse->depth++;
	parse->keys[parse->depth][0] = '\0';
	return TRUE;
}

static int
offer_end_array(void *data)
{
	OfferParse *parse = data;
	if (parse->depth > 0)
		parse->depth--;
	return TRUE;
}

static gboolean offer_price_list_entry(OfferParse *parse, const unsigned char *text,
				       size_t length);

static int
offer_string(void *data, const unsigned char *text, size_t length)
{
	if (offer_in_price_list(data))
		return offer_price_list_entry(data, text, length);
	return offer_scalar(data, text, length);
}

static int
offer_number(void *data, const char *text, size_t length)
{
	if (offer_in_price_list(data))
		return offer_price_list_not_string(data, "a number");
	return offer_scalar(data, (const unsigned char *)text, length);
}

static const yajl_callbacks offer_callbacks = {
    offer_null,	     offer_boolean,   NULL,	     NULL,	    offer_number,
    offer_string,    offer_start_map, offer_map_key, offer_end_map, offer_start_array,
    offer_end_array,
};

/* ---- the stream --------------------------------------------------------------------------- */

static void
offer_parse_clear(OfferParse *parse)
{
	g_clear_pointer(&parse->wanted, g_hash_table_unref);
	g_clear_pointer(&parse->sp_plans, g_hash_table_unref);
	g_clear_error(&parse->error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(OfferParse, offer_parse_clear)

typedef yajl_handle OfferHandle;
static void
offer_handle_free(OfferHandle handle)
{
	yajl_free(handle);
}
G_DEFINE_AUTO_CLEANUP_FREE_FUNC(OfferHandle, offer_handle_free, NULL)

static gboolean
offer_check_header(const OfferParse *parse, GError **error)
{
	if (parse->spot_advisor)
		return TRUE;
	if (parse->get_products && parse->offer_code[0] == '\0') {
		if (parse->price_list)
			return TRUE;
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
			    "%s: `aws pricing get-products` output without a \"PriceList\" array",
			    parse->name);
		return FALSE;
	}
	if (parse->savings_plan && parse->version[0] != '\0')
		return TRUE;
	if (!parse->format_version || parse->offer_code[0] == '\0') {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
			    "%s: not an AWS Price List offer file: no \"formatVersion\" and "
			    "\"offerCode\"",
			    parse->name);
		return FALSE;
	}
	return TRUE;
}

/* yajl's own message, with where it stopped */
static gboolean
offer_syntax_error(OfferParse *parse, yajl_handle handle, const unsigned char *chunk, gsize n,
		   guint64 offset, GError **error)
{
	unsigned char *text = yajl_get_error(handle, 0, chunk, n);
	g_autofree char *message = g_strchomp(g_strdup((const char *)text));

	yajl_free_error(handle, text);
	if (parse->top_closed && strstr(message, "trailing garbage") != NULL) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
			    "%s: not an AWS Price List offer file: text after the end of the JSON "
			    "after %" G_GUINT64_FORMAT " bytes",
			    parse->name, offset + yajl_get_bytes_consumed(handle));
		return FALSE;
	}
	g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
		    "%s: not an AWS Price List offer file: JSON stops making sense near byte "
		    "%" G_GUINT64_FORMAT " (%s)",
		    parse->name, offset + yajl_get_bytes_consumed(handle), message);
	return FALSE;
}

/* the brace scanner that replaces yajl for the skipped rest: strings (with escapes) are
 * stepped over, braces and brackets counted; @depth is how many containers are open. Inside
 * terms.Reserved (depth 3) each member's key is a SKU: the object of a wanted one is copied and
 * read by yajl (offer_reserved_sku), the others are only stepped over */
typedef struct {
	guint64 depth;
	gboolean in_string;
	gboolean escaped;
	gboolean closed; /* depth reached 0: only whitespace may follow */
	OfferParse *parse;	/* non-NULL: the skipped value is terms.Reserved */
	gboolean in_key;	/* the string being read is a SKU key of terms.Reserved */
	GString *key;
	GString *object;	/* the wanted SKU's object being copied, or NULL */
	GError *error;		/* a wanted SKU's object did not read */
} OfferSkip;

static gboolean offer_reserved_sku(OfferParse *parse, const char *sku, const GString *object,
				   GError **error);

/* the bytes the scanner must look at outside strings */
static const guint8 offer_skip_special[256] = {
    ['"'] = 1, ['{'] = 1, ['}'] = 1, ['['] = 1, [']'] = 1,
};

/* FALSE when the bytes cannot end the document (text after its end, a close without an open),
 * or a wanted SKU's terms do not read (@skip->error set) */
static gboolean
offer_skip_feed(OfferSkip *skip, const unsigned char *bytes, gsize n)
{
	for (gsize i = 0; i < n; i++) {
		unsigned char c = bytes[i];
		if (skip->in_string) {
			const unsigned char *quote;
			const unsigned char *backslash;
			gsize start = i;
			if (skip->escaped) {
				skip->escaped = FALSE;
				if (skip->object != NULL)
					g_string_append_c(skip->object, (char)c);
				else if (skip->in_key)
					g_string_append_c(skip->key, (char)c);
				continue;
			}
			/* the common case: a run of plain characters up to the closing quote */
			quote = memchr(bytes + i, '"', n - i);
			backslash = memchr(bytes + i, '\\',
					   quote != NULL ? (gsize)(quote - (bytes + i)) : n - i);
			if (backslash != NULL) {
				i = (gsize)(backslash - bytes);
				skip->escaped = TRUE;
			} else if (quote != NULL) {
				i = (gsize)(quote - bytes);
				skip->in_string = FALSE;
			} else {
				i = n - 1;
			}
			/* the run, with its closing quote or backslash */
			if (skip->object != NULL)
				g_string_append_len(skip->object, (const char *)bytes + start,
						    (gssize)(i - start + 1));
			else if (skip->in_key)
				g_string_append_len(skip->key, (const char *)bytes + start,
						    (gssize)(i - start + (skip->in_string ? 1 : 0)));
			if (!skip->in_string)
				skip->in_key = FALSE;
			continue;
		}
		if (!skip->closed && !offer_skip_special[c]) {
			/* whitespace, commas, colons, numbers, literals: step over the run */
			gsize start = i;
			while (i + 1 < n && !offer_skip_special[bytes[i + 1]])
				i++;
			if (skip->object != NULL)
				g_string_append_len(skip->object, (const char *)bytes + start,
						    (gssize)(i - start + 1));
			continue;
		}
		if (skip->object != NULL) {
			g_string_append_c(skip->object, (char)c);
			if (skip->object->len > OFFER_MAX_SKU_TERMS) {
				g_set_error(&skip->error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
					    "%s: not an AWS Price List offer file: the Reserved "
					    "terms of SKU '%s' are over %u MiB",
					    skip->parse->name, skip->key->str,
					    OFFER_MAX_SKU_TERMS / (1024u * 1024u));
				return FALSE;
			}
		}
		if (skip->closed) {
			if (c != ' ' && c != '\n' && c != '\r' && c != '\t')
				return FALSE;
		} else if (c == '"') {
			skip->in_string = TRUE;
			if (skip->parse != NULL && skip->depth == 3) {
				skip->in_key = TRUE;
				g_string_truncate(skip->key, 0);
			}
		} else if (c == '{' || c == '[') {
			skip->depth++;
			if (skip->parse != NULL && skip->depth == 4 && c == '{' &&
			    skip->object == NULL) {
				const char *key =
				    g_hash_table_lookup(skip->parse->wanted, skip->key->str);
				if (key != NULL && g_str_has_prefix(key, "ec2."))
					skip->object = g_string_new("{");
			}
		} else if (c == '}' || c == ']') {
			if (--skip->depth == 0)
				skip->closed = TRUE;
			if (skip->depth == 3 && skip->object != NULL) {
				gboolean ok = offer_reserved_sku(skip->parse, skip->key->str,
								 skip->object, &skip->error);
				g_string_free(g_steal_pointer(&skip->object), TRUE);
				if (!ok)
					return FALSE;
			}
			/* past terms.Reserved: nothing more is read */
			if (skip->depth < 3)
				skip->parse = NULL;
		}
	}
	return TRUE;
}

/* one wanted SKU's Reserved terms ({"SKU.TERM": {...}, ...}), read by yajl with the same
 * callbacks as if the whole file had been: the path above it is terms.Reserved.SKU */
static gboolean
offer_reserved_sku(OfferParse *parse, const char *sku, const GString *object, GError **error)
{
	g_auto(OfferHandle) handle = yajl_alloc(&offer_callbacks, NULL, parse);
	yajl_status status;

	parse->depth = 3;
	g_strlcpy(parse->keys[1], "terms", OFFER_KEY_SIZE);
	g_strlcpy(parse->keys[2], "Reserved", OFFER_KEY_SIZE);
	g_strlcpy(parse->keys[3], sku, OFFER_KEY_SIZE);
	status = yajl_parse(handle, (const unsigned char *)object->str, object->len);
	if (status == yajl_status_ok)
		status = yajl_complete_parse(handle);
	if (status == yajl_status_client_canceled) {
		g_propagate_error(error, g_steal_pointer(&parse->error));
		return FALSE;
	}
	if (status != yajl_status_ok) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
			    "%s: not an AWS Price List offer file: the Reserved terms of SKU '%s' "
			    "do not make sense as JSON",
			    parse->name, sku);
		return FALSE;
	}
	return TRUE;
}

/* reads the rest of @stream after yajl stopped at the start of a skipped term type: @rest is
 * what was left of the chunk. The document must close (terms, then the top level) */
static gboolean
offer_skip_rest(OfferParse *parse, GInputStream *stream, const unsigned char *rest, gsize n,
		unsigned char *chunk, guint64 offset, GError **error)
{
	/* open: the top level, "terms" and the skipped value, whose '{' yajl has consumed */
	OfferSkip skip = {.depth = 3};
	gboolean ok;

	if (parse->reserved_scan) {
		skip.parse = parse;
		skip.key = g_string_new(NULL);
	}
	ok = offer_skip_feed(&skip, rest, n);

	offset += n;
	while (ok) {
		g_autoptr(GError) read_error = NULL;
		gssize got = g_input_stream_read(stream, chunk, OFFER_CHUNK, NULL, &read_error);
		if (got < 0) {
			g_set_error(error, PLAN_ERROR, PLAN_ERROR_IO, "cannot read '%s': %s",
				    parse->name, read_error->message);
			return FALSE;
		}
		if (got == 0)
			break;
		ok = offer_skip_feed(&skip, chunk, (gsize)got);
		offset += (guint64)got;
	}
	if (skip.key != NULL)
		g_string_free(skip.key, TRUE);
	if (skip.object != NULL)
		g_string_free(skip.object, TRUE);
	if (skip.error != NULL) {
		g_propagate_error(error, skip.error);
		return FALSE;
	}
	if (!ok || !skip.closed) {
		g_set_error(
		    error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
		    "%s: not an AWS Price List offer file: %s after %" G_GUINT64_FORMAT " bytes",
		    parse->name,
		    ok ? "the JSON ends early (truncated?)" : "text after the end of the JSON",
		    offset);
		return FALSE;
	}
	return TRUE;
}

/**
 * plan_offer_import_stream:
 * @import: (transfer none): the import to add to
 * @stream: (transfer none): the offer file's bytes
 * @name: the file as the user named it (messages, provenance)
 * Returns: TRUE, or FALSE with @error set (PLAN_ERROR_INVALID_MODEL, or PLAN_ERROR_IO)
 */
static gboolean
offer_import_stream(PlanOfferImport *import, GInputStream *stream, const char *name,
		    const char *file, GError **error)
{
	g_auto(OfferParse) parse = {0};
	g_auto(OfferHandle) handle = NULL;
	g_autofree unsigned char *chunk = g_malloc(OFFER_CHUNK);
	guint64 offset = 0;
	gsize first = 0;
	yajl_status status;

	g_return_val_if_fail(import != NULL && stream != NULL && name != NULL, FALSE);
	g_return_val_if_fail(error == NULL || *error == NULL, FALSE);

	parse.import = import;
	parse.name = name;
	parse.file = file;
	parse.wanted = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	parse.sp_plans = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	/* the first chunk says which flavour the file is: CSV starts "FormatVersion","v1.0" */
	{
		g_autoptr(GError) read_error = NULL;
		if (!g_input_stream_read_all(stream, chunk, OFFER_CHUNK, &first, NULL,
					     &read_error)) {
			g_set_error(error, PLAN_ERROR, PLAN_ERROR_IO, "cannot read '%s': %s", name,
				    read_error->message);
			return FALSE;
		}
	}
	if (book_offer_csv_is(chunk, first))
		return book_offer_csv_stream(&parse, stream, chunk, first, error);
	handle = yajl_alloc(&offer_callbacks, NULL, &parse);
	for (;;) {
		g_autoptr(GError) read_error = NULL;
		gssize n = (gssize)first;
		if (first == 0)
			n = g_input_stream_read(stream, chunk, OFFER_CHUNK, NULL, &read_error);
		first = 0;
		if (n < 0) {
			g_set_error(error, PLAN_ERROR, PLAN_ERROR_IO, "cannot read '%s': %s", name,
				    read_error->message);
			return FALSE;
		}
		if (n == 0)
			break;
		status = yajl_parse(handle, chunk, (size_t)n);
		if (status == yajl_status_client_canceled && parse.skipping) {
			gsize used = yajl_get_bytes_consumed(handle);
			if (!offer_skip_rest(&parse, stream, chunk + used, (gsize)n - used, chunk,
					     offset + used, error))
				return FALSE;
			return offer_check_header(&parse, error);
		}
		if (status == yajl_status_client_canceled) {
			g_propagate_error(error, g_steal_pointer(&parse.error));
			return FALSE;
		}
		if (status != yajl_status_ok)
			return offer_syntax_error(&parse, handle, chunk, (gsize)n, offset, error);
		offset += (guint64)n;
	}
	status = yajl_complete_parse(handle);
	if (status == yajl_status_client_canceled) {
		g_propagate_error(error, g_steal_pointer(&parse.error));
		return FALSE;
	}
	if (status != yajl_status_ok || offset == 0) {
		g_set_error(
		    error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
		    "%s: not an AWS Price List offer file: %s after %" G_GUINT64_FORMAT " bytes",
		    name, offset == 0 ? "empty" : "the JSON ends early (truncated?)", offset);
		return FALSE;
	}
	return offer_check_header(&parse, error);
}

gboolean
plan_offer_import_stream(PlanOfferImport *import, GInputStream *stream, const char *name,
			 GError **error)
{
	return offer_import_stream(import, stream, name, name, error);
}

/* a string member of @object, or NULL */
static const char *
offer_entry_string(const cJSON *object, const char *key)
{
	const cJSON *item = cJSON_GetObjectItemCaseSensitive(object, key);

	return cJSON_IsString(item) ? item->valuestring : NULL;
}

/* one get-products PriceList entry, {"product": {..., "sku"}, "serviceCode", "terms":
 * {"OnDemand": {"SKU.TERM": ...}, "Reserved": {...}}, "version", "publicationDate"}, is put in
 * the shape of an offer file of one product (its terms one level deeper, under the SKU) and read
 * by the same parse as an offer file: one copy of the selection rules */
static gboolean
offer_price_list_entry(OfferParse *parse, const unsigned char *text, size_t length)
{
	guint64 index = parse->price_list_n++;
	g_autofree char *name =
	    g_strdup_printf("%s: PriceList[%" G_GUINT64_FORMAT "]", parse->name, index);
	g_autoptr(cJSON) entry = NULL;
	g_autoptr(cJSON) offer = NULL;
	g_autoptr(GInputStream) stream = NULL;
	g_autoptr(GError) error = NULL;
	const char *end = NULL;
	const char *service;
	const char *sku;
	const char *value;
	cJSON *product;
	cJSON *terms;
	cJSON *wrapped;
	cJSON *item;
	char *printed;

	if (length > OFFER_MAX_SKU_TERMS)
		return book_offer_fail(parse,
				  "PriceList[%" G_GUINT64_FORMAT "] is over %u MiB (one product's "
				  "terms are a few kilobytes)",
				  index, OFFER_MAX_SKU_TERMS / (1024u * 1024u));
	entry = cJSON_ParseWithLengthOpts((const char *)text, length, &end, FALSE);
	if (entry != NULL) {
		while (end < (const char *)text + length && g_ascii_isspace(*end))
			end++;
		if (end != (const char *)text + length)
			g_clear_pointer(&entry, cJSON_Delete);
	}
	if (entry == NULL || !cJSON_IsObject(entry))
		return book_offer_fail(parse,
				  "PriceList[%" G_GUINT64_FORMAT "] does not hold a JSON object (a "
				  "product and its terms); it stops making sense near character %td",
				  index,
				  (end != NULL ? end : cJSON_GetErrorPtr()) - (const char *)text);
	service = offer_entry_string(entry, "serviceCode");
	product = cJSON_GetObjectItemCaseSensitive(entry, "product");
	sku = offer_entry_string(product, "sku");
	terms = cJSON_GetObjectItemCaseSensitive(entry, "terms");
	if (service == NULL || !cJSON_IsObject(product) || sku == NULL ||
	    (terms != NULL && !cJSON_IsObject(terms)))
		return book_offer_fail(parse,
				  "PriceList[%" G_GUINT64_FORMAT "]: expected \"serviceCode\", "
				  "\"product\" with its \"sku\", and \"terms\"",
				  index);
	if (strstr(service, "SavingsPlan") != NULL)
		return book_offer_fail(parse,
				  "PriceList[%" G_GUINT64_FORMAT "]: service code '%s': Savings "
				  "Plans are imported from their offer file, not get-products",
				  index, service);
	offer = cJSON_CreateObject();
	cJSON_AddStringToObject(offer, "formatVersion", "v1.0");
	cJSON_AddStringToObject(offer, "offerCode", service);
	if ((value = offer_entry_string(entry, "version")) != NULL)
		cJSON_AddStringToObject(offer, "version", value);
	if ((value = offer_entry_string(entry, "publicationDate")) != NULL)
		cJSON_AddStringToObject(offer, "publicationDate", value);
	wrapped = cJSON_AddObjectToObject(offer, "products");
	cJSON_AddItemToObject(wrapped, sku,
			      cJSON_DetachItemViaPointer(entry, product));
	wrapped = cJSON_AddObjectToObject(offer, "terms");
	/* on-demand first: the offer parse reads Reserved terms after them */
	item = cJSON_DetachItemFromObjectCaseSensitive(terms, "OnDemand");
	cJSON_AddItemToObject(cJSON_AddObjectToObject(wrapped, "OnDemand"), sku,
			      item != NULL ? item : cJSON_CreateObject());
	item = cJSON_DetachItemFromObjectCaseSensitive(terms, "Reserved");
	if (item != NULL)
		cJSON_AddItemToObject(cJSON_AddObjectToObject(wrapped, "Reserved"), sku, item);
	printed = cJSON_PrintUnformatted(offer);
	if (printed == NULL)
		return book_offer_fail(parse, "PriceList[%" G_GUINT64_FORMAT "]: out of memory", index);
	stream = g_memory_input_stream_new_from_data(printed, (gssize)strlen(printed), cJSON_free);
	if (!offer_import_stream(parse->import, stream, name, parse->file, &error)) {
		if (parse->error == NULL)
			parse->error = g_steal_pointer(&error);
		return FALSE;
	}
	return TRUE;
}

gboolean
plan_offer_import_file(PlanOfferImport *import, const char *filename, GError **error)
{
	g_autoptr(GFile) file = g_file_new_for_commandline_arg(filename);
	g_autoptr(GError) open_error = NULL;
	g_autoptr(GFileInputStream) stream = g_file_read(file, NULL, &open_error);

	if (stream == NULL) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_IO, "cannot read '%s': %s", filename,
			    open_error->message);
		return FALSE;
	}
	return plan_offer_import_stream(import, G_INPUT_STREAM(stream), filename, error);
}
