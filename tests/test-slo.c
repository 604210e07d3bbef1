/* tests for the service level of `ecsplan optimize` (planner/optimize/slo.c): the grammar of
 * docs/optimize.md, its canonical form, every refusal with its exact message, and the check of
 * a candidate's measures against it */
#include <math.h>
#include <string.h>

#include "optimize.h"
#include "plan-error.h"
#include "slo.h"

/* ---- expressions that read ---- */

static const struct {
	const char *text;
	double unmet;
	double pending; /* minutes */
	double p95util;
	gboolean az_loss;
	double spot;
	const char *canonical;
} slo_good[] = {
    {"unmet<=0.1%", 0.1, -1, -1, FALSE, -1, "unmet<=0.1%"},
    /* every term; white space, both separators, trailing zeros and a duration in seconds:
     * 1800 s / 60 = 30 minutes */
    {" unmet <= 0.10% && pending<=1800s , p95util<=80%,az-loss,spot<=50% ", 0.1, 30, 80, TRUE,
     50, "unmet<=0.1%,pending<=30m,p95util<=80%,az-loss,spot<=50%"},
    /* canonical order whatever the written order */
    {"spot<=0%&&az-loss&&unmet<=0.001%", 0.001, -1, -1, TRUE, 0,
     "unmet<=0.001%,az-loss,spot<=0%"},
    /* 0.5 h = 1800 s = 30 minutes; 1.5 m = 90 s is no whole minute: written in seconds */
    {"pending<=0.5h", -1, 30, -1, FALSE, -1, "pending<=30m"},
    {"pending<=1.5m", -1, 1.5, -1, FALSE, -1, "pending<=90s"},
    {"pending<=90s", -1, 1.5, -1, FALSE, -1, "pending<=90s"},
    /* 1 d = 1440 minutes; 1 w = 10080 minutes */
    {"pending<=1d", -1, 1440, -1, FALSE, -1, "pending<=1440m"},
    {"pending<=1w", -1, 10080, -1, FALSE, -1, "pending<=10080m"},
    {"pending<=0s", -1, 0, -1, FALSE, -1, "pending<=0m"},
    /* the bounds of a percentage; ".5" and "5." are numbers */
    {"unmet<=0%,p95util<=100%", 0, -1, 100, FALSE, -1, "unmet<=0%,p95util<=100%"},
    {"unmet<=.5%,spot<=5.%", 0.5, -1, -1, FALSE, 5, "unmet<=0.5%,spot<=5%"},
    {"az-loss", -1, -1, -1, TRUE, -1, "az-loss"},
    /* 15 digits and 9 decimals are the most a number has; a small one is written without an
     * exponent, which the grammar does not read */
    {"unmet<=0.000000001%", 1e-9, -1, -1, FALSE, -1, "unmet<=0.000000001%"},
    {"unmet<=00000.00001200%", 1.2e-5, -1, -1, FALSE, -1, "unmet<=0.000012%"},
    {"unmet<=12.345678901%", 12.345678901, -1, -1, FALSE, -1, "unmet<=12.345678901%"},
};

static void
test_parse_good(void)
{
	for (guint i = 0; i < G_N_ELEMENTS(slo_good); i++) {
		g_autoptr(GError) error = NULL;
		g_autoptr(PlanSlo) slo = plan_slo_parse(slo_good[i].text, &error);
		g_autoptr(PlanSlo) again = NULL;
		g_autofree char *canonical = NULL;
		g_autofree char *twice = NULL;

		g_test_message("%s", slo_good[i].text);
		g_assert_no_error(error);
		g_assert_nonnull(slo);
		g_assert_cmpfloat(slo->max_unmet_pct, ==, slo_good[i].unmet);
		g_assert_cmpfloat(slo->max_pending_minutes, ==, slo_good[i].pending);
		g_assert_cmpfloat(slo->max_p95_util_pct, ==, slo_good[i].p95util);
		g_assert_cmpint(slo->require_az_survival, ==, slo_good[i].az_loss);
		g_assert_cmpfloat(slo->max_spot_pct, ==, slo_good[i].spot);
		canonical = plan_slo_to_string(slo);
		g_assert_cmpstr(canonical, ==, slo_good[i].canonical);
		/* the canonical form reads back as the same record, and prints the same */
		again = plan_slo_parse(canonical, &error);
		g_assert_no_error(error);
		g_assert_true(memcmp(again, slo, sizeof *slo) == 0);
		twice = plan_slo_to_string(again);
		g_assert_cmpstr(twice, ==, canonical);
	}
}

