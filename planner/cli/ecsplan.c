/* ecsplan: plan an AWS container environment before building it.
 * main() only dispatches: one table of subcommands, from which `ecsplan --help` is made. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "escape.h"
#include "plan-error.h"
#include "regions.h"
#include "text.h"

static const PlanCommand plan_commands[] = {
	{"validate", "[MODEL]", "Check a model's network: addresses, AZs, egress and IP capacity",
	 "  ecsplan validate models/examples/seed002-chronous-payments-ec2.json\n"
	 "  ecsplan validate --format sarif --fail-on warning tests/terraform/seed002-plan.json\n"
	 "  terraform show -json plan.out | ecsplan validate -",
	 "0 nothing at or above --fail-on, 1 findings at or above it, 2 unreadable model or usage error",
	 plan_cmd_validate},
	{"alloc", "[MODEL]", "Fill in subnet CIDRs given as \"auto\" with aligned free blocks",
	 "  ecsplan alloc --reserve-azs 1 --headroom 2 tests/models/new-env.json -o filled.json\n"
	 "  ecsplan alloc --format text tests/models/new-env.json",
	 "0 every \"auto\" subnet filled, 1 no free block for one, 2 unreadable model or usage error",
	 plan_cmd_alloc},
	{"prices", "", "List the price book for a region: each figure, its source and confidence",
	 "  ecsplan prices --region eu-west-1\n"
	 "  ecsplan prices --instances --format csv\n"
	 "  ecsplan prices --instance-type m5.large --region eu-west-1\n"
	 "  ecsplan prices --prices tests/models/prices-override.json --format json\n"
	 "  ecsplan prices import tests/prices/AmazonEC2-ap-south-1.json -o ap-south-1.json",
	 "0 success, 1 an offer file or download failed, 2 unreadable price file or usage error",
	 plan_cmd_prices},
	{"diagram", "[MODEL]",
	 "Draw the architecture as SVG: VPCs, AZs, subnets, gateways, services, findings",
	 "  ecsplan diagram models/examples/seed002-chronous-payments-ec2.json -o seed002.svg\n"
	 "  ecsplan diagram --example seed004-cruddur-bootcamp > cruddur.svg",
	 "0 written, 1 written but findings at or above --fail-on (default error), "
	 "2 unreadable model or usage error",
	 plan_cmd_diagram},
	{"cost", "[MODEL]", "Price a model for a month: line items, totals and the assumptions",
	 "  ecsplan cost models/examples/seed003-fargate-https-alb.json\n"
	 "  ecsplan cost --hours 720 --format csv --example seed001-vault-fargate -o cost.csv\n"
	 "  ecsplan cost --prices tests/models/prices-override.json --format json "
	 "tests/models/cost-every-category.json",
	 "0 success, 1 a figure the price book lacks or findings at or above --fail-on, "
	 "2 unreadable model or usage error",
	 plan_cmd_cost},
	{"compare", "[MODEL]",
	 "Fargate x86, ARM, Spot or EC2 per service: monthly cost and the break-even",
	 "  ecsplan compare models/examples/seed000-off-to-the-cloud.json\n"
	 "  ecsplan compare --service api-service --chart api.svg --example seed000-off-to-the-cloud\n"
	 "  ecsplan compare --format json --hours 720 --example seed002-chronous-payments-ec2\n"
	 "  ecsplan compare --trunking both --example seed000-off-to-the-cloud\n"
	 "  ecsplan compare --network-mode bridge --trunking off --example seed004-cruddur-bootcamp",
	 "0 success, 1 a figure the price book lacks or gnuplot failed, "
	 "2 unreadable model or usage error",
	 plan_cmd_compare},
	{"diff", "OLD NEW",
	 "The monthly cost difference between two models, line by line",
	 "  ecsplan diff tests/models/diff-base.json tests/models/diff-private-tasks.json\n"
	 "  ecsplan diff --format md tests/models/diff-base.json tests/models/diff-private-tasks.json > "
	 "cost-change.md\n"
	 "  ecsplan diff --fail-above 50 tests/models/diff-base.json tests/models/diff-private-tasks.json",
	 "0 success, 1 a rise over --fail-above or a figure the price book lacks, "
	 "2 unreadable model or usage error",
	 plan_cmd_diff},
	{"import", "terraform PLAN.json",
	 "Turn a Terraform plan or state (terraform show -json) into an ecsplan model",
	 "  terraform show -json plan.out > plan.json\n"
	 "  ecsplan import terraform tests/terraform/seed000-plan.json -o model.json\n"
	 "  ecsplan import terraform --region eu-west-1 tests/terraform/replace-delete-state.json",
	 "0 success, 1 the model cannot be written, 2 unreadable plan or usage error",
	 plan_cmd_import},
	{"simulate", "[MODEL]",
	 "Run the model through a load profile: autoscaling, addresses, AZ loss, cost over time",
	 "  ecsplan simulate --profile diurnal --duration 7d models/examples/seed003-fargate-https-alb.json\n"
	 "  ecsplan simulate --runs 20 --fail-az us-east-1a@6h --format json tests/models/simulate-web.json\n"
	 "  ecsplan simulate --timeseries steps.csv --charts charts/ --example seed000-off-to-the-cloud",
	 "0 success, 1 a figure the price book lacks or a chart failed, "
	 "2 unreadable model or usage error",
	 plan_cmd_simulate},
	{"optimize", "[MODEL]",
	 "The cheapest task size, launch type, purchase and scaling per service that meets a "
	 "service level",
	 "  ecsplan optimize --runs 1 --duration 1d models/examples/seed004-cruddur-bootcamp.json\n"
	 "  ecsplan optimize --slo 'unmet<=0.1%,spot<=50%' --patch change.json --output-model new.json "
	 "--example seed004-cruddur-bootcamp\n"
	 "  ecsplan optimize --service envoy --format json --duration 1d --example seed004-cruddur-bootcamp",
	 "0 every service has an answer, 1 a service with no candidate that meets the level, "
	 "2 unreadable model, service level or usage error, or a space over the limit",
	 plan_cmd_optimize},
	{"report", "[MODEL]",
	 "Write a report folder: diagram, findings, subnets, cost, charts, as Markdown and HTML",
	 "  ecsplan report models/examples/seed002-chronous-payments-ec2.json -o seed002-report\n"
	 "  ecsplan report --profile diurnal --hours 720 --example seed003-fargate-https-alb\n"
	 "  ecsplan report --format md --example seed000-off-to-the-cloud > report.md",
	 "0 written, "
	 "1 written but findings at or above --fail-on (default error) or a figure missing, "
	 "or writing failed, 2 unreadable model or usage error",
	 plan_cmd_report},
	{"schema", "",
	 "Print the JSON Schema of a model (draft 2020-12) for editors and CI",
	 "  ecsplan schema -o ecsplan.schema.json\n"
	 "  (then \"$schema\": \"./ecsplan.schema.json\" at the top of a model)",
	 "0 success, 1 the file cannot be written, 2 usage error",
	 plan_cmd_schema},
};

static const PlanCommand *
plan_command_lookup(const char *name)
{
	for (guint i = 0; i < G_N_ELEMENTS(plan_commands); i++) {
		if (strcmp(plan_commands[i].name, name) == 0)
			return &plan_commands[i];
	}
	return NULL;
}

static int
plan_compare_strings(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* "did you mean" for a mistyped command (`valdate`), as git does */
static void
plan_print_unknown_command(const char *name)
{
	const char *names[G_N_ELEMENTS(plan_commands)];
	const char *suggestion;

	for (guint i = 0; i < G_N_ELEMENTS(plan_commands); i++)
		names[i] = plan_commands[i].name;
	suggestion = plan_text_suggest(name, names, G_N_ELEMENTS(names));
	if (suggestion != NULL)
		plan_cli_printerr("ecsplan: '%s' is not an ecsplan command; did you mean "
				  "'%s'?\n",
				  name, suggestion);
	else
		plan_cli_printerr("ecsplan: '%s' is not an ecsplan command; see 'ecsplan "
				  "--help'\n",
				  name);
}

