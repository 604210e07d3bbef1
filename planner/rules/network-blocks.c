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
			PlanCidrField field = i < n_fields
						  ? plan_network_vpc_field(vpc, i)
						  : plan_network_subnet_field(
							vpc_subnet(vpc, (gint)(i - n_fields) / 2),
							(i - n_fields) % 2 == 1);
			char canonical[PLAN_PREFIX_TEXT_SIZE];

			if (field.cidr->state != state)
				continue;
			if (state == PLAN_CIDR_INVALID) {
				plan_network_report_field(
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
			plan_network_report_field(
			    diagnostics, PLAN_SEVERITY_ERROR, "cidr-host-bits", &field,
			    "%s '%s' %s '%s' has host bits set; use the canonical block %s",
			    field.kind, field.name, field.field, label(field.cidr->text),
			    canonical);
		}
	}
}

void
plan_check_cidr_invalid(const PlanRuleContext *context, GPtrArray *diagnostics)
{
	check_cidr_field_state(context, diagnostics, PLAN_CIDR_INVALID);
}

void
plan_check_cidr_host_bits(const PlanRuleContext *context, GPtrArray *diagnostics)
{
	check_cidr_field_state(context, diagnostics, PLAN_CIDR_HOST_BITS);
}

/* ---- rules: VPC blocks ---- */

