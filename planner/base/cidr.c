/* ecsplan: IPv4 and IPv6 prefixes (CIDR blocks) and the address arithmetic AWS applies to them
 *
 * we parse CIDR text ourselves instead of going through GInetAddressMask: it is lenient where a
 * plan must be strict (it takes "10.0.0.0" without "/N" as a host route and reads N with strtoul,
 * so "/+24", "/ 24" and "/024" all pass; the address syntax is whatever the platform's resolver
 * accepts), and it rejects a block with host bits set instead of handing back the canonical
 * block, which we need in order to warn and carry on. the tests still check this parser against
 * libc's inet_pton for the inputs both should accept.
 *
 * every address is handled as 128 bits (hi, lo). an IPv4 address sits in the low 32 bits, so an
 * IPv4 prefix of length L is a 128-bit prefix of length 96 + L ("space length" below); with
 * that, masks, containment, sorting and block splitting need one code path for both families.
 */
#include "cidr-private.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "plan-error.h"

/* fuzzed or binary input must not turn the message into invalid UTF-8 or a terminal escape */
static char *
quote_subject(const char *text)
{
	gboolean plain = g_utf8_validate(text, -1, NULL);

	for (const char *p = text; plain && *p != '\0'; p++) {
		if (g_ascii_iscntrl(*p))
			plain = FALSE;
	}
	return plain ? g_strdup(text) : g_strescape(text, NULL);
}

static gboolean parse_fail(GError **error, const char *text, const char *format, ...)
	G_GNUC_PRINTF(3, 4);

/* always returns FALSE, so a parser can `return parse_fail (...)` */
static gboolean
parse_fail(GError **error, const char *text, const char *format, ...)
{
	va_list args;
	g_autofree char *detail = NULL;
	g_autofree char *subject = quote_subject(text);

	va_start(args, format);
	detail = g_strdup_vprintf(format, args);
	va_end(args);
	g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_VALUE, "'%s': %s", subject, detail);
	return FALSE;
}

static gboolean
parse_fail_char(GError **error, const char *text, char c)
{
	if (g_ascii_isprint(c))
		return parse_fail(error, text, "unexpected character '%c'", c);
	return parse_fail(error, text, "unexpected byte 0x%02x", (guint)(guchar)c);
}

/* a token quoted inside a message; only ever called on runs of already-checked characters,
 * clipped so that a fuzzer's megabyte of digits gives a readable message */
static int
token_width(gsize len)
{
	return (int)MIN(len, 16);
}

/* @s[0..n) is an IPv4 dotted quad: exactly four decimal octets, no leading zeros */
static gboolean
parse_ipv4(const char *text, const char *s, gsize n, guint32 *out, GError **error)
{
	guint32 address = 0;
	guint n_dots = 0;
	gsize start = 0;

	/* characters first: the messages below can then quote octets as they are */
	for (gsize i = 0; i < n; i++) {
		if (s[i] == '.')
			n_dots++;
		else if (!g_ascii_isdigit(s[i]))
			return parse_fail_char(error, text, s[i]);
	}
	if (n_dots != 3)
		return parse_fail(error, text, "expected four octets");

	for (guint octet = 0; octet < 4; octet++) {
		gsize end = start;
		guint value = 0;

		while (end < n && s[end] != '.')
			end++;
		if (end == start)
			return parse_fail(error, text, "empty octet");
		/* "010" is 8 to inet_aton and 10 to a human: refuse to guess */
		if (end - start > 1 && s[start] == '0')
			return parse_fail(error, text,
					  "octet '%.*s' has a leading zero (ambiguous octal)",
					  token_width(end - start), s + start);
		if (end - start > 3)
			return parse_fail(error, text, "octet '%.*s' is out of range (0 to 255)",
					  token_width(end - start), s + start);
		for (gsize i = start; i < end; i++)
			value = value * 10 + (guint)(s[i] - '0');
		if (value > 255)
			return parse_fail(error, text, "octet '%.*s' is out of range (0 to 255)",
					  token_width(end - start), s + start);
		address = (address << 8) | value;
		start = end + 1;
	}
	*out = address;
	return TRUE;
}

