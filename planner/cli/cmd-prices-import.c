/* ecsplan prices import FILE...: AWS Price List offer files -> a price book for --prices;
 * `aws ec2 describe-instance-types` output -> the instance table (the cache, or the book) */
#include "cli.h"

#include <errno.h>
#include <string.h>

#include <glib/gstdio.h>

#include "compat.h"
#include "instance-import.h"
#include "json-util.h"
#include "offer-import.h"
#include "plan-error.h"
#include "regions.h"
#include "text.h"

static const PlanCommand plan_prices_import_command = {
    "prices import",
    "FILE...",
    "Read AWS Price List offer files in JSON or CSV (" PLAN_OFFER_CODES
    ") into a price book, and `aws ec2 describe-instance-types` output into the instance table",
    "  ecsplan prices import tests/prices/AmazonEC2-ap-south-1.json "
    "tests/prices/AmazonECS-ap-south-1.json -o ap-south-1.json\n"
    "  (then 'ecsplan cost --prices ap-south-1.json MODEL' for a model in ap-south-1)\n"
    "  ecsplan prices import tests/prices/AmazonRDS-ap-south-1.csv -o rds.json"
    "   # the CSV flavour, known by its content\n"
    "  ecsplan prices import tests/prices/describe-instance-types.json"
    "   # refreshes the cached instance table",
    "0 success, 1 the book cannot be written, 2 an unreadable offer file or usage error",
    NULL,
};

static void
cmd_prices_import_report_skipped(const PlanInstanceImport *instances)
{
	const GPtrArray *skipped = plan_instance_import_skipped(instances);

	if (skipped->len > 0) {
		g_autofree char *names =
		    plan_text_join_quoted((const char *const *)skipped->pdata, skipped->len, 10);
		plan_cli_printerr("ecsplan: %u instance %s left out: %s\n", skipped->len,
				  skipped->len == 1 ? "type" : "types", names);
	}
}

/* the imported types laid over @specs, so that the offer files' prices for them are kept */
static gboolean
cmd_prices_import_add_specs(const PlanInstanceImport *instances, PlanPriceBook *specs,
			    GError **error)
{
	g_autoptr(cJSON) root = cJSON_CreateObject();
	g_autoptr(GString) text = g_string_new(NULL);
	g_autoptr(GError) local_error = NULL;

	cJSON_AddNumberToObject(root, "ecsplan_instances", 1);
	plan_instance_import_add_to(instances, specs, root);
	if (!plan_json_print_append(text, root, TRUE, error))
		return FALSE;
	if (!plan_price_book_read_instances(specs, text->str, text->len, "imported instance types",
					     &local_error)) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_FAILED,
			    "the imported instance types do not read back: %s",
			    local_error->message);
		return FALSE;
	}
	return TRUE;
}

/* the offer book @text with the imported types in its "instances" */
static char *
cmd_prices_import_merge(const PlanInstanceImport *instances, const char *text, GError **error)
{
	g_autoptr(cJSON) root = cJSON_Parse(text);
	g_autoptr(PlanPriceBook) builtin = NULL;
	g_autoptr(GString) out = g_string_new(NULL);

	builtin = plan_price_book_load_builtin_specs(NULL, error);
	if (root == NULL || builtin == NULL) {
		if (error != NULL && *error == NULL)
			g_set_error(error, PLAN_ERROR, PLAN_ERROR_FAILED,
				    "the imported book is not JSON");
		return NULL;
	}
	plan_instance_import_add_to(instances, builtin, root);
	if (!plan_json_print_append(out, root, TRUE, error))
		return NULL;
	return g_string_free(g_steal_pointer(&out), FALSE);
}

/* describe-instance-types output alone: into the cached instance table that every command
 * reads over the built-in one (types already cached and not in these files stay), or with -o
 * into a book for --prices */
