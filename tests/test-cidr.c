/* ecsplan: unit tests for planner/cidr.c
 *
 * expected values are worked out by hand; where a case is random, the seed is fixed and the
 * answer comes from a deliberately naive oracle (libc's inet_pton / inet_ntop, bit-by-bit
 * containment, a bitmap of addresses, pairwise comparison) that shares no code with cidr.c.
 */
#include <arpa/inet.h>
#include <string.h>

#include "cidr.h"
#include "test-cidr-util.h"
#include "plan-error.h"

/* parsing */

typedef struct {
	const char *text;
	PlanFamily family;
	const char *canonical;
	guint64 hi;
	guint64 lo;
	guint length;
	gboolean host_bits;
} ParseValidCase;

static const ParseValidCase parse_valid_cases[] = {
	{"0.0.0.0/0", PLAN_FAMILY_ANY, "0.0.0.0/0", 0, 0, 0, FALSE},
	{"255.255.255.255/32", PLAN_FAMILY_ANY, "255.255.255.255/32", 0, 0xffffffff, 32, FALSE},
	{"0.0.0.0/32", PLAN_FAMILY_ANY, "0.0.0.0/32", 0, 0, 32, FALSE},
	{"10.0.0.0/8", PLAN_FAMILY_ANY, "10.0.0.0/8", 0, 0x0a000000, 8, FALSE},
	{"10.0.0.0/16", PLAN_FAMILY_IPV4, "10.0.0.0/16", 0, 0x0a000000, 16, FALSE},
	{"192.168.1.0/24", PLAN_FAMILY_ANY, "192.168.1.0/24", 0, 0xc0a80100, 24, FALSE},
	{"1.2.3.4/32", PLAN_FAMILY_IPV4, "1.2.3.4/32", 0, 0x01020304, 32, FALSE},
	{"10.0.0.1/24", PLAN_FAMILY_ANY, "10.0.0.0/24", 0, 0x0a000000, 24, TRUE},
	{"100.68.0.18/18", PLAN_FAMILY_ANY, "100.68.0.0/18", 0, 0x64440000, 18, TRUE},
	{"172.31.255.255/12", PLAN_FAMILY_ANY, "172.16.0.0/12", 0, 0xac100000, 12, TRUE},
	{"1.2.3.4/0", PLAN_FAMILY_ANY, "0.0.0.0/0", 0, 0, 0, TRUE},
	{"10.0.0.128/25", PLAN_FAMILY_ANY, "10.0.0.128/25", 0, 0x0a000080, 25, FALSE},
	{"::/0", PLAN_FAMILY_ANY, "::/0", 0, 0, 0, FALSE},
	{"::/128", PLAN_FAMILY_ANY, "::/128", 0, 0, 128, FALSE},
	{"::1/128", PLAN_FAMILY_IPV6, "::1/128", 0, 1, 128, FALSE},
	{"0:0:0:0:0:0:0:0/0", PLAN_FAMILY_ANY, "::/0", 0, 0, 0, FALSE},
	{"2001:db8::/32", PLAN_FAMILY_ANY, "2001:db8::/32", 0x20010db800000000, 0, 32, FALSE},
	{"2001:DB8::/32", PLAN_FAMILY_ANY, "2001:db8::/32", 0x20010db800000000, 0, 32, FALSE},
	{"AbCd:EF01::/32", PLAN_FAMILY_ANY, "abcd:ef01::/32", 0xabcdef0100000000, 0, 32, FALSE},
	{"2001:0DB8:0000:0000:0000:0000:0000:0000/32", PLAN_FAMILY_ANY, "2001:db8::/32",
	 0x20010db800000000, 0, 32, FALSE},
	{"2001:db8::/48", PLAN_FAMILY_IPV6, "2001:db8::/48", 0x20010db800000000, 0, 48, FALSE},
	{"2600:1f18:abcd:ef00::/56", PLAN_FAMILY_ANY, "2600:1f18:abcd:ef00::/56",
	 0x26001f18abcdef00, 0, 56, FALSE},
	{"fe80::/10", PLAN_FAMILY_ANY, "fe80::/10", 0xfe80000000000000, 0, 10, FALSE},
	{"1::/16", PLAN_FAMILY_ANY, "1::/16", 0x0001000000000000, 0, 16, FALSE},
	{"64:ff9b::/96", PLAN_FAMILY_ANY, "64:ff9b::/96", 0x0064ff9b00000000, 0, 96, FALSE},
	{"2001:db8:1:2:3:4:5:6/64", PLAN_FAMILY_ANY, "2001:db8:1:2::/64", 0x20010db800010002, 0,
	 64, TRUE},
	{"2001:db8::8000:0:0:1/65", PLAN_FAMILY_ANY, "2001:db8:0:0:8000::/65",
	 0x20010db800000000, 0x8000000000000000, 65, TRUE},
	{"1:2:3:4:5:6:7::/128", PLAN_FAMILY_ANY, "1:2:3:4:5:6:7:0/128", 0x0001000200030004,
	 0x0005000600070000, 128, FALSE},
	{"::2:3:4:5:6:7:8/128", PLAN_FAMILY_ANY, "0:2:3:4:5:6:7:8/128", 0x0000000200030004,
	 0x0005000600070008, 128, FALSE},
	{"ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128", PLAN_FAMILY_ANY,
	 "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128", G_MAXUINT64, G_MAXUINT64, 128, FALSE},
	{"2001:db8:0:0:1:0:0:1/128", PLAN_FAMILY_ANY, "2001:db8::1:0:0:1/128", 0x20010db800000000,
	 0x0001000000000001, 128, FALSE},
	{"::ffff:10.0.0.0/104", PLAN_FAMILY_ANY, "::ffff:10.0.0.0/104", 0, 0x0000ffff0a000000, 104,
	 FALSE},
	{"::FFFF:192.168.0.1/128", PLAN_FAMILY_ANY, "::ffff:192.168.0.1/128", 0,
	 0x0000ffffc0a80001, 128, FALSE},
	{"::ffff:0:0/96", PLAN_FAMILY_ANY, "::ffff:0.0.0.0/96", 0, 0x0000ffff00000000, 96, FALSE},
	{"::1.2.3.4/128", PLAN_FAMILY_ANY, "::102:304/128", 0, 0x01020304, 128, FALSE},
	{"2001:db8::1:2:3.4.5.6/128", PLAN_FAMILY_ANY, "2001:db8::1:2:304:506/128",
	 0x20010db800000000, 0x0001000203040506, 128, FALSE},
	{"0001:0002:0003:0004:0005:0006:0007:0008/128", PLAN_FAMILY_ANY, "1:2:3:4:5:6:7:8/128",
	 0x0001000200030004, 0x0005000600070008, 128, FALSE},
};

