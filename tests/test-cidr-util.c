/* ecsplan: helpers of the CIDR tests (test-cidr.c, test-cidr-space.c): prefixes from text and
 * back, and a deliberately naive oracle (bit-by-bit containment) that shares no code with
 * cidr.c */
#include "test-cidr-util.h"

PlanPrefix
prefix_from_text(const char *text)
{
	PlanPrefix prefix = {0};
	g_autoptr(GError) error = NULL;

	if (!plan_prefix_parse(text, PLAN_FAMILY_ANY, &prefix, NULL, &error))
		g_error("'%s' should parse: %s", text, error->message);
	return prefix;
}

void
assert_prefix_text(const PlanPrefix *prefix, const char *expected)
{
	g_autofree char *text = plan_prefix_to_string(prefix);

	g_assert_cmpstr(text, ==, expected);
}

guint32
mask32(guint length)
{
	return length == 0 ? 0 : G_MAXUINT32 << (32 - length);
}

PlanPrefix
ipv4_prefix(guint32 address, guint length)
{
	PlanPrefix prefix = {0, address & mask32(length), PLAN_FAMILY_IPV4, (guint8)length};

	return prefix;
}

PlanPrefix
ipv6_prefix(guint64 hi, guint64 lo, guint length)
{
	PlanPrefix prefix = {hi, lo, PLAN_FAMILY_IPV6, (guint8)length};

	if (length <= 64) {
		prefix.lo = 0;
		prefix.hi = length == 0 ? 0 : hi & (G_MAXUINT64 << (64 - length));
	} else if (length < 128) {
		prefix.lo = lo & (G_MAXUINT64 << (128 - length));
	}
	return prefix;
}

/* bit @i (0 = most significant) of the address, counted in the family's own width */
guint
oracle_bit(const PlanPrefix *prefix, guint i)
{
	if (prefix->family == PLAN_FAMILY_IPV4)
		return (guint)(prefix->lo >> (31 - i)) & 1;
	if (i < 64)
		return (guint)(prefix->hi >> (63 - i)) & 1;
	return (guint)(prefix->lo >> (127 - i)) & 1;
}

gboolean
oracle_contains(const PlanPrefix *outer, const PlanPrefix *inner)
{
	if (outer->family != inner->family || outer->length > inner->length)
		return FALSE;
	for (guint i = 0; i < outer->length; i++) {
		if (oracle_bit(outer, i) != oracle_bit(inner, i))
			return FALSE;
	}
	return TRUE;
}

gboolean
oracle_overlaps(const PlanPrefix *a, const PlanPrefix *b)
{
	return oracle_contains(a, b) || oracle_contains(b, a);
}

void
collect_pair(guint index_a, guint index_b, gpointer user_data)
{
	PairCollector *collector = user_data;
	guint64 pair = ((guint64)index_a << 32) | index_b;

	/* the documented order: the first one contains the second, the lower index on a tie */
	g_assert_true(oracle_contains(&collector->prefixes[index_a],
				      &collector->prefixes[index_b]));
	if (plan_prefix_equal(&collector->prefixes[index_a], &collector->prefixes[index_b]))
		g_assert_cmpuint(index_a, <, index_b);
	g_array_append_val(collector->pairs, pair);
}

static int
compare_guint64(gconstpointer pa, gconstpointer pb)
{
	guint64 a = *(const guint64 *)pa;
	guint64 b = *(const guint64 *)pb;

	return a < b ? -1 : a > b ? 1 : 0;
}

/* Returns: (transfer full): the reported pairs as (lower index, higher index), sorted */
GArray *
find_pairs(const PlanPrefix *prefixes, guint n_prefixes)
{
	PairCollector collector = {prefixes, g_array_new(FALSE, FALSE, sizeof(guint64))};

	plan_prefix_find_overlaps(prefixes, n_prefixes, collect_pair, &collector);
	for (guint i = 0; i < collector.pairs->len; i++) {
		guint64 *pair = &g_array_index(collector.pairs, guint64, i);
		guint64 a = *pair >> 32;
		guint64 b = *pair & G_MAXUINT32;

		*pair = (MIN(a, b) << 32) | MAX(a, b);
	}
	g_array_sort(collector.pairs, compare_guint64);
	return collector.pairs;
}
