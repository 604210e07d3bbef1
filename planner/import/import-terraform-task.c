/* task definitions in the Terraform import: cpu and memory as numbers or strings ("1 vCPU",
 * "2 GB"), network mode, architecture, ephemeral storage, and the containers inside
 * container_definitions, a JSON document in a string, parsed on its own */
#include "import-terraform-private.h"

#include <math.h>
#include <string.h>

/* ---- task definitions ------------------------------------------------------------------------ */

void
tf_task_free(PlanTfTask *task)
{
	g_ptr_array_unref(task->containers);
	g_ptr_array_unref(task->secrets);
	g_free(task);
}

static gboolean
plan_tf_unit_in(const char *unit, const char *const *units)
{
	for (guint i = 0; units[i] != NULL; i++) {
		if (strcmp(unit, units[i]) == 0)
			return TRUE;
	}
	return FALSE;
}

/* a size given as a number or as text, a number and a unit ("1024", "0.25 vcpu", "2 GB"; case
 * and spaces aside): a bare number or one in a @plain unit is taken whole, one in a @scaled
 * unit times @scale, rounded; -1 when it is none of these, fractional where it must be whole,
 * or outside 0 to @max */
static gint64
plan_tf_parse_size(const cJSON *value, double max, const char *const *plain,
		   const char *const *scaled, double scale)
{
	g_autofree char *text = NULL;
	char *end = NULL;
	double number;

	if (cJSON_IsNumber(value))
		return isfinite(value->valuedouble) ? (gint64)value->valuedouble : -1;
	if (!cJSON_IsString(value))
		return -1;
	text = g_strstrip(g_ascii_strdown(value->valuestring, -1));
	number = g_ascii_strtod(text, &end);
	if (end == text || !isfinite(number) || number < 0 || number > max)
		return -1;
	while (*end == ' ')
		end++;
	if (*end == '\0' || plan_tf_unit_in(end, plain))
		return number == floor(number) ? (gint64)number : -1;
	if (plan_tf_unit_in(end, scaled))
		return (gint64)llround(number * scale);
	return -1;
}

/* "1024", "1 vCPU", "0.25 vcpu" -> CPU units; -1 when it is none of these */
static gint64
plan_tf_parse_cpu(const cJSON *value)
{
	static const char *const plain[] = {NULL};
	static const char *const scaled[] = {"vcpu", NULL};

	return plan_tf_parse_size(value, 1e7, plain, scaled, PLAN_CPU_UNITS_PER_VCPU);
}

/* "2048", "2 GB", "512 MB" -> MiB (1 GB is 1024 MiB in the ECS tables); -1 otherwise */
static gint64
plan_tf_parse_memory(const cJSON *value)
{
	static const char *const plain[] = {"mb", "mib", NULL};
	static const char *const scaled[] = {"gb", "gib", NULL};

	return plan_tf_parse_size(value, 1e8, plain, scaled, PLAN_MIB_PER_GB);
}

static void
plan_tf_task_size(PlanTfImport *import, PlanTfTask *task, const char *attribute, gint64 max,
		  gint64 *out)
{
	const cJSON *value = tf_value(task->resource, attribute);
	gint64 parsed;

	if (value == NULL)
		return;
	if (!cJSON_IsString(value) && !cJSON_IsNumber(value)) {
		g_autofree char *resource_path = tf_resource_path(task->resource);
		g_autofree char *path =
		    g_strdup_printf("%s.values.%s", resource_path, attribute);
		tf_problem(import, value, path, "expected a string or a number, got %s",
				plan_json_type_name(value));
		return;
	}
	parsed =
	    strcmp(attribute, "cpu") == 0 ? plan_tf_parse_cpu(value) : plan_tf_parse_memory(value);
	if (parsed < 0 || parsed > max) {
		tf_finding(
		    import, PLAN_SEVERITY_WARNING, "import-value", task->resource,
		    "%s of %s is '%s', which ecsplan cannot read as %s; left unset", attribute,
		    task->resource->source,
		    cJSON_IsString(value) ? value->valuestring : "a number out of range",
		    strcmp(attribute, "cpu") == 0 ? "CPU units or \"N vCPU\"" : "MiB or \"N GB\"");
		return;
	}
	*out = parsed;
}