static void
test_parse_valid(void)
{
	for (gsize i = 0; i < G_N_ELEMENTS(parse_valid_cases); i++) {
		const ParseValidCase *c = &parse_valid_cases[i];
		PlanPrefix prefix = {0};
		PlanPrefixParseFlags flags = 0xff;
		g_autoptr(GError) error = NULL;
		g_autofree char *escaped = g_strescape(c->text, NULL);
		gboolean ok;

		g_test_message("parse '%s'", escaped);
		ok = plan_prefix_parse(c->text, c->family, &prefix, &flags, &error);
		g_assert_no_error(error);
		g_assert_true(ok);
		g_assert_cmphex(prefix.hi, ==, c->hi);
		g_assert_cmphex(prefix.lo, ==, c->lo);
		g_assert_cmpuint(prefix.length, ==, c->length);
		g_assert_cmpuint(prefix.family, ==,
				 strchr(c->text, ':') != NULL ? PLAN_FAMILY_IPV6 : PLAN_FAMILY_IPV4);
		g_assert_cmpint(flags, ==,
				c->host_bits ? PLAN_PREFIX_PARSE_HOST_BITS : PLAN_PREFIX_PARSE_NONE);
		assert_prefix_text(&prefix, c->canonical);

		/* flags are optional */
		g_assert_true(plan_prefix_parse(c->text, c->family, &prefix, NULL, NULL));
	}
}

typedef struct {
	const char *text;
	PlanFamily family;
	const char *message;
} ParseInvalidCase;

static const ParseInvalidCase parse_invalid_cases[] = {
	{"", PLAN_FAMILY_ANY, "'': empty CIDR block"},
	{"10.0.0.0", PLAN_FAMILY_ANY, "'10.0.0.0': missing prefix length (like /24)"},
	{"2001:db8::", PLAN_FAMILY_ANY, "'2001:db8::': missing prefix length (like /64)"},
	{"10.0.0.0/", PLAN_FAMILY_ANY, "'10.0.0.0/': missing prefix length after '/'"},
	{"/24", PLAN_FAMILY_ANY, "'/24': missing address before '/'"},
	{"10.0.0.0/24 ", PLAN_FAMILY_ANY, "'10.0.0.0/24 ': unexpected whitespace"},
	{" 10.0.0.0/24", PLAN_FAMILY_ANY, "' 10.0.0.0/24': unexpected whitespace"},
	{"10.0.0.0 /24", PLAN_FAMILY_ANY, "'10.0.0.0 /24': unexpected whitespace"},
	{"10.0.0.0/8\n", PLAN_FAMILY_ANY, "'10.0.0.0/8\\n': unexpected whitespace"},
	{"10.0.0.0//24", PLAN_FAMILY_ANY, "'10.0.0.0//24': prefix length must be a decimal number"},
	{"10.0.0.0/24/24", PLAN_FAMILY_ANY,
	 "'10.0.0.0/24/24': prefix length must be a decimal number"},
	{"10.0.0.0/+24", PLAN_FAMILY_ANY, "'10.0.0.0/+24': prefix length must be a decimal number"},
	{"10.0.0.0/-1", PLAN_FAMILY_ANY, "'10.0.0.0/-1': prefix length must be a decimal number"},
	{"10.0.0.0/0x10", PLAN_FAMILY_ANY,
	 "'10.0.0.0/0x10': prefix length must be a decimal number"},
	{"10.0.0.0/024", PLAN_FAMILY_ANY, "'10.0.0.0/024': prefix length has a leading zero"},
	{"10.0.0.0/00", PLAN_FAMILY_ANY, "'10.0.0.0/00': prefix length has a leading zero"},
	{"10.0.0.0/33", PLAN_FAMILY_ANY, "'10.0.0.0/33': prefix length must be 0 to 32"},
	{"10.0.0.0/128", PLAN_FAMILY_ANY, "'10.0.0.0/128': prefix length must be 0 to 32"},
	{"10.0.0.0/99999999999999999999", PLAN_FAMILY_ANY,
	 "'10.0.0.0/99999999999999999999': prefix length must be 0 to 32"},
	{"::/129", PLAN_FAMILY_ANY, "'::/129': prefix length must be 0 to 128"},
	{"10.0.0/24", PLAN_FAMILY_ANY, "'10.0.0/24': expected four octets"},
	{"10.0.0.0.0/24", PLAN_FAMILY_ANY, "'10.0.0.0.0/24': expected four octets"},
	{"10/8", PLAN_FAMILY_ANY, "'10/8': expected four octets"},
	{"010.0.0.0/8", PLAN_FAMILY_ANY,
	 "'010.0.0.0/8': octet '010' has a leading zero (ambiguous octal)"},
	{"10.0.0.00/24", PLAN_FAMILY_ANY,
	 "'10.0.0.00/24': octet '00' has a leading zero (ambiguous octal)"},
	{"256.0.0.0/8", PLAN_FAMILY_ANY, "'256.0.0.0/8': octet '256' is out of range (0 to 255)"},
	{"10.0.0.1000/24", PLAN_FAMILY_ANY,
	 "'10.0.0.1000/24': octet '1000' is out of range (0 to 255)"},
	{"10..0.0/24", PLAN_FAMILY_ANY, "'10..0.0/24': empty octet"},
	{".10.0.0/24", PLAN_FAMILY_ANY, "'.10.0.0/24': empty octet"},
	{"10.0.0.0x/24", PLAN_FAMILY_ANY, "'10.0.0.0x/24': unexpected character 'x'"},
	{"+10.0.0.0/8", PLAN_FAMILY_ANY, "'+10.0.0.0/8': unexpected character '+'"},
	{"-1.0.0.0/8", PLAN_FAMILY_ANY, "'-1.0.0.0/8': unexpected character '-'"},
	{"0x0a.0.0.0/8", PLAN_FAMILY_ANY, "'0x0a.0.0.0/8': unexpected character 'x'"},
	{"abc", PLAN_FAMILY_ANY, "'abc': unexpected character 'a'"},
	{"10.0.0.0\xff/8", PLAN_FAMILY_ANY, "'10.0.0.0\\377/8': unexpected byte 0xff"},
	{"1:2:3:4:5:6:7:8:9/64", PLAN_FAMILY_ANY,
	 "'1:2:3:4:5:6:7:8:9/64': too many groups (at most eight)"},
	{":::/64", PLAN_FAMILY_ANY, "':::/64': unexpected ':::'"},
	{"2001:db8:::1/64", PLAN_FAMILY_ANY, "'2001:db8:::1/64': unexpected ':::'"},
	{"1::2::3/64", PLAN_FAMILY_ANY, "'1::2::3/64': '::' may appear only once"},
	{"12345::/16", PLAN_FAMILY_ANY, "'12345::/16': group '12345' has more than four hex digits"},
	{"2001:00db8::/32", PLAN_FAMILY_ANY,
	 "'2001:00db8::/32': group '00db8' has more than four hex digits"},
	{"1:2:3:4:5:6:7/64", PLAN_FAMILY_ANY, "'1:2:3:4:5:6:7/64': expected eight groups or '::'"},
	{"1:2:3:4:5:6:7:8::/64", PLAN_FAMILY_ANY,
	 "'1:2:3:4:5:6:7:8::/64': too many groups around '::'"},
	{"::1:2:3:4:5:6:7:8/128", PLAN_FAMILY_ANY,
	 "'::1:2:3:4:5:6:7:8/128': too many groups around '::'"},
	{":1:2:3:4:5:6:7:8/64", PLAN_FAMILY_ANY,
	 "':1:2:3:4:5:6:7:8/64': starts with a single ':'"},
	{"1:2:3:4:5:6:7:/64", PLAN_FAMILY_ANY, "'1:2:3:4:5:6:7:/64': ends with a single ':'"},
	{"fe80::1%eth0/64", PLAN_FAMILY_ANY, "'fe80::1%eth0/64': zone ids (%) are not supported"},
	{"2001:db8::g/64", PLAN_FAMILY_ANY, "'2001:db8::g/64': unexpected character 'g'"},
	{"[2001:db8::]/64", PLAN_FAMILY_ANY, "'[2001:db8::]/64': unexpected character '['"},
	{"::ffff:10.0.0/104", PLAN_FAMILY_ANY, "'::ffff:10.0.0/104': expected four octets"},
	{"::ffff:010.0.0.0/104", PLAN_FAMILY_ANY,
	 "'::ffff:010.0.0.0/104': octet '010' has a leading zero (ambiguous octal)"},
	{"::ffff:1.2.3.4.5/128", PLAN_FAMILY_ANY, "'::ffff:1.2.3.4.5/128': expected four octets"},
	{"::10.0.0.0:1/128", PLAN_FAMILY_ANY,
	 "'::10.0.0.0:1/128': an embedded IPv4 address must come last"},
	{"1:2:3:4:5:6:7:1.2.3.4/128", PLAN_FAMILY_ANY,
	 "'1:2:3:4:5:6:7:1.2.3.4/128': too many groups (at most eight)"},
	{"::ffff:a.b.c.d/128", PLAN_FAMILY_ANY, "'::ffff:a.b.c.d/128': unexpected character 'a'"},
	{"2001:db8::/32", PLAN_FAMILY_IPV4, "'2001:db8::/32': expected an IPv4 CIDR block, not IPv6"},
	{"10.0.0.0/8", PLAN_FAMILY_IPV6, "'10.0.0.0/8': expected an IPv6 CIDR block, not IPv4"},
	{"::ffff:10.0.0.0/104", PLAN_FAMILY_IPV4,
	 "'::ffff:10.0.0.0/104': expected an IPv4 CIDR block, not IPv6"},
};

