/* ecsplan: what the parts of the Terraform importer share (import-terraform*.c). The parse
 * tree lives in a cJSON arena for the whole import, so records point into it freely. */
#pragma once

#include "compat.h"

#include "diagnostic.h"
#include "import-terraform.h"
#include "json-util.h"
#include "jsonpos.h"
#include "model.h"

G_BEGIN_DECLS

#define PLAN_TF_MAX_BYTES (256u * 1024u * 1024u)
/* JSON nesting: a values representation nests two levels per module, so deep module trees
 * need more room than a model */
#define PLAN_TF_MAX_DEPTH 160u
/* chained module outputs and variables followed for one reference */
#define PLAN_TF_MAX_REFERENCE_DEPTH 64u
#define PLAN_TF_MAX_PROBLEMS 100
/* references followed in one import, counting each time an expression is evaluated: the
 * 20,000-resource plan of bench-import.sh follows 43,264; past the limit the import fails with
 * PLAN_ERROR_LIMIT (docs/limits.md, "Scale") instead of running for minutes */
#define PLAN_TF_MAX_REFERENCES 1000000u

/* what the plan does to a resource (resource_changes[].change.actions) */
typedef enum {
	PLAN_TF_CHANGE_NONE = 0, /* a state, or no change recorded */
	PLAN_TF_CHANGE_CREATE = 1 << 0,
	PLAN_TF_CHANGE_DELETE = 1 << 1,
	PLAN_TF_CHANGE_UPDATE = 1 << 2,
	PLAN_TF_CHANGE_READ = 1 << 3,
	PLAN_TF_CHANGE_NOOP = 1 << 4,
} PlanTfChange;

/* one resource instance from a values representation */
typedef struct {
	/* the strings live in the import's string chunk (or the parse tree) for the whole
	 * import: none is freed on its own */
	const char *address; /* canonical: module.a["k"].aws_subnet.x[0] */
	const char *source;  /* the address as the input wrote it, for "source" fields */
	const char *module;  /* canonical module instance address; "" for the root module */
	const char *config;  /* the resource in its module's configuration: "aws_subnet.x" or
				"data..." */
	const char *type; /* points into the parse tree */
	const char *name;
	gboolean data;	  /* mode "data": a data source */
	gboolean has_key; /* count or for_each instance */
	gboolean key_is_string;
	gint64 key_number;
	const char *key_string;
	const cJSON *node;    /* the resource object */
	const cJSON *values;  /* its "values" object; NULL when absent */
	const cJSON *unknown; /* change.after_unknown; NULL when none */
	guint change;	      /* PlanTfChange bits */
	/* the JSON path of @node is "<list>[<index>]", made only for a message
	 * (tf_resource_path) */
	const char *list;
	guint index;
	PlanLoc loc;
	gpointer record;	  /* what the mapping made of it (a PlanTf* record), or NULL */
	const PlanOrigin *origin; /* the model element made from it, for findings; or NULL */
	gboolean recognised;	  /* of a type the importer reads */
	gboolean config_known;	  /* config_node has been looked up */
	const cJSON *config_node; /* its object in the module's configuration, or NULL */
	guint order;		  /* place in the document */
} PlanTfResource;

/* the configuration of one module (all instances of a module call share it) */
typedef struct {
	char *path;	       /* JSON path, for messages */
	GHashTable *resources; /* "aws_subnet.x" / "data.aws_vpc.y" -> const cJSON * */
	const cJSON *outputs;  /* object, or NULL */
	const cJSON *calls;    /* module_calls object, or NULL */
} PlanTfModuleConfig;

typedef struct _PlanTfImport PlanTfImport;

struct _PlanTfImport {
	const char *file;
	PlanTextIndex *lines;
	const PlanImportOptions *options;
	const cJSON *root;
	gboolean is_state;
	const char *format_version;
	const char *terraform_version;

