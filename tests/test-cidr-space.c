/* ecsplan: unit tests for planner/base/cidr-space.c: the free blocks of a container, the
 * aligned best-fit allocator, and the prefix length for a number of usable addresses.
 *
 * expected values are worked out by hand; where a case is random, the seed is fixed and the
 * answer comes from a naive oracle (a bitmap of addresses, bit-by-bit containment) that shares
 * no code with cidr-space.c. */
#include <string.h>

#include "plan-error.h"
#include "test-cidr-util.h"

static void
test_length_for_usable(void)
{
	static const struct {
		guint64 n_usable;
		guint length;
	} cases[] = {
		{0, 28},     {1, 28},     {11, 28},     {12, 27},    {27, 27},
		{28, 26},    {59, 26},    {60, 25},     {251, 24},   {252, 23},
		{4091, 20},  {4092, 19},  {65531, 16},  {65532, 0},  {G_MAXUINT64, 0},
	};

	for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
		PlanPrefix check = ipv4_prefix(0x0a000000, cases[i].length);

		g_assert_cmpuint(plan_prefix_length_for_usable(cases[i].n_usable), ==,
				 cases[i].length);
		if (cases[i].length != 0)
			g_assert_cmpuint(plan_prefix_usable(&check), >=, cases[i].n_usable);
	}
}

/* free blocks */

typedef struct {
	const char *container;
	const char *used[4];
	const char *free[9];
} FreeBlocksCase;

static const FreeBlocksCase free_blocks_cases[] = {
	{"10.0.0.0/24", {"10.0.0.0/26"}, {"10.0.0.64/26", "10.0.0.128/25"}},
	{"10.0.0.0/24", {"10.0.0.64/26"}, {"10.0.0.0/26", "10.0.0.128/25"}},
	{"10.0.0.0/24", {NULL}, {"10.0.0.0/24"}},
	{"10.0.0.0/24", {"10.0.0.0/24"}, {NULL}},
	{"10.0.0.0/24", {"10.0.0.0/25", "10.0.0.128/25"}, {NULL}},
	/* used blocks partly outside, outside, of the other family */
	{"10.0.0.0/24", {"10.0.0.0/16"}, {NULL}},
	{"10.0.0.0/24", {"10.0.1.0/24", "::ffff:10.0.0.0/120", "9.255.255.255/32"}, {"10.0.0.0/24"}},
	/* nested, duplicated, unsorted */
	{"10.0.0.0/24", {"10.0.0.0/25", "10.0.0.0/26", "10.0.0.0/25"}, {"10.0.0.128/25"}},
	{"10.0.0.0/24", {"10.0.0.128/25", "10.0.0.0/26"}, {"10.0.0.64/26"}},
	{"10.0.0.0/24",
	 {"10.0.0.5/32"},
	 {"10.0.0.0/30", "10.0.0.4/32", "10.0.0.6/31", "10.0.0.8/29", "10.0.0.16/28", "10.0.0.32/27",
	  "10.0.0.64/26", "10.0.0.128/25"}},
	{"10.0.0.0/16",
	 {"10.0.1.0/24"},
	 {"10.0.0.0/24", "10.0.2.0/23", "10.0.4.0/22", "10.0.8.0/21", "10.0.16.0/20", "10.0.32.0/19",
	  "10.0.64.0/18", "10.0.128.0/17"}},
	{"255.255.255.0/24",
	 {"255.255.255.255/32"},
	 {"255.255.255.0/25", "255.255.255.128/26", "255.255.255.192/27", "255.255.255.224/28",
	  "255.255.255.240/29", "255.255.255.248/30", "255.255.255.252/31", "255.255.255.254/32"}},
	{"0.0.0.0/0", {NULL}, {"0.0.0.0/0"}},
	{"0.0.0.0/0", {"0.0.0.0/1"}, {"128.0.0.0/1"}},
	{"::/0", {"::/1"}, {"8000::/1"}},
	{"::/0", {"8000::/1"}, {"::/1"}},
	{"2001:db8::/32", {"2001:db8::/33"}, {"2001:db8:8000::/33"}},
	{"2001:db8::/62",
	 {"2001:db8:0:1::/64", "2001:db8::/56"},
	 {NULL}},
	{"2001:db8::/62", {"2001:db8:0:1::/64"}, {"2001:db8::/64", "2001:db8:0:2::/63"}},
};