static void
test_parse_invalid(void)
{
	for (gsize i = 0; i < G_N_ELEMENTS(parse_invalid_cases); i++) {
		const ParseInvalidCase *c = &parse_invalid_cases[i];
		PlanPrefix prefix = {0x1234, 0x5678, 99, 99};
		PlanPrefixParseFlags flags = 0x40;
		g_autoptr(GError) error = NULL;
		g_autofree char *escaped = g_strescape(c->text, NULL);

		g_test_message("parse '%s'", escaped);
		g_assert_false(plan_prefix_parse(c->text, c->family, &prefix, &flags, &error));
		g_assert_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_VALUE);
		g_assert_cmpstr(error->message, ==, c->message);
		/* nothing is written on failure */
		g_assert_cmphex(prefix.hi, ==, 0x1234);
		g_assert_cmphex(prefix.lo, ==, 0x5678);
		g_assert_cmpint(flags, ==, 0x40);

		/* a NULL error is fine too */
		g_assert_false(plan_prefix_parse(c->text, c->family, &prefix, NULL, NULL));
	}
}

/* the strict rules written once more, independently, around libc's inet_pton (which is strict
 * about IPv4 on glibc: exactly four decimal octets, no leading zeros) */
static gboolean
oracle_parse(const char *text, PlanPrefix *out, gboolean *host_bits)
{
	const char *slash = strchr(text, '/');
	g_autofree char *address = NULL;
	const char *length_text;
	guint max_length;
	guint length = 0;
	guint8 bytes[16] = {0};
	PlanPrefix exact = {0};

	if (slash == NULL)
		return FALSE;
	address = g_strndup(text, (gsize)(slash - text));
	length_text = slash + 1;
	if (strchr(address, ':') != NULL) {
		if (inet_pton(AF_INET6, address, bytes) != 1)
			return FALSE;
		exact.family = PLAN_FAMILY_IPV6;
		for (guint k = 0; k < 8; k++) {
			exact.hi = (exact.hi << 8) | bytes[k];
			exact.lo = (exact.lo << 8) | bytes[k + 8];
		}
	} else {
		if (inet_pton(AF_INET, address, bytes) != 1)
			return FALSE;
		exact.family = PLAN_FAMILY_IPV4;
		exact.lo = ((guint64)bytes[0] << 24) | ((guint64)bytes[1] << 16) |
			   ((guint64)bytes[2] << 8) | bytes[3];
	}
	max_length = exact.family == PLAN_FAMILY_IPV4 ? 32 : 128;
	if (*length_text == '\0' || strlen(length_text) > 3)
		return FALSE;
	if (length_text[0] == '0' && length_text[1] != '\0')
		return FALSE;
	for (const char *p = length_text; *p != '\0'; p++) {
		if (*p < '0' || *p > '9')
			return FALSE;
		length = length * 10 + (guint)(*p - '0');
	}
	if (length > max_length)
		return FALSE;
	if (exact.family == PLAN_FAMILY_IPV4)
		*out = ipv4_prefix((guint32)exact.lo, length);
	else
		*out = ipv6_prefix(exact.hi, exact.lo, length);
	*host_bits = out->hi != exact.hi || out->lo != exact.lo;
	return TRUE;
}

/* random text that is often almost right: a valid block, then a few random edits */
static char *
random_near_cidr(GRand *rand)
{
	static const char alphabet[] = "0123456789abcdefABCDEF:::...//%x- 0";
	GString *text = g_string_new(NULL);
	guint n_edits = (guint)g_rand_int_range(rand, 0, 4);

	if (g_rand_boolean(rand)) {
		g_string_append_printf(text, "%d.%d.%d.%d/%d", g_rand_int_range(rand, 0, 300),
				       g_rand_int_range(rand, 0, 256), g_rand_int_range(rand, 0, 256),
				       g_rand_int_range(rand, 0, 11), g_rand_int_range(rand, 0, 35));
	} else {
		guint n_groups = (guint)g_rand_int_range(rand, 1, 9);
		guint gap = (guint)g_rand_int_range(rand, 0, 10);

		for (guint k = 0; k < n_groups; k++) {
			if (k == gap)
				g_string_append(text, "::");
			else if (k > 0)
				g_string_append_c(text, ':');
			if (g_rand_int_range(rand, 0, 4) == 0)
				g_string_append(text, "0");
			else
				g_string_append_printf(text, "%x", g_rand_int_range(rand, 0, 0x10000));
		}
		if (gap == n_groups)
			g_string_append(text, "::");
		if (g_rand_int_range(rand, 0, 6) == 0)
			g_string_append(text, ":10.1.2.3");
		g_string_append_printf(text, "/%d", g_rand_int_range(rand, 0, 130));
	}
	for (guint e = 0; e < n_edits && text->len > 0; e++) {
		gsize at = (gsize)g_rand_int_range(rand, 0, (gint32)text->len);
		char c = alphabet[g_rand_int_range(rand, 0, (gint32)sizeof alphabet - 1)];

		switch (g_rand_int_range(rand, 0, 3)) {
		case 0:
			g_string_erase(text, (gssize)at, 1);
			break;
		case 1:
			g_string_insert_c(text, (gssize)at, c);
			break;
		default:
			text->str[at] = c;
			break;
		}
	}
	return g_string_free(text, FALSE);
}

