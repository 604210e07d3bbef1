/* ecsplan: the findings of `ecsplan validate` for CI systems: SARIF 2.1.0 (code scanning) and
 * JUnit XML (test reports). Each finding is one SARIF result or one failing JUnit test case;
 * a model that cannot be read is reported the same way, with its problems as findings. */
#include "render-validate.h"

#include <string.h>

#include "compat.h"
#include "json-arena.h"
#include "rule-help.h"
#include "xml-writer.h"

const ReportRuleHelp *
report_rule_help_lookup(const char *code)
{
	guint low = 0;
	guint high = report_rule_help_count;

	while (low < high) {
		guint mid = low + (high - low) / 2;
		int order = strcmp(code, report_rule_help[mid].code);
		if (order == 0)
			return &report_rule_help[mid];
		if (order < 0)
			high = mid;
		else
			low = mid + 1;
	}
	return NULL;
}

static const char *
report_sarif_level(PlanSeverity severity)
{
	switch (severity) {
	case PLAN_SEVERITY_ERROR:
		return "error";
	case PLAN_SEVERITY_WARNING:
		return "warning";
	case PLAN_SEVERITY_NOTE:
	default:
		return "note";
	}
}

/* a file name as a relative URI reference ("models/a b.json" -> "models/a%20b.json");
 * standard input has no file and gets "stdin" */
static char *
report_sarif_uri(const char *file)
{
	if (g_strcmp0(file, "<stdin>") == 0)
		return g_strdup("stdin");
	return g_uri_escape_string(file, "/", FALSE);
}

static cJSON *
report_sarif_rule(const char *code)
{
	const ReportRuleHelp *help = report_rule_help_lookup(code);
	cJSON *rule = cJSON_CreateObject();
	cJSON *text;

	cJSON_AddStringToObject(rule, "id", code);
	text = cJSON_AddObjectToObject(rule, "shortDescription");
	cJSON_AddStringToObject(
	    text, "text", help != NULL ? help->summary : "See docs/rules.md and docs/terraform.md");
	if (help != NULL) {
		cJSON *configuration;
		g_auto(GStrv) plain = g_strsplit(help->help, "**", -1);
		g_autofree char *plain_text = g_strjoinv("", plain);
		text = cJSON_AddObjectToObject(rule, "help");
		cJSON_AddStringToObject(text, "text", plain_text);
		cJSON_AddStringToObject(text, "markdown", help->help);
		configuration = cJSON_AddObjectToObject(rule, "defaultConfiguration");
		cJSON_AddStringToObject(configuration, "level", help->severity);
	}
	return rule;
}

static cJSON *
report_sarif_result(const char *uri, const PlanDiagnostic *diagnostic, guint rule_index)
{
	cJSON *result = cJSON_CreateObject();
	cJSON *message;
	cJSON *locations;
	cJSON *location;

	cJSON_AddStringToObject(result, "ruleId", diagnostic->code);
	report_json_add_int(result, "ruleIndex", rule_index);
	cJSON_AddStringToObject(result, "level", report_sarif_level(diagnostic->severity));
	message = cJSON_AddObjectToObject(result, "message");
	cJSON_AddStringToObject(message, "text", diagnostic->message);
	locations = cJSON_AddArrayToObject(result, "locations");
	location = cJSON_CreateObject();
	cJSON_AddItemToArray(locations, location);
	{
		cJSON *physical = cJSON_AddObjectToObject(location, "physicalLocation");
		cJSON *artifact = cJSON_AddObjectToObject(physical, "artifactLocation");
		cJSON_AddStringToObject(artifact, "uri", uri);
		if (diagnostic->loc.line > 0) {
			cJSON *region = cJSON_AddObjectToObject(physical, "region");
			report_json_add_int(region, "startLine", diagnostic->loc.line);
			report_json_add_int(region, "startColumn", MAX(diagnostic->loc.column, 1));
		}
	}
	/* where to edit: the JSON path in the model and, for an imported plan, the Terraform
	 * address of the resource */
	if ((diagnostic->path != NULL && diagnostic->path[0] != '\0') ||
	    diagnostic->source != NULL) {
		cJSON *logical = cJSON_AddArrayToObject(location, "logicalLocations");
		if (diagnostic->source != NULL) {
			cJSON *address = cJSON_CreateObject();
			cJSON_AddStringToObject(address, "fullyQualifiedName", diagnostic->source);
			cJSON_AddStringToObject(address, "kind", "resource");
			cJSON_AddItemToArray(logical, address);
		}
		if (diagnostic->path != NULL && diagnostic->path[0] != '\0') {
			cJSON *path = cJSON_CreateObject();
			cJSON_AddStringToObject(path, "fullyQualifiedName", diagnostic->path);
			cJSON_AddStringToObject(path, "kind", "member");
			cJSON_AddItemToArray(logical, path);
		}
	}
	if (diagnostic->related != NULL && diagnostic->related->len > 0) {
		cJSON *related = cJSON_AddArrayToObject(result, "relatedLocations");
		for (guint i = 0; i < diagnostic->related->len; i++) {
			cJSON *item = cJSON_CreateObject();
			cJSON *logical = cJSON_AddArrayToObject(item, "logicalLocations");
			cJSON *path = cJSON_CreateObject();
			report_json_add_int(item, "id", i);
			cJSON_AddStringToObject(path, "fullyQualifiedName",
						g_ptr_array_index(diagnostic->related, i));
			cJSON_AddStringToObject(path, "kind", "member");
			cJSON_AddItemToArray(logical, path);
			cJSON_AddItemToArray(related, item);
		}
	}
	return result;
}

