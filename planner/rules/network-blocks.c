/* ecsplan: the network rules about blocks — CIDR syntax, VPC block sizes and ranges, VPC and
 * subnet overlaps, subnet sizes and placement. see docs/rules.md. */
#include "network-private.h"

/* ---- rules: CIDR syntax ---- */

static void
check_cidr_field_state(const PlanRuleContext *context, GPtrArray *diagnostics, PlanCidrState state)
{
	const PlanModel *model = context->model;

	for (guint v = 0; v < model->vpcs->len; v++) {
		const PlanVpc *vpc = model_vpc(model, (gint)v);
		guint n_fields = vpc_n_fields(vpc);
		for (guint i = 0; i < n_fields + 2 * vpc->subnets->len; i++) {
			const PlanSubnet *subnet =
			    i < n_fields ? NULL : vpc_subnet(vpc, (gint)(i - n_fields) / 2);
			gboolean ipv6 = i >= n_fields && (i - n_fields) % 2 == 1;
			PlanCidrField field;
			char canonical[PLAN_PREFIX_TEXT_SIZE];

			/* the state first: the field record only for a finding */
			if (subnet != NULL &&
			    (ipv6 ? subnet->ipv6_cidr.state : subnet->cidr.state) != state)
				continue;
			field = subnet == NULL ? rules_vpc_field(vpc, i)
					       : rules_subnet_field(subnet, ipv6);
			if (field.cidr->state != state)
				continue;
			if (state == PLAN_CIDR_INVALID) {
				rules_report_field(
				    diagnostics, PLAN_SEVERITY_ERROR, "cidr-invalid", &field,
				    "%s '%s' %s '%s' is not a valid block (%s); write it "
				    "like %s",
				    field.kind, field.name, field.field, label(field.cidr->text),
				    field.cidr->error != NULL ? field.cidr->error
							      : "it does not parse",
				    field.example);
				continue;
			}
			plan_prefix_format(&field.cidr->prefix, canonical, sizeof canonical);
			rules_report_field(
			    diagnostics, PLAN_SEVERITY_ERROR, "cidr-host-bits", &field,
			    "%s '%s' %s '%s' has host bits set; use the canonical block %s",
			    field.kind, field.name, field.field, label(field.cidr->text),
			    canonical);
		}
	}
}

void
rules_check_cidr_invalid(const PlanRuleContext *context, GPtrArray *diagnostics)
{
	check_cidr_field_state(context, diagnostics, PLAN_CIDR_INVALID);
}

void
rules_check_cidr_host_bits(const PlanRuleContext *context, GPtrArray *diagnostics)
{
	check_cidr_field_state(context, diagnostics, PLAN_CIDR_HOST_BITS);
}

/* ---- rules: VPC blocks ---- */

void
rules_check_vpc_cidr_size(const PlanRuleContext *context, GPtrArray *diagnostics)
{
	const PlanModel *model = context->model;

	for (guint v = 0; v < model->vpcs->len; v++) {
		const PlanVpc *vpc = model_vpc(model, (gint)v);
		for (guint i = 0; i < vpc_n_fields(vpc); i++) {
			PlanCidrField field = rules_vpc_field(vpc, i);
			const PlanPrefix *prefix = &field.cidr->prefix;
			char block[PLAN_PREFIX_TEXT_SIZE];
			char fix[PLAN_PREFIX_TEXT_SIZE];
			PlanPrefix resized;

			if (!plan_cidr_usable(field.cidr))
				continue;
			plan_prefix_format(prefix, block, sizeof block);
			if (is_ipv6(prefix)) {
				if (prefix->length == PLAN_IPV6_VPC_LENGTH)
					continue;
				resized = rules_prefix_resized(prefix, PLAN_IPV6_VPC_LENGTH);
				plan_prefix_format(&resized, fix, sizeof fix);
				rules_report_field(
				    diagnostics, PLAN_SEVERITY_ERROR, "vpc-cidr-size", &field,
				    "vpc '%s' ipv6 block %s is a /%u, but a vpc ipv6 block "
				    "must be a /56; use e.g. %s",
				    field.name, block, prefix->length, fix);
				continue;
			}
			if (prefix->length >= PLAN_IPV4_SHORTEST_LENGTH &&
			    prefix->length <= PLAN_IPV4_LONGEST_LENGTH)
				continue;
			if (prefix->length < PLAN_IPV4_SHORTEST_LENGTH) {
				resized =
				    rules_prefix_resized(prefix, PLAN_IPV4_SHORTEST_LENGTH);
				plan_prefix_format(&resized, fix, sizeof fix);
				rules_report_field(
				    diagnostics, PLAN_SEVERITY_ERROR, "vpc-cidr-size", &field,
				    "vpc '%s' block %s is larger than AWS allows (/16 to "
				    "/28); use a /16 or smaller, e.g. %s, and add more blocks "
				    "as secondary cidrs if you need the space",
				    field.name, block, fix);
			} else {
				resized =
				    rules_prefix_resized(prefix, PLAN_IPV4_LONGEST_LENGTH);
				plan_prefix_format(&resized, fix, sizeof fix);
				rules_report_field(
				    diagnostics, PLAN_SEVERITY_ERROR, "vpc-cidr-size", &field,
				    "vpc '%s' block %s is smaller than AWS allows (/16 to "
				    "/28); use a /28 or larger, e.g. %s",
				    field.name, block, fix);
			}
		}
	}
}

/* the IPv4 ranges the secondary-block table of [S23] is written in */
typedef enum {
	RANGE_PUBLIC, /* anything else: publicly routable (or special-use) */
	RANGE_10,
	RANGE_172,
	RANGE_192,
	RANGE_SHARED, /* 100.64.0.0/10, RFC 6598 shared address space */
	RANGE_198_19,
	RANGE_COUNT,
} Ipv4Range;

static const struct {
	guint32 address;
	guint8 length;
	const char *text;
} ipv4_ranges[RANGE_COUNT] = {
    [RANGE_PUBLIC] = {0x00000000, 0, "a public range"},
    [RANGE_10] = {0x0a000000, 8, "10.0.0.0/8"},
    [RANGE_172] = {0xac100000, 12, "172.16.0.0/12"},
    [RANGE_192] = {0xc0a80000, 16, "192.168.0.0/16"},
    [RANGE_SHARED] = {0x64400000, 10, "100.64.0.0/10"},
    [RANGE_198_19] = {0xc6130000, 16, "198.19.0.0/16"},
};