static void
test_free_blocks(void)
{
	for (gsize i = 0; i < G_N_ELEMENTS(free_blocks_cases); i++) {
		const FreeBlocksCase *c = &free_blocks_cases[i];
		PlanPrefix container = prefix_from_text(c->container);
		PlanPrefix used[G_N_ELEMENTS(c->used)];
		guint n_used = 0;
		guint n_free = 0;
		g_autoptr(GArray) blocks = NULL;

		while (n_used < G_N_ELEMENTS(c->used) && c->used[n_used] != NULL) {
			used[n_used] = prefix_from_text(c->used[n_used]);
			n_used++;
		}
		while (n_free < G_N_ELEMENTS(c->free) && c->free[n_free] != NULL)
			n_free++;

		g_test_message("free space of %s, case %" G_GSIZE_FORMAT, c->container, i);
		blocks = plan_prefix_free_blocks(&container, used, n_used);
		g_assert_cmpuint(blocks->len, ==, n_free);
		for (guint k = 0; k < n_free; k++)
			assert_prefix_text(&g_array_index(blocks, PlanPrefix, k), c->free[k]);
	}
}

/* ends of the address space: a used last address must not wrap the cursor around */
static void
test_free_blocks_edges(void)
{
	PlanPrefix everything = prefix_from_text("::/0");
	PlanPrefix last = prefix_from_text("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128");
	PlanPrefix first = prefix_from_text("::/128");
	g_autoptr(GArray) blocks = plan_prefix_free_blocks(&everything, &last, 1);
	g_autoptr(GArray) blocks_first = plan_prefix_free_blocks(&everything, &first, 1);

	g_assert_cmpuint(blocks->len, ==, 128);
	assert_prefix_text(&g_array_index(blocks, PlanPrefix, 0), "::/1");
	assert_prefix_text(&g_array_index(blocks, PlanPrefix, 127),
			   "ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe/128");
	g_assert_cmpuint(blocks_first->len, ==, 128);
	assert_prefix_text(&g_array_index(blocks_first, PlanPrefix, 0), "::1/128");
	assert_prefix_text(&g_array_index(blocks_first, PlanPrefix, 127), "8000::/1");
}

/* a bitmap of the 1024 addresses of 10.0.0.0/22 against random used blocks around it */
static void
test_free_blocks_random(void)
{
	g_autoptr(GRand) rand = g_rand_new_with_seed(31337);
	PlanPrefix container = prefix_from_text("10.0.0.0/22");
	guint32 base = (guint32)container.lo;

	for (guint round = 0; round < 500; round++) {
		PlanPrefix used[12];
		guint n_used = (guint)g_rand_int_range(rand, 0, G_N_ELEMENTS(used) + 1);
		gboolean taken[1024] = {FALSE};
		gboolean covered[1024] = {FALSE};
		g_autoptr(GArray) blocks = NULL;

		for (guint i = 0; i < n_used; i++) {
			/* anywhere in 10.0.0.0/20, so some are outside or contain the container */
			used[i] = ipv4_prefix(0x0a000000 | (g_rand_int(rand) & 0xfff),
					      (guint)g_rand_int_range(rand, 19, 33));
			for (guint a = 0; a < 1024; a++) {
				PlanPrefix host = ipv4_prefix(base + a, 32);

				if (oracle_contains(&used[i], &host))
					taken[a] = TRUE;
			}
		}
		blocks = plan_prefix_free_blocks(&container, used, n_used);

		for (guint k = 0; k < blocks->len; k++) {
			const PlanPrefix *block = &g_array_index(blocks, PlanPrefix, k);
			guint32 first = (guint32)block->lo;
			guint64 size = plan_prefix_addresses(block);
			PlanPrefix parent;
			gboolean parent_has_used = FALSE;

			g_assert_cmpuint(block->family, ==, PLAN_FAMILY_IPV4);
			g_assert_true(oracle_contains(&container, block));
			g_assert_cmphex(first & ~mask32(block->length), ==, 0);
			if (k > 0)
				g_assert_cmpint(plan_prefix_compare(
							&g_array_index(blocks, PlanPrefix, k - 1),
							block),
						<, 0);
			for (guint64 a = first - base; a < first - base + size; a++) {
				g_assert_false(taken[a]);
				g_assert_false(covered[a]);
				covered[a] = TRUE;
			}
			/* largest: the enclosing block one bit shorter is not all free */
			if (block->length > container.length) {
				parent = ipv4_prefix(first, block->length - 1u);
				for (guint64 a = 0; a < 2 * size; a++)
					parent_has_used |= taken[(guint32)parent.lo - base + a];
				g_assert_true(parent_has_used);
			}
		}
		for (guint a = 0; a < 1024; a++)
			g_assert_cmpint(covered[a], !=, taken[a]);
	}
}

