/* ecsplan: free space in a block and aligned allocation inside a VPC's blocks. both work on
 * sorted address ranges, never pairwise, so a VPC with thousands of subnets stays fast */
#include "cidr-private.h"

#include <stdlib.h>
#include <string.h>

#include "plan-error.h"

/* free space */

typedef struct {
	Addr128 first;
	Addr128 last;
} AddrRange;

static int
addr_range_compare(const void *pa, const void *pb)
{
	const AddrRange *a = pa;
	const AddrRange *b = pb;

	return addr128_cmp(a->first, b->first);
}

/* the fewest aligned blocks that cover [first, last] exactly: from the left, each time the
 * largest block that starts at first (its alignment) and does not pass last */
static void
append_range_blocks(GArray *blocks, guint family, Addr128 first, Addr128 last)
{
	guint max_host = family_max_length(family);

	for (;;) {
		guint host = MIN(addr128_ctz(first), max_host);
		Addr128 end;
		PlanPrefix block;

		for (;;) {
			end = addr128_or(first, addr128_not(addr128_mask(128 - host)));
			if (addr128_cmp(end, last) <= 0)
				break;
			host--;
		}
		block = prefix_make(family, first, max_host - host);
		g_array_append_val(blocks, block);
		if (addr128_cmp(end, last) == 0)
			return;
		first = addr128_inc(end);
	}
}

/**
 * plan_prefix_free_blocks:
 * @container: the block to look into
 * @used: (array length=n_used) (transfer none): taken blocks; parts outside @container, other
 *   families, nesting and duplicates are all fine
 * @n_used: number of taken blocks
 *
 * Returns: (transfer full) (element-type PlanPrefix): the free space of @container as the
 *   fewest largest aligned blocks, in address order; empty when nothing is free. Free with
 *   g_array_unref().
 */
GArray *
plan_prefix_free_blocks(const PlanPrefix *container, const PlanPrefix *used, guint n_used)
{
	g_autoptr(GArray) blocks = NULL;
	g_autofree AddrRange *ranges = NULL;
	guint n_ranges = 0;
	Addr128 cursor;
	Addr128 container_last;

	g_return_val_if_fail(container != NULL, NULL);
	g_return_val_if_fail(family_is_valid(container->family), NULL);
	g_return_val_if_fail(container->length <= family_max_length(container->family), NULL);
	g_return_val_if_fail(used != NULL || n_used == 0, NULL);

	blocks = g_array_new(FALSE, FALSE, sizeof(PlanPrefix));
	ranges = g_new(AddrRange, MAX(n_used, 1));
	for (guint i = 0; i < n_used; i++) {
		if (prefix_contains(&used[i], container))
			return g_steal_pointer(&blocks);
		if (prefix_contains(container, &used[i])) {
			ranges[n_ranges].first = prefix_first(&used[i]);
			ranges[n_ranges].last = prefix_last(&used[i]);
			n_ranges++;
		}
	}
	qsort(ranges, n_ranges, sizeof ranges[0], addr_range_compare);

	/* nested and duplicate ranges only move the cursor forward, never back */
	cursor = prefix_first(container);
	container_last = prefix_last(container);
	for (guint i = 0; i < n_ranges; i++) {
		if (addr128_cmp(ranges[i].first, cursor) > 0)
			append_range_blocks(blocks, container->family, cursor,
					    addr128_dec(ranges[i].first));
		if (addr128_cmp(ranges[i].last, cursor) >= 0) {
			/* the end of the container may be the end of the address space */
			if (addr128_cmp(ranges[i].last, container_last) == 0)
				return g_steal_pointer(&blocks);
			cursor = addr128_inc(ranges[i].last);
		}
	}
	append_range_blocks(blocks, container->family, cursor, container_last);
	return g_steal_pointer(&blocks);
}

/* allocator */

/* free space is kept as the maximal aligned free blocks (a buddy system that never merges,
 * since nothing is given back). blocks are disjoint, so any aligned block that fits in the free
 * space lies inside exactly one of them, and best fit is the first (lowest) block of the
 * longest non-empty length that is not longer than the request: one address-ordered tree per
 * family and length. blocks are never merged across containers: a subnet must sit in one. */
struct _PlanAllocator {
	GArray *containers; /* PlanPrefix, canonical, disjoint, sorted */
	GTree *free_trees[2][129]; /* [IPv4, IPv6][length], keys are Addr128 *, NULL until used */
};