#define BLOCK_172_17 0xac110000 /* 172.17.0.0/16, Docker's default bridge [S24] */
#define BLOCK_172_31 0xac1f0000 /* 172.31.0.0/16, the default VPC */

static PlanPrefix
range_prefix(Ipv4Range range)
{
	return ipv4_block(ipv4_ranges[range].address, ipv4_ranges[range].length);
}

static Ipv4Range
ipv4_range_of(const PlanPrefix *block)
{
	for (guint r = RANGE_10; r < RANGE_COUNT; r++) {
		PlanPrefix range = range_prefix(r);
		if (plan_prefix_contains(&range, block))
			return r;
	}
	return RANGE_PUBLIC;
}

/* "Secondary CIDR ranges by primary range" [S23]: a secondary block may not come from @banned
 * when the primary is in @primary (and, when within_length is set, inside @within) */
static const struct {
	Ipv4Range primary;
	guint32 within;
	guint8 within_length;
	guint32 banned;
	guint8 banned_length;
} secondary_bans[] = {
    {RANGE_10, 0, 0, 0xac100000, 12},	  {RANGE_10, 0, 0, 0xc0a80000, 16},
    {RANGE_10, 0, 0, 0xc6130000, 16},	  {RANGE_10, 0x0a000000, 15, 0x0a000000, 16},
    {RANGE_172, 0, 0, 0x0a000000, 8},	  {RANGE_172, 0, 0, 0xc0a80000, 16},
    {RANGE_172, 0, 0, BLOCK_172_31, 16},  {RANGE_172, 0, 0, 0xc6130000, 16},
    {RANGE_192, 0, 0, 0x0a000000, 8},	  {RANGE_192, 0, 0, 0xac100000, 12},
    {RANGE_192, 0, 0, 0xc6130000, 16},	  {RANGE_198_19, 0, 0, 0x0a000000, 8},
    {RANGE_198_19, 0, 0, 0xac100000, 12}, {RANGE_198_19, 0, 0, 0xc0a80000, 16},
    {RANGE_PUBLIC, 0, 0, 0x0a000000, 8},  {RANGE_PUBLIC, 0, 0, 0xac100000, 12},
    {RANGE_PUBLIC, 0, 0, 0xc0a80000, 16}, {RANGE_PUBLIC, 0, 0, 0xc6130000, 16},
    {RANGE_SHARED, 0, 0, 0x0a000000, 8},  {RANGE_SHARED, 0, 0, 0xac100000, 12},
    {RANGE_SHARED, 0, 0, 0xc0a80000, 16}, {RANGE_SHARED, 0, 0, 0xc6130000, 16},
};

/* the row of secondary_bans that forbids @secondary beside @primary, or -1 */
static gint
secondary_ban(const PlanPrefix *primary, const PlanPrefix *secondary)
{
	Ipv4Range range = ipv4_range_of(primary);

	for (guint i = 0; i < G_N_ELEMENTS(secondary_bans); i++) {
		PlanPrefix banned =
		    ipv4_block(secondary_bans[i].banned, secondary_bans[i].banned_length);
		if (secondary_bans[i].primary != range)
			continue;
		if (secondary_bans[i].within_length > 0) {
			PlanPrefix within =
			    ipv4_block(secondary_bans[i].within, secondary_bans[i].within_length);
			if (!plan_prefix_contains(&within, primary))
				continue;
		}
		if (plan_prefix_overlaps(&banned, secondary))
			return (gint)i;
	}
	return -1;
}

static void
report_secondary_ban(const PlanRuleContext *context, GPtrArray *diagnostics,
		     const PlanCidrField *field, const PlanPrefix *primary, gint ban)
{
	PlanPrefix banned =
	    ipv4_block(secondary_bans[ban].banned, secondary_bans[ban].banned_length);
	PlanPrefix shared = range_prefix(RANGE_SHARED);
	char block[PLAN_PREFIX_TEXT_SIZE];
	char banned_text[PLAN_PREFIX_TEXT_SIZE];
	char suggestion[PLAN_PREFIX_TEXT_SIZE];
	g_autofree char *condition = NULL;

	plan_prefix_format(&field->cidr->prefix, block, sizeof block);
	plan_prefix_format(&banned, banned_text, sizeof banned_text);
	if (secondary_bans[ban].within_length > 0) {
		PlanPrefix within =
		    ipv4_block(secondary_bans[ban].within, secondary_bans[ban].within_length);
		char within_text[PLAN_PREFIX_TEXT_SIZE];
		plan_prefix_format(&within, within_text, sizeof within_text);
		condition = g_strdup_printf("when the primary block is inside %s", within_text);
	} else {
		condition = g_strdup_printf("beside a primary block in %s",
					    ipv4_ranges[ipv4_range_of(primary)].text);
	}
	/* 100.64.0.0/10 is allowed beside every primary range */
	if (rules_suggest_vpc_block(context, &shared, field->cidr->prefix.length, NULL, 0,
					   suggestion, sizeof suggestion))
		rules_report_field(
		    diagnostics, PLAN_SEVERITY_ERROR, "vpc-cidr-range", field,
		    "vpc '%s' secondary block %s is from %s, which AWS does not allow %s; "
		    "use another block, e.g. %s",
		    field->name, block, banned_text, condition, suggestion);
	else
		rules_report_field(
		    diagnostics, PLAN_SEVERITY_ERROR, "vpc-cidr-range", field,
		    "vpc '%s' secondary block %s is from %s, which AWS does not allow %s; "
		    "use a block from 100.64.0.0/10 instead",
		    field->name, block, banned_text, condition);
}