	GPtrArray *resources;	/* PlanTfResource, in document order */
	GHashTable *by_address; /* canonical address -> PlanTfResource */
	GHashTable *by_type;	/* type -> GPtrArray of PlanTfResource, in document order */
	GHashTable *groups;	/* module "\x1f" config address -> GPtrArray of PlanTfResource */
	GHashTable *by_id;	/* type "\x1f" a known id or ARN -> PlanTfResource (first wins) */
	GHashTable *by_name;	/* type "\x1f" name value -> PlanTfResource (first wins) */
	GHashTable *modules;	/* configuration path ("", "module.a.module.b") -> config */
	GHashTable *children;	/* module instance "\x1f" call name -> GPtrArray of char* */
	GHashTable *instances;	/* module instances seen (char* set) */
	GHashTable *memo;	/* module "\x1f" reference -> GPtrArray (resolution results) */
	GHashTable *expressions; /* const cJSON * -> its references, parsed once */
	GPtrArray *deleted;	/* const cJSON *: resource_changes entries that only delete */
	guint depth;		/* current reference depth */
	/* module "\x1f" config address "\x1f" canonical key -> GPtrArray of PlanTfResource:
	 * the instances of a group by key, built on the first keyed reference */
	GHashTable *keyed;
	guint n_references; /* followed so far; stops at PLAN_TF_MAX_REFERENCES + 1 */

	/* strings that live as long as the import: addresses, module and configuration
	 * addresses, the JSON paths of module lists */
	GStringChunk *strings;
	GHashTable *module_addresses; /* a module address as written -> canonical (in strings) */
	GString *scratch;	      /* lookup keys, built and used at once (never across calls) */

	GPtrArray *problems; /* char*: one line each (unreadable input) */
	GHashTable *problem_set;
	guint n_problems;

	PlanModel *model;
	GHashTable *vpc_names; /* model-wide name scopes: char* set */
	GHashTable *service_names;
	GHashTable *cluster_names;
	GPtrArray *vpcs;    /* PlanTfVpc (network part) */
	GPtrArray *records; /* every other PlanTf* record, freed with the import */
	gboolean trunking;  /* aws_ecs_account_setting_default awsvpcTrunking enabled */
};

/* import-terraform-read.c: the index of resource instances ----------------------------- */

void tf_import_init(PlanTfImport *import, const char *file, const PlanImportOptions *options);
void tf_import_clear(PlanTfImport *import);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(PlanTfImport, tf_import_clear)
/* planned_values (a plan) or values (a state), then prior_state's data sources */
void tf_read_values(PlanTfImport *import, const cJSON *root);
/* resource_changes: actions and after_unknown on the resources, deletions aside */
void tf_read_changes(PlanTfImport *import, const cJSON *changes);
/* count instances in index order, for_each instances in key order */
void tf_sort_groups(PlanTfImport *import);

/* import-terraform-values.c: problems, findings, values, names -------------------------- */

void tf_problem(PlanTfImport *import, const cJSON *node, const char *path, const char *format,
		     ...) G_GNUC_PRINTF(4, 5);
PlanLoc tf_loc(const PlanTfImport *import, const cJSON *node);
/* the JSON path of @resource's object, for a message. Returns: (transfer full) */
char *tf_resource_path(const PlanTfResource *resource) G_GNUC_WARN_UNUSED_RESULT;
const char *plan_json_type_name(const cJSON *node);

/* a finding about @resource: on its model element when it has one, else on its place in the
 * plan with its address as source */
PlanDiagnostic *tf_finding(PlanTfImport *import, PlanSeverity severity, const char *code,
				const PlanTfResource *resource, const char *format, ...)
    G_GNUC_PRINTF(5, 6);

/* the node at @attribute ("network_configuration.0.subnets": names, and indexes into arrays)
 * under @node; a single nested block given as an object is stepped into for index 0 */
const cJSON *tf_walk(const cJSON *node, const char *attribute);
/* the value at @attribute, or NULL when absent or null */
const cJSON *tf_value(const PlanTfResource *resource, const char *attribute);
/* TRUE when after_unknown marks @attribute (or anything inside it) unknown */
gboolean tf_unknown(const PlanTfResource *resource, const char *attribute);
/* typed getters: FALSE when absent or null; a value of another type is a problem */
gboolean tf_string(PlanTfImport *import, const PlanTfResource *resource, const char *attribute,
			const char **out);
gboolean tf_bool(PlanTfImport *import, const PlanTfResource *resource, const char *attribute,
		      gboolean *out);
gboolean tf_number(PlanTfImport *import, const PlanTfResource *resource, const char *attribute,
			double *out);
/* a whole number within [min, max]; out of range is a finding (import-value), not a problem */
gboolean tf_integer(PlanTfImport *import, const PlanTfResource *resource,
			 const char *attribute, gint64 min, gint64 max, gint64 *out);