/* allocator */

static void
assert_take(PlanAllocator *allocator, guint length, const char *expected)
{
	PlanPrefix block = {0};
	g_autoptr(GError) error = NULL;

	g_assert_true(plan_allocator_take(allocator, length, &block, &error));
	g_assert_no_error(error);
	assert_prefix_text(&block, expected);
}

static void
assert_take_fails(PlanAllocator *allocator, PlanFamily family, guint length, gint code,
		  const char *message)
{
	PlanPrefix block = {0x77, 0x77, 0, 0};
	g_autoptr(GError) error = NULL;

	g_assert_false(plan_allocator_take_family(allocator, family, length, &block, &error));
	g_assert_error(error, PLAN_ERROR, code);
	g_assert_cmpstr(error->message, ==, message);
	g_assert_cmphex(block.lo, ==, 0x77);
}

static void
test_alloc_best_fit(void)
{
	PlanPrefix container = prefix_from_text("10.0.0.0/22");
	g_autoptr(PlanAllocator) allocator = plan_allocator_new(&container, 1);
	PlanPrefix reserved[] = {prefix_from_text("10.0.0.0/24"), prefix_from_text("10.0.3.0/25")};

	g_assert_cmpuint(plan_allocator_free_addresses(allocator, PLAN_FAMILY_IPV4), ==, 1024);
	for (gsize i = 0; i < G_N_ELEMENTS(reserved); i++)
		g_assert_true(plan_allocator_reserve(allocator, &reserved[i]));
	/* free: 10.0.1.0/24, 10.0.2.0/24, 10.0.3.128/25 */
	g_assert_cmpuint(plan_allocator_free_addresses(allocator, PLAN_FAMILY_IPV4), ==, 640);

	/* best fit takes the /26 out of the /25; first fit would have cut into 10.0.1.0/24 */
	assert_take(allocator, 26, "10.0.3.128/26");
	/* equal sizes: the lowest address */
	assert_take(allocator, 24, "10.0.1.0/24");
	assert_take(allocator, 26, "10.0.3.192/26");
	assert_take(allocator, 25, "10.0.2.0/25");
	assert_take(allocator, 28, "10.0.2.128/28");
	assert_take(allocator, 27, "10.0.2.160/27");
	assert_take(allocator, 28, "10.0.2.144/28");
	g_assert_cmpuint(plan_allocator_free_addresses(allocator, PLAN_FAMILY_IPV4), ==, 64);
	assert_take(allocator, 26, "10.0.2.192/26");
	g_assert_cmpuint(plan_allocator_free_addresses(allocator, PLAN_FAMILY_IPV4), ==, 0);
	assert_take_fails(allocator, PLAN_FAMILY_ANY, 28, PLAN_ERROR_NO_SPACE,
			  "no free /28 left; no free IPv4 space remains");
}