static int
addr128_tree_compare(gconstpointer pa, gconstpointer pb, G_GNUC_UNUSED gpointer user_data)
{
	const Addr128 *a = pa;
	const Addr128 *b = pb;

	return addr128_cmp(*a, *b);
}

static inline guint
family_slot(guint family)
{
	return family == PLAN_FAMILY_IPV4 ? 0 : 1;
}

/* Returns: (transfer none) (nullable): the tree, created when @create */
static GTree *
allocator_tree(PlanAllocator *allocator, guint family, guint length, gboolean create)
{
	GTree **tree = &allocator->free_trees[family_slot(family)][length];

	if (*tree == NULL && create)
		*tree = g_tree_new_full(addr128_tree_compare, NULL, g_free, NULL);
	return *tree;
}

static void
allocator_add_free(PlanAllocator *allocator, guint family, Addr128 first, guint length)
{
	Addr128 *key = g_new(Addr128, 1);

	*key = first;
	g_tree_insert(allocator_tree(allocator, family, length, TRUE), key, NULL);
}

/* the free block (@block_first, @block_length) contains the target block: give back, as free
 * blocks, the halves along the way down that do not contain the target */
static void
allocator_carve(PlanAllocator *allocator, guint family, guint block_length, Addr128 target_first,
		guint target_length)
{
	guint offset = family_space_offset(family);

	for (guint length = block_length + 1; length <= target_length; length++) {
		Addr128 half = addr128_and(target_first, addr128_mask(length + offset));
		Addr128 sibling = addr128_xor(half, addr128_bit(length + offset));

		allocator_add_free(allocator, family, sibling, length);
	}
}

/* Returns: the first (lowest) block of that length, removed from the free space; FALSE when
 * there is none */
static gboolean
allocator_pop_first(PlanAllocator *allocator, guint family, guint length, Addr128 *first)
{
	GTree *tree = allocator_tree(allocator, family, length, FALSE);
	GTreeNode *node = NULL;

	if (tree == NULL)
		return FALSE;
	node = g_tree_node_first(tree);
	if (node == NULL)
		return FALSE;
	*first = *(const Addr128 *)g_tree_node_key(node);
	g_tree_remove(tree, first);
	return TRUE;
}

/* the shortest length with a free block, or -1 */
static int
allocator_largest_free(PlanAllocator *allocator, guint family)
{
	for (guint length = 0; length <= family_max_length(family); length++) {
		GTree *tree = allocator_tree(allocator, family, length, FALSE);

		if (tree != NULL && g_tree_nnodes(tree) > 0)
			return (int)length;
	}
	return -1;
}

/* plan_prefix_compare() as a GCompareFunc, without calling through a cast function pointer */
static int
prefix_compare_func(gconstpointer a, gconstpointer b)
{
	return plan_prefix_compare(a, b);
}

/**
 * plan_allocator_new:
 * @containers: (array length=n_containers) (transfer none): the blocks to allocate from (a
 *   VPC's primary and secondary blocks); families may be mixed, a block nested in another
 *   one is redundant and dropped, host bits are ignored
 * @n_containers: number of blocks
 *
 * Returns: (transfer full): a new allocator with all of @containers free; free with
 *   plan_allocator_free()
 */
PlanAllocator *
plan_allocator_new(const PlanPrefix *containers, guint n_containers)
{
	PlanAllocator *allocator = NULL;
	g_autoptr(GArray) sorted = NULL;

	g_return_val_if_fail(containers != NULL || n_containers == 0, NULL);

	sorted = g_array_sized_new(FALSE, FALSE, sizeof(PlanPrefix), n_containers);
	for (guint i = 0; i < n_containers; i++) {
		const PlanPrefix *container = &containers[i];
		PlanPrefix canonical;

		g_return_val_if_fail(family_is_valid(container->family), NULL);
		g_return_val_if_fail(container->length <= plan_prefix_max_length(container), NULL);
		canonical = prefix_canonical(container);
		g_array_append_val(sorted, canonical);
	}
	g_array_sort(sorted, prefix_compare_func);

	allocator = g_new0(PlanAllocator, 1);
	allocator->containers = g_array_new(FALSE, FALSE, sizeof(PlanPrefix));
	/* sorted, a nested block follows the one containing it, and the kept blocks are disjoint,
	 * so only the last kept block can contain the next one */
	for (guint i = 0; i < sorted->len; i++) {
		const PlanPrefix *container = &g_array_index(sorted, PlanPrefix, i);
		guint n_kept = allocator->containers->len;

		if (n_kept > 0 &&
		    prefix_contains(&g_array_index(allocator->containers, PlanPrefix, n_kept - 1),
				    container))
			continue;
		g_array_append_val(allocator->containers, *container);
		allocator_add_free(allocator, container->family, prefix_first(container),
				   container->length);
	}
	return allocator;
}