void
rules_check_vpc_cidr_range(const PlanRuleContext *context, GPtrArray *diagnostics)
{
	const PlanModel *model = context->model;
	const PlanPrefix docker = ipv4_block(BLOCK_172_17, 16);
	const PlanPrefix avoid[] = {ipv4_block(BLOCK_172_17, 16), ipv4_block(BLOCK_172_31, 16)};

	for (guint v = 0; v < model->vpcs->len; v++) {
		const PlanVpc *vpc = model_vpc(model, (gint)v);
		const PlanPrefix *primary = NULL;

		if (plan_cidr_usable(&vpc->cidr) && !is_ipv6(&vpc->cidr.prefix))
			primary = &vpc->cidr.prefix;
		for (guint i = 0; i < vpc_n_fields(vpc); i++) {
			PlanCidrField field = rules_vpc_field(vpc, i);
			const PlanPrefix *prefix = &field.cidr->prefix;
			char block[PLAN_PREFIX_TEXT_SIZE];
			char suggestion[PLAN_PREFIX_TEXT_SIZE];
			Ipv4Range range;
			gint ban;

			if (!plan_cidr_usable(field.cidr) || is_ipv6(prefix))
				continue;
			plan_prefix_format(prefix, block, sizeof block);
			ban = (i > 0 && primary != NULL) ? secondary_ban(primary, prefix) : -1;
			if (ban >= 0) {
				report_secondary_ban(context, diagnostics, &field, primary, ban);
				continue;
			}
			if (plan_prefix_overlaps(prefix, &docker)) {
				PlanPrefix container = range_prefix(RANGE_172);
				if (!rules_suggest_vpc_block(
					context, &container, prefix->length, avoid,
					G_N_ELEMENTS(avoid), suggestion, sizeof suggestion))
					g_strlcpy(suggestion, "172.18.0.0/16", sizeof suggestion);
				rules_report_field(
				    diagnostics, PLAN_SEVERITY_WARNING, "vpc-cidr-range", &field,
				    "vpc '%s' block %s overlaps 172.17.0.0/16, which "
				    "Docker's default bridge and some AWS services (EKS, "
				    "Cloud9, SageMaker) use; move it, e.g. to %s",
				    field.name, block, suggestion);
				continue;
			}
			range = ipv4_range_of(prefix);
			if (range != RANGE_PUBLIC && range != RANGE_198_19)
				continue;
			{
				PlanPrefix container = range_prefix(RANGE_10);
				if (!rules_suggest_vpc_block(context, &container,
								    prefix->length, NULL, 0,
								    suggestion, sizeof suggestion))
					g_strlcpy(suggestion, "a block from 10.0.0.0/8",
						  sizeof suggestion);
			}
			if (range == RANGE_PUBLIC)
				rules_report_field(
				    diagnostics, PLAN_SEVERITY_WARNING, "vpc-cidr-range", &field,
				    "vpc '%s' block %s is publicly routable: AWS allows it "
				    "but never advertises it, and the vpc cannot reach the "
				    "real owners of those addresses; use a private block, "
				    "e.g. %s",
				    field.name, block, suggestion);
			else
				rules_report_field(
				    diagnostics, PLAN_SEVERITY_WARNING, "vpc-cidr-range", &field,
				    "vpc '%s' block %s is in 198.19.0.0/16, which is "
				    "reserved for network benchmarks and limits the "
				    "secondary blocks AWS accepts; use a private block, "
				    "e.g. %s",
				    field.name, block, suggestion);
		}
	}
}

/* one VPC block in a sweep */
typedef struct {
	guint vpc_index;
	guint field_index;
} BlockRef;

typedef struct {
	const PlanRuleContext *context;
	GPtrArray *diagnostics;
	const GArray *prefixes; /* PlanPrefix, the blocks swept */
	const GArray *refs;	/* BlockRef, parallel to prefixes */
	GHashTable *peered;	/* "a b" with a < b, or NULL */
	GHashTable *peers;	/* vpc index -> GArray of guint: the VPCs it is peered with */
} BlockSweep;

static const BlockRef *
block_ref(const BlockSweep *sweep, guint position)
{
	return &g_array_index(sweep->refs, BlockRef, position);
}

static PlanCidrField
block_field(const BlockSweep *sweep, guint position)
{
	const BlockRef *ref = block_ref(sweep, position);
	return rules_vpc_field(model_vpc(sweep->context->model, (gint)ref->vpc_index),
				      ref->field_index);
}

/* collects the usable blocks of one family of every VPC (or of one VPC when @only >= 0) */
static void
collect_vpc_blocks(const PlanModel *model, gboolean ipv6, gint only, GArray *prefixes, GArray *refs)
{
	/* one VPC's blocks without walking the others: a per-VPC sweep over 10,000 VPCs would
	 * otherwise be quadratic */
	guint from = only >= 0 ? (guint)only : 0;
	guint to = only >= 0 ? MIN((guint)only + 1, model->vpcs->len) : model->vpcs->len;

	for (guint v = from; v < to; v++) {
		const PlanVpc *vpc = model_vpc(model, (gint)v);
		for (guint i = 0; i < vpc_n_fields(vpc); i++) {
			PlanCidrField field = rules_vpc_field(vpc, i);
			BlockRef ref = {v, i};
			if (!plan_cidr_usable(field.cidr) || is_ipv6(&field.cidr->prefix) != ipv6)
				continue;
			g_array_append_val(prefixes, field.cidr->prefix);
			g_array_append_val(refs, ref);
		}
	}
}

/* orders a pair so the later element (in model order) comes second: it gets the finding */
static void
order_refs(const GArray *refs, guint index_a, guint index_b, const BlockRef **first,
	   const BlockRef **second)
{
	const BlockRef *a = &g_array_index(refs, BlockRef, index_a);
	const BlockRef *b = &g_array_index(refs, BlockRef, index_b);
	gboolean a_first = a->vpc_index != b->vpc_index ? a->vpc_index < b->vpc_index
							: a->field_index < b->field_index;
	*first = a_first ? a : b;
	*second = a_first ? b : a;
}

/* ---- grouped findings ---- */

/* the @n_listed smallest of @positions (at most PLAN_OVERLAP_LISTED), ascending: grouped
 * findings name the first elements in model order, and positions follow model order */
static guint
smallest_positions(const guint *positions, guint n, guint *out)
{
	guint n_out = 0;

	for (guint i = 0; i < n; i++) {
		guint k = n_out;
		if (n_out == PLAN_OVERLAP_LISTED && positions[i] >= out[n_out - 1])
			continue;
		if (n_out < PLAN_OVERLAP_LISTED)
			n_out++;
		/* insertion into a sorted array of at most PLAN_OVERLAP_LISTED */
		for (k = n_out - 1; k > 0 && out[k - 1] > positions[i]; k--)
			out[k] = out[k - 1];
		out[k] = positions[i];
	}
	return n_out;
}