static void
test_empty_record(void)
{
	g_autoptr(PlanSlo) slo = plan_slo_new();
	g_autofree char *text = plan_slo_to_string(slo);

	g_assert_cmpstr(text, ==, "");
	g_assert_cmpfloat(slo->max_unmet_pct, <, 0);
	g_assert_cmpfloat(slo->max_spot_pct, <, 0);
}

/* ---- expressions that do not: the exact message ---- */

#define P "cannot read the service level "

static const struct {
	const char *text;
	const char *message;
} slo_bad[] = {
    {"", "the service level is empty; give terms such as 'unmet<=0.1%' or "
	 "'unmet<=0.1%,pending<=30m,az-loss'"},
    {" \t ", "the service level is empty; give terms such as 'unmet<=0.1%' or "
	     "'unmet<=0.1%,pending<=30m,az-loss'"},
    {"unmet<0.1%", P "'unmet<0.1%': column 6: expected '<=' after 'unmet' (as in unmet<=0.1%), "
		   "got '<'"},
    {"unmet>=1%", P "'unmet>=1%': column 6: expected '<=' after 'unmet' (as in unmet<=0.1%), "
		  "got '>='"},
    {"unmet=1%", P "'unmet=1%': column 6: expected '<=' after 'unmet' (as in unmet<=0.1%), "
		 "got '='"},
    {"unmet", P "'unmet': column 6: expected '<=' after 'unmet' (as in unmet<=0.1%), got the "
	      "end of the expression"},
    /* U+2264 is not "<=" */
    {"unmet\xe2\x89\xa4" "1%", P "'unmet\xe2\x89\xa4" "1%': column 6: expected '<=' after "
			       "'unmet' (as in unmet<=0.1%), got '\xe2\x89\xa4'"},
    {"unmet<=0.1", P "'unmet<=0.1': column 11: expected '%' after '0.1' (unmet is a "
		   "percentage, as in unmet<=0.1%), got the end of the expression"},
    {"unmet<=1e-3%", P "'unmet<=1e-3%': column 9: expected '%' after '1' (unmet is a "
		     "percentage, as in unmet<=0.1%), got 'e-3'"},
    {"unmet<=150%", P "'unmet<=150%': column 8: unmet is a percentage from 0% to 100%, got "
		    "150%"},
    {"spot<=100.5%", P "'spot<=100.5%': column 7: spot is a percentage from 0% to 100%, got "
		     "100.5%"},
    {"unmet<=%", P "'unmet<=%': column 8: expected a number after 'unmet<=' (as in "
		 "unmet<=0.1%), got '%'"},
    {"unmet<=-1%", P "'unmet<=-1%': column 8: expected a number after 'unmet<=' (as in "
		   "unmet<=0.1%), got '-1'"},
    {"unmet<=1.2.3%", P "'unmet<=1.2.3%': column 8: expected a decimal number of at most 15 "
		      "digits and 9 decimals after 'unmet<=' (as in unmet<=0.1%), got '1.2.3'"},
    {"unmet<=.%", P "'unmet<=.%': column 8: expected a decimal number of at most 15 digits "
		  "and 9 decimals after 'unmet<=' (as in unmet<=0.1%), got '.'"},
    {"unmet<=12345678901234567%", P "'unmet<=12345678901234567%': column 8: expected a decimal "
				    "number of at most 15 digits and 9 decimals after 'unmet<=' "
				    "(as in unmet<=0.1%), got '12345678901234567'"},
    /* the fuzzer's first finding: 10^-15 was read, but written as 0 (seeds-slo/19) */
    {"unmet<=.000000000000001%", P "'unmet<=.000000000000001%': column 8: expected a decimal "
				 "number of at most 15 digits and 9 decimals after 'unmet<=' (as "
				 "in unmet<=0.1%), got '.000000000000001'"},
    {"unmet<=0.0000000001%", P "'unmet<=0.0000000001%': column 8: expected a decimal number of "
			     "at most 15 digits and 9 decimals after 'unmet<=' (as in "
			     "unmet<=0.1%), got '0.0000000001'"},
    {"unmt<=1%", P "'unmt<=1%': column 1: unknown measure 'unmt' (did you mean 'unmet'?)"},
    {"Unmet<=1%", P "'Unmet<=1%': column 1: unknown measure 'Unmet' (did you mean 'unmet'?)"},
    {"p95<=80%", P "'p95<=80%': column 1: unknown measure 'p95'; expected unmet, pending, "
		 "p95util, az-loss or spot"},
    {"cost<=5", P "'cost<=5': column 1: unknown measure 'cost'; expected unmet, pending, "
		"p95util, az-loss or spot"},
    {"<=1%", P "'<=1%': column 1: expected a term: unmet<=P%, pending<=D, p95util<=P%, az-loss "
	     "or spot<=P%; got '<'"},
    {"unmet<=1%,unmet<=2%", P "'unmet<=1%,unmet<=2%': column 11: 'unmet' is given twice "
			      "(first at column 1)"},
    {"az-loss && az-loss", P "'az-loss && az-loss': column 12: 'az-loss' is given twice "
			     "(first at column 1)"},
    {"unmet<=1%,", P "'unmet<=1%,': column 11: expected a term after the last separator, got "
		   "the end of the expression"},
    {"unmet<=1% && ", P "'unmet<=1% && ': column 14: expected a term after the last "
		      "separator, got the end of the expression"},
    {"unmet<=1%,,spot<=1%", P "'unmet<=1%,,spot<=1%': column 11: expected a term: unmet<=P%, "
			      "pending<=D, p95util<=P%, az-loss or spot<=P%; got ','"},
    {"unmet<=1% spot<=1%", P "'unmet<=1% spot<=1%': column 11: expected ',', '&&' or the end "
			     "after the term 'unmet<=1%', got 'spot'"},
    {"unmet<=1%&spot<=1%", P "'unmet<=1%&spot<=1%': column 10: expected ',', '&&' or the end "
			     "after the term 'unmet<=1%', got '&'"},
    {"unmet<=1%;spot<=2%", P "'unmet<=1%;spot<=2%': column 10: expected ',', '&&' or the end "
			     "after the term 'unmet<=1%', got ';'"},
    {"unmet<=1%|| spot<=2%", P "'unmet<=1%|| spot<=2%': column 10: expected ',', '&&' or the "
			       "end after the term 'unmet<=1%', got '|'"},
    {"p95util<=80%%", P "'p95util<=80%%': column 13: expected ',', '&&' or the end after the "
		      "term 'p95util<=80%', got '%'"},
    {"pending<=30", P "'pending<=30': column 12: expected a unit s, m, h, d or w after '30' (as "
		    "in pending<=30m), got the end of the expression"},
    {"pending<=30x", P "'pending<=30x': column 12: expected a unit s, m, h, d or w after '30' "
		     "(as in pending<=30m), got 'x'"},
    {"pending<=30%", P "'pending<=30%': column 12: expected a unit s, m, h, d or w after '30' "
		     "(as in pending<=30m), got '%'"},
    /* "30min": the unit is 'm', then "in" is no separator */
    {"pending<=30min", P "'pending<=30min': column 13: expected ',', '&&' or the end after the "
		       "term 'pending<=30m', got 'in'"},
    {"pending<=0.5s", P "'pending<=0.5s': column 10: pending is whole seconds (the shortest is "
		      "1s), got 0.5s"},
    /* 5300 weeks = 101.6 years of 365 days; 100 years of 366 days is the most */
    {"pending<=5300w", P "'pending<=5300w': column 10: pending is at most 100 years, got 5300w"},
    {"az-loss<=1%", P "'az-loss<=1%': column 8: 'az-loss' takes no bound: it holds when the "
		    "service recovers from the loss of one AZ; expected ',', '&&' or the end"},
    /* control characters are shown escaped, in the expression and in what was found */
    {"unmet<=1%\x01", P "'unmet<=1%\\x01': column 10: expected ',', '&&' or the end after the "
		      "term 'unmet<=1%', got '\\x01'"},
    {"unmet<=1%\nspot<=1%", P "'unmet<=1%\\nspot<=1%': column 10: expected ',', '&&' or the "
			      "end after the term 'unmet<=1%', got '\\n'"},
};

