/* tests for the limits on inputs (issue 9): the bounded reader and load.file confinement
 * (planner/base/input.c), strict values (planner/base/parse.c), schedules (planner/model/schedule.c), CSV
 * timestamps and spans (planner/profile.c), and the simulator's step and series limits */
/* symlink(), realpath(), mkfifo(), ftruncate(): POSIX 2008 with XSI */
#define _XOPEN_SOURCE 700

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test-util.h"
#include "input.h"
#include "loader.h"
#include "parse.h"
#include "plan-error.h"
#include "profile.h"
#include "schedule.h"
#include "simulate.h"

static char *
temp_dir(void)
{
	char *dir = g_dir_make_tmp("ecsplan-input-XXXXXX", NULL);
	g_assert_nonnull(dir);
	return dir;
}

/* ---- the bounded reader ---- */

static void
test_read_regular(void)
{
	g_autofree char *dir = temp_dir();
	g_autofree char *path = g_build_filename(dir, "model.json", NULL);
	g_autofree char *data = NULL;
	g_autoptr(GError) error = NULL;
	gsize length = 0;

	g_assert_true(g_file_set_contents(path, "{\"ecsplan\": 1}", -1, NULL));
	g_assert_true(plan_input_read(path, &plan_input_model, &data, &length, &error));
	g_assert_no_error(error);
	g_assert_cmpuint(length, ==, 14);
	g_assert_cmpstr(data, ==, "{\"ecsplan\": 1}");
	test_remove_tree(dir);
}

/* a sparse file one byte over the limit is refused from its size, before any read */
static void
test_read_over_limit(void)
{
	g_autofree char *dir = temp_dir();
	g_autofree char *path = g_build_filename(dir, "big.csv", NULL);
	g_autofree char *data = NULL;
	g_autoptr(GError) error = NULL;
	gsize length = 0;
	FILE *file = fopen(path, "w");

	g_assert_nonnull(file);
	g_assert_cmpint(ftruncate(fileno(file), (off_t)PLAN_INPUT_CSV_MAX + 1), ==, 0);
	fclose(file);
	g_assert_false(plan_input_read(path, &plan_input_csv, &data, &length, &error));
	g_assert_error(error, PLAN_ERROR, PLAN_ERROR_LIMIT);
	g_assert_nonnull(strstr(error->message, "it is 64.0 MiB, over the limit of 64 MiB for a "
						"load profile (docs/limits.md); resample it"));
	g_assert_null(data);
	test_remove_tree(dir);
}

/* /dev/zero never ends: read to one byte past the limit, then refused */
static void
test_read_endless_device(void)
{
	static const PlanInputKind small = {"model", 4096, "split it"};
	g_autofree char *data = NULL;
	g_autoptr(GError) error = NULL;
	gsize length = 0;

	g_assert_false(plan_input_read("/dev/zero", &small, &data, &length, &error));
	g_assert_error(error, PLAN_ERROR, PLAN_ERROR_LIMIT);
	g_assert_cmpstr(error->message, ==,
			"cannot read the model '/dev/zero': it holds more than 0 MiB, the limit "
			"for a model (docs/limits.md); split it");
}

/* a FIFO nobody writes to fails at once instead of waiting for ever */
static void
test_read_fifo_without_writer(void)
{
	g_autofree char *dir = temp_dir();
	g_autofree char *path = g_build_filename(dir, "fifo", NULL);
	g_autofree char *data = NULL;
	g_autoptr(GError) error = NULL;
	g_autofree char *expected = NULL;
	gsize length = 0;

	g_assert_cmpint(mkfifo(path, 0600), ==, 0);
	g_assert_false(plan_input_read(path, &plan_input_model, &data, &length, &error));
	g_assert_error(error, PLAN_ERROR, PLAN_ERROR_IO);
	expected = g_strdup_printf("cannot read the model '%s': it is a FIFO that no process "
				   "writes to; start the writer first, or give a regular file",
				   path);
	g_assert_cmpstr(error->message, ==, expected);
	test_remove_tree(dir);
}