static void
plan_print_usage(FILE *stream)
{
	fprintf(stream, "Usage:\n  ecsplan COMMAND [OPTION…] [MODEL]\n\n"
			"Plan an AWS container environment (VPC, subnets, ECS) before you build "
			"it.\nMODEL is a model file, a Terraform plan or state as JSON, or '-' for\n"
			"standard input; --example NAME uses a built-in example instead.\n\n"
			"Commands:\n");
	for (guint i = 0; i < G_N_ELEMENTS(plan_commands); i++)
		fprintf(stream, "  %-10s %s\n", plan_commands[i].name, plan_commands[i].summary);
	fprintf(stream, "\nRun 'ecsplan COMMAND --help' for a command's options and an example.\n");
}

/* `ecsplan --list=KIND`: one value a line (regions: those with a built-in price book;
 * aws-regions: every commercial region), for the man pages and shell completions that the
 * build generates (tools/gen-cli-files.py), as git's --list-cmds. Not in --help: a tool's
 * interface to the build, not a user's. */
static int
plan_print_list(const char *kind)
{
	g_auto(GStrv) values = NULL;

	if (strcmp(kind, "commands") == 0) {
		for (guint i = 0; i < G_N_ELEMENTS(plan_commands); i++)
			printf("%s\t%s\t%s\n", plan_commands[i].name, plan_commands[i].synopsis,
			       plan_commands[i].summary);
		return 0;
	}
	if (strcmp(kind, "examples") == 0) {
		values = plan_model_builtin_names();
	} else if (strcmp(kind, "regions") == 0) {
		values = plan_price_book_regions();
	} else if (strcmp(kind, "aws-regions") == 0) {
		/* every commercial region: what a model, a plan or an offer file may name */
		guint n = 0;
		const PlanRegion *regions = plan_region_all(&n);
		values = g_new0(char *, n + 1);
		for (guint i = 0; i < n; i++)
			values[i] = g_strdup(regions[i].name);
	} else if (strcmp(kind, "instance-types") == 0) {
		g_autoptr(GHashTable) seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
		g_auto(GStrv) regions = plan_price_book_regions();
		for (guint i = 0; regions[i] != NULL; i++) {
			g_autoptr(PlanPriceBook) book = plan_price_book_load_builtin(regions[i], NULL);
			g_autoptr(GPtrArray) instances = NULL;
			if (book == NULL)
				continue;
			instances = plan_price_book_instances(book);
			for (guint j = 0; j < instances->len; j++) {
				const PlanInstanceType *type = g_ptr_array_index(instances, j);
				g_hash_table_add(seen, g_strdup(type->name));
			}
		}
		values = (GStrv)g_hash_table_get_keys_as_array(seen, NULL);
		for (guint i = 0; values[i] != NULL; i++)
			values[i] = g_strdup(values[i]);
	} else {
		plan_cli_printerr("ecsplan: unknown --list '%s'; use commands, examples, regions, "
				  "aws-regions or instance-types\n",
				  kind);
		return 2;
	}
	qsort(values, g_strv_length(values), sizeof(char *), plan_compare_strings);
	for (guint i = 0; values[i] != NULL; i++)
		printf("%s\n", values[i]);
	return 0;
}

