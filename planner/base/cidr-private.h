/* ecsplan: 128-bit address helpers shared by the CIDR parser (cidr.c) and the free-space and
 * allocation code (cidr-space.c). every address is handled as 128 bits (hi, lo); an IPv4
 * address sits in the low 32 bits, so an IPv4 prefix of length L is a 128-bit prefix of length
 * 96 + L ("space length"), and masks, containment, sorting and splitting need one code path */
#pragma once

#include "cidr.h"

G_BEGIN_DECLS

/* offset of an IPv4 prefix length in the 128-bit space */
#define IPV4_SPACE_OFFSET 96

typedef struct {
	guint64 hi;
	guint64 lo;
} Addr128;

/* 128-bit helpers */

static inline Addr128
addr128_make(guint64 hi, guint64 lo)
{
	Addr128 addr = {hi, lo};
	return addr;
}

/* the top @bits of 128 set; split in two because shifting a 64-bit value by 64 is undefined */
static inline Addr128
addr128_mask(guint bits)
{
	if (bits == 0)
		return addr128_make(0, 0);
	if (bits < 64)
		return addr128_make(G_MAXUINT64 << (64 - bits), 0);
	if (bits == 64)
		return addr128_make(G_MAXUINT64, 0);
	if (bits < 128)
		return addr128_make(G_MAXUINT64, G_MAXUINT64 << (128 - bits));
	return addr128_make(G_MAXUINT64, G_MAXUINT64);
}

/* the lowest bit of addr128_mask(@bits): what tells the two halves of a block of length
 * @bits - 1 apart; @bits is 1..128 */
static inline Addr128
addr128_bit(guint bits)
{
	guint position = 128 - bits;

	if (position >= 64)
		return addr128_make(G_GUINT64_CONSTANT(1) << (position - 64), 0);
	return addr128_make(0, G_GUINT64_CONSTANT(1) << position);
}

static inline Addr128
addr128_and(Addr128 a, Addr128 b)
{
	return addr128_make(a.hi & b.hi, a.lo & b.lo);
}

static inline Addr128
addr128_or(Addr128 a, Addr128 b)
{
	return addr128_make(a.hi | b.hi, a.lo | b.lo);
}

static inline Addr128
addr128_xor(Addr128 a, Addr128 b)
{
	return addr128_make(a.hi ^ b.hi, a.lo ^ b.lo);
}

static inline Addr128
addr128_not(Addr128 a)
{
	return addr128_make(~a.hi, ~a.lo);
}

static inline int
addr128_cmp(Addr128 a, Addr128 b)
{
	if (a.hi != b.hi)
		return a.hi < b.hi ? -1 : 1;
	if (a.lo != b.lo)
		return a.lo < b.lo ? -1 : 1;
	return 0;
}

/* wraps at the top; callers stop before the last address of the space */
static inline Addr128
addr128_inc(Addr128 a)
{
	return addr128_make(a.lo == G_MAXUINT64 ? a.hi + 1 : a.hi, a.lo + 1);
}

static inline Addr128
addr128_dec(Addr128 a)
{
	return addr128_make(a.lo == 0 ? a.hi - 1 : a.hi, a.lo - 1);
}

/* trailing zero bits, i.e. the largest alignment of @a; 128 for zero */
static inline guint
addr128_ctz(Addr128 a)
{
	if (a.lo != 0)
		return (guint)__builtin_ctzll(a.lo);
	if (a.hi != 0)
		return 64 + (guint)__builtin_ctzll(a.hi);
	return 128;
}

/* prefix helpers */

static inline gboolean
family_is_valid(guint family)
{
	return family == PLAN_FAMILY_IPV4 || family == PLAN_FAMILY_IPV6;
}

static inline guint
family_max_length(guint family)
{
	return family == PLAN_FAMILY_IPV4 ? 32 : 128;
}

static inline guint
family_space_offset(guint family)
{
	return family == PLAN_FAMILY_IPV4 ? IPV4_SPACE_OFFSET : 0;
}

static inline const char *
family_name(guint family)
{
	return family == PLAN_FAMILY_IPV4 ? "IPv4" : "IPv6";
}

static inline guint
prefix_space_length(const PlanPrefix *prefix)
{
	return prefix->length + family_space_offset(prefix->family);
}

static inline Addr128
prefix_first(const PlanPrefix *prefix)
{
	return addr128_and(addr128_make(prefix->hi, prefix->lo),
			   addr128_mask(prefix_space_length(prefix)));
}

static inline Addr128
prefix_last(const PlanPrefix *prefix)
{
	return addr128_or(addr128_make(prefix->hi, prefix->lo),
			  addr128_not(addr128_mask(prefix_space_length(prefix))));
}

/* host bits of @address below @length are dropped */
static inline PlanPrefix
prefix_make(guint family, Addr128 address, guint length)
{
	PlanPrefix prefix = {0};
	Addr128 first = addr128_and(address, addr128_mask(length + family_space_offset(family)));

	prefix.hi = first.hi;
	prefix.lo = first.lo;
	prefix.family = (guint8)family;
	prefix.length = (guint8)length;
	return prefix;
}

static inline PlanPrefix
prefix_canonical(const PlanPrefix *prefix)
{
	return prefix_make(prefix->family, addr128_make(prefix->hi, prefix->lo), prefix->length);
}

/* 2^host_bits, saturating at G_MAXUINT64 from 2^64 on */
static inline guint64
block_addresses(guint host_bits)
{
	return host_bits >= 64 ? G_MAXUINT64 : G_GUINT64_CONSTANT(1) << host_bits;
}

static inline guint64
saturating_add(guint64 a, guint64 b)
{
	return a > G_MAXUINT64 - b ? G_MAXUINT64 : a + b;
}

/* parsing */


static inline gboolean
prefix_contains(const PlanPrefix *outer, const PlanPrefix *inner)
{
	Addr128 mask;

	if (outer->family != inner->family || outer->length > inner->length)
		return FALSE;
	mask = addr128_mask(prefix_space_length(outer));
	return addr128_cmp(addr128_and(addr128_make(inner->hi, inner->lo), mask),
			   addr128_and(addr128_make(outer->hi, outer->lo), mask)) == 0;
}

G_END_DECLS