static void
test_alloc_no_space(void)
{
	static const char *const reserved[] = {
		"10.0.0.0/17",   "10.0.128.0/18", "10.0.192.0/19",
		"10.0.224.0/20", "10.0.240.0/21", "10.0.248.0/22",
	};
	PlanPrefix container = prefix_from_text("10.0.0.0/16");
	g_autoptr(PlanAllocator) allocator = plan_allocator_new(&container, 1);
	PlanPrefix v6 = prefix_from_text("2001:db8::/56");
	g_autoptr(PlanAllocator) allocator_v6 = plan_allocator_new(&v6, 1);

	for (gsize i = 0; i < G_N_ELEMENTS(reserved); i++) {
		PlanPrefix used = prefix_from_text(reserved[i]);

		g_assert_true(plan_allocator_reserve(allocator, &used));
	}
	assert_take_fails(allocator, PLAN_FAMILY_ANY, 20, PLAN_ERROR_NO_SPACE,
			  "no free /20 left; the largest free block is /22 (1024 addresses)");
	assert_take_fails(allocator, PLAN_FAMILY_IPV4, 33, PLAN_ERROR_INVALID_VALUE,
			  "'/33': prefix length must be 0 to 32");
	/* beyond /32 only IPv6 can be meant */
	assert_take_fails(allocator, PLAN_FAMILY_ANY, 64, PLAN_ERROR_NO_SPACE,
			  "no free /64 left; no free IPv6 space remains");
	/* the failures took nothing */
	g_assert_cmpuint(plan_allocator_free_addresses(allocator, PLAN_FAMILY_IPV4), ==, 1024);
	assert_take(allocator, 22, "10.0.252.0/22");

	assert_take_fails(allocator_v6, PLAN_FAMILY_IPV6, 48, PLAN_ERROR_NO_SPACE,
			  "no free /48 left; the largest free block is /56 (2^72 addresses)");
	assert_take_fails(allocator_v6, PLAN_FAMILY_IPV6, 129, PLAN_ERROR_INVALID_VALUE,
			  "'/129': prefix length must be 0 to 128");
	for (guint i = 0; i < 255; i++) {
		PlanPrefix block;

		g_assert_true(plan_allocator_take(allocator_v6, 64, &block, NULL));
		g_assert_cmphex(block.hi, ==, 0x20010db800000000 + i);
	}
	g_assert_cmpuint(plan_allocator_free_addresses(allocator_v6, PLAN_FAMILY_IPV6), ==,
			 G_MAXUINT64);
	assert_take_fails(allocator_v6, PLAN_FAMILY_IPV6, 63, PLAN_ERROR_NO_SPACE,
			  "no free /63 left; the largest free block is /64 (2^64 addresses)");
	assert_take(allocator_v6, 127, "2001:db8:0:ff::/127");
	/* best fit: the /127 left over next to it, not one of the big blocks */
	assert_take(allocator_v6, 128, "2001:db8:0:ff::2/128");
	assert_take_fails(allocator_v6, PLAN_FAMILY_IPV6, 64, PLAN_ERROR_NO_SPACE,
			  "no free /64 left; the largest free block is /65 "
			  "(9223372036854775808 addresses)");
}

static void
test_alloc_single_address(void)
{
	PlanPrefix container = prefix_from_text("10.0.0.0/31");
	g_autoptr(PlanAllocator) allocator = plan_allocator_new(&container, 1);

	assert_take(allocator, 32, "10.0.0.0/32");
	assert_take_fails(allocator, PLAN_FAMILY_IPV4, 31, PLAN_ERROR_NO_SPACE,
			  "no free /31 left; the largest free block is /32 (1 address)");
	assert_take(allocator, 32, "10.0.0.1/32");
	g_assert_cmpuint(plan_allocator_free_addresses(allocator, PLAN_FAMILY_IPV4), ==, 0);
}

