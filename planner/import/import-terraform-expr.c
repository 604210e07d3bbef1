/* the Terraform importer's expression parser: addresses and references as Terraform writes
 * them ("module.a[\"x\"].aws_subnet.b[0].id": segments with canonical keys), each reference
 * classified (a resource, a module output, a variable, each/count, anything else), and an
 * expression's references parsed once, the redundant forms of one reference dropped. The floor
 * of the references: it parses text and looks nothing up (the configuration is
 * import-terraform-config.c, the resolution import-terraform-resolve.c) */
#include "import-terraform-private.h"

#include <string.h>

/* ---- addresses ------------------------------------------------------------------------------- */

void
tf_segment_free(PlanTfSegment *segment)
{
	g_free(segment->name);
	g_free(segment->key);
	g_free(segment);
}

void
tf_key_append_number(GString *out, gint64 number)
{
	char digits[24];
	guint n = 0;
	guint64 magnitude = number < 0 ? -(guint64)number : (guint64)number;

	do {
		digits[n++] = (char)('0' + magnitude % 10);
		magnitude /= 10;
	} while (magnitude > 0);
	if (number < 0)
		g_string_append_c(out, '-');
	while (n > 0)
		g_string_append_c(out, digits[--n]);
}

char *
tf_key_from_number(gint64 number)
{
	GString *out = g_string_sized_new(24);
	tf_key_append_number(out, number);
	return g_string_free(out, FALSE);
}

/* a for_each key as Terraform quotes it in addresses */
void
tf_key_append_string(GString *out, const char *text)
{
	g_string_append_c(out, '"');
	for (const char *c = text; *c != '\0'; c++) {
		switch (*c) {
		case '"':
			g_string_append(out, "\\\"");
			break;
		case '\\':
			g_string_append(out, "\\\\");
			break;
		case '\n':
			g_string_append(out, "\\n");
			break;
		case '\t':
			g_string_append(out, "\\t");
			break;
		case '\r':
			g_string_append(out, "\\r");
			break;
		default:
			if ((guchar)*c < 0x20)
				g_string_append_printf(out, "\\u%04x", (guint)(guchar)*c);
			else
				g_string_append_c(out, *c);
		}
	}
	g_string_append_c(out, '"');
}

char *
tf_key_from_string(const char *text)
{
	GString *out = g_string_new(NULL);
	tf_key_append_string(out, text);
	return g_string_free(out, FALSE);
}

/* reads a quoted key at @text (on the opening quote); returns the position after the closing
 * quote, or NULL. *@out receives the unescaped text */
static const char *
plan_tf_parse_quoted(const char *text, char **out)
{
	GString *value = g_string_new(NULL);
	const char *c = text + 1;

	for (; *c != '\0' && *c != '"'; c++) {
		if (*c != '\\') {
			g_string_append_c(value, *c);
			continue;
		}
		c++;
		switch (*c) {
		case 'n':
			g_string_append_c(value, '\n');
			break;
		case 't':
			g_string_append_c(value, '\t');
			break;
		case 'r':
			g_string_append_c(value, '\r');
			break;
		case 'u': {
			guint64 code = 0;
			char hex[5] = {0};
			if (strlen(c + 1) < 4)
				break;
			memcpy(hex, c + 1, 4);
			if (g_ascii_string_to_unsigned(hex, 16, 0, 0xffff, &code, NULL) &&
			    code != 0 && (code < 0xd800 || code > 0xdfff)) {
				g_string_append_unichar(value, (gunichar)code);
				c += 4;
			}
			break;
		}
		case '\0':
			g_string_free(value, TRUE);
			return NULL;
		default:
			g_string_append_c(value, *c);
		}
	}
	if (*c != '"') {
		g_string_free(value, TRUE);
		return NULL;
	}
	*out = g_string_free(value, FALSE);
	return c + 1;
}

/* reads "[...]" at @text; a number or a quoted string becomes a canonical key, "*" none */
static const char *
plan_tf_parse_key(const char *text, char **key)
{
	const char *c = text + 1;

	if (*c == '"') {
		g_autofree char *raw = NULL;
		c = plan_tf_parse_quoted(c, &raw);
		if (c == NULL || *c != ']')
			return NULL;
		if (*key == NULL)
			*key = tf_key_from_string(raw);
		return c + 1;
	}
	if (*c == '*' && c[1] == ']')
		return c + 2;
	if (g_ascii_isdigit(*c)) {
		const char *start = c;
		g_autofree char *digits = NULL;
		guint64 number = 0;
		while (g_ascii_isdigit(*c))
			c++;
		if (*c != ']')
			return NULL;
		digits = g_strndup(start, (gsize)(c - start));
		if (!g_ascii_string_to_unsigned(digits, 10, 0, G_MAXINT32, &number, NULL))
			return NULL;
		if (*key == NULL)
			*key = tf_key_from_number((gint64)number);
		return c + 1;
	}
	return NULL;
}