/* "'a', 'b' and 'c'" or "'a', 'b', 'c' and 4 more": @n_total is the exact count */
static void
append_listed(GString *text, GPtrArray *names, guint n_total)
{
	for (guint i = 0; i < names->len; i++) {
		const char *sep = i == 0					   ? ""
				  : (i + 1 == names->len && names->len == n_total) ? " and "
										   : ", ";
		g_string_append_printf(text, "%s%s", sep,
				       (const char *)g_ptr_array_index(names, i));
	}
	if (n_total > names->len)
		g_string_append_printf(text, " and %u more", n_total - names->len);
}

/* ---- rules: VPC blocks that overlap ---- */

static void
on_vpc_block_overlap(guint index_a, guint index_b, gpointer user_data)
{
	BlockSweep *sweep = user_data;
	const PlanModel *model = sweep->context->model;
	const BlockRef *first;
	const BlockRef *second;
	const PlanVpc *earlier;
	const PlanVpc *vpc;
	PlanCidrField field;
	PlanCidrField other;
	char block[PLAN_PREFIX_TEXT_SIZE];
	char other_block[PLAN_PREFIX_TEXT_SIZE];
	g_autofree char *other_path = NULL;

	order_refs(sweep->refs, index_a, index_b, &first, &second);
	if (first->vpc_index != second->vpc_index)
		return;
	vpc = model_vpc(model, (gint)second->vpc_index);
	earlier = model_vpc(model, (gint)first->vpc_index);
	field = rules_vpc_field(vpc, second->field_index);
	other = rules_vpc_field(earlier, first->field_index);
	plan_prefix_format(&field.cidr->prefix, block, sizeof block);
	plan_prefix_format(&other.cidr->prefix, other_block, sizeof other_block);
	other_path = rules_field_path(&other);
	add_related(rules_report_field(
			sweep->diagnostics, PLAN_SEVERITY_ERROR, "vpc-cidr-overlap", &field,
			"vpc '%s' block %s overlaps its own block %s, and AWS rejects "
			"overlapping blocks in one vpc; remove it or use a block outside "
			"%s",
			field.name, block, other_block, other_block),
		    other_path);
}

/* three or more blocks of one VPC on one block: one finding on the outer (first) block */
static void
on_vpc_block_group(const guint *positions, guint n_same, guint n_inside, gpointer user_data)
{
	BlockSweep *sweep = user_data;
	guint listed[PLAN_OVERLAP_LISTED];
	guint n_listed;
	guint n_others = n_same + n_inside - 1;
	g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
	g_autoptr(GString) list = g_string_new(NULL);
	PlanCidrField field;
	PlanDiagnostic *diagnostic;
	char block[PLAN_PREFIX_TEXT_SIZE];

	if (n_same + n_inside == 2) {
		on_vpc_block_overlap(positions[0], positions[1], user_data);
		return;
	}
	field = block_field(sweep, positions[0]);
	plan_prefix_format(&field.cidr->prefix, block, sizeof block);
	n_listed = smallest_positions(positions + 1, n_others, listed);
	for (guint i = 0; i < n_listed; i++) {
		PlanCidrField other = block_field(sweep, listed[i]);
		char other_block[PLAN_PREFIX_TEXT_SIZE];
		plan_prefix_format(&other.cidr->prefix, other_block, sizeof other_block);
		g_ptr_array_add(names, g_strdup(other_block));
	}
	append_listed(list, names, n_others);
	diagnostic = rules_report_field(
	    sweep->diagnostics, PLAN_SEVERITY_ERROR, "vpc-cidr-overlap", &field,
	    "vpc '%s' has %u more blocks that %s its block %s: %s; AWS rejects overlapping "
	    "blocks in one vpc; remove them or use blocks outside %s",
	    field.name, n_others, n_inside > 0 ? "overlap" : "repeat", block, list->str, block);
	for (guint i = 0; i < n_listed; i++) {
		PlanCidrField other = block_field(sweep, listed[i]);
		g_autofree char *path = rules_field_path(&other);
		add_related(diagnostic, path);
	}
}

void
rules_check_vpc_cidr_overlap(const PlanRuleContext *context, GPtrArray *diagnostics)
{
	BlockSweep sweep = {.context = context, .diagnostics = diagnostics};

	/* one sweep per VPC keeps the findings local to it */
	for (guint v = 0; v < context->model->vpcs->len; v++) {
		for (guint family = 0; family < 2; family++) {
			g_autoptr(GArray) prefixes = g_array_new(FALSE, FALSE, sizeof(PlanPrefix));
			g_autoptr(GArray) refs = g_array_new(FALSE, FALSE, sizeof(BlockRef));
			collect_vpc_blocks(context->model, family == 1, (gint)v, prefixes, refs);
			sweep.prefixes = prefixes;
			sweep.refs = refs;
			plan_prefix_find_overlap_groups(
			    (const PlanPrefix *)(gpointer)prefixes->data, prefixes->len,
			    on_vpc_block_group, &sweep);
		}
	}
}

static char *
pair_key(guint a, guint b)
{
	return g_strdup_printf("%u %u", MIN(a, b), MAX(a, b));
}

/* a block in the same private range as @prefix that no VPC uses, so a move does not trip
 * vpc-cidr-range; FALSE when none is free */
static gboolean
suggest_vpc_move(const PlanRuleContext *context, const PlanPrefix *prefix, char *buf, gsize size)
{
	Ipv4Range range;
	PlanPrefix container;

	if (is_ipv6(prefix))
		return FALSE;
	range = ipv4_range_of(prefix);
	container = range_prefix(range == RANGE_PUBLIC || range == RANGE_198_19 ? RANGE_10 : range);
	return rules_suggest_vpc_block(context, &container, prefix->length, NULL, 0, buf,
					      size);
}