static void
test_alloc_reserve(void)
{
	PlanPrefix container = prefix_from_text("10.0.0.0/16");
	g_autoptr(PlanAllocator) allocator = plan_allocator_new(&container, 1);
	PlanPrefix outside = prefix_from_text("10.1.0.0/24");
	PlanPrefix touching = prefix_from_text("9.255.255.255/32");
	PlanPrefix other_family = prefix_from_text("::ffff:10.0.0.0/120");
	PlanPrefix inside = prefix_from_text("10.0.0.0/24");
	PlanPrefix nested = prefix_from_text("10.0.0.64/26");
	PlanPrefix around = prefix_from_text("10.0.0.0/8");
	PlanPrefix block;

	g_assert_false(plan_allocator_reserve(allocator, &outside));
	g_assert_false(plan_allocator_reserve(allocator, &touching));
	g_assert_false(plan_allocator_reserve(allocator, &other_family));
	g_assert_cmpuint(plan_allocator_free_addresses(allocator, PLAN_FAMILY_IPV4), ==, 65536);

	g_assert_true(plan_allocator_reserve(allocator, &inside));
	g_assert_cmpuint(plan_allocator_free_addresses(allocator, PLAN_FAMILY_IPV4), ==, 65280);
	/* again, and inside what is already taken: no change */
	g_assert_true(plan_allocator_reserve(allocator, &inside));
	g_assert_true(plan_allocator_reserve(allocator, &nested));
	g_assert_cmpuint(plan_allocator_free_addresses(allocator, PLAN_FAMILY_IPV4), ==, 65280);
	g_assert_true(plan_allocator_take(allocator, 24, &block, NULL));
	assert_prefix_text(&block, "10.0.1.0/24");
	g_assert_true(plan_allocator_reserve(allocator, &block));
	g_assert_cmpuint(plan_allocator_free_addresses(allocator, PLAN_FAMILY_IPV4), ==, 65024);

	/* a block around the container takes all of it */
	g_assert_true(plan_allocator_reserve(allocator, &around));
	g_assert_cmpuint(plan_allocator_free_addresses(allocator, PLAN_FAMILY_ANY), ==, 0);
	assert_take_fails(allocator, PLAN_FAMILY_IPV4, 28, PLAN_ERROR_NO_SPACE,
			  "no free /28 left; no free IPv4 space remains");
}

static void
test_alloc_containers(void)
{
	PlanPrefix containers[] = {
		prefix_from_text("10.1.0.0/16"),
		prefix_from_text("2600:1f18::/56"),
		prefix_from_text("10.0.0.0/16"),
		prefix_from_text("10.0.5.0/24"), /* nested in the one before: redundant */
	};
	g_autoptr(PlanAllocator) allocator = plan_allocator_new(containers,
								 G_N_ELEMENTS(containers));
	g_autoptr(PlanAllocator) empty = plan_allocator_new(NULL, 0);
	PlanPrefix block;

	g_assert_cmpuint(plan_allocator_free_addresses(allocator, PLAN_FAMILY_IPV4), ==, 131072);
	g_assert_cmpuint(plan_allocator_free_addresses(allocator, PLAN_FAMILY_IPV6), ==,
			 G_MAXUINT64);
	g_assert_cmpuint(plan_allocator_free_addresses(allocator, PLAN_FAMILY_ANY), ==,
			 G_MAXUINT64);
	/* adjacent containers are not one /15: a subnet sits inside one block */
	assert_take_fails(allocator, PLAN_FAMILY_ANY, 15, PLAN_ERROR_NO_SPACE,
			  "no free /15 left; the largest free block is /16 (65536 addresses)");
	assert_take(allocator, 16, "10.0.0.0/16");
	assert_take(allocator, 64, "2600:1f18::/64");
	g_assert_true(plan_allocator_take_family(allocator, PLAN_FAMILY_IPV6, 60, &block, NULL));
	assert_prefix_text(&block, "2600:1f18:0:10::/60");
	/* a short IPv6 block needs the explicit family */
	g_assert_true(plan_allocator_take_family(allocator, PLAN_FAMILY_IPV6, 57, &block, NULL));
	assert_prefix_text(&block, "2600:1f18:0:80::/57");
	assert_take(allocator, 17, "10.1.0.0/17");
	g_assert_cmpuint(plan_allocator_free_addresses(allocator, PLAN_FAMILY_IPV4), ==, 32768);

	g_assert_cmpuint(plan_allocator_free_addresses(empty, PLAN_FAMILY_ANY), ==, 0);
	assert_take_fails(empty, PLAN_FAMILY_ANY, 24, PLAN_ERROR_NO_SPACE,
			  "no free /24 left; no free IPv4 space remains");
	g_assert_false(plan_allocator_reserve(empty, &containers[0]));
}