gboolean tf_is_type(const PlanTfResource *resource, const char *const *types);
/* the resources of @types (NULL-terminated), in document order. Returns: (transfer container) */
GPtrArray *tf_of_types(PlanTfImport *import,
			    const char *const *types) G_GNUC_WARN_UNUSED_RESULT;

/* a name unique in @scope (a char* set), from @resource's address; returns: (transfer full) */
char *tf_unique_name(GHashTable *scope, const char *base);
char *tf_element_name(GHashTable *scope, const PlanTfResource *resource);
void tf_set_origin(PlanOrigin *origin, PlanTfResource *resource, char *path);
/* fills a CIDR field from text; @path is the model path of the field */
void tf_cidr_set(PlanCidr *cidr, const char *text, PlanFamily family, const char *path,
		      PlanLoc loc);
void tf_add_record(PlanTfImport *import, gpointer record, GDestroyNotify destroy);

/* import-terraform-expr.c: addresses, references and expressions, parsed ----------------- */

/* a parsed address or reference segment: name, optional [key] */
typedef struct {
	char *name;
	char *key; /* canonical: "0" or "\"text\"" (JSON string); NULL when none */
} PlanTfSegment;

void tf_segment_free(PlanTfSegment *segment);
/* splits "module.a[\"x\"].aws_subnet.b[0].id" into segments; NULL when it does not parse */
GPtrArray *tf_segments_parse(const char *text) G_GNUC_WARN_UNUSED_RESULT;
char *tf_key_from_number(gint64 number);
char *tf_key_from_string(const char *text);
/* the same keys appended to @out */
void tf_key_append_number(GString *out, gint64 number);
void tf_key_append_string(GString *out, const char *text);
/* the configuration path of a module instance: "module.a[0].module.b" -> "module.a.module.b" */
char *tf_module_config_path(const char *module) G_GNUC_WARN_UNUSED_RESULT;

typedef enum {
	PLAN_TF_REF_RESOURCE,
	PLAN_TF_REF_OUTPUT,
	PLAN_TF_REF_MODULE,
	PLAN_TF_REF_VAR,
	PLAN_TF_REF_EACH,
	PLAN_TF_REF_COUNT,
	PLAN_TF_REF_OTHER,
} PlanTfRefKind;

/* one reference of an expression, as Terraform lists it ("module.vpc.private_subnets") */
typedef struct {
	PlanTfRefKind kind;
	char *target; /* resource: "type.name" / "data.type.name"; module: call name; var name */
	char *key;    /* canonical key, or NULL */
	char *output; /* PLAN_TF_REF_OUTPUT */
	const char *text;
	gboolean dropped; /* made redundant by a more precise form of the same reference */
	char *memo_key;	  /* PLAN_TF_REF_OUTPUT and _VAR: its resolution's key in the memo */
} PlanTfRef;

/* an expression's references, parsed once: the configuration of a module is shared by all
 * its instances, so the same expression is evaluated for each of them */
typedef struct {
	guint n_strings; /* the string references listed, each counted against the budget */
	GPtrArray *refs; /* PlanTfRef: those left once the redundant forms are dropped */
} PlanTfExpression;

/* the parsed references of @node (cached on @import), or NULL when it is not an object with a
 * references array. Returns: (transfer none) */
const PlanTfExpression *tf_expression_refs(PlanTfImport *import, const cJSON *node);

/* import-terraform-config.c: the configuration section ------------------------------------ */

void tf_module_config_free(PlanTfModuleConfig *config);
/* reads configuration.root_module and everything below it */
void tf_read_configuration(PlanTfImport *import, const cJSON *configuration);
/* the configuration of module instance @module ("module.a[0]"), or NULL. Returns: (transfer
 * none) */
PlanTfModuleConfig *tf_module_config(PlanTfImport *import, const char *module);
/* @resource's object in its module's configuration, or NULL; looked up once per resource */
const cJSON *tf_resource_config_node(PlanTfImport *import, const PlanTfResource *resource);
/* the expressions object of @resource's configuration, or NULL */
const cJSON *tf_resource_config(PlanTfImport *import, const PlanTfResource *resource);
/* the expression of @attribute in @resource's configuration, or NULL */
const cJSON *tf_expression(PlanTfImport *import, const PlanTfResource *resource,
				const char *attribute);
/* the number of elements of the block list @attribute, in the values or in the configuration */
guint tf_block_count(const PlanTfResource *resource, PlanTfImport *import,
			  const char *attribute);