static void
test_read_folder(void)
{
	g_autofree char *data = NULL;
	g_autoptr(GError) error = NULL;
	gsize length = 0;

	g_assert_false(plan_input_read("/", &plan_input_prices, &data, &length, &error));
	g_assert_error(error, PLAN_ERROR, PLAN_ERROR_IO);
	g_assert_cmpstr(error->message, ==, "cannot read the price book '/': it is a folder; give a file");
}

/* ---- load.file stays in the model's folder ---- */

static void
test_resolve_inside(void)
{
	g_autofree char *dir = temp_dir();
	g_autofree char *models = g_build_filename(dir, "models", NULL);
	g_autofree char *inside = g_build_filename(models, "load.csv", NULL);
	g_autofree char *outside = g_build_filename(dir, "secret.txt", NULL);
	g_autofree char *link = g_build_filename(models, "link.csv", NULL);
	g_autofree char *resolved = NULL;
	g_autofree char *real_inside = NULL;
	g_autoptr(GError) error = NULL;

	g_assert_cmpint(g_mkdir(models, 0700), ==, 0);
	g_assert_true(g_file_set_contents(inside, "1704067200,1\n", -1, NULL));
	g_assert_true(g_file_set_contents(outside, "password\n", -1, NULL));
	g_assert_cmpint(symlink(outside, link), ==, 0);
	real_inside = realpath(inside, NULL);

	resolved = plan_input_resolve_inside(models, "load.csv", FALSE, "load.file", &error);
	g_assert_no_error(error);
	g_assert_cmpstr(resolved, ==, real_inside);
	g_clear_pointer(&resolved, g_free);

	resolved = plan_input_resolve_inside(models, "../secret.txt", FALSE, "load.file", &error);
	g_assert_null(resolved);
	g_assert_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL);
	g_assert_nonnull(strstr(error->message, "load.file '../secret.txt' leads outside the "
						"model's folder"));
	g_assert_nonnull(strstr(error->message, "--allow-outside-files"));
	g_clear_error(&error);

	/* a path that does not exist outside says nothing about what is there */
	resolved = plan_input_resolve_inside(models, "../../../etc/nothing-here", FALSE,
					     "load.file", &error);
	g_assert_null(resolved);
	g_assert_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL);
	g_clear_error(&error);

	resolved = plan_input_resolve_inside(models, "/etc/passwd", FALSE, "load.file", &error);
	g_assert_null(resolved);
	g_assert_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL);
	g_assert_nonnull(strstr(error->message, "load.file '/etc/passwd' is an absolute path"));
	g_clear_error(&error);

	resolved = plan_input_resolve_inside(models, "link.csv", FALSE, "load.file", &error);
	g_assert_null(resolved);
	g_assert_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL);
	g_assert_nonnull(strstr(error->message, "(through '..' or a symbolic link)"));
	g_clear_error(&error);

	/* the user's choice */
	resolved = plan_input_resolve_inside(models, "/etc/passwd", TRUE, "load.file", &error);
	g_assert_no_error(error);
	g_assert_cmpstr(resolved, ==, "/etc/passwd");
	test_remove_tree(dir);
}

/* ---- excerpts ---- */

static void
test_excerpt(void)
{
	g_autofree char *big = g_strnfill(50 * 1000 * 1000, 'A');
	g_autofree char *cut = plan_text_excerpt(big, -1);
	g_autofree char *controls = plan_text_excerpt("a\033]0;owned\007b\nc\342\200\256d\377", -1);
	g_autofree char *expected = g_strdup_printf("%s... (50000000 bytes)", big + 50000000 - 80);

	g_assert_cmpstr(cut, ==, expected);
	g_assert_cmpstr(controls, ==, "a\\x1b]0;owned\\x07b\\nc\\u{202e}d\\xff");
}

/* ---- values ---- */