/* free address counts add up without wrapping: two /65s are exactly 2^64 */
static void
test_alloc_saturation(void)
{
	PlanPrefix halves[] = {
		prefix_from_text("2001:db8::/65"),
		prefix_from_text("2001:db8::8000:0:0:0/65"),
	};
	g_autoptr(PlanAllocator) allocator = plan_allocator_new(halves, G_N_ELEMENTS(halves));
	PlanPrefix block;

	g_assert_cmpuint(plan_allocator_free_addresses(allocator, PLAN_FAMILY_IPV6), ==,
			 G_MAXUINT64);
	g_assert_true(plan_allocator_take(allocator, 66, &block, NULL));
	assert_prefix_text(&block, "2001:db8::/66");
	/* 2^63 + 2^62 */
	g_assert_cmphex(plan_allocator_free_addresses(allocator, PLAN_FAMILY_IPV6), ==,
			0xc000000000000000);
	g_assert_true(plan_allocator_take(allocator, 128, &block, NULL));
	assert_prefix_text(&block, "2001:db8:0:0:4000::/128");
	g_assert_cmphex(plan_allocator_free_addresses(allocator, PLAN_FAMILY_IPV6), ==,
			0xbfffffffffffffff);
}

/* the best fit the brief describes, computed from plan_prefix_free_blocks() */
static gboolean
expected_best_fit(const PlanPrefix *container, GArray *used, guint length, PlanPrefix *out,
		  guint64 *n_free)
{
	g_autoptr(GArray) blocks = plan_prefix_free_blocks(
		container, (const PlanPrefix *)(gpointer)used->data, used->len);
	const PlanPrefix *best = NULL;

	*n_free = 0;
	for (guint k = 0; k < blocks->len; k++) {
		const PlanPrefix *block = &g_array_index(blocks, PlanPrefix, k);

		*n_free += plan_prefix_addresses(block);
		if (block->length > length)
			continue;
		if (best == NULL || block->length > best->length)
			best = block;
	}
	if (best == NULL)
		return FALSE;
	*out = ipv4_prefix((guint32)best->lo, length);
	return TRUE;
}

