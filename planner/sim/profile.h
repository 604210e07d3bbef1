/* ecsplan: load profiles — a service's demand in requests per second at each simulation step:
 * built-in shapes (constant, diurnal, weekly, spike, ramp) and CSV series (timestamp,value),
 * with optional spikes and multiplicative noise. docs/simulation.md describes each shape. */
#pragma once

#include <glib.h>

#include "model.h"
#include "rng.h"

G_BEGIN_DECLS

/* the clock a profile is laid on (a plain record) */
typedef struct {
	gint64 start_unix;    /* the wall-clock time of step 0, seconds since 1970 (UTC) */
	gint64 step_s;	      /* seconds per step, > 0 */
	gint64 duration_s;    /* the run's length: ramps default to it */
	double base_rps;      /* the level shapes use for figures the model leaves out */
	const char *base_dir; /* a relative CSV path is read from here (nullable: the cwd) */
	gboolean allow_outside; /* FALSE: load.file must lead to a file inside base_dir */
} PlanProfileClock;

/* CSV timestamps: from 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z */
#define PLAN_PROFILE_CSV_TIME_MAX G_GINT64_CONSTANT(253402300799)
/* the largest CSV value: a billion requests per second, as the model's traffic figures */
#define PLAN_PROFILE_CSV_MAX_VALUE 1e9
/* the most steps a CSV series may span once laid on the step (80 MB of table) */
#define PLAN_PROFILE_CSV_MAX_STEPS G_GINT64_CONSTANT(10000000)

typedef struct _PlanProfile PlanProfile;

/* Builds the profile @load describes on @clock. A CSV profile reads its file now: a relative
 * path from clock->base_dir, and only inside it unless clock->allow_outside. Fails with
 * PLAN_ERROR_IO when the file cannot be read, PLAN_ERROR_LIMIT when it is over a limit of
 * docs/limits.md, and PLAN_ERROR_INVALID_MODEL ("file:line: ...") when its content is wrong
 * or the path leads outside the folder.
 * Returns: (transfer full) */
PlanProfile *plan_profile_new(const PlanLoad *load, const PlanProfileClock *clock,
			      GError **error) G_GNUC_WARN_UNUSED_RESULT;
/* a CSV profile from text in memory; @display_name names it in messages */
PlanProfile *plan_profile_new_csv(const char *data, gsize length, const char *display_name,
				  const PlanLoad *load, const PlanProfileClock *clock,
				  GError **error) G_GNUC_WARN_UNUSED_RESULT;
void plan_profile_free(PlanProfile *profile);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(PlanProfile, plan_profile_free)

/* the demand at step @step without noise */
double plan_profile_base(const PlanProfile *profile, gint64 step);
/* Writes the demand of steps @first .. @first + @n − 1 into @out, noise drawn from @rng in
 * step order (so the stream does not depend on how the steps are chunked). Never allocates:
 * this is what the simulator's step loop calls. */
void plan_profile_fill(const PlanProfile *profile, gint64 first, guint n, PlanRng *rng,
		       double *out);
/* the steps plan_profile_fill() writes in one pass without a second over @out (the
 * simulator's chunk); more are written in two */
#define PLAN_PROFILE_FILL_MAX 1024u
/* the noise's standard deviation as a fraction (0: none) */
double plan_profile_noise(const PlanProfile *profile);
/* "diurnal 200–1200 rps, peak 14:00" for reports. Returns: (transfer none) */
const char *plan_profile_describe(const PlanProfile *profile);

/* "constant", "diurnal", ... */
const char *plan_profile_kind_to_string(PlanProfileKind kind);
/* the built-in shape named @name (csv excluded); FALSE when there is none */
gboolean plan_profile_kind_from_string(const char *name, PlanProfileKind *kind);

/* the CSV reader on its own: samples (time in seconds since 1970, value) in file order.
 * Timestamps are ISO 8601 (UTC when no offset is given) or epoch seconds (milliseconds when
 * above 10^11), from 1970 to 9999 (PLAN_PROFILE_CSV_TIME_MAX), values 0 to
 * PLAN_PROFILE_CSV_MAX_VALUE; a first row whose value is not a
 * number is a header. Rows must be in strictly increasing time. Messages quote at most a short
 * excerpt of a cell (plan_text_excerpt()). Errors name "@display_name:LINE". @times and @values: (out) (transfer full) */
gboolean plan_profile_csv_read(const char *data, gsize length, const char *display_name,
			       GArray **times, GArray **values, GError **error);
/* the steps of @step_s the samples span (what plan_profile_resample() returns) */
gint64 plan_profile_span_steps(const GArray *times, gint64 step_s);
/* resamples samples onto steps of @step_s starting at @times[0]: a step that holds samples
 * gets their mean; one that holds none is interpolated linearly at its start (held flat past
 * the last sample). The samples may span at most PLAN_PROFILE_CSV_MAX_STEPS steps.
 * Returns: (transfer full) a GArray of double, one per step of the series */
GArray *plan_profile_resample(const GArray *times, const GArray *values,
			      gint64 step_s) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