/* @s[0..n) is RFC 4291 IPv6 text: eight groups of 1-4 hex digits, one "::" standing for one or
 * more zero groups, and optionally a dotted quad as the last two groups */
static gboolean
parse_ipv6(const char *text, const char *s, gsize n, Addr128 *out, GError **error)
{
	guint16 groups[8] = {0};
	guint16 expanded[8] = {0};
	guint n_groups = 0;
	int gap = -1; /* index in groups[] where "::" stands, -1 without one */
	gsize i = 0;

	for (gsize k = 0; k < n; k++) {
		if (s[k] == '%')
			return parse_fail(error, text, "zone ids (%%) are not supported");
		if (!g_ascii_isxdigit(s[k]) && s[k] != ':' && s[k] != '.')
			return parse_fail_char(error, text, s[k]);
		if (k + 2 < n && s[k] == ':' && s[k + 1] == ':' && s[k + 2] == ':')
			return parse_fail(error, text, "unexpected ':::'");
	}

	if (n >= 2 && s[0] == ':' && s[1] == ':') {
		gap = 0;
		i = 2;
	} else if (n >= 1 && s[0] == ':') {
		return parse_fail(error, text, "starts with a single ':'");
	}

	/* each turn starts on a non-empty group: a ':' here would have been a ":::" */
	while (i < n) {
		gsize start = i;
		gboolean dotted = FALSE;
		guint value = 0;

		while (i < n && s[i] != ':') {
			if (s[i] == '.')
				dotted = TRUE;
			i++;
		}
		if (dotted) {
			guint32 ipv4 = 0;

			if (i != n)
				return parse_fail(error, text,
						  "an embedded IPv4 address must come last");
			if (n_groups > 6)
				return parse_fail(error, text, "too many groups (at most eight)");
			if (!parse_ipv4(text, s + start, i - start, &ipv4, error))
				return FALSE;
			groups[n_groups++] = (guint16)(ipv4 >> 16);
			groups[n_groups++] = (guint16)(ipv4 & 0xffff);
			break;
		}
		if (i - start > 4)
			return parse_fail(error, text, "group '%.*s' has more than four hex digits",
					  token_width(i - start), s + start);
		if (n_groups == 8)
			return parse_fail(error, text, "too many groups (at most eight)");
		for (gsize k = start; k < i; k++)
			value = (value << 4) | (guint)g_ascii_xdigit_value(s[k]);
		groups[n_groups++] = (guint16)value;
		if (i == n)
			break;

		/* s[i] is ':' */
		if (i + 1 < n && s[i + 1] == ':') {
			if (gap >= 0)
				return parse_fail(error, text, "'::' may appear only once");
			gap = (int)n_groups;
			i += 2;
		} else {
			i++;
			if (i == n)
				return parse_fail(error, text, "ends with a single ':'");
		}
	}

	if (gap < 0 && n_groups != 8)
		return parse_fail(error, text, "expected eight groups or '::'");
	/* "::" stands for at least one group (RFC 4291 2.2) */
	if (gap >= 0 && n_groups > 7)
		return parse_fail(error, text, "too many groups around '::'");

	if (gap < 0) {
		memcpy(expanded, groups, sizeof groups);
	} else {
		guint n_before = (guint)gap;
		guint n_after = n_groups - n_before;

		memcpy(expanded, groups, n_before * sizeof groups[0]);
		memcpy(expanded + 8 - n_after, groups + n_before, n_after * sizeof groups[0]);
	}
	out->hi = 0;
	out->lo = 0;
	for (guint k = 0; k < 4; k++) {
		out->hi = (out->hi << 16) | expanded[k];
		out->lo = (out->lo << 16) | expanded[k + 4];
	}
	return TRUE;
}