static void
test_alloc_random(void)
{
	g_autoptr(GRand) rand = g_rand_new_with_seed(4096);

	for (guint round = 0; round < 40; round++) {
		PlanPrefix container = ipv4_prefix(0x0a000000, 16);
		g_autoptr(PlanAllocator) allocator = plan_allocator_new(&container, 1);
		g_autoptr(GArray) used = g_array_new(FALSE, FALSE, sizeof(PlanPrefix));
		g_autoptr(GArray) taken = g_array_new(FALSE, FALSE, sizeof(PlanPrefix));
		g_autoptr(GArray) pairs = NULL;
		guint n_reserved = (guint)g_rand_int_range(rand, 0, 30);
		guint n_failures = 0;

		for (guint i = 0; i < n_reserved; i++) {
			/* in 10.0.0.0/15: half of them miss the container */
			PlanPrefix block = ipv4_prefix(0x0a000000 | (g_rand_int(rand) & 0x1ffff),
						       (guint)g_rand_int_range(rand, 17, 29));

			g_assert_cmpint(plan_allocator_reserve(allocator, &block), ==,
					oracle_overlaps(&container, &block));
			g_array_append_val(used, block);
		}
		while (n_failures < 5) {
			guint length = (guint)g_rand_int_range(rand, 17, 29);
			PlanPrefix expected;
			PlanPrefix block = {0};
			guint64 n_free = 0;
			gboolean fits = expected_best_fit(&container, used, length, &expected,
							  &n_free);
			g_autoptr(GError) error = NULL;

			g_assert_cmpuint(plan_allocator_free_addresses(allocator, PLAN_FAMILY_IPV4),
					 ==, n_free);
			if (!plan_allocator_take(allocator, length, &block, &error)) {
				g_assert_false(fits);
				g_assert_error(error, PLAN_ERROR, PLAN_ERROR_NO_SPACE);
				n_failures++;
				continue;
			}
			g_assert_true(fits);
			g_assert_true(plan_prefix_equal(&block, &expected));
			g_array_append_val(used, block);
			g_array_append_val(taken, block);
		}

		/* nothing taken overlaps anything else taken or reserved */
		pairs = find_pairs((const PlanPrefix *)(gpointer)used->data, used->len);
		for (guint k = 0; k < pairs->len; k++) {
			guint64 pair = g_array_index(pairs, guint64, k);

			g_assert_cmpuint(pair >> 32, <, n_reserved);
			g_assert_cmpuint(pair & G_MAXUINT32, <, n_reserved);
		}
		for (guint k = 0; k < taken->len; k++)
			g_assert_true(
				oracle_contains(&container, &g_array_index(taken, PlanPrefix, k)));
	}
}

static void
test_alloc_scale(void)
{
	PlanPrefix container = prefix_from_text("10.0.0.0/8");
	g_autoptr(PlanAllocator) allocator = plan_allocator_new(&container, 1);
	g_autoptr(GRand) rand = g_rand_new_with_seed(8);
	g_autofree PlanPrefix *blocks = g_new(PlanPrefix, 10000);
	g_autoptr(GArray) pairs = NULL;
	guint64 n_taken = 0;
	double seconds;

	g_test_timer_start();
	for (guint i = 0; i < 10000; i++) {
		g_autoptr(GError) error = NULL;
		guint length = (guint)g_rand_int_range(rand, 20, 29);

		g_assert_true(plan_allocator_take(allocator, length, &blocks[i], &error));
		g_assert_no_error(error);
		n_taken += plan_prefix_addresses(&blocks[i]);
	}
	seconds = g_test_timer_elapsed();
	g_test_message("10k allocations took %.3f s", seconds);
	g_assert_cmpfloat(seconds, <, 5.0);

	pairs = find_pairs(blocks, 10000);
	g_assert_cmpuint(pairs->len, ==, 0);
	g_assert_cmpuint(plan_allocator_free_addresses(allocator, PLAN_FAMILY_IPV4), ==,
			 (G_GUINT64_CONSTANT(1) << 24) - n_taken);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/planner/cidr/length-for-usable", test_length_for_usable);
	g_test_add_func("/planner/cidr/free-blocks", test_free_blocks);
	g_test_add_func("/planner/cidr/free-blocks-edges", test_free_blocks_edges);
	g_test_add_func("/planner/cidr/free-blocks-random", test_free_blocks_random);
	g_test_add_func("/planner/cidr/alloc-best-fit", test_alloc_best_fit);
	g_test_add_func("/planner/cidr/alloc-no-space", test_alloc_no_space);
	g_test_add_func("/planner/cidr/alloc-single-address", test_alloc_single_address);
	g_test_add_func("/planner/cidr/alloc-reserve", test_alloc_reserve);
	g_test_add_func("/planner/cidr/alloc-containers", test_alloc_containers);
	g_test_add_func("/planner/cidr/alloc-saturation", test_alloc_saturation);
	g_test_add_func("/planner/cidr/alloc-random", test_alloc_random);
	g_test_add_func("/planner/cidr/alloc-scale", test_alloc_scale);
	return g_test_run();
}