/* a container definition number: JSON numbers, or digits in a string (jsonencode of a
 * variable); -1 when absent, -2 when unreadable */
static gint64
plan_tf_container_number(const cJSON *object, const char *key, gint64 max)
{
	const cJSON *value = cJSON_GetObjectItemCaseSensitive(object, key);
	guint64 number = 0;

	if (value == NULL || cJSON_IsNull(value))
		return -1;
	if (cJSON_IsNumber(value) && isfinite(value->valuedouble) &&
	    value->valuedouble == floor(value->valuedouble) && value->valuedouble >= 0 &&
	    value->valuedouble <= (double)max)
		return (gint64)value->valuedouble;
	if (cJSON_IsString(value) &&
	    g_ascii_string_to_unsigned(value->valuestring, 10, 0, (guint64)max, &number, NULL))
		return (gint64)number;
	return -2;
}

/* ---- runtime needs ---------------------------------------------------------------------------- */

static void
plan_tf_task_add_secret(PlanTfTask *task, const char *service)
{
	for (guint i = 0; i < task->secrets->len; i++) {
		if (strcmp(g_ptr_array_index(task->secrets, i), service) == 0)
			return;
	}
	g_ptr_array_add(task->secrets, g_strdup(service));
}

/* a secret's valueFrom: a Secrets Manager ARN ("arn:aws:secretsmanager:..."), an SSM
 * parameter ARN ("arn:aws:ssm:...") or a parameter's name (SSM, same region) [S37] */
static const char *
plan_tf_secret_service(const char *value_from)
{
	g_auto(GStrv) parts = NULL;

	if (!g_str_has_prefix(value_from, "arn:"))
		return "ssm";
	parts = g_strsplit(value_from, ":", 4);
	if (g_strv_length(parts) >= 3 && strcmp(parts[2], "secretsmanager") == 0)
		return "secretsmanager";
	return "ssm";
}

/* an image in a private Amazon ECR registry: ACCOUNT.dkr.ecr.REGION.amazonaws.com/repo[:tag]
 * (also .amazonaws.com.cn). Everything else, ECR Public (public.ecr.aws) included, is pulled
 * over the internet: no VPC endpoint serves it */
static gboolean
plan_tf_image_is_ecr(const char *image)
{
	const char *slash = strchr(image, '/');
	g_autofree char *host = NULL;

	if (slash == NULL)
		return FALSE; /* "nginx:1.25": Docker Hub */
	host = g_strndup(image, (gsize)(slash - image));
	return strstr(host, ".dkr.ecr.") != NULL && strstr(host, ".amazonaws.com") != NULL;
}

/* logConfiguration, secrets, repositoryCredentials and image of one container */
static void
plan_tf_read_runtime(PlanTfImport *import, PlanTfTask *task, const cJSON *object,
		     const char *name)
{
	const cJSON *logging = cJSON_GetObjectItemCaseSensitive(object, "logConfiguration");
	const cJSON *driver = cJSON_GetObjectItemCaseSensitive(logging, "logDriver");
	const cJSON *secrets = cJSON_GetObjectItemCaseSensitive(object, "secrets");
	const cJSON *credentials = cJSON_GetObjectItemCaseSensitive(object, "repositoryCredentials");
	const cJSON *image = cJSON_GetObjectItemCaseSensitive(object, "image");
	const cJSON *item;

	if (cJSON_IsString(driver) && strcmp(driver->valuestring, "awslogs") == 0)
		task->log_driver = PLAN_LOG_AWSLOGS;
	else if (cJSON_IsString(driver) && strcmp(driver->valuestring, "awsfirelens") == 0)
		tf_finding(import, PLAN_SEVERITY_NOTE, "import-not-modelled", task->resource,
				"container '%s' in %s logs through FireLens; where its router "
				"sends the logs is not modelled (no egress is checked for them)",
				name, task->resource->source);
	for (item = cJSON_IsArray(secrets) ? secrets->child : NULL; item != NULL;
	     item = item->next) {
		const cJSON *from = cJSON_GetObjectItemCaseSensitive(item, "valueFrom");
		if (cJSON_IsString(from) && from->valuestring[0] != '\0')
			plan_tf_task_add_secret(task, plan_tf_secret_service(from->valuestring));
	}
	/* a private registry's credentials are a Secrets Manager secret */
	if (cJSON_IsString(cJSON_GetObjectItemCaseSensitive(credentials, "credentialsParameter")))
		plan_tf_task_add_secret(task, "secretsmanager");
	if (cJSON_IsString(image) && !plan_tf_image_is_ecr(image->valuestring))
		task->image_registry = PLAN_REGISTRY_OTHER;
}