GPtrArray *
tf_segments_parse(const char *text)
{
	g_autoptr(GPtrArray) segments =
	    g_ptr_array_new_with_free_func((GDestroyNotify)tf_segment_free);
	const char *c = text;

	while (*c != '\0') {
		const char *start = c;
		PlanTfSegment *segment;

		while (g_ascii_isalnum(*c) || *c == '_' || *c == '-')
			c++;
		if (c == start)
			return NULL;
		segment = g_new0(PlanTfSegment, 1);
		segment->name = g_strndup(start, (gsize)(c - start));
		g_ptr_array_add(segments, segment);
		/* only the first index matters: x[0]["a"] refers into x[0] */
		while (*c == '[') {
			c = plan_tf_parse_key(c, &segment->key);
			if (c == NULL)
				return NULL;
		}
		if (*c == '.')
			c++;
		else if (*c != '\0')
			return NULL;
	}
	return g_steal_pointer(&segments);
}

char *
tf_module_config_path(const char *module)
{
	GString *out = g_string_new(NULL);
	gboolean quoted = FALSE;
	guint depth = 0;

	/* drop every [...] part; keys may hold dots and brackets inside quotes */
	for (const char *c = module; *c != '\0'; c++) {
		if (depth > 0) {
			if (quoted && *c == '\\' && c[1] != '\0')
				c++;
			else if (*c == '"')
				quoted = !quoted;
			else if (!quoted && *c == ']')
				depth--;
			continue;
		}
		if (*c == '[')
			depth++;
		else
			g_string_append_c(out, *c);
	}
	return g_string_free(out, FALSE);
}

/* ---- references ------------------------------------------------------------------------------ */

static void
plan_tf_ref_free(PlanTfRef *ref)
{
	g_free(ref->target);
	g_free(ref->key);
	g_free(ref->output);
	g_free(ref->memo_key);
	g_free(ref);
}

static PlanTfRef *
plan_tf_ref_parse(const char *text)
{
	g_autoptr(GPtrArray) segments = tf_segments_parse(text);
	PlanTfRef *ref = g_new0(PlanTfRef, 1);
	PlanTfSegment *first;

	ref->text = text;
	ref->kind = PLAN_TF_REF_OTHER;
	if (segments == NULL || segments->len == 0)
		return ref;
	first = g_ptr_array_index(segments, 0);
#define SEGMENT(i) ((PlanTfSegment *)g_ptr_array_index(segments, (i)))
	if (strcmp(first->name, "var") == 0 && segments->len >= 2) {
		ref->kind = PLAN_TF_REF_VAR;
		ref->target = g_strdup(SEGMENT(1)->name);
	} else if (strcmp(first->name, "each") == 0) {
		ref->kind = PLAN_TF_REF_EACH;
	} else if (strcmp(first->name, "count") == 0) {
		ref->kind = PLAN_TF_REF_COUNT;
	} else if (strcmp(first->name, "module") == 0 && segments->len >= 2) {
		ref->kind = segments->len >= 3 ? PLAN_TF_REF_OUTPUT : PLAN_TF_REF_MODULE;
		ref->target = g_strdup(SEGMENT(1)->name);
		ref->key = g_strdup(SEGMENT(1)->key);
		if (segments->len >= 3)
			ref->output = g_strdup(SEGMENT(2)->name);
	} else if (strcmp(first->name, "data") == 0 && segments->len >= 3) {
		ref->kind = PLAN_TF_REF_RESOURCE;
		ref->target = g_strdup_printf("data.%s.%s", SEGMENT(1)->name, SEGMENT(2)->name);
		ref->key = g_strdup(SEGMENT(2)->key);
	} else if (segments->len >= 2 && first->key == NULL && strcmp(first->name, "local") != 0 &&
		   strcmp(first->name, "path") != 0 && strcmp(first->name, "terraform") != 0 &&
		   strcmp(first->name, "self") != 0 && strcmp(first->name, "data") != 0) {
		ref->kind = PLAN_TF_REF_RESOURCE;
		ref->target = g_strdup_printf("%s.%s", first->name, SEGMENT(1)->name);
		ref->key = g_strdup(SEGMENT(1)->key);
	}
#undef SEGMENT
	return ref;
}