void
plan_allocator_free(PlanAllocator *allocator)
{
	if (allocator == NULL)
		return;
	for (guint slot = 0; slot < 2; slot++) {
		for (guint length = 0; length <= 128; length++) {
			if (allocator->free_trees[slot][length] != NULL)
				g_tree_destroy(allocator->free_trees[slot][length]);
		}
	}
	g_array_unref(allocator->containers);
	g_free(allocator);
}

/**
 * plan_allocator_reserve:
 * @allocator: an allocator
 * @used: (transfer none): an existing block (a subnet) that is taken; host bits are ignored
 *
 * Marks @used as taken. Reserving the same space twice, or space already handed out by
 * plan_allocator_take(), is harmless.
 *
 * Returns: %TRUE when @used overlaps one of the containers (the overlapping part is now taken),
 *   %FALSE when it lies outside all of them and nothing changed
 */
gboolean
plan_allocator_reserve(PlanAllocator *allocator, const PlanPrefix *used)
{
	PlanPrefix target;
	Addr128 first;
	Addr128 last;
	guint offset;
	gboolean inside = FALSE;

	g_return_val_if_fail(allocator != NULL, FALSE);
	g_return_val_if_fail(used != NULL, FALSE);
	g_return_val_if_fail(family_is_valid(used->family), FALSE);
	g_return_val_if_fail(used->length <= family_max_length(used->family), FALSE);

	target = prefix_canonical(used);
	for (guint i = 0; i < allocator->containers->len && !inside; i++) {
		const PlanPrefix *container = &g_array_index(allocator->containers, PlanPrefix, i);

		inside = prefix_contains(container, &target) || prefix_contains(&target, container);
	}
	if (!inside)
		return FALSE;

	first = prefix_first(&target);
	last = prefix_last(&target);
	offset = family_space_offset(target.family);

	/* free blocks are disjoint and aligned: either one of them contains the target... */
	for (guint length = 0; length <= target.length; length++) {
		GTree *tree = allocator_tree(allocator, target.family, length, FALSE);
		Addr128 key = addr128_and(first, addr128_mask(length + offset));

		if (tree != NULL && g_tree_remove(tree, &key)) {
			allocator_carve(allocator, target.family, length, first, target.length);
			return TRUE;
		}
	}
	/* ...or the target contains zero or more of them */
	for (guint length = target.length + 1; length <= family_max_length(target.family);
	     length++) {
		GTree *tree = allocator_tree(allocator, target.family, length, FALSE);
		GTreeNode *node = NULL;

		if (tree == NULL)
			continue;
		while ((node = g_tree_lower_bound(tree, &first)) != NULL) {
			Addr128 key = *(const Addr128 *)g_tree_node_key(node);

			if (addr128_cmp(key, last) > 0)
				break;
			g_tree_remove(tree, &key);
		}
	}
	return TRUE;
}

static char *
describe_addresses(guint host_bits)
{
	if (host_bits >= 64)
		return g_strdup_printf("2^%u addresses", host_bits);
	if (host_bits == 0)
		return g_strdup("1 address");
	return g_strdup_printf("%" G_GUINT64_FORMAT " addresses", block_addresses(host_bits));
}

/**
 * plan_allocator_take_family:
 * @allocator: an allocator
 * @family: %PLAN_FAMILY_IPV4 or %PLAN_FAMILY_IPV6 (or %PLAN_FAMILY_ANY, see
 *   plan_allocator_take())
 * @length: prefix length of the block wanted
 * @out: (out caller-allocates): the block, written only on success
 * @error: a #GError: %PLAN_ERROR_NO_SPACE when no block fits, %PLAN_ERROR_INVALID_VALUE when
 *   @length is too long for @family
 *
 * Takes an aligned block that overlaps nothing reserved or taken, inside one container. Best
 * fit: it comes from the smallest free block that can hold it, the lowest such block on a tie,
 * and sits at that block's start; allocating largest first then keeps big blocks whole.
 *
 * Returns: %TRUE, or %FALSE with @error set
 */