static void
on_vpc_overlap(guint index_a, guint index_b, gpointer user_data)
{
	BlockSweep *sweep = user_data;
	const PlanModel *model = sweep->context->model;
	const BlockRef *first;
	const BlockRef *second;
	const PlanVpc *vpc;
	const PlanVpc *other_vpc;
	PlanCidrField field;
	PlanCidrField other;
	char block[PLAN_PREFIX_TEXT_SIZE];
	char other_block[PLAN_PREFIX_TEXT_SIZE];
	char suggestion[PLAN_PREFIX_TEXT_SIZE];
	g_autofree char *key = NULL;
	g_autofree char *fix = NULL;
	gboolean peered;

	order_refs(sweep->refs, index_a, index_b, &first, &second);
	if (first->vpc_index == second->vpc_index)
		return;
	vpc = model_vpc(model, (gint)second->vpc_index);
	other_vpc = model_vpc(model, (gint)first->vpc_index);
	field = rules_vpc_field(vpc, second->field_index);
	other = rules_vpc_field(other_vpc, first->field_index);
	plan_prefix_format(&field.cidr->prefix, block, sizeof block);
	plan_prefix_format(&other.cidr->prefix, other_block, sizeof other_block);
	key = pair_key(first->vpc_index, second->vpc_index);
	peered = g_hash_table_contains(sweep->peered, key);

	if (suggest_vpc_move(sweep->context, &field.cidr->prefix, suggestion, sizeof suggestion))
		fix = g_strdup_printf("move one of them, e.g. to %s", suggestion);
	else
		fix = g_strdup("move one of them");
	if (peered)
		add_related(rules_report_field(
				sweep->diagnostics, PLAN_SEVERITY_ERROR, "vpc-overlap", &field,
				"vpc '%s' block %s overlaps block %s of vpc '%s', and the "
				"two are peered: a peering cannot route overlapping "
				"blocks; %s",
				field.name, block, other_block, other.name, fix),
			    other_vpc->origin.path);
	else
		add_related(rules_report_field(
				sweep->diagnostics, PLAN_SEVERITY_WARNING, "vpc-overlap", &field,
				"vpc '%s' block %s overlaps block %s of vpc '%s', so they "
				"can never be peered or joined through a transit gateway; "
				"%s",
				field.name, block, other_block, other.name, fix),
			    other_vpc->origin.path);
}

/* in a group, a peered pair is still an error of its own: a peering cannot route it. the
 * pairs of a group are (a block equal to the group's block, any other block of the group) */
static void
report_peered_in_group(BlockSweep *sweep, const guint *positions, guint n_same, guint n_total)
{
	g_autoptr(GHashTable) first_block = g_hash_table_new(NULL, NULL);
	g_autoptr(GHashTable) reported =
	    g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);

	if (g_hash_table_size(sweep->peers) == 0)
		return;
	/* vpc index + 1 -> position + 1 of its first block in the group */
	for (guint i = 0; i < n_total; i++) {
		guint vpc = block_ref(sweep, positions[i])->vpc_index;
		if (!g_hash_table_contains(first_block, GUINT_TO_POINTER(vpc + 1)))
			g_hash_table_insert(first_block, GUINT_TO_POINTER(vpc + 1),
					    GUINT_TO_POINTER(positions[i] + 1));
	}
	for (guint i = 0; i < n_same; i++) {
		guint vpc = block_ref(sweep, positions[i])->vpc_index;
		const GArray *peers = g_hash_table_lookup(sweep->peers, GUINT_TO_POINTER(vpc + 1));
		for (guint k = 0; peers != NULL && k < peers->len; k++) {
			guint peer = g_array_index(peers, guint, k);
			gpointer other =
			    g_hash_table_lookup(first_block, GUINT_TO_POINTER(peer + 1));
			g_autofree char *key = NULL;
			if (other == NULL || peer == vpc)
				continue;
			key = pair_key(vpc, peer);
			if (!g_hash_table_add(reported, g_steal_pointer(&key)))
				continue;
			on_vpc_overlap(positions[i], GPOINTER_TO_UINT(other) - 1, sweep);
		}
	}
}

/* the blocks of three or more VPCs on one block: one warning for the group, plus the error of
 * each peered pair in it */
static void
on_vpc_overlap_group(const guint *positions, guint n_same, guint n_inside, gpointer user_data)
{
	BlockSweep *sweep = user_data;
	const PlanModel *model = sweep->context->model;
	guint n_total = n_same + n_inside;
	g_autoptr(GHashTable) vpcs = g_hash_table_new(NULL, NULL);
	g_autofree guint *firsts = NULL;
	guint n_vpcs = 0;
	guint listed[PLAN_OVERLAP_LISTED];
	guint n_listed;
	g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
	g_autoptr(GString) list = g_string_new(NULL);
	PlanCidrField field;
	PlanDiagnostic *diagnostic;
	char block[PLAN_PREFIX_TEXT_SIZE];
	char suggestion[PLAN_PREFIX_TEXT_SIZE];
	guint anchor;

	if (n_total == 2) {
		on_vpc_overlap(positions[0], positions[1], user_data);
		return;
	}
	/* the first block of each VPC in the group, in model order */
	firsts = g_new(guint, n_total);
	for (guint i = 0; i < n_total; i++) {
		guint vpc = block_ref(sweep, positions[i])->vpc_index;
		if (g_hash_table_add(vpcs, GUINT_TO_POINTER(vpc + 1)))
			firsts[n_vpcs++] = positions[i];
	}
	/* a VPC's own blocks were reduced to its outer ones, but two disjoint ones can both lie
	 * inside another VPC's block */
	if (n_vpcs < 2)
		return;
	report_peered_in_group(sweep, positions, n_same, n_total);
	/* identical blocks: the finding goes on the first copy after the original, as a pair's
	 * does on its later element; a block with others inside it gets it itself */
	anchor = n_inside == 0 ? positions[1] : positions[0];
	field = block_field(sweep, anchor);
	plan_prefix_format(&field.cidr->prefix, block, sizeof block);
	n_listed = smallest_positions(firsts, n_vpcs, listed);
	for (guint i = 0; i < n_listed; i++) {
		const PlanVpc *vpc = model_vpc(model, (gint)block_ref(sweep, listed[i])->vpc_index);
		g_ptr_array_add(names, g_strdup_printf("'%s'", label(vpc->name)));
	}
	append_listed(list, names, n_vpcs);
	if (!suggest_vpc_move(sweep->context, &field.cidr->prefix, suggestion, sizeof suggestion))
		suggestion[0] = '\0';
	diagnostic = rules_report_field(
	    sweep->diagnostics, PLAN_SEVERITY_WARNING, "vpc-overlap", &field,
	    "%u vpcs %s block %s (%u blocks in all): %s, so none of them can be peered "
	    "with another or joined through a transit gateway; give each a block of its own%s%s",
	    n_vpcs, n_inside == 0 ? "share" : "overlap", block, n_total, list->str,
	    suggestion[0] != '\0' ? ", e.g. " : "", suggestion);
	for (guint i = 0; i < n_listed; i++) {
		const PlanVpc *vpc = model_vpc(model, (gint)block_ref(sweep, listed[i])->vpc_index);
		if (listed[i] != anchor)
			add_related(diagnostic, vpc->origin.path);
	}
}

