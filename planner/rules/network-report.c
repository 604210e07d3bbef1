/* ecsplan: the floor under the rule files: small helpers, the model's CIDR fields, reporting a
 * finding, and the free space a message suggests a block from (worked out once per question
 * and cached in the rule context). network.c and every network-*.c rule file call these; these
 * call nothing of theirs. */
#include "network-private.h"

/* ---- small helpers ---- */

static int
compare_gint(gconstpointer a, gconstpointer b)
{
	gint x = *(const gint *)a;
	gint y = *(const gint *)b;
	return (x > y) - (x < y);
}

/* the distinct resolved entries of @indices (gint, -1 = unresolved), sorted, into @out
 * (emptied first): a subnet listed twice holds one share, as AWS treats it. A list that is
 * already strictly ascending and resolved, the usual one, is copied without a sort */
void
rules_distinct_indices_fill(const GArray *indices, GArray *out)
{
	guint kept = 0;
	gboolean ascending = TRUE;

	g_array_set_size(out, 0);
	if (indices == NULL)
		return;
	for (guint i = 0; i < indices->len && ascending; i++)
		ascending = index_at(indices, i) >= 0 &&
			    (i == 0 || index_at(indices, i) > index_at(indices, i - 1));
	if (ascending) {
		g_array_append_vals(out, indices->data, indices->len);
		return;
	}
	for (guint i = 0; i < indices->len; i++) {
		gint index = index_at(indices, i);
		if (index >= 0)
			g_array_append_val(out, index);
	}
	g_array_sort(out, compare_gint);
	for (guint i = 0; i < out->len; i++) {
		if (kept > 0 && index_at(out, i) == index_at(out, kept - 1))
			continue;
		g_array_index(out, gint, kept++) = index_at(out, i);
	}
	g_array_set_size(out, kept);
}

/* the same as a new array. Returns: (transfer full) */
GArray *
rules_distinct_indices(const GArray *indices)
{
	GArray *out = g_array_new(FALSE, FALSE, sizeof(gint));
	rules_distinct_indices_fill(indices, out);
	return out;
}

/* @prefix at another length: a shorter one gives the block that holds it, a longer one the
 * first block inside it */
PlanPrefix
rules_prefix_resized(const PlanPrefix *prefix, guint length)
{
	PlanPrefix out = *prefix;
	guint host_bits = plan_prefix_max_length(prefix) - length;

	if (host_bits >= 128) {
		out.hi = 0;
		out.lo = 0;
	} else if (host_bits >= 64) {
		out.lo = 0;
		if (host_bits > 64)
			out.hi &= ~((G_GUINT64_CONSTANT(1) << (host_bits - 64)) - 1);
	} else if (host_bits > 0) {
		out.lo &= ~((G_GUINT64_CONSTANT(1) << host_bits) - 1);
	}
	out.length = length;
	return out;
}

/* ---- the CIDR fields of the model ---- */

PlanCidrField
rules_vpc_field(const PlanVpc *vpc, guint i)
{
	PlanCidrField field = {
	    .owner = &vpc->origin, .kind = "vpc", .name = label(vpc->name), .position = -1};
	if (i == 0) {
		field.cidr = &vpc->cidr;
		field.field = "cidr";
		field.key = "cidr";
		field.example = "10.0.0.0/16";
	} else if (i <= vpc->secondary_cidrs->len) {
		field.cidr = &g_array_index(vpc->secondary_cidrs, PlanCidr, i - 1);
		field.field = "secondary cidr";
		field.key = "secondary_cidrs";
		field.position = (gint)i - 1;
		field.example = "100.64.0.0/16";
	} else {
		field.cidr = &vpc->ipv6_cidr;
		field.field = "ipv6 cidr";
		field.key = "ipv6_cidr";
		field.example = "2001:db8:1200::/56";
	}
	return field;
}

PlanCidrField
rules_subnet_field(const PlanSubnet *subnet, gboolean ipv6)
{
	PlanCidrField field = {.owner = &subnet->origin,
			       .kind = "subnet",
			       .name = label(subnet->name),
			       .position = -1};
	field.cidr = ipv6 ? &subnet->ipv6_cidr : &subnet->cidr;
	field.field = ipv6 ? "ipv6 cidr" : "cidr";
	field.key = ipv6 ? "ipv6_cidr" : "cidr";
	field.example = ipv6 ? "2001:db8:1200:1::/64" : "10.0.1.0/24";
	return field;
}