void
plan_check_vpc_cidr_size(const PlanRuleContext *context, GPtrArray *diagnostics)
{
	const PlanModel *model = context->model;

	for (guint v = 0; v < model->vpcs->len; v++) {
		const PlanVpc *vpc = model_vpc(model, (gint)v);
		for (guint i = 0; i < vpc_n_fields(vpc); i++) {
			PlanCidrField field = plan_network_vpc_field(vpc, i);
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
				resized = plan_network_prefix_resized(prefix, PLAN_IPV6_VPC_LENGTH);
				plan_prefix_format(&resized, fix, sizeof fix);
				plan_network_report_field(
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
				    plan_network_prefix_resized(prefix, PLAN_IPV4_SHORTEST_LENGTH);
				plan_prefix_format(&resized, fix, sizeof fix);
				plan_network_report_field(
				    diagnostics, PLAN_SEVERITY_ERROR, "vpc-cidr-size", &field,
				    "vpc '%s' block %s is larger than AWS allows (/16 to "
				    "/28); use a /16 or smaller, e.g. %s, and add more blocks "
				    "as secondary cidrs if you need the space",
				    field.name, block, fix);
			} else {
				resized =
				    plan_network_prefix_resized(prefix, PLAN_IPV4_LONGEST_LENGTH);
				plan_prefix_format(&resized, fix, sizeof fix);
				plan_network_report_field(
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
	if (plan_network_suggest_vpc_block(context, &shared, field->cidr->prefix.length, NULL, 0,
					   suggestion, sizeof suggestion))
		plan_network_report_field(
		    diagnostics, PLAN_SEVERITY_ERROR, "vpc-cidr-range", field,
		    "vpc '%s' secondary block %s is from %s, which AWS does not allow %s; "
		    "use another block, e.g. %s",
		    field->name, block, banned_text, condition, suggestion);
	else
		plan_network_report_field(
		    diagnostics, PLAN_SEVERITY_ERROR, "vpc-cidr-range", field,
		    "vpc '%s' secondary block %s is from %s, which AWS does not allow %s; "
		    "use a block from 100.64.0.0/10 instead",
		    field->name, block, banned_text, condition);
}

void
plan_check_vpc_cidr_range(const PlanRuleContext *context, GPtrArray *diagnostics)
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
			PlanCidrField field = plan_network_vpc_field(vpc, i);
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
				if (!plan_network_suggest_vpc_block(
					context, &container, prefix->length, avoid,
					G_N_ELEMENTS(avoid), suggestion, sizeof suggestion))
					g_strlcpy(suggestion, "172.18.0.0/16", sizeof suggestion);
				plan_network_report_field(
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
				if (!plan_network_suggest_vpc_block(context, &container,
								    prefix->length, NULL, 0,
								    suggestion, sizeof suggestion))
					g_strlcpy(suggestion, "a block from 10.0.0.0/8",
						  sizeof suggestion);
			}
			if (range == RANGE_PUBLIC)
				plan_network_report_field(
				    diagnostics, PLAN_SEVERITY_WARNING, "vpc-cidr-range", &field,
				    "vpc '%s' block %s is publicly routable: AWS allows it "
				    "but never advertises it, and the vpc cannot reach the "
				    "real owners of those addresses; use a private block, "
				    "e.g. %s",
				    field.name, block, suggestion);
			else
				plan_network_report_field(
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
	const GArray *refs; /* BlockRef, parallel to the prefixes swept */
	GHashTable *peered; /* "a b" with a < b, or NULL */
} BlockSweep;

/* collects the usable blocks of one family of every VPC (or of one VPC when @only >= 0) */
static void
collect_vpc_blocks(const PlanModel *model, gboolean ipv6, gint only, GArray *prefixes, GArray *refs)
{
	for (guint v = 0; v < model->vpcs->len; v++) {
		const PlanVpc *vpc = model_vpc(model, (gint)v);
		if (only >= 0 && (guint)only != v)
			continue;
		for (guint i = 0; i < vpc_n_fields(vpc); i++) {
			PlanCidrField field = plan_network_vpc_field(vpc, i);
			BlockRef ref = {v, i};
			if (!plan_cidr_usable(field.cidr) || is_ipv6(&field.cidr->prefix) != ipv6)
				continue;
			g_array_append_val(prefixes, field.cidr->prefix);
			g_array_append_val(refs, ref);
		}
	}
}

static void
sweep_vpc_blocks(const PlanModel *model, gint only, PlanOverlapFunc func, BlockSweep *sweep)
{
	for (guint family = 0; family < 2; family++) {
		g_autoptr(GArray) prefixes = g_array_new(FALSE, FALSE, sizeof(PlanPrefix));
		g_autoptr(GArray) refs = g_array_new(FALSE, FALSE, sizeof(BlockRef));
		collect_vpc_blocks(model, family == 1, only, prefixes, refs);
		sweep->refs = refs;
		plan_prefix_find_overlaps((const PlanPrefix *)(gpointer)prefixes->data,
					  prefixes->len, func, sweep);
		sweep->refs = NULL;
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
	field = plan_network_vpc_field(vpc, second->field_index);
	other = plan_network_vpc_field(earlier, first->field_index);
	plan_prefix_format(&field.cidr->prefix, block, sizeof block);
	plan_prefix_format(&other.cidr->prefix, other_block, sizeof other_block);
	other_path = plan_network_field_path(&other);
	add_related(plan_network_report_field(
			sweep->diagnostics, PLAN_SEVERITY_ERROR, "vpc-cidr-overlap", &field,
			"vpc '%s' block %s overlaps its own block %s, and AWS rejects "
			"overlapping blocks in one vpc; remove it or use a block outside "
			"%s",
			field.name, block, other_block, other_block),
		    other_path);
}

void
plan_check_vpc_cidr_overlap(const PlanRuleContext *context, GPtrArray *diagnostics)
{
	BlockSweep sweep = {.context = context, .diagnostics = diagnostics};

	/* one sweep per VPC keeps the pairs local; blocks per VPC are few (50 at most in AWS) */
	for (guint v = 0; v < context->model->vpcs->len; v++)
		sweep_vpc_blocks(context->model, (gint)v, on_vpc_block_overlap, &sweep);
}

static char *
pair_key(guint a, guint b)
{
	return g_strdup_printf("%u %u", MIN(a, b), MAX(a, b));
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
	PlanPrefix container;
	Ipv4Range range;
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
	field = plan_network_vpc_field(vpc, second->field_index);
	other = plan_network_vpc_field(other_vpc, first->field_index);
	plan_prefix_format(&field.cidr->prefix, block, sizeof block);
	plan_prefix_format(&other.cidr->prefix, other_block, sizeof other_block);
	key = pair_key(first->vpc_index, second->vpc_index);
	peered = g_hash_table_contains(sweep->peered, key);

	/* suggest a block in the same private range, so the move does not trip vpc-cidr-range */
	if (is_ipv6(&field.cidr->prefix)) {
		fix = g_strdup("move one of them");
	} else {
		range = ipv4_range_of(&field.cidr->prefix);
		container =
		    range_prefix(range == RANGE_PUBLIC || range == RANGE_198_19 ? RANGE_10 : range);
		if (plan_network_suggest_vpc_block(sweep->context, &container,
						   field.cidr->prefix.length, NULL, 0, suggestion,
						   sizeof suggestion))
			fix = g_strdup_printf("move one of them, e.g. to %s", suggestion);
		else
			fix = g_strdup("move one of them");
	}
	if (peered)
		add_related(plan_network_report_field(
				sweep->diagnostics, PLAN_SEVERITY_ERROR, "vpc-overlap", &field,
				"vpc '%s' block %s overlaps block %s of vpc '%s', and the "
				"two are peered: a peering cannot route overlapping "
				"blocks; %s",
				field.name, block, other_block, other.name, fix),
			    other_vpc->origin.path);
	else
		add_related(plan_network_report_field(
				sweep->diagnostics, PLAN_SEVERITY_WARNING, "vpc-overlap", &field,
				"vpc '%s' block %s overlaps block %s of vpc '%s', so they "
				"can never be peered or joined through a transit gateway; "
				"%s",
				field.name, block, other_block, other.name, fix),
			    other_vpc->origin.path);
}

void
plan_check_vpc_overlap(const PlanRuleContext *context, GPtrArray *diagnostics)
{
	const PlanModel *model = context->model;
	g_autoptr(GHashTable) peered = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	BlockSweep sweep = {.context = context, .diagnostics = diagnostics, .peered = peered};

	for (guint i = 0; i < model->peerings->len; i++) {
		const PlanPeering *peering = g_ptr_array_index(model->peerings, i);
		if (peering->vpc_a_index < 0 || peering->vpc_b_index < 0)
			continue;
		g_hash_table_add(
		    peered, pair_key((guint)peering->vpc_a_index, (guint)peering->vpc_b_index));
	}
	sweep_vpc_blocks(model, -1, on_vpc_overlap, &sweep);
}

/* ---- rules: subnet blocks ---- */

void
plan_check_subnet_size(const PlanRuleContext *context, GPtrArray *diagnostics)
{
	const PlanModel *model = context->model;

	for (guint v = 0; v < model->vpcs->len; v++) {
		const PlanVpc *vpc = model_vpc(model, (gint)v);
		for (guint i = 0; i < 2 * vpc->subnets->len; i++) {
			PlanCidrField field =
			    plan_network_subnet_field(vpc_subnet(vpc, (gint)i / 2), i % 2 == 1);
			const PlanPrefix *prefix = &field.cidr->prefix;
			char block[PLAN_PREFIX_TEXT_SIZE];
			char fix[PLAN_PREFIX_TEXT_SIZE];
			guint length;
			PlanPrefix resized;

			if (!plan_cidr_usable(field.cidr))
				continue;
			if (is_ipv6(prefix)) {
				if (prefix->length == PLAN_IPV6_SUBNET_LENGTH)
					continue;
				plan_prefix_format(prefix, block, sizeof block);
				if (!plan_network_suggest_subnet_block(context, v, TRUE,
								       PLAN_IPV6_SUBNET_LENGTH, fix,
								       sizeof fix)) {
					resized = plan_network_prefix_resized(
					    prefix, PLAN_IPV6_SUBNET_LENGTH);
					plan_prefix_format(&resized, fix, sizeof fix);
				}
				plan_network_report_field(
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
			if (!plan_network_suggest_subnet_block(context, v, FALSE, length, fix,
							       sizeof fix)) {
				resized = plan_network_prefix_resized(prefix, length);
				plan_prefix_format(&resized, fix, sizeof fix);
			}
			plan_network_report_field(
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
		PlanCidrField field = plan_network_vpc_field(vpc, i);
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
	for (guint i = 0; i < vpc_n_fields(vpc); i++) {
		PlanCidrField field = plan_network_vpc_field(vpc, i);
		if (plan_cidr_usable(field.cidr) &&
		    plan_prefix_contains(&field.cidr->prefix, prefix))
			return TRUE;
	}
	return FALSE;
}

void
plan_check_subnet_outside_vpc(const PlanRuleContext *context, GPtrArray *diagnostics)
{
	const PlanModel *model = context->model;

	for (guint v = 0; v < model->vpcs->len; v++) {
		const PlanVpc *vpc = model_vpc(model, (gint)v);
		for (guint i = 0; i < 2 * vpc->subnets->len; i++) {
			gboolean ipv6 = i % 2 == 1;
			PlanCidrField field =
			    plan_network_subnet_field(vpc_subnet(vpc, (gint)i / 2), ipv6);
			const PlanPrefix *prefix = &field.cidr->prefix;
			char block[PLAN_PREFIX_TEXT_SIZE];
			g_autofree char *blocks = NULL;
			g_autofree char *hint = NULL;
			guint n_blocks;

			if (!plan_cidr_usable(field.cidr) || inside_vpc(vpc, prefix))
				continue;
			plan_prefix_format(prefix, block, sizeof block);
			blocks = vpc_blocks_text(vpc, ipv6, &n_blocks);
			if (n_blocks == 0 && ipv6) {
				plan_network_report_field(
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
			hint = plan_network_free_block_hint(context, v, ipv6, prefix->length,
							    "to the free block");
			if (hint[0] != '\0')
				plan_network_report_field(
				    diagnostics, PLAN_SEVERITY_ERROR, "subnet-outside-vpc", &field,
				    "subnet '%s' %s %s is outside vpc '%s' (%s); move it "
				    "inside%s",
				    field.name, ipv6 ? "ipv6 block" : "block", block,
				    label(vpc->name), blocks, hint);
			else
				plan_network_report_field(
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

static void
on_subnet_overlap(guint index_a, guint index_b, gpointer user_data)
{
	SubnetSweep *sweep = user_data;
	const PlanVpc *vpc = model_vpc(sweep->context->model, (gint)sweep->vpc_index);
	guint a = g_array_index(sweep->subnets, guint, index_a);
	guint b = g_array_index(sweep->subnets, guint, index_b);
	const PlanSubnet *subnet = vpc_subnet(vpc, (gint)MAX(a, b));
	const PlanSubnet *other = vpc_subnet(vpc, (gint)MIN(a, b));
	PlanCidrField field = plan_network_subnet_field(subnet, sweep->ipv6);
	const PlanCidr *other_cidr = sweep->ipv6 ? &other->ipv6_cidr : &other->cidr;
	char block[PLAN_PREFIX_TEXT_SIZE];
	char other_block[PLAN_PREFIX_TEXT_SIZE];
	g_autofree char *hint = NULL;

	plan_prefix_format(&field.cidr->prefix, block, sizeof block);
	plan_prefix_format(&other_cidr->prefix, other_block, sizeof other_block);
	hint = plan_network_free_block_hint(sweep->context, sweep->vpc_index, sweep->ipv6,
					    field.cidr->prefix.length, "to the free block");
	add_related(plan_network_report_field(
			sweep->diagnostics, PLAN_SEVERITY_ERROR, "subnet-overlap", &field,
			"subnet '%s' (%s) overlaps subnet '%s' (%s); move one of them%s",
			field.name, block, label(other->name), other_block,
			hint[0] != '\0' ? hint : " or shrink one"),
		    other->origin.path);
}

void
plan_check_subnet_overlap(const PlanRuleContext *context, GPtrArray *diagnostics)
{
	const PlanModel *model = context->model;
	g_autoptr(GArray) prefixes = g_array_new(FALSE, FALSE, sizeof(PlanPrefix));
	g_autoptr(GArray) subnets = g_array_new(FALSE, FALSE, sizeof(guint));

	/* sort and sweep per VPC and family: O(n log n) over all subnets, never pairwise */
	for (guint v = 0; v < model->vpcs->len; v++) {
		const PlanVpc *vpc = model_vpc(model, (gint)v);
		for (guint family = 0; family < 2; family++) {
			SubnetSweep sweep = {.context = context,
					     .diagnostics = diagnostics,
					     .vpc_index = v,
					     .ipv6 = family == 1,
					     .subnets = subnets};
			g_array_set_size(prefixes, 0);
			g_array_set_size(subnets, 0);
			for (guint s = 0; s < vpc->subnets->len; s++) {
				const PlanSubnet *subnet = vpc_subnet(vpc, (gint)s);
				const PlanCidr *cidr =
				    sweep.ipv6 ? &subnet->ipv6_cidr : &subnet->cidr;
				if (!plan_cidr_usable(cidr))
					continue;
				g_array_append_val(prefixes, cidr->prefix);
				g_array_append_val(subnets, s);
			}
			if (prefixes->len > 1)
				plan_prefix_find_overlaps(
				    (const PlanPrefix *)(gpointer)prefixes->data, prefixes->len,
				    on_subnet_overlap, &sweep);
		}
	}
}