/* a VPC block that another block of the same VPC contains (or repeats) is vpc-cidr-overlap's
 * finding; across VPCs only the outer blocks count, so no group mixes a VPC with itself */
static void
on_own_inner_block(const guint *positions, guint n_same, guint n_inside, gpointer user_data)
{
	gboolean *inner = user_data;

	for (guint i = 1; i < n_same + n_inside; i++)
		inner[positions[i]] = TRUE;
}

static void
collect_outer_vpc_blocks(const PlanModel *model, gboolean ipv6, GArray *prefixes, GArray *refs)
{
	g_autoptr(GArray) own = g_array_new(FALSE, FALSE, sizeof(PlanPrefix));
	g_autoptr(GArray) own_refs = g_array_new(FALSE, FALSE, sizeof(BlockRef));

	for (guint v = 0; v < model->vpcs->len; v++) {
		g_autofree gboolean *inner = NULL;
		g_array_set_size(own, 0);
		g_array_set_size(own_refs, 0);
		collect_vpc_blocks(model, ipv6, (gint)v, own, own_refs);
		inner = g_new0(gboolean, own->len + 1);
		plan_prefix_find_overlap_groups((const PlanPrefix *)(gpointer)own->data, own->len,
						on_own_inner_block, inner);
		for (guint i = 0; i < own->len; i++) {
			if (inner[i])
				continue;
			g_array_append_val(prefixes, g_array_index(own, PlanPrefix, i));
			g_array_append_val(refs, g_array_index(own_refs, BlockRef, i));
		}
	}
}

void
rules_check_vpc_overlap(const PlanRuleContext *context, GPtrArray *diagnostics)
{
	const PlanModel *model = context->model;
	g_autoptr(GHashTable) peered = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	g_autoptr(GHashTable) peers =
	    g_hash_table_new_full(NULL, NULL, NULL, (GDestroyNotify)g_array_unref);
	BlockSweep sweep = {
	    .context = context, .diagnostics = diagnostics, .peered = peered, .peers = peers};

	for (guint i = 0; i < model->peerings->len; i++) {
		const PlanPeering *peering = g_ptr_array_index(model->peerings, i);
		guint ends[2];
		if (peering->vpc_a_index < 0 || peering->vpc_b_index < 0)
			continue;
		ends[0] = (guint)peering->vpc_a_index;
		ends[1] = (guint)peering->vpc_b_index;
		g_hash_table_add(peered, pair_key(ends[0], ends[1]));
		for (guint e = 0; e < 2; e++) {
			GArray *list = g_hash_table_lookup(peers, GUINT_TO_POINTER(ends[e] + 1));
			if (list == NULL) {
				list = g_array_new(FALSE, FALSE, sizeof(guint));
				g_hash_table_insert(peers, GUINT_TO_POINTER(ends[e] + 1), list);
			}
			g_array_append_val(list, ends[1 - e]);
		}
	}
	for (guint family = 0; family < 2; family++) {
		g_autoptr(GArray) prefixes = g_array_new(FALSE, FALSE, sizeof(PlanPrefix));
		g_autoptr(GArray) refs = g_array_new(FALSE, FALSE, sizeof(BlockRef));
		collect_outer_vpc_blocks(model, family == 1, prefixes, refs);
		sweep.prefixes = prefixes;
		sweep.refs = refs;
		plan_prefix_find_overlap_groups((const PlanPrefix *)(gpointer)prefixes->data,
						prefixes->len, on_vpc_overlap_group, &sweep);
	}
}

/* ---- rules: subnet blocks ---- */

void
rules_check_subnet_size(const PlanRuleContext *context, GPtrArray *diagnostics)
{
	const PlanModel *model = context->model;

	for (guint v = 0; v < model->vpcs->len; v++) {
		const PlanVpc *vpc = model_vpc(model, (gint)v);
		for (guint i = 0; i < 2 * vpc->subnets->len; i++) {
			const PlanSubnet *subnet = vpc_subnet(vpc, (gint)i / 2);
			const PlanCidr *cidr = i % 2 == 1 ? &subnet->ipv6_cidr : &subnet->cidr;
			PlanCidrField field;
			const PlanPrefix *prefix = &cidr->prefix;
			char block[PLAN_PREFIX_TEXT_SIZE];
			char fix[PLAN_PREFIX_TEXT_SIZE];
			guint length;
			PlanPrefix resized;

			/* the usual subnet, a usable IPv4 block of a size AWS allows, needs no more */
			if (!plan_cidr_usable(cidr) ||
			    (!is_ipv6(prefix) && prefix->length >= PLAN_IPV4_SHORTEST_LENGTH &&
			     prefix->length <= PLAN_IPV4_LONGEST_LENGTH))
				continue;
			field = rules_subnet_field(subnet, i % 2 == 1);
			if (is_ipv6(prefix)) {
				if (prefix->length == PLAN_IPV6_SUBNET_LENGTH)
					continue;
				plan_prefix_format(prefix, block, sizeof block);
				if (!rules_suggest_subnet_block(context, v, TRUE,
								       PLAN_IPV6_SUBNET_LENGTH, fix,
								       sizeof fix)) {
					resized = rules_prefix_resized(
					    prefix, PLAN_IPV6_SUBNET_LENGTH);
					plan_prefix_format(&resized, fix, sizeof fix);
				}
				rules_report_field(
				    diagnostics, PLAN_SEVERITY_ERROR, "subnet-size", &field,
				    "subnet '%s' ipv6 block %s is a /%u, but a subnet ipv6 "
				    "block must be a /64; use e.g. %s",
				    field.name, block, prefix->length, fix);
				continue;
			}
			if (prefix->length >= PLAN_IPV4_SHORTEST_LENGTH &&
			    prefix->length <= PLAN_IPV4_LONGEST_LENGTH)
				continue;
			plan_prefix_format(prefix, block, sizeof block);
			length = prefix->length < PLAN_IPV4_SHORTEST_LENGTH
				     ? PLAN_IPV4_SHORTEST_LENGTH
				     : PLAN_IPV4_LONGEST_LENGTH;
			if (!rules_suggest_subnet_block(context, v, FALSE, length, fix,
							       sizeof fix)) {
				resized = rules_prefix_resized(prefix, length);
				plan_prefix_format(&resized, fix, sizeof fix);
			}
			rules_report_field(
			    diagnostics, PLAN_SEVERITY_ERROR, "subnet-size", &field,
			    "subnet '%s' (%s) is %s than AWS allows (/16 to /28); use a /%u "
			    "or %s, e.g. %s",
			    field.name, block,
			    length == PLAN_IPV4_SHORTEST_LENGTH ? "larger" : "smaller", length,
			    length == PLAN_IPV4_SHORTEST_LENGTH ? "smaller" : "larger", fix);
		}
	}
}

