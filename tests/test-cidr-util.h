/* helpers shared by the CIDR tests (test-cidr.c: prefixes; test-cidr-space.c: free blocks and
 * the allocator) */
#pragma once

#include <glib.h>

#include "cidr.h"

G_BEGIN_DECLS

/* @text parsed (any family), or the test fails */
PlanPrefix prefix_from_text(const char *text);
/* @prefix formats as @expected */
void assert_prefix_text(const PlanPrefix *prefix, const char *expected);
/* the IPv4 netmask of @length bits */
guint32 mask32(guint length);
/* a prefix from its parts, host bits cleared */
PlanPrefix ipv4_prefix(guint32 address, guint length);
PlanPrefix ipv6_prefix(guint64 hi, guint64 lo, guint length);
/* the oracle: bit @i (0 = most significant) of the address, containment and overlap bit by bit */
guint oracle_bit(const PlanPrefix *prefix, guint i);
gboolean oracle_contains(const PlanPrefix *outer, const PlanPrefix *inner);
gboolean oracle_overlaps(const PlanPrefix *a, const PlanPrefix *b);
/* what collect_pair() gathers for plan_prefix_find_overlaps() */
typedef struct {
	const PlanPrefix *prefixes;
	GArray *pairs; /* guint64: index_a << 32 | index_b, as reported */
} PairCollector;

/* a PlanOverlapFunc: each pair checked against the oracle (the first contains the second, the
 * lower index first on a tie), then kept */
void collect_pair(guint index_a, guint index_b, gpointer user_data);
/* the pairs plan_prefix_find_overlaps() reports, each checked against the oracle as it comes,
 * as (lower index << 32 | higher index), sorted. Returns: (transfer full) */
GArray *find_pairs(const PlanPrefix *prefixes, guint n_prefixes);

G_END_DECLS