/* the JSON path of a field: the loader's when it recorded one, else built from the owner */
char *
rules_field_path(const PlanCidrField *field)
{
	if (field->cidr->path != NULL)
		return g_strdup(field->cidr->path);
	if (field->position >= 0)
		return g_strdup_printf("%s.%s[%d]",
				       field->owner->path != NULL ? field->owner->path : "",
				       field->key, field->position);
	return g_strdup_printf("%s.%s", field->owner->path != NULL ? field->owner->path : "",
			       field->key);
}

/* adds a diagnostic about @origin (borrowed) and returns it (borrowed) */
PlanDiagnostic *
rules_report(GPtrArray *diagnostics, PlanSeverity severity, const char *code,
		    const PlanOrigin *origin, const char *suffix, const char *format, ...)
{
	g_autofree char *message = NULL;
	va_list args;

	va_start(args, format);
	message = g_strdup_vprintf(format, args);
	va_end(args);
	return plan_diagnostics_add(diagnostics, severity, code, origin, suffix, NULL, "%s",
				    message);
}

/* adds a diagnostic that points at a CIDR field itself, so the place is the value to edit */
PlanDiagnostic *
rules_report_field(GPtrArray *diagnostics, PlanSeverity severity, const char *code,
			  const PlanCidrField *field, const char *format, ...)
{
	g_autofree char *message = NULL;
	g_autofree char *path = rules_field_path(field);
	PlanOrigin origin = {
	    .path = path, .loc = field->owner->loc, .source = field->owner->source};
	va_list args;

	va_start(args, format);
	message = g_strdup_vprintf(format, args);
	va_end(args);
	return plan_diagnostics_add(diagnostics, severity, code, &origin, NULL, &field->cidr->loc,
				    "%s", message);
}

/* ---- free space, for concrete suggestions in messages ---- */

/* the free blocks of @container once @used is taken out; plan_prefix_free_blocks() ignores
 * blocks of @used outside the container and copes with nested or repeated ones */
static GArray *
container_free_blocks(const PlanPrefix *container, const GArray *used)
{
	return plan_prefix_free_blocks(container, (const PlanPrefix *)(gpointer)used->data,
				       used->len);
}

/* the first aligned block of @length in @free (free blocks in preference order) */
static gboolean
first_fit(const GArray *free, guint length, PlanPrefix *out)
{
	for (guint i = 0; free != NULL && i < free->len; i++) {
		const PlanPrefix *block = &g_array_index(free, PlanPrefix, i);
		if (block->length <= length) {
			*out = rules_prefix_resized(block, length);
			return TRUE;
		}
	}
	return FALSE;
}

/* the free space of one VPC in one family: its blocks minus its subnets */
static const GArray *
vpc_free_space(const PlanRuleContext *context, guint vpc_index, gboolean ipv6)
{
	gpointer key = GUINT_TO_POINTER(vpc_index << 1 | (ipv6 ? 1u : 0u));
	const PlanVpc *vpc = model_vpc(context->model, (gint)vpc_index);
	GArray *space = g_hash_table_lookup(context->free_space, key);
	g_autoptr(GArray) used = NULL;

	if (space != NULL)
		return space;
	used = g_array_new(FALSE, FALSE, sizeof(PlanPrefix));
	for (guint s = 0; s < vpc->subnets->len; s++) {
		const PlanSubnet *subnet = vpc_subnet(vpc, (gint)s);
		const PlanCidr *cidr = ipv6 ? &subnet->ipv6_cidr : &subnet->cidr;
		if (plan_cidr_usable(cidr))
			g_array_append_val(used, cidr->prefix);
	}
	space = g_array_new(FALSE, FALSE, sizeof(PlanPrefix));
	for (guint i = 0; i < vpc_n_fields(vpc); i++) {
		PlanCidrField field = rules_vpc_field(vpc, i);
		g_autoptr(GArray) free = NULL;
		if (!plan_cidr_usable(field.cidr) || is_ipv6(&field.cidr->prefix) != ipv6)
			continue;
		free = container_free_blocks(&field.cidr->prefix, used);
		if (free != NULL)
			g_array_append_vals(space, free->data, free->len);
	}
	g_hash_table_insert(context->free_space, key, space);
	return space;
}