/* @s is what follows the '/': decimal, no sign, no leading zero */
static gboolean
parse_length(const char *text, const char *s, guint max_length, guint *out, GError **error)
{
	gsize n = strlen(s);
	guint value = 0;

	if (n == 0)
		return parse_fail(error, text, "missing prefix length after '/'");
	for (gsize i = 0; i < n; i++) {
		if (!g_ascii_isdigit(s[i]))
			return parse_fail(error, text, "prefix length must be a decimal number");
	}
	if (n > 1 && s[0] == '0')
		return parse_fail(error, text, "prefix length has a leading zero");
	/* more than three digits cannot be 0..128 and would overflow the sum below */
	if (n > 3)
		return parse_fail(error, text, "prefix length must be 0 to %u", max_length);
	for (gsize i = 0; i < n; i++)
		value = value * 10 + (guint)(s[i] - '0');
	if (value > max_length)
		return parse_fail(error, text, "prefix length must be 0 to %u", max_length);
	*out = value;
	return TRUE;
}

/**
 * plan_prefix_parse:
 * @text: (transfer none): "a.b.c.d/N" or IPv6 text with "/N"; any NUL-terminated bytes
 * @family: the family to accept, or %PLAN_FAMILY_ANY for either
 * @out: (out caller-allocates): the canonical block, written only on success
 * @flags: (out) (optional): %PLAN_PREFIX_PARSE_HOST_BITS when @text had host bits set (the block
 *   is accepted and stored canonical, the caller decides whether that is a warning); written only
 *   on success
 * @error: a #GError, %PLAN_ERROR_INVALID_VALUE on failure
 *
 * Strict parsing: the prefix length is required and nothing that a human could read two ways
 * (leading zeros, short forms, spaces) is accepted.
 *
 * Returns: %TRUE, or %FALSE with @error set
 */
/* "a.b.c.d/N" as the strict parser below accepts it (octets 0-255 and a length 0-32, each
 * without a leading zero, nothing else): *@address and *@length. Anything else, FALSE, and the
 * strict parser decides and words the refusal; this is only the common case in one pass (a
 * model of 100,000 subnets has 100,000 of them: 636 instructions each through the general
 * path, issue 18) */
static gboolean
parse_ipv4_prefix_fast(const char *text, guint32 *address, guint *length)
{
	const char *p = text;
	guint32 value = 0;

	for (guint octet = 0; octet < 4; octet++) {
		guint n = 0;
		guint part = 0;
		while (g_ascii_isdigit(p[n]) && n < 3) {
			part = part * 10 + (guint)(p[n] - '0');
			n++;
		}
		if (n == 0 || (n > 1 && p[0] == '0') || part > 255 || g_ascii_isdigit(p[n]))
			return FALSE;
		if (p[n] != (octet < 3 ? '.' : '/'))
			return FALSE;
		value = (value << 8) | part;
		p += n + 1;
	}
	if (!g_ascii_isdigit(p[0]))
		return FALSE;
	if (p[1] == '\0' && p[0] != '\0') {
		*length = (guint)(p[0] - '0');
	} else if (g_ascii_isdigit(p[1]) && p[2] == '\0' && p[0] != '0') {
		*length = (guint)(p[0] - '0') * 10 + (guint)(p[1] - '0');
		if (*length > 32)
			return FALSE;
	} else {
		return FALSE;
	}
	*address = value;
	return TRUE;
}