static int
cmd_prices_import_instances(const PlanInstanceImport *instances, const char *output,
			    GError **error)
{
	g_autofree char *cache = plan_price_instances_cache_path();
	g_autoptr(PlanPriceBook) builtin = NULL;
	g_autoptr(PlanPriceBook) check = NULL;
	g_autoptr(cJSON) root = NULL;
	g_autoptr(GString) text = g_string_new(NULL);
	g_autoptr(GError) local_error = NULL;

	if (plan_instance_import_count(instances) == 0) {
		cmd_prices_import_report_skipped(instances);
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
			    "the describe-instance-types output lists no instance type ecsplan can "
			    "use");
		return -1;
	}
	/* the built-in table decides the ECS figures describe-instance-types lacks */
	builtin = plan_price_book_load_builtin_specs(NULL, error);
	if (builtin == NULL)
		return -1;
	if (output != NULL) {
		root = cJSON_CreateObject();
		cJSON_AddNumberToObject(root, "ecsplan_prices", 1);
	} else {
		g_autofree char *old = NULL;
		gsize length = 0;
		/* the cache as it is (already read over the built-in table above), refreshed */
		if (g_file_get_contents(cache, &old, &length, NULL))
			root = cJSON_ParseWithLength(old, length);
		if (!cJSON_IsObject(root)) {
			g_clear_pointer(&root, cJSON_Delete);
			root = cJSON_CreateObject();
			cJSON_AddNumberToObject(root, "ecsplan_instances", 1);
		}
	}
	plan_instance_import_add_to(instances, builtin, root);
	if (!plan_json_print_append(text, root, TRUE, error))
		return -1;
	g_string_append_c(text, '\n');
	/* the table must read back, or it is ecsplan's bug, not the user's file */
	if (output != NULL) {
		check = plan_price_book_load_data(text->str, text->len, "imported book", NULL,
						  &local_error);
	} else {
		check = plan_price_book_load_builtin_specs(NULL, error);
		if (check == NULL)
			return -1;
		if (!plan_price_book_read_instances(check, text->str, text->len,
						    "imported instance table", &local_error))
			g_clear_pointer(&check, plan_price_book_free);
	}
	if (check == NULL) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_FAILED,
			    "the imported instance table does not read back: %s",
			    local_error->message);
		return -1;
	}
	if (output == NULL) {
		g_autofree char *folder = g_path_get_dirname(cache);
		if (g_mkdir_with_parents(folder, 0700) != 0) {
			g_set_error(error, PLAN_ERROR, PLAN_ERROR_IO, "cannot create '%s': %s",
				    folder, g_strerror(errno));
			return -1;
		}
	}
	if (!plan_cli_write(output != NULL ? output : cache, text->str, text->len, error))
		return -1;
	plan_cli_printerr("ecsplan: imported %u instance %s into %s%s\n",
			  plan_instance_import_count(instances),
			  plan_instance_import_count(instances) == 1 ? "type" : "types",
			  output != NULL ? (strcmp(output, "-") == 0 ? "the book" : output) : cache,
			  output != NULL ? "" : " (every command reads it over the built-in table)");
	cmd_prices_import_report_skipped(instances);
	return 0;
}

/**
 * plan_cmd_prices_import:
 *
 * Streams each file, keeps the on-demand rates the book needs for one region, writes the book
 * (docs/prices.md, "Importing AWS's offer files") and checks that it reads back.
 */