static void
test_parse_oracle(void)
{
	g_autoptr(GRand) rand = g_rand_new_with_seed(20240601);
	guint n_valid = 0;

	for (guint i = 0; i < 50000; i++) {
		g_autofree char *text = random_near_cidr(rand);
		PlanPrefix ours = {0};
		PlanPrefix theirs = {0};
		PlanPrefixParseFlags flags = 0;
		gboolean host_bits = FALSE;
		g_autoptr(GError) error = NULL;
		gboolean ok = plan_prefix_parse(text, PLAN_FAMILY_ANY, &ours, &flags, &error);
		gboolean expected = oracle_parse(text, &theirs, &host_bits);

		if (ok != expected)
			g_error("'%s': parsed %d, oracle %d (%s)", text, ok, expected,
				error != NULL ? error->message : "no error");
		if (!ok) {
			g_assert_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_VALUE);
			continue;
		}
		n_valid++;
		g_assert_no_error(error);
		g_assert_cmpuint(ours.family, ==, theirs.family);
		g_assert_cmpuint(ours.length, ==, theirs.length);
		g_assert_cmphex(ours.hi, ==, theirs.hi);
		g_assert_cmphex(ours.lo, ==, theirs.lo);
		g_assert_cmpint(flags == PLAN_PREFIX_PARSE_HOST_BITS, ==, host_bits);
	}
	/* the generator must exercise both outcomes for the comparison to mean anything */
	g_test_message("%u of 50000 random texts were valid", n_valid);
	g_assert_cmpuint(n_valid, >, 5000);
	g_assert_cmpuint(n_valid, <, 45000);
}

/* arbitrary bytes: never a crash (the sanitizers watch), the error set exactly on failure, and
 * whatever parses formats back to something that parses to the same block */
static void
test_parse_bytes(void)
{
	g_autoptr(GRand) rand = g_rand_new_with_seed(77);

	for (guint i = 0; i < 50000; i++) {
		char text[48];
		gsize len = (gsize)g_rand_int_range(rand, 0, (gint32)sizeof text);
		PlanPrefix prefix = {0};
		g_autoptr(GError) error = NULL;

		for (gsize k = 0; k < len; k++) {
			/* mostly CIDR characters, sometimes any byte but NUL */
			if (g_rand_int_range(rand, 0, 8) == 0)
				text[k] = (char)g_rand_int_range(rand, 1, 256);
			else
				text[k] = "0123456789abcdef:./"[g_rand_int_range(rand, 0, 19)];
		}
		text[len] = '\0';
		if (plan_prefix_parse(text, PLAN_FAMILY_ANY, &prefix, NULL, &error)) {
			g_autofree char *canonical = plan_prefix_to_string(&prefix);
			PlanPrefix again = prefix_from_text(canonical);

			g_assert_no_error(error);
			g_assert_true(prefix.family == PLAN_FAMILY_IPV4 ||
				      prefix.family == PLAN_FAMILY_IPV6);
			g_assert_true(plan_prefix_equal(&prefix, &again));
		} else {
			g_assert_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_VALUE);
			g_assert_true(g_utf8_validate(error->message, -1, NULL));
		}
	}
}

/* formatting */

typedef struct {
	const char *text;
	const char *canonical;
} FormatCase;

/* mostly the examples of RFC 5952, section 4 */
static const FormatCase format_cases[] = {
	{"2001:db8:0:0:0:0:2:1/128", "2001:db8::2:1/128"},
	{"2001:0db8::0001/128", "2001:db8::1/128"},
	{"2001:db8::0:1/128", "2001:db8::1/128"},
	{"2001:db8:0:0:0:0:0:1/128", "2001:db8::1/128"},
	{"2001:db8:0:1:1:1:1:1/128", "2001:db8:0:1:1:1:1:1/128"},
	{"2001:db8::1:1:1:1:1/128", "2001:db8:0:1:1:1:1:1/128"},
	{"2001:0:0:1:0:0:0:1/128", "2001:0:0:1::1/128"},
	{"2001:db8:0:0:1:0:0:1/128", "2001:db8::1:0:0:1/128"},
	{"2001:db8:0:0:1::/128", "2001:db8:0:0:1::/128"},
	{"2001:DB8::AAAA:0:0:1/128", "2001:db8::aaaa:0:0:1/128"},
	{"2001:db8:aaaa:bbbb:cccc:dddd:eeee:0001/128", "2001:db8:aaaa:bbbb:cccc:dddd:eeee:1/128"},
	{"0:0:0:0:0:0:0:1/128", "::1/128"},
	{"1:0:0:0:0:0:0:0/16", "1::/16"},
	{"0:1:0:1:0:1:0:1/128", "0:1:0:1:0:1:0:1/128"},
	{"1:0:0:2:0:0:0:3/128", "1:0:0:2::3/128"},
	{"::ffff:c000:0280/128", "::ffff:192.0.2.128/128"},
	{"0:0:0:0:0:ffff:10.1.2.3/120", "::ffff:10.1.2.0/120"},
	{"::fffe:10.1.2.3/128", "::fffe:a01:203/128"},
	{"1::ffff:10.1.2.3/128", "1::ffff:a01:203/128"},
	{"10.1.2.3/32", "10.1.2.3/32"},
	{"0.0.0.0/0", "0.0.0.0/0"},
};

static void
test_format(void)
{
	for (gsize i = 0; i < G_N_ELEMENTS(format_cases); i++) {
		PlanPrefix prefix = prefix_from_text(format_cases[i].text);
		PlanPrefix again = prefix_from_text(format_cases[i].canonical);

		assert_prefix_text(&prefix, format_cases[i].canonical);
		g_assert_true(plan_prefix_equal(&prefix, &again));
	}
}