static void
test_parse_bad(void)
{
	for (guint i = 0; i < G_N_ELEMENTS(slo_bad); i++) {
		g_autoptr(GError) error = NULL;
		g_autoptr(PlanSlo) slo = plan_slo_parse(slo_bad[i].text, &error);

		g_test_message("%s", slo_bad[i].text);
		g_assert_null(slo);
		g_assert_error(error, PLAN_ERROR, PLAN_ERROR_USAGE);
		g_assert_cmpstr(error->message, ==, slo_bad[i].message);
	}
}

static void
test_parse_too_long(void)
{
	/* 1001 bytes: "unmet<=1%" then spaces */
	g_autoptr(GString) text = g_string_new("unmet<=1%");
	g_autoptr(GError) error = NULL;
	g_autoptr(PlanSlo) slo = NULL;

	while (text->len < PLAN_SLO_MAX_LENGTH)
		g_string_append_c(text, ' ');
	slo = plan_slo_parse(text->str, &error);
	g_assert_no_error(error);
	g_assert_nonnull(slo);
	g_clear_pointer(&slo, plan_slo_free);
	g_string_append_c(text, ' ');
	slo = plan_slo_parse(text->str, &error);
	g_assert_null(slo);
	g_assert_error(error, PLAN_ERROR, PLAN_ERROR_USAGE);
	g_assert_cmpstr(error->message, ==,
			"the service level is 1001 bytes long; the most is 1000 (docs/limits.md)");
}