gboolean
plan_prefix_parse(const char *text, PlanFamily family, PlanPrefix *out, PlanPrefixParseFlags *flags,
		  GError **error)
{
	const char *slash = NULL;
	gsize address_len = 0;
	guint parsed_family = PLAN_FAMILY_IPV4;
	Addr128 address = {0, 0};
	guint length = 0;
	PlanPrefix prefix = {0};

	g_return_val_if_fail(text != NULL, FALSE);
	g_return_val_if_fail(out != NULL, FALSE);
	g_return_val_if_fail(family == PLAN_FAMILY_ANY || family_is_valid(family), FALSE);
	g_return_val_if_fail(error == NULL || *error == NULL, FALSE);

	if (family != PLAN_FAMILY_IPV6) {
		guint32 ipv4;
		if (parse_ipv4_prefix_fast(text, &ipv4, &length)) {
			address = addr128_make(0, ipv4);
			prefix = prefix_make(PLAN_FAMILY_IPV4, address, length);
			if (flags != NULL)
				*flags = prefix.hi != address.hi || prefix.lo != address.lo
					     ? PLAN_PREFIX_PARSE_HOST_BITS
					     : PLAN_PREFIX_PARSE_NONE;
			*out = prefix;
			return TRUE;
		}
	}
	if (*text == '\0')
		return parse_fail(error, text, "empty CIDR block");
	for (const char *p = text; *p != '\0'; p++) {
		if (g_ascii_isspace(*p))
			return parse_fail(error, text, "unexpected whitespace");
	}

	slash = strchr(text, '/');
	address_len = slash != NULL ? (gsize)(slash - text) : strlen(text);
	if (address_len == 0)
		return parse_fail(error, text, "missing address before '/'");
	if (memchr(text, ':', address_len) != NULL)
		parsed_family = PLAN_FAMILY_IPV6;
	if (family != PLAN_FAMILY_ANY && family != parsed_family)
		return parse_fail(error, text, "expected an %s CIDR block, not %s",
				  family_name(family), family_name(parsed_family));

	if (parsed_family == PLAN_FAMILY_IPV4) {
		guint32 ipv4 = 0;

		if (!parse_ipv4(text, text, address_len, &ipv4, error))
			return FALSE;
		address = addr128_make(0, ipv4);
	} else if (!parse_ipv6(text, text, address_len, &address, error)) {
		return FALSE;
	}

	if (slash == NULL)
		return parse_fail(error, text, "missing prefix length (like /%s)",
				  parsed_family == PLAN_FAMILY_IPV4 ? "24" : "64");
	if (!parse_length(text, slash + 1, family_max_length(parsed_family), &length, error))
		return FALSE;

	prefix = prefix_make(parsed_family, address, length);
	if (flags != NULL) {
		*flags = PLAN_PREFIX_PARSE_NONE;
		if (prefix.hi != address.hi || prefix.lo != address.lo)
			*flags |= PLAN_PREFIX_PARSE_HOST_BITS;
	}
	*out = prefix;
	return TRUE;
}

/* formatting */

/* RFC 5952: lowercase, no leading zeros, the longest run of two or more zero groups becomes
 * "::" (the leftmost on a tie), IPv4-mapped addresses end in a dotted quad */
static void
format_ipv6(const PlanPrefix *prefix, char *buf, gsize bufsize)
{
	/* "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128" is 43 bytes */
	char text[64];
	gsize pos = 0;
	guint16 groups[8];
	int best_start = -1;
	int best_len = 0;

	if (prefix->hi == 0 && (prefix->lo >> 32) == 0xffff) {
		guint32 ipv4 = (guint32)prefix->lo;

		g_snprintf(buf, bufsize, "::ffff:%u.%u.%u.%u/%u", ipv4 >> 24, (ipv4 >> 16) & 0xff,
			   (ipv4 >> 8) & 0xff, ipv4 & 0xff, (guint)prefix->length);
		return;
	}

	for (guint k = 0; k < 4; k++) {
		groups[k] = (guint16)(prefix->hi >> (48 - 16 * k));
		groups[k + 4] = (guint16)(prefix->lo >> (48 - 16 * k));
	}
	for (int k = 0; k < 8;) {
		int run = 0;

		while (k + run < 8 && groups[k + run] == 0)
			run++;
		if (run > best_len) {
			best_start = k;
			best_len = run;
		}
		k += run > 0 ? run : 1;
	}
	if (best_len < 2) {
		best_start = -1;
		best_len = 0;
	}

	for (int k = 0; k < 8; k++) {
		if (k == best_start) {
			pos += (gsize)g_snprintf(text + pos, sizeof text - pos, "::");
			k += best_len - 1;
			continue;
		}
		if (k > 0 && k != best_start + best_len)
			pos += (gsize)g_snprintf(text + pos, sizeof text - pos, ":");
		pos += (gsize)g_snprintf(text + pos, sizeof text - pos, "%x", (guint)groups[k]);
	}
	g_snprintf(text + pos, sizeof text - pos, "/%u", (guint)prefix->length);
	g_strlcpy(buf, text, bufsize);
}

/**
 * plan_prefix_format:
 * @prefix: a prefix
 * @buf: (out caller-allocates): where the text goes, always NUL-terminated
 * @bufsize: size of @buf; 64 bytes always hold the whole text, less truncates it
 *
 * Writes the canonical text: dotted quad for IPv4, RFC 5952 for IPv6.
 */