static void
test_format_buffer(void)
{
	PlanPrefix longest = prefix_from_text("ffff:ffff:ffff:ffff:ffff:ffff:ffff:fff0/124");
	PlanPrefix mapped = prefix_from_text("::ffff:255.255.255.255/128");
	char buf[64];
	char small[8];

	memset(buf, 'x', sizeof buf);
	plan_prefix_format(&longest, buf, sizeof buf);
	g_assert_cmpstr(buf, ==, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:fff0/124");
	plan_prefix_format(&mapped, buf, sizeof buf);
	g_assert_cmpstr(buf, ==, "::ffff:255.255.255.255/128");

	/* a short buffer truncates but stays a string */
	plan_prefix_format(&longest, small, sizeof small);
	g_assert_cmpstr(small, ==, "ffff:ff");
	plan_prefix_format(&mapped, small, sizeof small);
	g_assert_cmpstr(small, ==, "::ffff:");
}

/* inet_ntop agrees with RFC 5952 except where glibc still prints the deprecated IPv4-compatible
 * form (::a.b.c.d), i.e. when the first 96 bits are zero; those are covered by the table */
static void
test_format_oracle(void)
{
	g_autoptr(GRand) rand = g_rand_new_with_seed(5952);

	for (guint i = 0; i < 20000; i++) {
		PlanPrefix prefix = {0, 0, PLAN_FAMILY_IPV6, 128};
		guint8 bytes[16];
		char expected[INET6_ADDRSTRLEN + 8];
		g_autofree char *ours = NULL;
		gsize len;

		/* zero groups are what the compression rules are about, so make them common */
		for (guint k = 0; k < 8; k++) {
			guint16 group = g_rand_int_range(rand, 0, 3) == 0
						? 0
						: (guint16)g_rand_int_range(rand, 0, 0x10000);

			if (k < 4)
				prefix.hi = (prefix.hi << 16) | group;
			else
				prefix.lo = (prefix.lo << 16) | group;
		}
		if (g_rand_int_range(rand, 0, 10) == 0) {
			prefix.hi = 0;
			prefix.lo = 0x0000ffff00000000 | g_rand_int(rand);
		}
		if (prefix.hi == 0 && (prefix.lo >> 32) == 0)
			continue;
		for (guint k = 0; k < 8; k++) {
			bytes[k] = (guint8)(prefix.hi >> (56 - 8 * k));
			bytes[k + 8] = (guint8)(prefix.lo >> (56 - 8 * k));
		}
		g_assert_nonnull(inet_ntop(AF_INET6, bytes, expected, INET6_ADDRSTRLEN));
		len = strlen(expected);
		g_strlcpy(expected + len, "/128", sizeof expected - len);
		ours = plan_prefix_to_string(&prefix);
		g_assert_cmpstr(ours, ==, expected);
	}

	for (guint i = 0; i < 2000; i++) {
		guint32 address = g_rand_int(rand);
		PlanPrefix prefix = ipv4_prefix(address, 32);
		guint8 bytes[4] = {address >> 24, (address >> 16) & 0xff, (address >> 8) & 0xff,
				   address & 0xff};
		char expected[INET_ADDRSTRLEN + 8];
		g_autofree char *ours = plan_prefix_to_string(&prefix);
		gsize len;

		g_assert_nonnull(inet_ntop(AF_INET, bytes, expected, INET_ADDRSTRLEN));
		len = strlen(expected);
		g_strlcpy(expected + len, "/32", sizeof expected - len);
		g_assert_cmpstr(ours, ==, expected);
	}
}

/* random canonical blocks of every length survive format -> parse unchanged */
static void
test_format_roundtrip(void)
{
	g_autoptr(GRand) rand = g_rand_new_with_seed(42);

	for (guint i = 0; i < 20000; i++) {
		PlanPrefix prefix;
		PlanPrefix again = {0};
		PlanPrefixParseFlags flags = 0;
		g_autofree char *text = NULL;
		g_autoptr(GError) error = NULL;

		switch (g_rand_int_range(rand, 0, 3)) {
		case 0:
			prefix = ipv4_prefix(g_rand_int(rand), (guint)g_rand_int_range(rand, 0, 33));
			break;
		case 1: {
			guint64 hi = ((guint64)g_rand_int(rand) << 32) | g_rand_int(rand);
			guint64 lo = ((guint64)g_rand_int(rand) << 32) | g_rand_int(rand);

			prefix = ipv6_prefix(hi, lo, (guint)g_rand_int_range(rand, 0, 129));
			break;
		}
		default:
			prefix = ipv6_prefix(0, 0x0000ffff00000000 | g_rand_int(rand),
					     (guint)g_rand_int_range(rand, 96, 129));
			break;
		}
		text = plan_prefix_to_string(&prefix);
		g_assert_true(plan_prefix_parse(text, PLAN_FAMILY_ANY, &again, &flags, &error));
		g_assert_no_error(error);
		g_assert_cmpint(flags, ==, PLAN_PREFIX_PARSE_NONE);
		g_assert_true(plan_prefix_equal(&prefix, &again));
		g_assert_cmpuint(strlen(text), <, 64);
	}
}

/* comparison and containment */

static void
test_compare(void)
{
	/* in the expected order */
	static const char *const sorted[] = {
		"0.0.0.0/0",      "10.0.0.0/8",    "10.0.0.0/16",        "10.0.0.0/24",
		"10.0.0.0/25",    "10.0.0.128/25", "10.0.1.0/24",        "10.1.0.0/16",
		"255.255.255.255/32", "::/0",      "::/128",             "::ffff:10.0.0.0/104",
		"2001:db8::/32",  "2001:db8::/64", "2001:db8:0:1::/64",  "ffff::/16",
	};
	PlanPrefix prefixes[G_N_ELEMENTS(sorted)];

	for (gsize i = 0; i < G_N_ELEMENTS(sorted); i++)
		prefixes[i] = prefix_from_text(sorted[i]);
	for (gsize i = 0; i < G_N_ELEMENTS(sorted); i++) {
		for (gsize j = 0; j < G_N_ELEMENTS(sorted); j++) {
			int cmp = plan_prefix_compare(&prefixes[i], &prefixes[j]);

			g_assert_cmpint(cmp < 0, ==, i < j);
			g_assert_cmpint(cmp > 0, ==, i > j);
			g_assert_cmpint(plan_prefix_equal(&prefixes[i], &prefixes[j]), ==, i == j);
		}
	}
}

typedef struct {
	const char *a;
	const char *b;
	gboolean a_contains_b;
	gboolean b_contains_a;
} ContainsCase;

static const ContainsCase contains_cases[] = {
	/* touching but disjoint */
	{"10.0.0.0/25", "10.0.0.128/25", FALSE, FALSE},
	{"10.0.0.255/32", "10.0.1.0/32", FALSE, FALSE},
	{"10.0.0.0/16", "10.1.0.0/16", FALSE, FALSE},
	/* identical */
	{"10.0.0.0/24", "10.0.0.0/24", TRUE, TRUE},
	{"2001:db8::/64", "2001:db8::/64", TRUE, TRUE},
	/* nested */
	{"10.0.0.0/16", "10.0.5.0/24", TRUE, FALSE},
	{"10.0.0.0/31", "10.0.0.1/32", TRUE, FALSE},
	{"0.0.0.0/0", "10.0.0.0/8", TRUE, FALSE},
	{"0.0.0.0/0", "255.255.255.255/32", TRUE, FALSE},
	{"2001:db8::/32", "2001:db8:ffff::/48", TRUE, FALSE},
	{"2001:db8::/64", "2001:db8:0:0:8000::/65", TRUE, FALSE},
	{"::/0", "::ffff:10.0.0.0/104", TRUE, FALSE},
	{"2001:db8::/32", "2001:db9::/32", FALSE, FALSE},
	{"2001:db8::/64", "2001:db8:0:1::/64", FALSE, FALSE},
	/* families never meet, not even IPv4-mapped addresses */
	{"10.0.0.0/8", "::/0", FALSE, FALSE},
	{"0.0.0.0/0", "::/0", FALSE, FALSE},
	{"::ffff:10.0.0.0/104", "10.0.0.0/8", FALSE, FALSE},
	{"::ffff:10.0.0.0/104", "10.0.0.0/32", FALSE, FALSE},
};

static void
test_contains(void)
{
	for (gsize i = 0; i < G_N_ELEMENTS(contains_cases); i++) {
		const ContainsCase *c = &contains_cases[i];
		PlanPrefix a = prefix_from_text(c->a);
		PlanPrefix b = prefix_from_text(c->b);
		gboolean overlap = c->a_contains_b || c->b_contains_a;

		g_test_message("%s vs %s", c->a, c->b);
		g_assert_cmpint(plan_prefix_contains(&a, &b), ==, c->a_contains_b);
		g_assert_cmpint(plan_prefix_contains(&b, &a), ==, c->b_contains_a);
		g_assert_cmpint(plan_prefix_overlaps(&a, &b), ==, overlap);
		g_assert_cmpint(plan_prefix_overlaps(&b, &a), ==, overlap);
		g_assert_cmpint(oracle_overlaps(&a, &b), ==, overlap);
	}
}

/* sizes */

typedef struct {
	const char *text;
	guint64 addresses;
	guint64 usable;
	guint64 last_hi;
	guint64 last_lo;
} SizeCase;

static const SizeCase size_cases[] = {
	{"10.0.0.0/16", 65536, 65531, 0, 0x0a00ffff},
	{"10.0.0.0/24", 256, 251, 0, 0x0a0000ff},
	{"10.0.0.32/27", 32, 27, 0, 0x0a00003f},
	{"10.0.0.16/28", 16, 11, 0, 0x0a00001f},
	{"10.0.0.8/29", 8, 3, 0, 0x0a00000f},
	{"10.0.0.4/30", 4, 0, 0, 0x0a000007},
	{"10.0.0.2/31", 2, 0, 0, 0x0a000003},
	{"10.0.0.1/32", 1, 0, 0, 0x0a000001},
	{"0.0.0.0/0", G_GUINT64_CONSTANT(4294967296), G_GUINT64_CONSTANT(4294967291), 0,
	 0xffffffff},
	{"255.255.255.255/32", 1, 0, 0, 0xffffffff},
	{"2001:db8::/128", 1, 0, 0x20010db800000000, 0},
	{"2001:db8::/120", 256, 251, 0x20010db800000000, 0xff},
	{"2001:db8::/65", G_GUINT64_CONSTANT(1) << 63, (G_GUINT64_CONSTANT(1) << 63) - 5,
	 0x20010db800000000, G_MAXUINT64 >> 1},
	/* 2^64 and up saturate, and stay saturated */
	{"2001:db8::/64", G_MAXUINT64, G_MAXUINT64, 0x20010db800000000, G_MAXUINT64},
	{"2001:db8::/56", G_MAXUINT64, G_MAXUINT64, 0x20010db8000000ff, G_MAXUINT64},
	{"::/0", G_MAXUINT64, G_MAXUINT64, G_MAXUINT64, G_MAXUINT64},
};

static void
test_sizes(void)
{
	for (gsize i = 0; i < G_N_ELEMENTS(size_cases); i++) {
		const SizeCase *c = &size_cases[i];
		PlanPrefix prefix = prefix_from_text(c->text);
		guint64 hi = 1;
		guint64 lo = 1;

		g_test_message("size of %s", c->text);
		g_assert_cmpuint(plan_prefix_addresses(&prefix), ==, c->addresses);
		g_assert_cmpuint(plan_prefix_usable(&prefix), ==, c->usable);
		g_assert_true(plan_prefix_last(&prefix, &hi, &lo));
		g_assert_cmphex(hi, ==, c->last_hi);
		g_assert_cmphex(lo, ==, c->last_lo);
		g_assert_cmpuint(plan_prefix_max_length(&prefix), ==,
				 prefix.family == PLAN_FAMILY_IPV4 ? 32 : 128);
	}
}


/* overlap sweep */


static void
test_overlaps_hand(void)
{
	static const char *const texts[] = {
		"10.0.0.0/16",   /* 0 */
		"10.0.1.0/24",   /* 1 */
		"10.0.1.0/24",   /* 2: duplicate of 1 */
		"10.0.1.128/25", /* 3 */
		"10.1.0.0/16",   /* 4 */
		"10.0.0.0/25",   /* 5 */
		"10.0.0.128/25", /* 6: touches 5 */
		"2001:db8::/32", /* 7 */
		"2001:db8:1::/48", /* 8 */
		"::ffff:10.0.0.0/104", /* 9: an IPv6 block, meets no IPv4 one */
		"192.168.0.0/16", /* 10 */
		"10.0.0.0/8",    /* 11 */
	};
	/* (outer, inner) in the order the sweep reports them: by the inner block's address, then
	 * from the outermost container in */
	static const guint expected[][2] = {
		{11, 0}, {11, 5}, {0, 5}, {11, 6}, {0, 6}, {11, 1}, {0, 1}, {11, 2},
		{0, 2},  {1, 2},  {11, 3}, {0, 3}, {1, 3}, {2, 3}, {11, 4}, {7, 8},
	};
	PlanPrefix prefixes[G_N_ELEMENTS(texts)];
	PairCollector collector = {prefixes, g_array_new(FALSE, FALSE, sizeof(guint64))};

	for (gsize i = 0; i < G_N_ELEMENTS(texts); i++)
		prefixes[i] = prefix_from_text(texts[i]);
	plan_prefix_find_overlaps(prefixes, G_N_ELEMENTS(texts), collect_pair, &collector);

	g_assert_cmpuint(collector.pairs->len, ==, G_N_ELEMENTS(expected));
	for (gsize i = 0; i < G_N_ELEMENTS(expected); i++) {
		guint64 pair = g_array_index(collector.pairs, guint64, i);

		g_assert_cmpuint(pair >> 32, ==, expected[i][0]);
		g_assert_cmpuint(pair & G_MAXUINT32, ==, expected[i][1]);
	}
	g_array_unref(collector.pairs);

	/* nothing to pair up */
	plan_prefix_find_overlaps(prefixes, 0, collect_pair, NULL);
	plan_prefix_find_overlaps(prefixes, 1, collect_pair, NULL);
}

static PlanPrefix
random_prefix(GRand *rand)
{
	if (g_rand_int_range(rand, 0, 10) == 0) {
		guint64 hi = 0x20010db800000000 | (g_rand_int(rand) & 0x3);

		return ipv6_prefix(hi, (guint64)g_rand_int(rand) << 32,
				   (guint)g_rand_int_range(rand, 30, 72));
	}
	/* a /12 of space with /12../28 blocks: dense enough for plenty of nesting */
	return ipv4_prefix(0x0a000000 | (g_rand_int(rand) & 0x000fffff),
			   (guint)g_rand_int_range(rand, 12, 29));
}

static void
test_overlaps_random(void)
{
	g_autoptr(GRand) rand = g_rand_new_with_seed(1234);
	guint n_total_pairs = 0;

	for (guint round = 0; round < 20; round++) {
		PlanPrefix prefixes[500];
		g_autoptr(GArray) expected = g_array_new(FALSE, FALSE, sizeof(guint64));
		g_autoptr(GArray) pairs = NULL;

		for (guint i = 0; i < G_N_ELEMENTS(prefixes); i++) {
			/* some exact duplicates */
			if (i > 0 && g_rand_int_range(rand, 0, 20) == 0)
				prefixes[i] = prefixes[g_rand_int_range(rand, 0, (gint32)i)];
			else
				prefixes[i] = random_prefix(rand);
		}
		for (guint i = 0; i < G_N_ELEMENTS(prefixes); i++) {
			for (guint j = i + 1; j < G_N_ELEMENTS(prefixes); j++) {
				guint64 pair = ((guint64)i << 32) | j;

				if (oracle_overlaps(&prefixes[i], &prefixes[j]))
					g_array_append_val(expected, pair);
			}
		}
		pairs = find_pairs(prefixes, G_N_ELEMENTS(prefixes));
		g_assert_cmpuint(pairs->len, ==, expected->len);
		for (guint k = 0; k < pairs->len; k++)
			g_assert_cmphex(g_array_index(pairs, guint64, k), ==,
					g_array_index(expected, guint64, k));
		n_total_pairs += pairs->len;
	}
	g_test_message("%u overlapping pairs checked", n_total_pairs);
	g_assert_cmpuint(n_total_pairs, >, 1000);
}

/* the calls of plan_prefix_find_overlap_groups(), as "outer... | inner..." lines */
static void
collect_group(const guint *indices, guint n_same, guint n_inside, gpointer user_data)
{
	GString *out = user_data;

	for (guint i = 0; i < n_same + n_inside; i++)
		g_string_append_printf(out, "%s%u",
				       i == 0	     ? ""
				       : i == n_same ? " | "
						     : " ",
				       indices[i]);
	g_string_append_c(out, '\n');
}

/* the same blocks as overlaps-hand, worked by hand: sorted, IPv4 reads 11 0 5 6 1 2 3 4 10,
 * IPv6 9 7 8. 11 (10.0.0.0/8) holds the next seven; 0 (10.0.0.0/16) holds 5 6 1 2 3; 1 and 2
 * are one block with 3 inside; 7 holds 8; 5, 6, 3, 4, 10, 9 and 8 hold nothing. the pairs
 * these stand for, C(n_same, 2) + n_same * n_inside: 7 + 5 + (1 + 2) + 1 = 16, overlaps-hand's */
static void
test_overlap_groups_hand(void)
{
	static const char *const texts[] = {
	    "10.0.0.0/16",     "10.0.1.0/24",	      "10.0.1.0/24",	"10.0.1.128/25",
	    "10.1.0.0/16",     "10.0.0.0/25",	      "10.0.0.128/25",	"2001:db8::/32",
	    "2001:db8:1::/48", "::ffff:10.0.0.0/104", "192.168.0.0/16", "10.0.0.0/8",
	};
	PlanPrefix prefixes[G_N_ELEMENTS(texts)];
	g_autoptr(GString) groups = g_string_new(NULL);

	for (gsize i = 0; i < G_N_ELEMENTS(texts); i++)
		prefixes[i] = prefix_from_text(texts[i]);
	plan_prefix_find_overlap_groups(prefixes, G_N_ELEMENTS(texts), collect_group, groups);
	g_assert_cmpstr(groups->str, ==,
			"11 | 0 5 6 1 2 3 4\n"
			"0 | 5 6 1 2 3\n"
			"1 2 | 3\n"
			"7 | 8\n");

	/* 4,000 copies of one block: one call, all of them, in input order */
	{
		g_autofree PlanPrefix *same = g_new(PlanPrefix, 4000);
		g_autoptr(GString) one = g_string_new(NULL);
		for (guint i = 0; i < 4000; i++)
			same[i] = prefix_from_text("10.0.1.0/24");
		plan_prefix_find_overlap_groups(same, 4000, collect_group, one);
		/* digits of 0..3999, 3,999 spaces and the newline */
		g_assert_cmpuint(strlen(one->str), ==, 10 + 90 * 2 + 900 * 3 + 3000 * 4 + 3999 + 1);
		g_assert_true(g_str_has_prefix(one->str, "0 1 2 3 "));
		g_assert_true(g_str_has_suffix(one->str, " 3998 3999\n"));
		g_assert_null(strchr(one->str, '|'));
	}

	/* nothing to group */
	g_string_truncate(groups, 0);
	plan_prefix_find_overlap_groups(prefixes, 1, collect_group, groups);
	plan_prefix_find_overlap_groups(prefixes + 3, 2, collect_group, groups);
	g_assert_cmpstr(groups->str, ==, "");
}

typedef struct {
	guint n_pairs;
	guint n_calls;
} GroupCount;

static void
count_group_pairs(const guint *indices, guint n_same, guint n_inside, gpointer user_data)
{
	GroupCount *count = user_data;

	g_assert_cmpuint(n_same, >=, 1);
	g_assert_cmpuint(n_same + n_inside, >=, 2);
	/* the blocks equal to the group's block come in input order */
	for (guint i = 1; i < n_same; i++)
		g_assert_cmpuint(indices[i - 1], <, indices[i]);
	count->n_pairs += n_same * (n_same - 1) / 2 + n_same * n_inside;
	count->n_calls++;
}

/* the groups stand for exactly the pairs the pair sweep reports, on random blocks */
static void
test_overlap_groups_random(void)
{
	g_autoptr(GRand) rand = g_rand_new_with_seed(4321);

	for (guint round = 0; round < 20; round++) {
		PlanPrefix prefixes[500];
		g_autoptr(GArray) pairs = NULL;
		GroupCount count = {0, 0};

		for (guint i = 0; i < G_N_ELEMENTS(prefixes); i++) {
			if (i > 0 && g_rand_int_range(rand, 0, 10) == 0)
				prefixes[i] = prefixes[g_rand_int_range(rand, 0, (gint32)i)];
			else
				prefixes[i] = random_prefix(rand);
		}
		pairs = find_pairs(prefixes, G_N_ELEMENTS(prefixes));
		plan_prefix_find_overlap_groups(prefixes, G_N_ELEMENTS(prefixes), count_group_pairs,
						&count);
		g_assert_cmpuint(count.n_pairs, ==, pairs->len);
		g_assert_cmpuint(count.n_calls, <, pairs->len);
	}
}

static void
test_overlaps_scale(void)
{
	const guint n_subnets = 100000;
	g_autoptr(GRand) rand = g_rand_new_with_seed(99);
	g_autofree PlanPrefix *prefixes = g_new(PlanPrefix, n_subnets + 2);
	g_autoptr(GArray) pairs = NULL;
	guint n_in_slash24 = 0;
	double seconds;

	/* 100k disjoint /28s in shuffled order, then a /24 over the first 16 of them and one
	 * duplicate: 17 pairs */
	for (guint i = 0; i < n_subnets; i++)
		prefixes[i] = ipv4_prefix(0x0a000000 + i * 16, 28);
	for (guint i = n_subnets - 1; i > 0; i--) {
		guint j = (guint)g_rand_int_range(rand, 0, (gint32)i + 1);
		PlanPrefix swap = prefixes[i];

		prefixes[i] = prefixes[j];
		prefixes[j] = swap;
	}
	prefixes[n_subnets] = ipv4_prefix(0x0a000000, 24);
	prefixes[n_subnets + 1] = prefixes[4242];

	g_test_timer_start();
	pairs = find_pairs(prefixes, n_subnets + 2);
	seconds = g_test_timer_elapsed();
	g_test_message("100k-prefix sweep took %.3f s", seconds);
	g_assert_cmpuint(pairs->len, ==, 17);
	for (guint k = 0; k < pairs->len; k++) {
		guint64 pair = g_array_index(pairs, guint64, k);

		if ((pair & G_MAXUINT32) == n_subnets)
			n_in_slash24++;
		else
			g_assert_cmphex(pair, ==, (G_GUINT64_CONSTANT(4242) << 32) | (n_subnets + 1));
	}
	g_assert_cmpuint(n_in_slash24, ==, 16);
	/* generous for sanitizer builds; the real budget is checked by the benchmark */
	g_assert_cmpfloat(seconds, <, 5.0);
}

/* the grammar plan_prefix_parse() accepts for IPv4, written out again here: four octets 0-255
 * and a length 0-32, none with a leading zero. Returns the canonical "a.b.c.d/n" (host bits
 * cleared) and *@host_bits, or NULL when the text is refused */
static char *
reference_ipv4_prefix(const char *text, gboolean *host_bits)
{
	guint values[5];
	const char *p = text;
	guint32 address = 0;
	guint32 mask;

	for (guint part = 0; part < 5; part++) {
		guint n = 0;
		guint64 value = 0;
		while (g_ascii_isdigit(p[n])) {
			value = value * 10 + (guint)(p[n] - '0');
			if (value > 1000)
				return NULL;
			n++;
		}
		if (n == 0 || (n > 1 && p[0] == '0'))
			return NULL;
		if (value > (part < 4 ? 255u : 32u))
			return NULL;
		values[part] = (guint)value;
		if (p[n] != (part < 3 ? '.' : part == 3 ? '/' : '\0'))
			return NULL;
		p += n + 1;
	}
	for (guint part = 0; part < 4; part++)
		address = (address << 8) | values[part];
	mask = values[4] == 0 ? 0 : G_MAXUINT32 << (32 - values[4]);
	*host_bits = (address & ~mask) != 0;
	address &= mask;
	return g_strdup_printf("%u.%u.%u.%u/%u", address >> 24, (address >> 16) & 255,
			       (address >> 8) & 255, address & 255, values[4]);
}

/* IPv4 blocks through plan_prefix_parse() (which takes the common form in one pass since issue
 * 18) agree with the grammar written out again: 200,000 texts made of digits, dots and slashes,
 * most of them near "a.b.c.d/n" (random octets and lengths around the limits, a leading zero,
 * an octet too many or too few), for family IPv4 and ANY */
static void
test_prefix_parse_ipv4_random(void)
{
	GRand *rand = g_rand_new_with_seed(18);
	guint accepted = 0;

	for (guint i = 0; i < 200000; i++) {
		g_autoptr(GString) text = g_string_new(NULL);
		g_autofree char *expected = NULL;
		gboolean host_bits = FALSE;
		if (g_rand_int_range(rand, 0, 10) == 0) {
			/* anything of the alphabet */
			guint n = (guint)g_rand_int_range(rand, 0, 20);
			for (guint k = 0; k < n; k++)
				g_string_append_c(text, "0123456789./"[g_rand_int_range(rand, 0, 12)]);
		} else {
			guint parts = (guint)g_rand_int_range(rand, 3, 6);
			for (guint k = 0; k < parts; k++) {
				gint value = g_rand_int_range(rand, 0, 300);
				g_string_append_printf(text, g_rand_int_range(rand, 0, 30) == 0 ? "0%d" : "%d",
						       value);
				if (k + 1 < parts)
					g_string_append_c(text, k + 2 == parts ? '/' : '.');
			}
			if (g_rand_int_range(rand, 0, 4) == 0) {
				/* the length near its limit */
				gint slash = (gint)(strrchr(text->str, '/') - text->str);
				if (slash > 0) {
					g_string_truncate(text, (gsize)slash + 1);
					g_string_append_printf(text, "%d", g_rand_int_range(rand, 28, 35));
				}
			}
		}
		expected = reference_ipv4_prefix(text->str, &host_bits);
		for (guint f = 0; f < 2; f++) {
			PlanFamily family = f == 0 ? PLAN_FAMILY_IPV4 : PLAN_FAMILY_ANY;
			g_autoptr(GError) error = NULL;
			PlanPrefix prefix;
			PlanPrefixParseFlags flags = PLAN_PREFIX_PARSE_NONE;
			gboolean ok = plan_prefix_parse(text->str, family, &prefix, &flags, &error);
			if (expected == NULL) {
				if (ok)
					g_error("'%s' accepted, the grammar refuses it", text->str);
				g_assert_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_VALUE);
			} else {
				g_autofree char *shown = NULL;
				if (!ok)
					g_error("'%s' refused: %s", text->str, error->message);
				shown = plan_prefix_to_string(&prefix);
				g_assert_cmpstr(shown, ==, expected);
				g_assert_cmpint(!!(flags & PLAN_PREFIX_PARSE_HOST_BITS), ==, host_bits);
				accepted += f == 0;
			}
		}
	}
	/* both kinds were tried in numbers */
	g_assert_cmpuint(accepted, >, 5000);
	g_assert_cmpuint(accepted, <, 190000);
	g_rand_free(rand);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);

	g_test_add_func("/planner/cidr/parse-valid", test_parse_valid);
	g_test_add_func("/planner/cidr/parse-invalid", test_parse_invalid);
	g_test_add_func("/planner/cidr/parse-oracle", test_parse_oracle);
	g_test_add_func("/planner/cidr/parse-bytes", test_parse_bytes);
	g_test_add_func("/planner/cidr/format", test_format);
	g_test_add_func("/planner/cidr/format-buffer", test_format_buffer);
	g_test_add_func("/planner/cidr/format-oracle", test_format_oracle);
	g_test_add_func("/planner/cidr/format-roundtrip", test_format_roundtrip);
	g_test_add_func("/planner/cidr/compare", test_compare);
	g_test_add_func("/planner/cidr/contains", test_contains);
	g_test_add_func("/planner/cidr/sizes", test_sizes);
	g_test_add_func("/planner/cidr/overlaps-hand", test_overlaps_hand);
	g_test_add_func("/planner/cidr/overlaps-random", test_overlaps_random);
	g_test_add_func("/planner/cidr/overlaps-scale", test_overlaps_scale);
	g_test_add_func("/planner/cidr/overlap-groups-hand", test_overlap_groups_hand);
	g_test_add_func("/planner/cidr/overlap-groups-random", test_overlap_groups_random);
	g_test_add_func("/planner/cidr/prefix-parse-ipv4-random", test_prefix_parse_ipv4_random);

	return g_test_run();
}