static void
plan_tf_read_container(PlanTfImport *import, PlanTfTask *task, const cJSON *object, guint index)
{
	const cJSON *name = cJSON_GetObjectItemCaseSensitive(object, "name");
	const cJSON *essential = cJSON_GetObjectItemCaseSensitive(object, "essential");
	const cJSON *ports = cJSON_GetObjectItemCaseSensitive(object, "portMappings");
	static const struct {
		const char *key;
		gint64 max;
		gsize offset;
	} numbers[] = {
	    {"cpu", 196608, G_STRUCT_OFFSET(PlanContainer, cpu)},
	    {"memory", 4194304, G_STRUCT_OFFSET(PlanContainer, memory)},
	    {"memoryReservation", 4194304, G_STRUCT_OFFSET(PlanContainer, memory_reservation)},
	};
	PlanContainer *container;
	gint64 port;

	if (!cJSON_IsObject(object) || !cJSON_IsString(name) || name->valuestring[0] == '\0' ||
	    strlen(name->valuestring) > 255) {
		tf_finding(import, PLAN_SEVERITY_WARNING, "import-value", task->resource,
				"container %u of %s has no name; it is left out", index,
				task->resource->source);
		return;
	}
	container = plan_container_new();
	container->name = g_strdup(name->valuestring);
	for (guint i = 0; i < G_N_ELEMENTS(numbers); i++) {
		gint64 value = plan_tf_container_number(object, numbers[i].key, numbers[i].max);
		if (value >= 0)
			*(gint64 *)((guint8 *)container + numbers[i].offset) = value;
		else if (value == -2)
			tf_finding(
			    import, PLAN_SEVERITY_WARNING, "import-value", task->resource,
			    "%s of container '%s' in %s is not a whole number from 0 to "
			    "%" G_GINT64_FORMAT "; left unset",
			    numbers[i].key, container->name, task->resource->source,
			    numbers[i].max);
	}
	if (cJSON_IsBool(essential))
		container->essential = cJSON_IsTrue(essential);
	port = cJSON_IsArray(ports) && ports->child != NULL
		   ? plan_tf_container_number(ports->child, "containerPort", 65535)
		   : -1;
	if (port >= 0)
		container->port = port;
	container->origin.source = g_strdup(task->resource->source);
	container->origin.loc = task->resource->loc;
	g_ptr_array_add(task->containers, container);
	plan_tf_read_runtime(import, task, object, container->name);
}

static void
plan_tf_read_containers(PlanTfImport *import, PlanTfTask *task)
{
	PlanTfResource *resource = task->resource;
	const char *text = NULL;
	g_autoptr(cJSON) definitions = NULL;
	guint index = 0;

	if (!tf_string(import, resource, "container_definitions", &text)) {
		if (tf_unknown(resource, "container_definitions")) {
			static const char *const log_group_types[] = {"aws_cloudwatch_log_group",
								      NULL};
			PlanTfLinkStatus status;
			g_autoptr(GPtrArray) groups =
			    tf_link(import, resource, "container_definitions", log_group_types,
					 PLAN_TF_LINK_MANY | PLAN_TF_LINK_QUIET, &status);
			/* a definition built from a log group of the plan logs with awslogs:
			 * that is the one driver whose options name a CloudWatch log group */
			if (groups->len > 0)
				task->log_driver = PLAN_LOG_AWSLOGS;
			tf_finding(
			    import, PLAN_SEVERITY_WARNING, "import-unresolved", resource,
			    "container_definitions of %s is known only after apply; the "
			    "containers are left out%s",
			    resource->source,
			    groups->len > 0 ? " (they name a CloudWatch log group of the plan: "
					      "log_driver awslogs)"
					    : "");
		}
		return;
	}
	/* a JSON document inside a string: parsed on its own, outside the plan's arena */
	definitions = cJSON_ParseWithLength(text, strlen(text));
	if (!cJSON_IsArray(definitions)) {
		tf_finding(
		    import, PLAN_SEVERITY_WARNING, "import-value", resource,
		    "container_definitions of %s is not a JSON array of containers; the "
		    "containers are left out",
		    resource->source);
		return;
	}
	for (const cJSON *item = definitions->child; item != NULL; item = item->next)
		plan_tf_read_container(import, task, item, index++);
}