static void
test_parse_duration(void)
{
	static const struct {
		const char *text;
		gint64 seconds; /* -1: refused */
	} cases[] = {
	    {"7d", 7 * 86400}, {"6h", 21600},	{"90m", 5400},	 {"60s", 60},	 {"3600", 3600},
	    {"1.5h", 5400},    {".5m", 30},	{"2w", 1209600}, {"0.5s", -1},	 {"1.01m", -1},
	    {"0x10", -1},      {"1e3", -1},	{"-5s", -1},	 {"+5s", -1},	 {" 5s", -1},
	    {"5 s", -1},       {"", -1},	{"s", -1},	 {".", -1},	 {"inf", -1},
	    {"nan", -1},       {"5300w", -1},	{"5200w", 5200 * G_GINT64_CONSTANT(604800)},
	    {"1.0000000001h", -1},
	};

	for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_autoptr(GError) error = NULL;
		gint64 seconds = -1;
		gboolean ok = plan_parse_duration(cases[i].text, &seconds, &error);
		if (cases[i].seconds < 0) {
			g_assert_false(ok);
			g_assert_error(error, PLAN_ERROR, PLAN_ERROR_USAGE);
		} else {
			g_assert_no_error(error);
			g_assert_cmpint(seconds, ==, cases[i].seconds);
		}
	}
	{
		g_autoptr(GError) error = NULL;
		gint64 seconds = 0;
		g_assert_false(plan_parse_duration("0.5s", &seconds, &error));
		g_assert_cmpstr(error->message, ==,
				"the duration '0.5s' is not a whole number of seconds; the shortest "
				"step is 1s");
	}
}

static void
test_parse_numbers(void)
{
	g_autoptr(GError) error = NULL;
	guint64 count = 0;
	double value = 0;

	g_assert_true(plan_parse_count("--runs", "16", 1, 100, &count, &error));
	g_assert_cmpuint(count, ==, 16);
	g_assert_false(plan_parse_count("--runs", "0x10", 1, 100, &count, &error));
	g_assert_cmpstr(error->message, ==,
			"--runs '0x10' is not a whole number from 1 to 100; write it in decimal "
			"digits");
	g_clear_error(&error);
	g_assert_false(plan_parse_count("--runs", "-1", 1, 100, &count, &error));
	g_clear_error(&error);
	g_assert_false(plan_parse_count("--runs", "101", 1, 100, &count, &error));
	g_clear_error(&error);

	g_assert_true(plan_parse_decimal("730", &value));
	g_assert_cmpfloat(value, ==, 730);
	g_assert_true(plan_parse_decimal("182.5", &value));
	g_assert_cmpfloat(value, ==, 182.5);
	g_assert_false(plan_parse_decimal("0x10", &value));
	g_assert_false(plan_parse_decimal("1e3", &value));
	g_assert_false(plan_parse_decimal("-1", &value));
	g_assert_false(plan_parse_decimal("1.2.3", &value));
	g_assert_false(plan_parse_decimal("", &value));
}

/* ---- schedules ---- */

static void
test_schedule_bad_items(void)
{
	static const char *const bad[] = {
	    "cron(1,,2 * * * ? *)", "cron(/5 * * * ? *)", "cron(, * * * ? *)",
	    "cron(0 8 ? * MON-FRI, *)", "cron(0 /2 * * ? *)", "cron(5- * * * ? *)",
	    "cron(-5 * * * ? *)", "cron(0/0 * * * ? *)", "cron(+5 * * * ? *)",
	    "rate(0x10 minutes)", "rate(+5 minutes)", "at(0.5s)", "cron(0 8 * * ? 1969)",
	};

	for (guint i = 0; i < G_N_ELEMENTS(bad); i++) {
		g_autoptr(GError) error = NULL;
		g_autoptr(GArray) steps = NULL;
		g_assert_false(plan_schedule_check(bad[i], &error));
		g_assert_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL);
		g_clear_error(&error);
		steps = plan_schedule_steps(bad[i], 1704067200, 60, 1440, PLAN_SCHEDULE_MAX_FIRES,
					    &error);
		g_assert_null(steps);
		g_assert_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL);
	}
	{
		g_autoptr(GError) error = NULL;
		g_assert_false(plan_schedule_check("cron(1,,2 * * * ? *)", &error));
		g_assert_cmpstr(error->message, ==,
				"cannot read the minutes field '1,,2' (0 to 59, as a, a-b, a/n, "
				"a-b/n, */n or *, separated by commas)");
	}
}

