/* ecsplan: IPv4 and IPv6 prefixes (CIDR blocks) and the address arithmetic AWS applies to them */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
	PLAN_FAMILY_ANY = 0,
	PLAN_FAMILY_IPV4 = 4,
	PLAN_FAMILY_IPV6 = 6,
} PlanFamily;

/* a plain record: the network address is kept as 128 bits (hi, lo); an IPv4 address lives in
 * the low 32 bits of lo and hi is 0, so both families share one comparison and one sweep.
 * length is the prefix length, 0..32 or 0..128. a parsed prefix is always canonical (no host
 * bits set). */
typedef struct {
	guint64 hi;
	guint64 lo;
	guint8 family; /* PlanFamily */
	guint8 length;
} PlanPrefix;

/* AWS reserves the first four addresses and the last one of every subnet, IPv4 and IPv6 */
#define PLAN_AWS_RESERVED_PER_SUBNET 5

/* flags reported by plan_prefix_parse() beside success */
typedef enum {
	PLAN_PREFIX_PARSE_NONE = 0,
	PLAN_PREFIX_PARSE_HOST_BITS = 1 << 0, /* host bits were set; *out holds the canonical block */
} PlanPrefixParseFlags;

gboolean plan_prefix_parse(const char *text, PlanFamily family, PlanPrefix *out,
			   PlanPrefixParseFlags *flags, GError **error);
char *plan_prefix_to_string(const PlanPrefix *prefix) G_GNUC_WARN_UNUSED_RESULT;
void plan_prefix_format(const PlanPrefix *prefix, char *buf, gsize bufsize);
guint plan_prefix_max_length(const PlanPrefix *prefix);
int plan_prefix_compare(const PlanPrefix *a, const PlanPrefix *b);
gboolean plan_prefix_equal(const PlanPrefix *a, const PlanPrefix *b);
gboolean plan_prefix_contains(const PlanPrefix *outer, const PlanPrefix *inner);
gboolean plan_prefix_overlaps(const PlanPrefix *a, const PlanPrefix *b);
guint64 plan_prefix_addresses(const PlanPrefix *prefix);
guint64 plan_prefix_usable(const PlanPrefix *prefix);
gboolean plan_prefix_last(const PlanPrefix *prefix, guint64 *hi, guint64 *lo);

/* overlap sweep over N prefixes in O(N log N + K) for K reported pairs */
typedef void (*PlanOverlapFunc)(guint index_a, guint index_b, gpointer user_data);
void plan_prefix_find_overlaps(const PlanPrefix *prefixes, guint n_prefixes,
			       PlanOverlapFunc func, gpointer user_data);
/* the same overlaps grouped by the outer block, for findings that must not multiply: @indices
 * holds the n_same blocks equal to one block, then the n_inside blocks strictly inside it */
typedef void (*PlanOverlapGroupFunc)(const guint *indices, guint n_same, guint n_inside,
				     gpointer user_data);
void plan_prefix_find_overlap_groups(const PlanPrefix *prefixes, guint n_prefixes,
				     PlanOverlapGroupFunc func, gpointer user_data);

/* free space inside a block: the largest aligned free blocks, in address order */
GArray *plan_prefix_free_blocks(const PlanPrefix *container, const PlanPrefix *used,
				guint n_used) G_GNUC_WARN_UNUSED_RESULT;

/* aligned allocation inside one or more containers (a VPC's blocks) */
typedef struct _PlanAllocator PlanAllocator;

PlanAllocator *plan_allocator_new(const PlanPrefix *containers, guint n_containers)
	G_GNUC_WARN_UNUSED_RESULT;
void plan_allocator_free(PlanAllocator *allocator);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(PlanAllocator, plan_allocator_free)
gboolean plan_allocator_reserve(PlanAllocator *allocator, const PlanPrefix *used);
gboolean plan_allocator_take(PlanAllocator *allocator, guint length, PlanPrefix *out,
			     GError **error);
/* plan_allocator_take() guesses the family (IPv6 past /32 or without IPv4 space); this is told */
gboolean plan_allocator_take_family(PlanAllocator *allocator, PlanFamily family, guint length,
				    PlanPrefix *out, GError **error);
guint64 plan_allocator_free_addresses(PlanAllocator *allocator, PlanFamily family);

/* prefix length for a subnet that must hold n usable addresses (n + 5 reserved, rounded up to a
 * power of two); returns 0 when even the largest AWS subnet (/16) cannot */
guint plan_prefix_length_for_usable(guint64 n_usable);

G_END_DECLS