int
plan_cmd_prices_import(int argc, char **argv, GError **error)
{
	g_autofree char *region = NULL;
	g_autofree char *output = NULL;
	const GOptionEntry entries[] = {
	    {"region", 'r', 0, G_OPTION_ARG_STRING, &region,
	     "Import this region's figures (default: the region of the first product read)",
	     "REGION"},
	    {"output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
	     "Write the book to FILE (atomically; missing folders are created) instead of "
	     "standard output",
	     "FILE"},
	    {NULL},
	};
	g_autoptr(GOptionContext) context =
	    plan_cli_context_new(&plan_prices_import_command, entries, NULL, 0);
	g_autoptr(PlanOfferImport) import = NULL;
	g_autoptr(PlanInstanceImport) instances = plan_instance_import_new();
	int n_instance_files = 0;
	g_autoptr(PlanPriceBook) specs = NULL;
	g_autoptr(PlanPriceBook) check = NULL;
	g_autoptr(GPtrArray) skipped = g_ptr_array_new_with_free_func(g_free);
	g_autofree char *text = NULL;
	g_autoptr(GError) local_error = NULL;

	if (!plan_cli_parse(context, &argc, &argv, G_MAXUINT, error))
		return -1;
	if (argc < 2) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
			    "prices import needs at least one offer file; see '%s --help'",
			    g_get_prgname());
		return -1;
	}
	if (region != NULL && plan_region_lookup(region) == NULL) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE, "unknown --region '%s'", region);
		return -1;
	}
	if (!plan_cli_check_output(output, NULL, error))
		return -1;
	import = plan_offer_import_new(region);
	for (int i = 1; i < argc; i++) {
		if (plan_instance_import_sniff_file(argv[i])) {
			if (!plan_instance_import_file(instances, argv[i], error))
				return -1;
			n_instance_files++;
		} else if (!plan_offer_import_file(import, argv[i], error)) {
			return -1;
		}
	}
	if (n_instance_files == argc - 1)
		return cmd_prices_import_instances(instances, output, error);
	if (plan_offer_import_region(import) != NULL &&
	    plan_region_lookup(plan_offer_import_region(import)) == NULL) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
			    "the offer files are for region '%s', which ecsplan does not know",
			    plan_offer_import_region(import));
		return -1;
	}
	/* instance specs do not depend on the region: the built-in ones decide which types */
	specs = plan_price_book_load_builtin_specs(plan_offer_import_region(import), error);
	if (specs == NULL)
		return -1;
	/* describe-instance-types output given with offer files: its types go into the book, and
	 * may be priced there */
	if (n_instance_files > 0 && !cmd_prices_import_add_specs(instances, specs, error))
		return -1;
	text = plan_offer_import_to_book(import, specs, skipped, error);
	if (text == NULL)
		return -1;
	if (n_instance_files > 0) {
		g_autofree char *with_specs = cmd_prices_import_merge(instances, text, error);
		if (with_specs == NULL)
			return -1;
		g_free(text);
		text = g_steal_pointer(&with_specs);
	}
	/* the book must read back, or it is ecsplan's bug, not the user's file */
	check = plan_price_book_load_data(text, strlen(text), "imported book", NULL, &local_error);
	if (check == NULL) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_FAILED,
			    "the imported book does not read back: %s", local_error->message);
		return -1;
	}
	{
		g_autofree char *with_newline = g_strconcat(text, "\n", NULL);
		if (!plan_cli_write(output, with_newline, strlen(with_newline), error))
			return -1;
	}
	{
		g_autoptr(GPtrArray) figures = plan_offer_import_figures(import);
		plan_cli_printerr("ecsplan: imported %u %s for %s\n", figures->len - skipped->len,
				  figures->len - skipped->len == 1 ? "figure" : "figures",
				  plan_offer_import_region(import));
	}
	if (skipped->len > 0) {
		/* one entry per figure left out (an on-demand rate, RI terms, ...): name each
		 * type once */
		g_autoptr(GPtrArray) types = g_ptr_array_new();
		g_autofree char *names = NULL;
		for (guint i = 0; i < skipped->len; i++) {
			if (!g_ptr_array_find_with_equal_func(types, g_ptr_array_index(skipped, i),
							      g_str_equal, NULL))
				g_ptr_array_add(types, g_ptr_array_index(skipped, i));
		}
		names = plan_text_join_quoted((const char *const *)types->pdata, types->len, 10);
		plan_cli_printerr("ecsplan: %u instance %s left out: no specs in the book "
				  "(models/prices/instances.json): %s\n",
				  types->len, types->len == 1 ? "type" : "types", names);
	}
	return 0;
}