/* import-terraform-resolve.c: the resources references lead to ----------------------------- */

/* what an expression's references say about the instance that evaluates it */
typedef enum {
	PLAN_TF_HINT_COUNT = 1 << 0, /* count.index: element(list, count.index) */
	PLAN_TF_HINT_EACH = 1 << 1,  /* each.key / each.value */
} PlanTfHint;

/* the JSON path a problem of a resolution names, as parts joined only when one is reported */
typedef struct {
	const char *parts[6]; /* NULL-terminated */
} PlanTfWhere;

/* a list without repeats: short lists are searched, long ones get a hash set */
typedef struct {
	GPtrArray *out;
	GHashTable *seen; /* NULL until out is long */
} PlanTfSet;

#define PLAN_TF_SET_SCAN 16u

void tf_set_add(PlanTfSet *set, gpointer resource);
/* frees the hash set; @set->out stays the caller's */
void tf_set_clear(PlanTfSet *set);
/* the resources @expression refers to, evaluated in module instance @module; @for_each stands
 * for each.key / each.value, @hints (or NULL) receives PlanTfHint bits.
 * Returns: (transfer container) */
GPtrArray *tf_resolve_expression(PlanTfImport *import, const char *module,
				 const cJSON *expression, const cJSON *for_each,
				 const PlanTfWhere *where, guint *hints) G_GNUC_WARN_UNUSED_RESULT;
/* everything module instance @module receives from its call (memoised), for an attribute
 * @what set where the configuration shows no expression (a dynamic block); NULL on a cycle or
 * past the depth limit (a problem). Returns: (transfer none) */
GPtrArray *tf_module_inputs(PlanTfImport *import, const char *module, const char *what,
			    const PlanTfWhere *where);

/* import-terraform-links.c: links through known ids, else through the references ---------- */

/* how a link was found, or why not */
typedef enum {
	PLAN_TF_LINK_NONE,	 /* the attribute is not set: nothing to link */
	PLAN_TF_LINK_FOUND,	 /* found (known ids, or the configuration's references) */
	PLAN_TF_LINK_UNRESOLVED, /* set, but nothing in the plan matches */
} PlanTfLinkStatus;

typedef enum {
	PLAN_TF_LINK_ONE = 0,	       /* a single target: a scalar attribute */
	PLAN_TF_LINK_MANY = 1 << 0,    /* a list attribute */
	PLAN_TF_LINK_BY_NAME = 1 << 1, /* a known value may also be the target's "name" */
	PLAN_TF_LINK_QUIET = 1 << 2,   /* report nothing: the caller has a fallback */
} PlanTfLinkFlags;

/* the resources of @types that @attribute of @from points at: through known ids (or names),
 * else through the configuration's references. Unresolved links are reported as
 * import-unresolved on @from unless QUIET. Returns: (transfer container) */
GPtrArray *tf_link(PlanTfImport *import, PlanTfResource *from, const char *attribute,
			const char *const *types, PlanTfLinkFlags flags,
			PlanTfLinkStatus *status) G_GNUC_WARN_UNUSED_RESULT;
/* the same for a value and an expression found by the caller (inline route blocks) */
GPtrArray *tf_link_nodes(PlanTfImport *import, PlanTfResource *from, const char *what,
			      const cJSON *value, gboolean unknown, const cJSON *expression,
			      const char *const *types, PlanTfLinkFlags flags,
			      PlanTfLinkStatus *status) G_GNUC_WARN_UNUSED_RESULT;
PlanTfResource *tf_link_one(PlanTfImport *import, PlanTfResource *from, const char *attribute,
				 const char *const *types, PlanTfLinkFlags flags);
/* registers @resource under a known @id of its type for tf_link (first wins); in -read.c */
void tf_register_id(PlanTfImport *import, const char *id, PlanTfResource *resource);
/* the resource of one of @types with that known id or ARN, or NULL */
PlanTfResource *tf_lookup_id(PlanTfImport *import, const char *id, const char *const *types);

/* import-terraform-network.c ------------------------------------------------------------ */

/* what the network part knows about a VPC of the model */
typedef struct {
	PlanVpc *vpc; /* owned by the model */
	guint index;
	PlanTfResource *resource; /* NULL for a VPC known only by its id */
	gboolean existing;	  /* not created by this plan: its main route table is unknown */
	gboolean is_default;
	GHashTable *subnet_names;
	GHashTable *nat_names;
	GHashTable *lb_names;
	GPtrArray *subnet_records; /* PlanTfSubnet, in model order */
	gpointer main_table;	   /* PlanTfRouteTable */
} PlanTfVpc;