/* a reference's class for redundancy: two references of one class say the same thing */
static char *
plan_tf_ref_class(const PlanTfRef *ref)
{
	/* \x1e stands for "absent", which no parsed name or key contains */
	return g_strdup_printf(
	    "%d\x1f%s\x1f%s\x1f%s", (int)ref->kind, ref->target != NULL ? ref->target : "\x1e",
	    ref->key != NULL ? ref->key : "\x1e", ref->output != NULL ? ref->output : "\x1e");
}

/* Terraform lists a reference in several forms ("aws_vpc.a.id", "aws_vpc.a"; "module.vpc.x",
 * "module.vpc"): keep the most precise one of each. dropped are: a second reference of the same
 * class; the whole resource beside one of its instances; a module beside one of its outputs.
 * hash sets keep it linear: an expression may list tens of thousands of references */
static void
plan_tf_refs_drop_redundant(GPtrArray *refs)
{
	g_autoptr(GHashTable) keyed = g_hash_table_new(g_str_hash, g_str_equal);
	g_autoptr(GHashTable) with_output = g_hash_table_new(g_str_hash, g_str_equal);
	g_autoptr(GHashTable) seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);

	for (guint i = 0; i < refs->len; i++) {
		PlanTfRef *ref = g_ptr_array_index(refs, i);
		if (ref->target == NULL)
			continue;
		if (ref->kind == PLAN_TF_REF_RESOURCE && ref->key != NULL)
			g_hash_table_add(keyed, ref->target);
		else if (ref->kind == PLAN_TF_REF_OUTPUT)
			g_hash_table_add(with_output, ref->target);
	}
	for (guint i = 0; i < refs->len; i++) {
		PlanTfRef *ref = g_ptr_array_index(refs, i);
		if (ref->kind == PLAN_TF_REF_RESOURCE && ref->key == NULL &&
		    g_hash_table_contains(keyed, ref->target))
			ref->dropped = TRUE;
		else if (ref->kind == PLAN_TF_REF_MODULE && ref->target != NULL &&
			 g_hash_table_contains(with_output, ref->target))
			ref->dropped = TRUE;
		else if (!g_hash_table_add(seen, plan_tf_ref_class(ref)))
			ref->dropped = TRUE;
	}
}

/* ---- expressions ----------------------------------------------------------------------------- */

static void
plan_tf_expression_free(gpointer data)
{
	PlanTfExpression *expression = data;
	g_ptr_array_unref(expression->refs);
	g_free(expression);
}

/* the parsed references of @node, or NULL when it is not an object with a references array.
 * Returns: (transfer none) */
const PlanTfExpression *
tf_expression_refs(PlanTfImport *import, const cJSON *node)
{
	const cJSON *references;
	PlanTfExpression *expression;
	g_autoptr(GPtrArray) all = NULL;

	if (!cJSON_IsObject(node))
		return NULL;
	if (import->expressions == NULL)
		import->expressions =
		    g_hash_table_new_full(NULL, NULL, NULL, plan_tf_expression_free);
	expression = g_hash_table_lookup(import->expressions, node);
	if (expression != NULL)
		return expression;
	references = cJSON_GetObjectItemCaseSensitive(node, "references");
	if (!cJSON_IsArray(references))
		return NULL;
	expression = g_new0(PlanTfExpression, 1);
	expression->refs = g_ptr_array_new_with_free_func((GDestroyNotify)plan_tf_ref_free);
	all = g_ptr_array_new();
	for (const cJSON *item = references->child; item != NULL; item = item->next) {
		if (!cJSON_IsString(item))
			continue;
		expression->n_strings++;
		g_ptr_array_add(all, plan_tf_ref_parse(item->valuestring));
	}
	plan_tf_refs_drop_redundant(all);
	for (guint i = 0; i < all->len; i++) {
		PlanTfRef *ref = g_ptr_array_index(all, i);
		if (ref->dropped) {
			plan_tf_ref_free(ref);
			continue;
		}
		if (ref->kind == PLAN_TF_REF_OUTPUT)
			ref->memo_key =
			    g_strconcat("o:", ref->target, "[", ref->key != NULL ? ref->key : "",
					"].", ref->output, NULL);
		else if (ref->kind == PLAN_TF_REF_VAR)
			ref->memo_key = g_strconcat("v:", ref->target, NULL);
		g_ptr_array_add(expression->refs, ref);
	}
	g_hash_table_insert(import->expressions, (gpointer)node, expression);
	return expression;
}