/* usage errors, unreadable models and inputs over a limit exit 2; everything else that fails exits 1 */
static int
plan_exit_status(const GError *error)
{
	if (error->domain == G_OPTION_ERROR)
		return 2;
	if (error->domain == PLAN_ERROR &&
	    (error->code == PLAN_ERROR_USAGE || error->code == PLAN_ERROR_INVALID_MODEL ||
	     error->code == PLAN_ERROR_IO || error->code == PLAN_ERROR_LIMIT ||
	     error->code == PLAN_ERROR_INVALID_OPTION))
		return 2;
	return 1;
}

static void
plan_print_error(const GError *error)
{
	if (error->domain == PLAN_ERROR && error->code == PLAN_ERROR_INVALID_MODEL) {
		/* one compiler-style line per problem, then what it means */
		g_auto(GStrv) lines = g_strsplit(error->message, "\n", -1);
		guint n_lines = g_strv_length(lines);
		guint n = plan_error_n_problems(error);
		/* each line is one problem: a newline in a quoted name cannot add one */
		for (guint i = 0; i < n_lines; i++) {
			g_autofree char *line = report_escape_terminal_dup(lines[i]);
			fprintf(stderr, "%s\n", line);
		}
		/* each line names its file: the model, or a --prices file */
		fprintf(stderr, "ecsplan: the input cannot be read (%u problem%s); fix %s and run again\n",
			n, n == 1 ? "" : "s", n == 1 ? "it" : "them");
		return;
	}
	/* an analysis option the engine refused: the CLI knows the flag that gave it */
	if (plan_error_option(error) != NULL) {
		plan_cli_printerr("ecsplan: --%s: %s\n", plan_error_option(error), error->message);
		return;
	}
	plan_cli_printerr("ecsplan: %s\n", error->message);
}

int
main(int argc, char **argv)
{
	const PlanCommand *command;
	g_autoptr(GError) error = NULL;
	int status;

	setlocale(LC_ALL, "");
	/* numbers we print must not depend on the user's locale */
	setlocale(LC_NUMERIC, "C");
	plan_cli_output_init();

	if (argc < 2) {
		plan_print_usage(stderr);
		return 2;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		if (argc > 2 && strcmp(argv[1], "help") == 0 && plan_command_lookup(argv[2])) {
			char *help_argv[] = {argv[2], (char *)"--help", NULL};
			command = plan_command_lookup(argv[2]);
			return command->run(command, 2, help_argv, &error) < 0 ? 2 : 0;
		}
		plan_print_usage(stdout);
		return 0;
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0 ||
	    strcmp(argv[1], "version") == 0) {
		printf("ecsplan %s\n", PLAN_VERSION);
		return 0;
	}
	if (g_str_has_prefix(argv[1], "--list="))
		return plan_print_list(argv[1] + strlen("--list="));
	command = plan_command_lookup(argv[1]);
	if (command == NULL) {
		plan_print_unknown_command(argv[1]);
		return 2;
	}
	status = command->run(command, argc - 1, argv + 1, &error);
	if (status < 0) {
		plan_print_error(error);
		return plan_exit_status(error);
	}
	return status;
}