PlanTfTask *
tf_task(PlanTfImport *import, PlanTfResource *resource)
{
	PlanTfTask *task;
	const char *mode = NULL;
	const char *architecture = NULL;
	const cJSON *compatibilities;

	if (resource == NULL)
		return NULL;
	if (resource->record != NULL)
		return resource->record;
	task = g_new0(PlanTfTask, 1);
	task->resource = resource;
	task->containers = g_ptr_array_new_with_free_func((GDestroyNotify)plan_container_free);
	task->secrets = g_ptr_array_new_with_free_func(g_free);
	resource->record = task;
	tf_add_record(import, task, (GDestroyNotify)tf_task_free);
	plan_tf_task_size(import, task, "cpu", 196608, &task->cpu);
	plan_tf_task_size(import, task, "memory", 4194304, &task->memory);
	if (tf_string(import, resource, "network_mode", &mode)) {
		static const char *const modes[] = {"awsvpc", "bridge", "host"};
		for (guint i = 0; i < G_N_ELEMENTS(modes); i++) {
			if (strcmp(mode, modes[i]) == 0) {
				task->network_mode = (PlanNetworkMode)i;
				task->network_mode_set = TRUE;
			}
		}
		if (!task->network_mode_set && mode[0] != '\0')
			tf_finding(
			    import, PLAN_SEVERITY_WARNING, "import-value", resource,
			    "network mode '%s' of %s is not modelled; awsvpc is assumed", mode,
			    resource->source);
	}
	if (tf_string(import, resource, "runtime_platform.0.cpu_architecture",
			   &architecture) &&
	    g_ascii_strcasecmp(architecture, "ARM64") == 0)
		task->architecture = PLAN_ARCH_ARM64;
	task->ephemeral_storage_gb = 20;
	tf_integer(import, resource, "ephemeral_storage.0.size_in_gib", 20, 200,
			&task->ephemeral_storage_gb);
	compatibilities = tf_value(resource, "requires_compatibilities");
	if (cJSON_IsArray(compatibilities) && cJSON_GetArraySize(compatibilities) == 1 &&
	    cJSON_IsString(compatibilities->child) &&
	    strcmp(compatibilities->child->valuestring, "FARGATE") == 0)
		task->fargate_only = TRUE;
	plan_tf_read_containers(import, task);
	return task;
}

static PlanContainer *
plan_tf_container_copy(const PlanContainer *container, const char *path)
{
	PlanContainer *copy = plan_container_new();

	copy->origin.path = g_strdup(path);
	copy->origin.loc = container->origin.loc;
	copy->origin.source = g_strdup(container->origin.source);
	copy->name = g_strdup(container->name);
	copy->cpu = container->cpu;
	copy->memory = container->memory;
	copy->memory_reservation = container->memory_reservation;
	copy->essential = container->essential;
	copy->port = container->port;
	return copy;
}

void
tf_task_apply(PlanTfImport *import, PlanService *service, PlanTfTask *task)
{
	if (task == NULL)
		return;
	service->cpu = task->cpu;
	service->memory = task->memory;
	service->architecture = task->architecture;
	service->ephemeral_storage_gb = task->ephemeral_storage_gb;
	if (task->network_mode_set)
		service->network_mode = task->network_mode;
	service->log_driver = task->log_driver;
	service->image_registry = task->image_registry;
	for (guint i = 0; i < task->secrets->len; i++)
		g_ptr_array_add(service->secrets, g_strdup(g_ptr_array_index(task->secrets, i)));
	for (guint i = 0; i < task->containers->len; i++) {
		g_autofree char *path =
		    g_strdup_printf("%s.containers[%u]", service->origin.path, i);
		g_ptr_array_add(
		    service->containers,
		    plan_tf_container_copy(g_ptr_array_index(task->containers, i), path));
	}
}