/* the VPC's blocks of one family, as "a, b" */
static char *
vpc_blocks_text(const PlanVpc *vpc, gboolean ipv6, guint *n_blocks)
{
	GString *text = g_string_new(NULL);

	*n_blocks = 0;
	for (guint i = 0; i < vpc_n_fields(vpc); i++) {
		PlanCidrField field = rules_vpc_field(vpc, i);
		char block[PLAN_PREFIX_TEXT_SIZE];
		if (!plan_cidr_usable(field.cidr) || is_ipv6(&field.cidr->prefix) != ipv6)
			continue;
		plan_prefix_format(&field.cidr->prefix, block, sizeof block);
		g_string_append_printf(text, "%s%s", *n_blocks > 0 ? ", " : "", block);
		(*n_blocks)++;
	}
	return g_string_free(text, FALSE);
}

static gboolean
inside_vpc(const PlanVpc *vpc, const PlanPrefix *prefix)
{
	/* the primary block holds nearly every subnet: asked first, without a field record */
	if (plan_cidr_usable(&vpc->cidr) && plan_prefix_contains(&vpc->cidr.prefix, prefix))
		return TRUE;
	for (guint i = 0; i < vpc_n_fields(vpc); i++) {
		PlanCidrField field = rules_vpc_field(vpc, i);
		if (plan_cidr_usable(field.cidr) &&
		    plan_prefix_contains(&field.cidr->prefix, prefix))
			return TRUE;
	}
	return FALSE;
}

void
rules_check_subnet_outside_vpc(const PlanRuleContext *context, GPtrArray *diagnostics)
{
	const PlanModel *model = context->model;

	for (guint v = 0; v < model->vpcs->len; v++) {
		const PlanVpc *vpc = model_vpc(model, (gint)v);
		for (guint i = 0; i < 2 * vpc->subnets->len; i++) {
			gboolean ipv6 = i % 2 == 1;
			const PlanSubnet *subnet = vpc_subnet(vpc, (gint)i / 2);
			const PlanCidr *cidr = ipv6 ? &subnet->ipv6_cidr : &subnet->cidr;
			PlanCidrField field;
			const PlanPrefix *prefix = &cidr->prefix;
			char block[PLAN_PREFIX_TEXT_SIZE];
			g_autofree char *blocks = NULL;
			g_autofree char *hint = NULL;
			guint n_blocks;

			if (!plan_cidr_usable(cidr) || inside_vpc(vpc, prefix))
				continue;
			field = rules_subnet_field(subnet, ipv6);
			plan_prefix_format(prefix, block, sizeof block);
			blocks = vpc_blocks_text(vpc, ipv6, &n_blocks);
			if (n_blocks == 0 && ipv6) {
				rules_report_field(
				    diagnostics, PLAN_SEVERITY_ERROR, "subnet-outside-vpc", &field,
				    "subnet '%s' ipv6 block %s needs an ipv6 block on vpc "
				    "'%s', which has none; add an ipv6_cidr (/56) to the vpc "
				    "that holds it, or remove the subnet's ipv6_cidr",
				    field.name, block, label(vpc->name));
				continue;
			}
			/* without a usable IPv4 block the VPC's own cidr finding says it all */
			if (n_blocks == 0)
				continue;
			hint = rules_free_block_hint(context, v, ipv6, prefix->length,
							    "to the free block");
			if (hint[0] != '\0')
				rules_report_field(
				    diagnostics, PLAN_SEVERITY_ERROR, "subnet-outside-vpc", &field,
				    "subnet '%s' %s %s is outside vpc '%s' (%s); move it "
				    "inside%s",
				    field.name, ipv6 ? "ipv6 block" : "block", block,
				    label(vpc->name), blocks, hint);
			else
				rules_report_field(
				    diagnostics, PLAN_SEVERITY_ERROR, "subnet-outside-vpc", &field,
				    "subnet '%s' %s %s is outside vpc '%s' (%s); move it "
				    "inside, or add a secondary block to the vpc that holds "
				    "it",
				    field.name, ipv6 ? "ipv6 block" : "block", block,
				    label(vpc->name), blocks);
		}
	}
}

typedef struct {
	const PlanRuleContext *context;
	GPtrArray *diagnostics;
	guint vpc_index;
	gboolean ipv6;
	const GArray *subnets; /* guint subnet index, parallel to the prefixes swept */
} SubnetSweep;

static const PlanSubnet *
swept_subnet(const SubnetSweep *sweep, guint position)
{
	const PlanVpc *vpc = model_vpc(sweep->context->model, (gint)sweep->vpc_index);
	return vpc_subnet(vpc, (gint)g_array_index(sweep->subnets, guint, position));
}

static const PlanCidr *
swept_cidr(const SubnetSweep *sweep, guint position)
{
	const PlanSubnet *subnet = swept_subnet(sweep, position);
	return sweep->ipv6 ? &subnet->ipv6_cidr : &subnet->cidr;
}