/* every minute for 100 years would be 52 million fires: refused at the limit */
static void
test_schedule_fire_limit(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GArray) steps = plan_schedule_steps(
	    "cron(* * * * ? *)", 1704067200, 60, 100 * 365 * 1440, PLAN_SCHEDULE_MAX_FIRES, &error);
	g_autoptr(GArray) daily = NULL;

	g_assert_null(steps);
	g_assert_error(error, PLAN_ERROR, PLAN_ERROR_LIMIT);
	g_assert_nonnull(strstr(error->message, "fire more than 1000000 times in the run"));
	g_clear_error(&error);
	/* once a day for 100 years: 36,500 fires, found day by day */
	daily = plan_schedule_steps("cron(30 8 * * ? *)", 1704067200, 60, 100 * 365 * 1440,
				    PLAN_SCHEDULE_MAX_FIRES, &error);
	g_assert_no_error(error);
	g_assert_cmpuint(daily->len, ==, 36500);
	g_assert_cmpint(g_array_index(daily, gint64, 0), ==, 8 * 60 + 30);
	g_assert_cmpint(g_array_index(daily, gint64, 1), ==, 1440 + 8 * 60 + 30);
}

/* ---- CSV profiles ---- */

static PlanProfile *
csv_profile(const char *text, gint64 step_s, GError **error)
{
	static GPtrArray *spikes = NULL;
	PlanLoad load = {0};
	PlanProfileClock clock = {.start_unix = 1704067200, .step_s = step_s, .duration_s = 86400,
				  .base_rps = 100};

	if (spikes == NULL)
		spikes = g_ptr_array_new();
	load.profile = PLAN_PROFILE_CSV;
	load.spikes = spikes;
	return plan_profile_new_csv(text, strlen(text), "load.csv", &load, &clock, error);
}

/* timestamps near 5.8e17 s made the resampler read index -1; they are refused now */
static void
test_csv_huge_timestamps(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(PlanProfile) profile =
	    csv_profile("580000000000000000,1\n580000000000000060,2\n", 60, &error);

	g_assert_null(profile);
	g_assert_error(error, PLAN_ERROR, PLAN_ERROR_LIMIT);
	g_assert_cmpstr(error->message, ==,
			"load.csv:1: the timestamp '580000000000000000' is outside 1970-01-01 to "
			"9999-12-31 (docs/limits.md); give ISO 8601 or epoch seconds "
			"(milliseconds above 10^11) in those years");
	g_clear_error(&error);
	/* in milliseconds: what crashed */
	profile = csv_profile("580000000000000000000,1\n580000000000000060000,2\n", 60, &error);
	g_assert_null(profile);
	g_assert_error(error, PLAN_ERROR, PLAN_ERROR_LIMIT);
	g_clear_error(&error);
	profile = csv_profile("-1,5\n", 60, &error);
	g_assert_null(profile);
	g_assert_error(error, PLAN_ERROR, PLAN_ERROR_LIMIT);
	g_clear_error(&error);
	/* the last second of 9999 is fine */
	profile = csv_profile("253402300740,1\n253402300799,3\n", 60, &error);
	g_assert_no_error(error);
	g_assert_cmpfloat(plan_profile_base(profile, 0), ==, 2);
}

/* two rows 3,000 years apart asked for 34 GB */
static void
test_csv_span_limit(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(PlanProfile) profile =
	    csv_profile("2000-01-01T00:00:00Z,1\n5000-01-01T00:00:00Z,2\n", 60, &error);

	g_assert_null(profile);
	g_assert_error(error, PLAN_ERROR, PLAN_ERROR_LIMIT);
	g_assert_nonnull(strstr(error->message, "load.csv: the rows span "));
	g_assert_nonnull(strstr(error->message, "steps of 60 s, over the limit of 10000000 steps "
						"(docs/limits.md); use a longer --step"));
}