void
plan_prefix_format(const PlanPrefix *prefix, char *buf, gsize bufsize)
{
	g_return_if_fail(buf != NULL && bufsize > 0);
	buf[0] = '\0';
	g_return_if_fail(prefix != NULL);
	g_return_if_fail(family_is_valid(prefix->family));

	if (prefix->family == PLAN_FAMILY_IPV4) {
		guint32 ipv4 = (guint32)prefix->lo;

		g_snprintf(buf, bufsize, "%u.%u.%u.%u/%u", ipv4 >> 24, (ipv4 >> 16) & 0xff,
			   (ipv4 >> 8) & 0xff, ipv4 & 0xff, (guint)prefix->length);
		return;
	}
	format_ipv6(prefix, buf, bufsize);
}

/**
 * plan_prefix_to_string:
 * @prefix: a prefix
 *
 * Returns: (transfer full): the canonical text, see plan_prefix_format(); free with g_free()
 */
char *
plan_prefix_to_string(const PlanPrefix *prefix)
{
	char buf[64];

	plan_prefix_format(prefix, buf, sizeof buf);
	return g_strdup(buf);
}

/* comparison and size */

guint
plan_prefix_max_length(const PlanPrefix *prefix)
{
	g_return_val_if_fail(prefix != NULL, 0);
	g_return_val_if_fail(family_is_valid(prefix->family), 0);
	return family_max_length(prefix->family);
}

/* family, then network address, then length (shorter first): containing blocks sort before the
 * blocks they contain, which the overlap sweep relies on */
int
plan_prefix_compare(const PlanPrefix *a, const PlanPrefix *b)
{
	int cmp;

	g_return_val_if_fail(a != NULL && b != NULL, 0);
	if (a->family != b->family)
		return a->family < b->family ? -1 : 1;
	cmp = addr128_cmp(prefix_first(a), prefix_first(b));
	if (cmp != 0)
		return cmp;
	if (a->length != b->length)
		return a->length < b->length ? -1 : 1;
	return 0;
}

gboolean
plan_prefix_equal(const PlanPrefix *a, const PlanPrefix *b)
{
	return plan_prefix_compare(a, b) == 0;
}

/* inner's network bits under outer's mask are outer's network: host bits of either are
 * ignored, so a hand-built prefix gives the same answer as its canonical form */

gboolean
plan_prefix_contains(const PlanPrefix *outer, const PlanPrefix *inner)
{
	g_return_val_if_fail(outer != NULL && inner != NULL, FALSE);
	return prefix_contains(outer, inner);
}

/* two CIDR blocks are either nested or disjoint, never partly overlapping */
gboolean
plan_prefix_overlaps(const PlanPrefix *a, const PlanPrefix *b)
{
	g_return_val_if_fail(a != NULL && b != NULL, FALSE);
	return prefix_contains(a, b) || prefix_contains(b, a);
}

/* Returns: 2^(max - length), G_MAXUINT64 for an IPv6 block of 2^64 addresses or more */
guint64
plan_prefix_addresses(const PlanPrefix *prefix)
{
	g_return_val_if_fail(prefix != NULL, 0);
	g_return_val_if_fail(family_is_valid(prefix->family), 0);
	g_return_val_if_fail(prefix->length <= family_max_length(prefix->family), 0);
	return block_addresses(family_max_length(prefix->family) - prefix->length);
}

/* Returns: addresses AWS lets instances use: 0 for an IPv4 /30 or longer (IPv6 /126); saturated
 * sizes stay G_MAXUINT64, since 2^64 - 5 is not what the block holds either */
guint64
plan_prefix_usable(const PlanPrefix *prefix)
{
	guint64 addresses;

	g_return_val_if_fail(prefix != NULL, 0);
	g_return_val_if_fail(family_is_valid(prefix->family), 0);
	g_return_val_if_fail(prefix->length <= family_max_length(prefix->family), 0);
	if (family_max_length(prefix->family) - prefix->length >= 64)
		return G_MAXUINT64;
	addresses = plan_prefix_addresses(prefix);
	return addresses > PLAN_AWS_RESERVED_PER_SUBNET ? addresses - PLAN_AWS_RESERVED_PER_SUBNET
							 : 0;
}