static void
on_subnet_overlap(guint index_a, guint index_b, gpointer user_data)
{
	SubnetSweep *sweep = user_data;
	const PlanVpc *vpc = model_vpc(sweep->context->model, (gint)sweep->vpc_index);
	guint a = g_array_index(sweep->subnets, guint, index_a);
	guint b = g_array_index(sweep->subnets, guint, index_b);
	const PlanSubnet *subnet = vpc_subnet(vpc, (gint)MAX(a, b));
	const PlanSubnet *other = vpc_subnet(vpc, (gint)MIN(a, b));
	PlanCidrField field = rules_subnet_field(subnet, sweep->ipv6);
	const PlanCidr *other_cidr = sweep->ipv6 ? &other->ipv6_cidr : &other->cidr;
	char block[PLAN_PREFIX_TEXT_SIZE];
	char other_block[PLAN_PREFIX_TEXT_SIZE];
	g_autofree char *hint = NULL;

	plan_prefix_format(&field.cidr->prefix, block, sizeof block);
	plan_prefix_format(&other_cidr->prefix, other_block, sizeof other_block);
	hint = rules_free_block_hint(sweep->context, sweep->vpc_index, sweep->ipv6,
					    field.cidr->prefix.length, "to the free block");
	add_related(rules_report_field(
			sweep->diagnostics, PLAN_SEVERITY_ERROR, "subnet-overlap", &field,
			"subnet '%s' (%s) overlaps subnet '%s' (%s); move one of them%s",
			field.name, block, label(other->name), other_block,
			hint[0] != '\0' ? hint : " or shrink one"),
		    other->origin.path);
}

/* two subnets: the pair's finding. three or more on one block: one finding for the group,
 * on the first copy of a shared block, or on the subnet the others lie inside */
static void
on_subnet_group(const guint *positions, guint n_same, guint n_inside, gpointer user_data)
{
	SubnetSweep *sweep = user_data;
	guint n_others = n_same + n_inside - 1;
	guint listed[PLAN_OVERLAP_LISTED];
	guint n_listed;
	g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
	g_autoptr(GString) list = g_string_new(NULL);
	g_autofree char *hint = NULL;
	const PlanSubnet *anchor;
	PlanCidrField field;
	PlanDiagnostic *diagnostic;
	char block[PLAN_PREFIX_TEXT_SIZE];

	if (n_others == 1) {
		on_subnet_overlap(positions[0], positions[1], user_data);
		return;
	}
	anchor = swept_subnet(sweep, positions[n_inside == 0 ? 1 : 0]);
	field = rules_subnet_field(anchor, sweep->ipv6);
	plan_prefix_format(&field.cidr->prefix, block, sizeof block);
	hint = rules_free_block_hint(sweep->context, sweep->vpc_index, sweep->ipv6,
					    field.cidr->prefix.length,
					    n_inside == 0 ? "the free block" : "to the free block");
	if (n_inside == 0) {
		n_listed = smallest_positions(positions, n_same, listed);
		for (guint i = 0; i < n_listed; i++)
			g_ptr_array_add(
			    names,
			    g_strdup_printf("'%s'", label(swept_subnet(sweep, listed[i])->name)));
		append_listed(list, names, n_same);
		diagnostic = rules_report_field(
		    sweep->diagnostics, PLAN_SEVERITY_ERROR, "subnet-overlap", &field,
		    "%u subnets share %s: %s; give each a block of its own%s", n_same, block,
		    list->str, hint[0] != '\0' ? hint : ", or remove the copies");
	} else {
		g_autofree char *sharing = NULL;
		n_listed = smallest_positions(positions + n_same, n_inside, listed);
		for (guint i = 0; i < n_listed; i++) {
			char inner[PLAN_PREFIX_TEXT_SIZE];
			plan_prefix_format(&swept_cidr(sweep, listed[i])->prefix, inner,
					   sizeof inner);
			g_ptr_array_add(names,
					g_strdup_printf("'%s' (%s)",
							label(swept_subnet(sweep, listed[i])->name),
							inner));
		}
		append_listed(list, names, n_inside);
		sharing = n_same > 1
			      ? g_strdup_printf(" and %u more with the same block", n_same - 1)
			      : g_strdup("");
		diagnostic = rules_report_field(
		    sweep->diagnostics, PLAN_SEVERITY_ERROR, "subnet-overlap", &field,
		    "%u subnets lie inside %s, the block of subnet '%s'%s: %s; shrink or move "
		    "'%s'%s",
		    n_inside, block, field.name, sharing, list->str, field.name,
		    hint[0] != '\0' ? hint : ", or move the others out of it");
	}
	for (guint i = 0; i < n_listed; i++) {
		const PlanSubnet *other = swept_subnet(sweep, listed[i]);
		if (other != anchor)
			add_related(diagnostic, other->origin.path);
	}
}

void
rules_check_subnet_overlap(const PlanRuleContext *context, GPtrArray *diagnostics)
{
	const PlanModel *model = context->model;
	g_autoptr(GArray) prefixes = g_array_new(FALSE, FALSE, sizeof(PlanPrefix));
	g_autoptr(GArray) subnets = g_array_new(FALSE, FALSE, sizeof(guint));

	/* sort and sweep per VPC and family: O(n log n) over all subnets, never pairwise, and
	 * one finding per group of blocks, never one per pair */
	for (guint v = 0; v < model->vpcs->len; v++) {
		const PlanVpc *vpc = model_vpc(model, (gint)v);
		for (guint family = 0; family < 2; family++) {
			SubnetSweep sweep = {.context = context,
					     .diagnostics = diagnostics,
					     .vpc_index = v,
					     .ipv6 = family == 1,
					     .subnets = subnets};
			guint n = 0;
			/* room for every subnet, then filled in place: no call per subnet */
			g_array_set_size(prefixes, vpc->subnets->len);
			g_array_set_size(subnets, vpc->subnets->len);
			for (guint s = 0; s < vpc->subnets->len; s++) {
				const PlanSubnet *subnet = vpc_subnet(vpc, (gint)s);
				const PlanCidr *cidr =
				    sweep.ipv6 ? &subnet->ipv6_cidr : &subnet->cidr;
				if (!plan_cidr_usable(cidr))
					continue;
				g_array_index(prefixes, PlanPrefix, n) = cidr->prefix;
				g_array_index(subnets, guint, n) = s;
				n++;
			}
			g_array_set_size(prefixes, n);
			g_array_set_size(subnets, n);
			plan_prefix_find_overlap_groups(
			    (const PlanPrefix *)(gpointer)prefixes->data, prefixes->len,
			    on_subnet_group, &sweep);
		}
	}
}