/* found by fuzz-csv: 1e308 next to a small value overflowed the interpolation to infinity */
static void
test_csv_huge_value(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(PlanProfile) profile =
	    csv_profile("0,2\n100,2\n200,1e308,20\n7120,5\n", 60, &error);
	double demand[4];

	g_assert_null(profile);
	g_assert_error(error, PLAN_ERROR, PLAN_ERROR_LIMIT);
	g_assert_cmpstr(error->message, ==,
			"load.csv:3: the value '1e308' is over 1000000000 requests per second, the "
			"limit (docs/limits.md); give requests per second, or use \"scale\" to "
			"convert");
	g_clear_error(&error);
	/* at the limit the interpolated steps stay finite */
	profile = csv_profile("0,2\n100,2\n200,1e9\n7120,5\n", 60, &error);
	g_assert_no_error(error);
	plan_profile_fill(profile, 0, G_N_ELEMENTS(demand), NULL, demand);
	g_assert_cmpfloat_with_epsilon(demand[2], 2 + (1e9 - 2) * 0.2, 1e-3);
	g_assert_cmpfloat(demand[3], ==, 1e9);
}

/* a 50 MB cell is quoted by its first 80 characters only */
static void
test_csv_long_cell(void)
{
	g_autofree char *cell = g_strnfill(50 * 1000 * 1000, 'x');
	g_autofree char *text = g_strdup_printf("1704067200,1\n1704067260,%s\n", cell);
	g_autoptr(GError) error = NULL;
	g_autoptr(GArray) times = NULL;
	g_autoptr(GArray) values = NULL;
	g_autofree char *expected = g_strdup_printf(
	    "load.csv:2: the value '%.80s... (50000000 bytes)' is not a number", cell);

	g_assert_false(plan_profile_csv_read(text, strlen(text), "load.csv", &times, &values, &error));
	g_assert_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL);
	g_assert_cmpstr(error->message, ==, expected);
}

/* ---- the simulator's own limits ---- */

static void
test_simulate_limits(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(PlanModel) model = plan_model_load_builtin(NULL, &error);
	g_autoptr(PlanSimResult) result = NULL;
	PlanSimOptions options;

	g_assert_no_error(error);
	/* 100 years in 1-second steps asked for 200 GB with a time series */
	plan_sim_options_init(&options);
	options.duration_s = PLAN_PARSE_DURATION_MAX;
	options.step_s = 1;
	result = plan_simulate(model, &options, &error);
	g_assert_null(result);
	g_assert_error(error, PLAN_ERROR, PLAN_ERROR_LIMIT);
	g_assert_cmpstr(error->message, ==,
			"3162240000 steps of 1 s are over the limit of 60000000 steps in a run "
			"(docs/limits.md); use a longer --step or a shorter --duration");
	g_clear_error(&error);

	/* 100 years of minutes is allowed, but not as a time series */
	options.step_s = 60;
	options.series = PLAN_SIM_SERIES_EVERY_STEP;
	result = plan_simulate(model, &options, &error);
	g_assert_null(result);
	g_assert_error(error, PLAN_ERROR, PLAN_ERROR_LIMIT);
	g_assert_nonnull(strstr(error->message, "a time series of 52704000 steps × "));
	g_assert_nonnull(strstr(error->message, "over the limit of 5000000 points "
						"(docs/limits.md)"));
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/input/read/regular", test_read_regular);
	g_test_add_func("/input/read/over-limit", test_read_over_limit);
	g_test_add_func("/input/read/endless-device", test_read_endless_device);
	g_test_add_func("/input/read/fifo-without-writer", test_read_fifo_without_writer);
	g_test_add_func("/input/read/folder", test_read_folder);
	g_test_add_func("/input/resolve-inside", test_resolve_inside);
	g_test_add_func("/input/excerpt", test_excerpt);
	g_test_add_func("/input/parse/duration", test_parse_duration);
	g_test_add_func("/input/parse/numbers", test_parse_numbers);
	g_test_add_func("/input/schedule/bad-items", test_schedule_bad_items);
	g_test_add_func("/input/schedule/fire-limit", test_schedule_fire_limit);
	g_test_add_func("/input/csv/huge-timestamps", test_csv_huge_timestamps);
	g_test_add_func("/input/csv/span-limit", test_csv_span_limit);
	g_test_add_func("/input/csv/long-cell", test_csv_long_cell);
	g_test_add_func("/input/csv/huge-value", test_csv_huge_value);
	g_test_add_func("/input/simulate/limits", test_simulate_limits);
	return g_test_run();
}