/* ---- the check ---- */

static PlanOptMeasures
measures(double unmet, double pending, double p95, gboolean survived, double spot)
{
	PlanOptMeasures m = {0};

	m.unmet_pct = unmet;
	m.pending_minutes = pending;
	m.p95_util_pct = p95;
	m.az_survived = survived;
	m.spot_pct = spot;
	m.complete = TRUE;
	return m;
}

static void
test_met(void)
{
	g_autoptr(PlanSlo) slo =
	    plan_slo_parse("unmet<=0.1%,pending<=30m,p95util<=80%,az-loss,spot<=50%", NULL);
	g_autoptr(PlanSlo) none = plan_slo_new();
	g_autoptr(PlanSlo) unmet = plan_slo_parse("unmet<=0.1%", NULL);
	PlanOptMeasures m;
	char *why = (char *)"unset";

	/* on every bound is met: the bounds are inclusive */
	m = measures(0.1, 30, 80, TRUE, 50);
	g_assert_true(plan_slo_met(slo, &m, &why));
	g_assert_null(why);
	g_assert_true(plan_slo_met(slo, &m, NULL));

	/* a service that unmet 1,200 of 1,000,000 requests: 0.12 % > 0.1 % */
	m = measures(1200.0 / 1000000 * 100, 12, 64.5, TRUE, 0);
	g_assert_false(plan_slo_met(slo, &m, &why));
	g_assert_cmpstr(why, ==, "unmet 0.12% > 0.1%");
	g_clear_pointer(&why, g_free);

	/* every term failing, in canonical order; 45 minutes pending */
	m = measures(2.5, 45, 91.25, FALSE, 100);
	g_assert_false(plan_slo_met(slo, &m, &why));
	g_assert_cmpstr(why, ==,
			"unmet 2.5% > 0.1%; pending 45m > 30m; p95util 91.25% > 80%; does not "
			"recover from the AZ loss; spot 100% > 50%");
	g_clear_pointer(&why, g_free);

	/* just over the bound: never printed as the bound itself (0.1000001 is "0.1" at 4
	 * significant digits) */
	m = measures(0.1000001, 0, 0, TRUE, 0);
	g_assert_false(plan_slo_met(unmet, &m, &why));
	g_assert_cmpstr(why, ==, "unmet 0.1000001% > 0.1%");
	g_clear_pointer(&why, g_free);

	/* a term left out constrains nothing */
	m = measures(50, 1e6, 100, FALSE, 100);
	g_assert_true(plan_slo_met(none, &m, &why));
	g_assert_null(why);
	g_assert_false(plan_slo_met(unmet, &m, &why));
	g_assert_cmpstr(why, ==, "unmet 50% > 0.1%");
	g_clear_pointer(&why, g_free);

	/* nothing measured (NaN) does not meet a bound */
	m = measures(NAN, 0, 0, TRUE, 0);
	g_assert_false(plan_slo_met(unmet, &m, NULL));
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/planner/slo/parse-good", test_parse_good);
	g_test_add_func("/planner/slo/empty-record", test_empty_record);
	g_test_add_func("/planner/slo/parse-bad", test_parse_bad);
	g_test_add_func("/planner/slo/too-long", test_parse_too_long);
	g_test_add_func("/planner/slo/met", test_met);
	return g_test_run();
}