gboolean
plan_allocator_take_family(PlanAllocator *allocator, PlanFamily family, guint length,
			   PlanPrefix *out, GError **error)
{
	guint max_length;
	int largest;
	g_autofree char *largest_size = NULL;

	g_return_val_if_fail(allocator != NULL, FALSE);
	g_return_val_if_fail(family == PLAN_FAMILY_ANY || family_is_valid(family), FALSE);
	g_return_val_if_fail(out != NULL, FALSE);
	g_return_val_if_fail(error == NULL || *error == NULL, FALSE);

	if (family == PLAN_FAMILY_ANY) {
		gboolean has_ipv4 = FALSE;
		gboolean has_ipv6 = FALSE;

		for (guint i = 0; i < allocator->containers->len; i++) {
			if (g_array_index(allocator->containers, PlanPrefix, i).family ==
			    PLAN_FAMILY_IPV4)
				has_ipv4 = TRUE;
			else
				has_ipv6 = TRUE;
		}
		family = length > 32 || (has_ipv6 && !has_ipv4) ? PLAN_FAMILY_IPV6
								: PLAN_FAMILY_IPV4;
	}
	max_length = family_max_length(family);
	if (length > max_length) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_VALUE,
			    "'/%u': prefix length must be 0 to %u", length, max_length);
		return FALSE;
	}

	for (guint block_length = length + 1; block_length-- > 0;) {
		Addr128 first;

		if (!allocator_pop_first(allocator, family, block_length, &first))
			continue;
		allocator_carve(allocator, family, block_length, first, length);
		*out = prefix_make(family, first, length);
		return TRUE;
	}

	largest = allocator_largest_free(allocator, family);
	if (largest < 0) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_NO_SPACE,
			    "no free /%u left; no free %s space remains", length,
			    family_name(family));
		return FALSE;
	}
	largest_size = describe_addresses(max_length - (guint)largest);
	g_set_error(error, PLAN_ERROR, PLAN_ERROR_NO_SPACE,
		    "no free /%u left; the largest free block is /%d (%s)", length, largest,
		    largest_size);
	return FALSE;
}

/**
 * plan_allocator_take:
 * @allocator: an allocator
 * @length: prefix length of the block wanted
 * @out: (out caller-allocates): the block, written only on success
 * @error: a #GError
 *
 * plan_allocator_take_family() with the family guessed from @length: IPv6 when @length is
 * over 32 or every container is IPv6, IPv4 otherwise. Mixed-family callers that want an IPv6
 * block of /32 or shorter use plan_allocator_take_family().
 *
 * Returns: %TRUE, or %FALSE with @error set
 */
gboolean
plan_allocator_take(PlanAllocator *allocator, guint length, PlanPrefix *out, GError **error)
{
	return plan_allocator_take_family(allocator, PLAN_FAMILY_ANY, length, out, error);
}

/**
 * plan_allocator_free_addresses:
 * @allocator: an allocator
 * @family: a family, or %PLAN_FAMILY_ANY for both
 *
 * Returns: the number of addresses neither reserved nor taken, saturating at G_MAXUINT64
 */
guint64
plan_allocator_free_addresses(PlanAllocator *allocator, PlanFamily family)
{
	guint64 total = 0;

	g_return_val_if_fail(allocator != NULL, 0);
	g_return_val_if_fail(family == PLAN_FAMILY_ANY || family_is_valid(family), 0);

	for (guint f = PLAN_FAMILY_IPV4; f <= PLAN_FAMILY_IPV6; f += 2) {
		guint max_length = family_max_length(f);

		if (family != PLAN_FAMILY_ANY && family != f)
			continue;
		for (guint length = 0; length <= max_length; length++) {
			GTree *tree = allocator_tree(allocator, f, length, FALSE);
			guint64 n_blocks = tree != NULL ? (guint64)g_tree_nnodes(tree) : 0;
			guint host_bits = max_length - length;

			if (n_blocks == 0)
				continue;
			if (host_bits >= 64 || n_blocks > (G_MAXUINT64 >> host_bits))
				return G_MAXUINT64;
			total = saturating_add(total, n_blocks << host_bits);
		}
	}
	return total;
}

/**
 * plan_prefix_length_for_usable:
 * @n_usable: addresses the subnet must offer after AWS's reservations
 *
 * Returns: the longest IPv4 prefix length in 16..28 (AWS's subnet sizes) whose usable count is
 *   at least @n_usable, or 0 when even a /16 is too small
 */
guint
plan_prefix_length_for_usable(guint64 n_usable)
{
	for (guint length = 28; length >= 16; length--) {
		if (block_addresses(32 - length) - PLAN_AWS_RESERVED_PER_SUBNET >= n_usable)
			return length;
	}
	return 0;
}