/**
 * plan_prefix_last:
 * @prefix: a prefix
 * @hi: (out) (optional): high 64 bits of the last address (0 for IPv4)
 * @lo: (out) (optional): low 64 bits of the last address
 *
 * Returns: %TRUE, %FALSE only for an invalid prefix
 */
gboolean
plan_prefix_last(const PlanPrefix *prefix, guint64 *hi, guint64 *lo)
{
	Addr128 last;

	g_return_val_if_fail(prefix != NULL, FALSE);
	g_return_val_if_fail(family_is_valid(prefix->family), FALSE);
	last = prefix_last(prefix);
	if (hi != NULL)
		*hi = last.hi;
	if (lo != NULL)
		*lo = last.lo;
	return TRUE;
}

/* overlap sweep */

/* a sorted copy of the input: comparing packed keys is several times faster than chasing an
 * index into the caller's array for each of the N log N comparisons */
typedef struct {
	guint64 hi;
	guint64 lo;
	guint index;
	guint8 family;
	guint8 length;
} SweepEntry;

static int
sweep_entry_compare(const void *pa, const void *pb)
{
	const SweepEntry *a = pa;
	const SweepEntry *b = pb;

	if (a->family != b->family)
		return a->family < b->family ? -1 : 1;
	if (a->hi != b->hi)
		return a->hi < b->hi ? -1 : 1;
	if (a->lo != b->lo)
		return a->lo < b->lo ? -1 : 1;
	if (a->length != b->length)
		return a->length < b->length ? -1 : 1;
	/* duplicates keep input order, so reports are deterministic */
	if (a->index != b->index)
		return a->index < b->index ? -1 : 1;
	return 0;
}

static inline gboolean
sweep_entry_contains(const SweepEntry *outer, const SweepEntry *inner)
{
	Addr128 mask;

	if (outer->family != inner->family || outer->length > inner->length)
		return FALSE;
	mask = addr128_mask(outer->length + family_space_offset(outer->family));
	return addr128_cmp(addr128_and(addr128_make(inner->hi, inner->lo), mask),
			   addr128_make(outer->hi, outer->lo)) == 0;
}

/* @prefixes in canonical form, sorted for the sweeps (each remembers its index); NULL (with a
 * critical) when one is not a valid prefix. Returns: (transfer full) */
static SweepEntry *
sweep_entries_sorted(const PlanPrefix *prefixes, guint n_prefixes)
{
	g_autofree SweepEntry *entries = g_new(SweepEntry, n_prefixes);

	for (guint i = 0; i < n_prefixes; i++) {
		PlanPrefix canonical;

		g_return_val_if_fail(family_is_valid(prefixes[i].family), NULL);
		g_return_val_if_fail(prefixes[i].length <= family_max_length(prefixes[i].family),
				     NULL);
		canonical = prefix_canonical(&prefixes[i]);
		entries[i].hi = canonical.hi;
		entries[i].lo = canonical.lo;
		entries[i].index = i;
		entries[i].family = canonical.family;
		entries[i].length = canonical.length;
	}
	/* blocks listed in address order, as a VPC's subnets usually are, need no sort */
	for (guint i = 1; i < n_prefixes; i++) {
		if (sweep_entry_compare(&entries[i - 1], &entries[i]) > 0) {
			qsort(entries, n_prefixes, sizeof entries[0], sweep_entry_compare);
			break;
		}
	}
	return g_steal_pointer(&entries);
}

/**
 * plan_prefix_find_overlaps:
 * @prefixes: (array length=n_prefixes) (transfer none): the blocks to check
 * @n_prefixes: number of blocks
 * @func: (scope call): called once per overlapping pair
 * @user_data: passed to @func
 *
 * Reports every pair of overlapping blocks, identical duplicates included, in O(N log N + K).
 * @func is called with (index_a, index_b) where prefixes[index_a] contains prefixes[index_b]; for two
 * identical blocks index_a is the lower index. Pairs come in address order of the contained
 * block, then from the outermost container inwards.
 *
 * Sorted by (family, address, length), a block comes after every block that contains it, and
 * the blocks containing it are nested in one another. A stack holds that chain: blocks that do
 * not contain the current one are popped (nothing later can be inside them either, since later
 * blocks start further on), and whatever stays on the stack contains the current block.
 */