/* the text remembered under @key, or NULL when it was never worked out */
static const char *
suggestion_lookup(const PlanRuleContext *context, const char *key)
{
	return g_hash_table_lookup(context->suggestions, key);
}

static gboolean
suggestion_copy(const char *text, char *buf, gsize bufsize)
{
	if (text[0] == '\0')
		return FALSE;
	g_strlcpy(buf, text, bufsize);
	return TRUE;
}

/* a free block of @length in the VPC, as text in @buf; FALSE when none fits */
gboolean
rules_suggest_subnet_block(const PlanRuleContext *context, guint vpc_index, gboolean ipv6,
				  guint length, char *buf, gsize bufsize)
{
	g_autofree char *key = g_strdup_printf("s %u %u %u", vpc_index, ipv6 ? 6u : 4u, length);
	const char *known = suggestion_lookup(context, key);
	char text[PLAN_PREFIX_TEXT_SIZE] = "";
	PlanPrefix block;

	if (known != NULL)
		return suggestion_copy(known, buf, bufsize);
	if (first_fit(vpc_free_space(context, vpc_index, ipv6), length, &block))
		plan_prefix_format(&block, text, sizeof text);
	g_hash_table_insert(context->suggestions, g_steal_pointer(&key), g_strdup(text));
	return suggestion_copy(text, buf, bufsize);
}

/* every usable block of every VPC: the space a new VPC block must avoid */
GArray *
rules_all_vpc_blocks(const PlanModel *model)
{
	GArray *blocks = g_array_new(FALSE, FALSE, sizeof(PlanPrefix));

	for (guint v = 0; v < model->vpcs->len; v++) {
		const PlanVpc *vpc = model_vpc(model, (gint)v);
		for (guint i = 0; i < vpc_n_fields(vpc); i++) {
			PlanCidrField field = rules_vpc_field(vpc, i);
			if (plan_cidr_usable(field.cidr))
				g_array_append_val(blocks, field.cidr->prefix);
		}
	}
	return blocks;
}

/* a block of @length in @container that no VPC of the model (nor @avoid) uses. the answer
 * depends only on the arguments (the model does not change during validation), so it is
 * worked out once per (container, avoid, length): a warning per VPC used to collect and sort
 * every VPC block again */
gboolean
rules_suggest_vpc_block(const PlanRuleContext *context, const PlanPrefix *container,
			       guint length, const PlanPrefix *avoid, guint n_avoid, char *buf,
			       gsize bufsize)
{
	g_autoptr(GString) key = g_string_new("v");
	g_autoptr(GArray) used = NULL;
	g_autoptr(GArray) free = NULL;
	const GArray *blocks;
	const char *known;
	char text[PLAN_PREFIX_TEXT_SIZE] = "";
	PlanPrefix block;

	if (length < container->length)
		return FALSE;
	plan_prefix_format(container, text, sizeof text);
	g_string_append_printf(key, " %s %u", text, length);
	for (guint i = 0; i < n_avoid; i++) {
		plan_prefix_format(&avoid[i], text, sizeof text);
		g_string_append_printf(key, " %s", text);
	}
	known = suggestion_lookup(context, key->str);
	if (known != NULL)
		return suggestion_copy(known, buf, bufsize);

	blocks = context->vpc_blocks;
	used = g_array_sized_new(FALSE, FALSE, sizeof(PlanPrefix), n_avoid + blocks->len);
	g_array_append_vals(used, avoid, n_avoid);
	g_array_append_vals(used, blocks->data, blocks->len);
	free = container_free_blocks(container, used);
	text[0] = '\0';
	if (first_fit(free, length, &block))
		plan_prefix_format(&block, text, sizeof text);
	g_hash_table_insert(context->suggestions, g_string_free(g_steal_pointer(&key), FALSE),
			    g_strdup(text));
	return suggestion_copy(text, buf, bufsize);
}

/* ", e.g. <lead> X" for a free block X of @length in the VPC, or "" when none fits */
char *
rules_free_block_hint(const PlanRuleContext *context, guint vpc_index, gboolean ipv6,
			     guint length, const char *lead)
{
	char block[PLAN_PREFIX_TEXT_SIZE];
	if (!rules_suggest_subnet_block(context, vpc_index, ipv6, length, block,
					       sizeof block))
		return g_strdup("");
	return g_strdup_printf(", e.g. %s %s", lead, block);
}