void
report_validate_sarif(const char *file, GPtrArray *diagnostics, gboolean readable, GString *out)
{
	g_autoptr(PlanJsonArena) arena = plan_json_arena_push();
	g_autofree char *uri = report_sarif_uri(file);
	/* rules in order of first use; ruleIndex points into this array */
	g_autoptr(GHashTable) rule_index = g_hash_table_new(g_str_hash, g_str_equal);
	cJSON *root = cJSON_CreateObject();
	cJSON *runs;
	cJSON *run = cJSON_CreateObject();
	cJSON *driver;
	cJSON *rules;
	cJSON *results;
	cJSON *invocation;
	char *printed;

	cJSON_AddStringToObject(root, "$schema", "https://json.schemastore.org/sarif-2.1.0.json");
	cJSON_AddStringToObject(root, "version", "2.1.0");
	runs = cJSON_AddArrayToObject(root, "runs");
	cJSON_AddItemToArray(runs, run);
	driver = cJSON_AddObjectToObject(cJSON_AddObjectToObject(run, "tool"), "driver");
	cJSON_AddStringToObject(driver, "name", "ecsplan");
	cJSON_AddStringToObject(driver, "version", PLAN_VERSION);
	cJSON_AddStringToObject(driver, "semanticVersion", PLAN_VERSION);
	rules = cJSON_AddArrayToObject(driver, "rules");
	invocation = cJSON_CreateObject();
	cJSON_AddBoolToObject(invocation, "executionSuccessful", readable);
	cJSON_AddItemToArray(cJSON_AddArrayToObject(run, "invocations"), invocation);
	results = cJSON_AddArrayToObject(run, "results");
	for (guint i = 0; i < diagnostics->len; i++) {
		const PlanDiagnostic *diagnostic = g_ptr_array_index(diagnostics, i);
		gpointer index;
		if (!g_hash_table_lookup_extended(rule_index, diagnostic->code, NULL, &index)) {
			index = GUINT_TO_POINTER(g_hash_table_size(rule_index));
			g_hash_table_insert(rule_index, (gpointer)diagnostic->code, index);
			cJSON_AddItemToArray(rules, report_sarif_rule(diagnostic->code));
		}
		cJSON_AddItemToArray(results,
				     report_sarif_result(uri, diagnostic, GPOINTER_TO_UINT(index)));
	}
	plan_json_arena_pop(arena);
	printed = cJSON_Print(root);
	g_string_append(out, printed);
	g_string_append_c(out, '\n');
	cJSON_free(printed);
}

gboolean
report_validate_junit(const char *file, GPtrArray *diagnostics, GString *out, GError **error)
{
	g_autoptr(ReportXml) xml = report_xml_new();
	g_autoptr(GString) document = NULL;
	guint failures = plan_diagnostics_count(diagnostics, PLAN_SEVERITY_ERROR) +
			 plan_diagnostics_count(diagnostics, PLAN_SEVERITY_WARNING);

	/* one suite for the model; one test case per finding, failing for errors and warnings,
	 * and a passing case when there is no finding, so CI shows that the model was checked */
	report_xml_start(xml, "testsuites");
	report_xml_attr(xml, "name", "ecsplan validate");
	report_xml_attr_int(xml, "tests", MAX(diagnostics->len, 1));
	report_xml_attr_int(xml, "failures", failures);
	report_xml_start(xml, "testsuite");
	report_xml_attr(xml, "name", file);
	report_xml_attr_int(xml, "tests", MAX(diagnostics->len, 1));
	report_xml_attr_int(xml, "failures", failures);
	report_xml_attr_int(xml, "errors", 0);
	report_xml_attr_int(xml, "skipped", 0);
	if (diagnostics->len == 0) {
		report_xml_start(xml, "testcase");
		report_xml_attr(xml, "classname", file);
		report_xml_attr(xml, "name", "no findings");
		report_xml_end(xml);
	}
	for (guint i = 0; i < diagnostics->len; i++) {
		const PlanDiagnostic *diagnostic = g_ptr_array_index(diagnostics, i);
		g_autoptr(GString) place = g_string_new(file);
		g_autofree char *name = NULL;
		if (diagnostic->loc.line > 0)
			g_string_append_printf(place, ":%u:%u", diagnostic->loc.line,
					       diagnostic->loc.column);
		name = g_strdup_printf("%s %s", diagnostic->code,
				       diagnostic->path != NULL && diagnostic->path[0] != '\0'
					   ? diagnostic->path
					   : "(top)");
		report_xml_start(xml, "testcase");
		report_xml_attr(xml, "classname", file);
		report_xml_attr(xml, "name", name);
		report_xml_attr(xml, "file", file);
		if (diagnostic->loc.line > 0)
			report_xml_attr_int(xml, "line", diagnostic->loc.line);
		if (diagnostic->severity == PLAN_SEVERITY_NOTE) {
			report_xml_element(xml, "system-out", diagnostic->message);
		} else {
			g_autofree char *text = NULL;
			report_xml_start(xml, "failure");
			report_xml_attr(xml, "type", diagnostic->code);
			report_xml_attr(xml, "message", diagnostic->message);
			text = g_strdup_printf(
			    "%s: %s[%s]: %s%s%s", place->str,
			    plan_severity_to_string(diagnostic->severity), diagnostic->code,
			    diagnostic->message, diagnostic->source != NULL ? "\nsource: " : "",
			    diagnostic->source != NULL ? diagnostic->source : "");
			report_xml_text(xml, text);
			report_xml_end(xml);
		}
		report_xml_end(xml);
	}
	document = report_xml_finish(xml, error);
	if (document == NULL)
		return FALSE;
	g_string_append_len(out, document->str, (gssize)document->len);
	return TRUE;
}