void
plan_prefix_find_overlaps(const PlanPrefix *prefixes, guint n_prefixes, PlanOverlapFunc func,
			  gpointer user_data)
{
	g_autofree SweepEntry *entries = NULL;
	g_autofree guint *stack = NULL;
	guint depth = 0;

	g_return_if_fail(prefixes != NULL || n_prefixes == 0);
	g_return_if_fail(func != NULL);
	if (n_prefixes < 2)
		return;

	entries = sweep_entries_sorted(prefixes, n_prefixes);
	if (entries == NULL)
		return;

	/* the stack holds positions in entries[]; duplicates can make it as deep as the input */
	stack = g_new(guint, n_prefixes);
	for (guint i = 0; i < n_prefixes; i++) {
		while (depth > 0 && !sweep_entry_contains(&entries[stack[depth - 1]], &entries[i]))
			depth--;
		for (guint k = 0; k < depth; k++)
			func(entries[stack[k]].index, entries[i].index, user_data);
		stack[depth++] = i;
	}
}


static inline gboolean
sweep_entry_same(const SweepEntry *a, const SweepEntry *b)
{
	return a->family == b->family && a->hi == b->hi && a->lo == b->lo && a->length == b->length;
}

/**
 * plan_prefix_find_overlap_groups:
 * @prefixes: (array length=n_prefixes) (transfer none): the blocks to check
 * @n_prefixes: number of blocks
 * @func: (scope call): called once per group
 * @user_data: passed to @func
 *
 * The overlaps of plan_prefix_find_overlaps(), grouped by the outer block: @func is called once
 * for each distinct block that overlaps anything, with the indices of the blocks equal to it
 * (n_same >= 1, ascending) followed by those strictly inside it (n_inside, in address order),
 * when n_same + n_inside >= 2. Every overlapping pair of the input is in exactly one call: two
 * equal blocks in the call of their block, a block and one inside it in the call of the outer.
 *
 * Sorted by (family, address, length), the blocks inside a block come right after it, so each
 * call is a slice of one sorted array: O(N log N) for the sort, plus the slices, which add up to
 * at most 129 N (a block lies inside at most one distinct block of each shorter length). A stack
 * of the blocks containing the current one finds where each slice ends.
 */
void
plan_prefix_find_overlap_groups(const PlanPrefix *prefixes, guint n_prefixes,
				PlanOverlapGroupFunc func, gpointer user_data)
{
	g_autofree SweepEntry *entries = NULL;
	g_autofree guint *order = NULL;
	g_autofree guint *end = NULL;
	g_autofree guint *stack = NULL;
	guint depth = 0;

	g_return_if_fail(prefixes != NULL || n_prefixes == 0);
	g_return_if_fail(func != NULL);
	if (n_prefixes < 2)
		return;

	entries = sweep_entries_sorted(prefixes, n_prefixes);
	if (entries == NULL)
		return;

	/* end[i]: the first position after i whose block is not inside entries[i] */
	order = g_new(guint, n_prefixes);
	end = g_new(guint, n_prefixes);
	stack = g_new(guint, n_prefixes);
	for (guint i = 0; i < n_prefixes; i++) {
		order[i] = entries[i].index;
		while (depth > 0 && !sweep_entry_contains(&entries[stack[depth - 1]], &entries[i]))
			end[stack[--depth]] = i;
		stack[depth++] = i;
	}
	while (depth > 0)
		end[stack[--depth]] = n_prefixes;

	for (guint i = 0; i < n_prefixes;) {
		guint j = i + 1;
		while (j < n_prefixes && sweep_entry_same(&entries[i], &entries[j]))
			j++;
		if (end[i] - i >= 2)
			func(&order[i], j - i, end[i] - j, user_data);
		i = j;
	}
}
