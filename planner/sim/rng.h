/* ecsplan: a small deterministic PRNG for the simulator's noise. xoshiro256** seeded through
 * splitmix64 (both public domain, Vigna & Blackman): the same seed gives the same stream on
 * every platform, and a draw costs a few nanoseconds, which the step loop needs (GRand's
 * Mersenne Twister is slower and its double conversion differs between GLib versions). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* a plain record: copy it to fork a stream */
typedef struct {
	guint64 s[4];
} PlanRng;

static inline guint64
plan_rng_splitmix64(guint64 *state)
{
	guint64 z = (*state += G_GUINT64_CONSTANT(0x9e3779b97f4a7c15));
	z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

/* seeds the four words from @seed; every seed, 0 included, gives a usable state */
static inline void
plan_rng_seed(PlanRng *rng, guint64 seed)
{
	guint64 state = seed;
	for (guint i = 0; i < 4; i++)
		rng->s[i] = plan_rng_splitmix64(&state);
}

static inline guint64
plan_rng_rotl(guint64 x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static inline guint64
plan_rng_next(PlanRng *rng)
{
	guint64 *s = rng->s;
	guint64 result = plan_rng_rotl(s[1] * 5, 7) * 9;
	guint64 t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = plan_rng_rotl(s[3], 45);
	return result;
}

/* uniform in [0, 1) with 53 bits */
static inline double
plan_rng_uniform(PlanRng *rng)
{
	return (double)(plan_rng_next(rng) >> 11) * (1.0 / 9007199254740992.0);
}

/* approximately standard normal: the Irwin–Hall sum of four 16-bit uniforms from one draw,
 * centred and scaled to variance 1 (range ±3.46). Cheaper than Box–Muller (no log, sqrt or
 * cos per draw) and close enough for traffic noise */
static inline double
plan_rng_normalish_of(guint64 r)
{
	/* the four 16-bit fields summed in two lanes of 32 bits, then the lanes: the integer sum
	 * (at most 4 × 65535) converts to the same double as adding the four as doubles */
	guint64 pairs = (r & G_GUINT64_CONSTANT(0x0000ffff0000ffff)) +
			((r >> 16) & G_GUINT64_CONSTANT(0x0000ffff0000ffff));
	double sum = (double)((pairs & G_GUINT64_CONSTANT(0xffffffff)) + (pairs >> 32));
	/* each term is uniform on [0, 65535]; four of them have mean 131070 and variance
	 * 4 × (65536² − 1) / 12 */
	return (sum - 131070.0) * (1.0 / 37837.2);
}

/* plan_rng_normalish_of() of the next draw */
static inline double
plan_rng_normalish(PlanRng *rng)
{
	return plan_rng_normalish_of(plan_rng_next(rng));
}

/* the next @n draws of @rng into @out: the stream plan_rng_next() gives, with the state in
 * registers */
static inline void
plan_rng_fill(PlanRng *rng, guint64 *out, guint n)
{
	guint64 s0 = rng->s[0];
	guint64 s1 = rng->s[1];
	guint64 s2 = rng->s[2];
	guint64 s3 = rng->s[3];

	for (guint i = 0; i < n; i++) {
		guint64 t = s1 << 17;
		out[i] = plan_rng_rotl(s1 * 5, 7) * 9;
		s2 ^= s0;
		s3 ^= s1;
		s1 ^= s2;
		s0 ^= s3;
		s2 ^= t;
		s3 = plan_rng_rotl(s3, 45);
	}
	rng->s[0] = s0;
	rng->s[1] = s1;
	rng->s[2] = s2;
	rng->s[3] = s3;
}

G_END_DECLS