typedef struct {
	PlanSubnet *subnet; /* owned by the model */
	PlanTfVpc *vpc;
	PlanTfResource *resource;
	gpointer table; /* PlanTfRouteTable: the explicit association */
} PlanTfSubnet;

typedef struct {
	PlanLoadBalancer *lb; /* owned by the model */
	PlanTfVpc *vpc;
	PlanTfResource *resource;
} PlanTfLoadBalancer;

/* import-terraform-read.c frees the VPC records it holds */
void tf_vpc_free(PlanTfVpc *vpc);
/* VPCs, subnets and tiers, NAT gateways, endpoints (the load balancers come next, from
 * import-terraform-lb.c, which reads the subnets this maps) */
void tf_map_network(PlanTfImport *import);
/* the VPC of the model when it holds exactly one, else NULL */
PlanTfVpc *tf_only_vpc(PlanTfImport *import);
/* the subnet record @resource became, or NULL (not a subnet, or not placed) */
PlanTfSubnet *tf_subnet_of(PlanTfResource *resource);
/* when another resource of the same type and known id became an element already (a data
 * source reading a managed resource), @resource shares its record; returns it, or NULL */
gpointer tf_alias(PlanTfImport *import, PlanTfResource *resource);

/* import-terraform-lb.c ------------------------------------------------------------------- */

void tf_map_load_balancers(PlanTfImport *import);
/* the load balancer a target group serves (through listeners and rules), or NULL */
PlanTfLoadBalancer *tf_target_group_lb(PlanTfImport *import, PlanTfResource *group);

extern const char *const tf_subnet_types[];
extern const char *const tf_lb_types[];

/* import-terraform-task.c ---------------------------------------------------------------- */

/* a task definition as the services that run it see it */
typedef struct {
	PlanTfResource *resource;
	gint64 cpu;
	gint64 memory;
	gboolean network_mode_set;
	PlanNetworkMode network_mode;
	PlanArchitecture architecture;
	gint64 ephemeral_storage_gb;
	gboolean fargate_only;
	GPtrArray *containers; /* PlanContainer, owned; services get copies */
	/* runtime needs from container_definitions (docs/model.md, "Runtime needs") */
	PlanLogDriver log_driver;
	PlanImageRegistry image_registry;
	GPtrArray *secrets; /* char*: "secretsmanager", "ssm", each once, in order met */
} PlanTfTask;

void tf_task_free(PlanTfTask *task);
/* reads @resource once (it becomes the resource's record); NULL for NULL.
 * Returns: (transfer none) */
PlanTfTask *tf_task(PlanTfImport *import, PlanTfResource *resource);
/* copies the task's size, mode, architecture, storage and containers into @service */
void tf_task_apply(PlanTfImport *import, PlanService *service, PlanTfTask *task);

/* import-terraform-ecs.c ----------------------------------------------------------------- */

/* a service the importer made, for the scaling part */
typedef struct {
	PlanService *service; /* owned by the model */
	PlanTfResource *resource;
} PlanTfService;

void tf_map_ecs(PlanTfImport *import);

typedef void (*PlanTfEachFunc)(PlanTfImport *import, PlanTfResource *resource);
/* calls @func on each resource of @type, in document order (in -values.c) */
void tf_each_type(PlanTfImport *import, const char *type, PlanTfEachFunc func);

/* import-terraform-hosts.c --------------------------------------------------------------- */

/* RDS instances, Aurora clusters (with their members) and standalone EC2 hosts into the
 * model's databases[] and instances[]; runs after tf_map_network, whose subnets they use */
void tf_map_hosts(PlanTfImport *import);

/* import-terraform-scaling.c ------------------------------------------------------------- */

/* service auto scaling: scalable targets, target tracking and step policies (with the
 * CloudWatch alarms that drive them) and scheduled actions, into each service's autoscaling
 * block; runs after tf_map_ecs, which makes the services */
void tf_map_scaling(PlanTfImport *import);

/* resource types the importer reads (the rest are listed as not modelled); in -read.c */
gboolean tf_type_recognised(const char *type, gboolean data);

G_END_DECLS
