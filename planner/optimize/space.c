/* ecsplan: the search space — for each service, every valid candidate along the axes
 * optimize.h lists, counted before it is built so an oversized space is refused without
 * allocating it */
#include "optimize-private.h"

#include <string.h>

#include "loader.h"
#include "plan-error.h"

void
plan_opt_options_init(PlanOptOptions *options)
{
	g_return_if_fail(options != NULL);
	memset(options, 0, sizeof(*options));
	options->duration_s = 7 * 24 * 3600;
	options->step_s = 60;
	options->runs = 3;
	options->shard_count = 1;
}

/* one launch configuration: a Fargate size or an EC2 type with trunking off or on */
typedef struct {
	PlanLaunchType launch_type;
	PlanArchitecture architecture;
	gint64 cpu_units;
	gint64 memory_mib;
	const char *instance_type;
	gboolean trunking;
} OptLaunch;

/* one way to buy it: a Spot share and a purchase option */
typedef struct {
	guint spot_pct;
	gboolean committed;
	PlanCommitKind commit;
	PlanTerm term;
	PlanUpfront upfront;
} OptPurchase;

/* the terms compare lists by default, and the ones searched */
static const struct {
	PlanTerm term;
	PlanUpfront upfront;
} opt_terms[] = {{PLAN_TERM_1Y, PLAN_UPFRONT_NO}, {PLAN_TERM_3Y, PLAN_UPFRONT_ALL}};

static gboolean
opt_fargate_commit_priced(const PlanPriceBook *book, PlanArchitecture architecture, PlanTerm term,
			  PlanUpfront upfront)
{
	const char *arch = architecture == PLAN_ARCH_ARM64 ? "arm64" : "x86_64";
	g_autofree char *vcpu = g_strdup_printf("fargate.%s.vcpu_hour", arch);
	g_autofree char *gb = g_strdup_printf("fargate.%s.gb_hour", arch);

	return plan_price_book_commit(book, PLAN_COMMIT_COMPUTE_SP, vcpu, term, upfront) != NULL &&
	       plan_price_book_commit(book, PLAN_COMMIT_COMPUTE_SP, gb, term, upfront) != NULL;
}

/* the Spot shares and purchase options the book prices for @launch, in axis order */
static GArray *
opt_purchases(const PlanPriceBook *book, const OptLaunch *launch)
{
	GArray *out = g_array_new(FALSE, TRUE, sizeof(OptPurchase));
	OptPurchase item = {0};
	gboolean spot;

	g_array_append_val(out, item);
	for (guint t = 0; t < G_N_ELEMENTS(opt_terms); t++) {
		for (guint k = 0; k < PLAN_N_COMMITS; k++) {
			gboolean priced;
			if (launch->launch_type == PLAN_LAUNCH_FARGATE)
				priced = k == PLAN_COMMIT_COMPUTE_SP &&
					 opt_fargate_commit_priced(book, launch->architecture,
								   opt_terms[t].term,
								   opt_terms[t].upfront);
			else
				priced = plan_price_book_commit(book, (PlanCommitKind)k,
								launch->instance_type,
								opt_terms[t].term,
								opt_terms[t].upfront) != NULL;
			if (!priced)
				continue;
			item.committed = TRUE;
			item.commit = (PlanCommitKind)k;
			item.term = opt_terms[t].term;
			item.upfront = opt_terms[t].upfront;
			g_array_append_val(out, item);
		}
	}
	spot = launch->launch_type == PLAN_LAUNCH_FARGATE
		   ? plan_price_book_get(book, "fargate.spot_discount") != NULL
		   : plan_price_book_ec2_spot(book, launch->instance_type) != NULL;
	if (spot) {
		memset(&item, 0, sizeof(item));
		item.spot_pct = 50;
		g_array_append_val(out, item);
		item.spot_pct = 100;
		g_array_append_val(out, item);
	}
	return out;
}

static void
opt_fargate_launches(const OptServiceNeeds *needs, GArray *out)
{
	gint64 fit_cpu = 0;
	gint64 fit_memory = 0;

	/* the cluster's daemons ride in every Fargate task as a sidecar */
	gint64 need_cpu = needs->need_cpu + needs->sidecar_cpu;
	gint64 need_memory = needs->need_memory + needs->sidecar_memory;

	if (!plan_fargate_fit(MAX(need_cpu, 1), MAX(need_memory, 1), &fit_cpu, &fit_memory))
		return;
	for (guint a = 0; a < 2; a++) {
		gint64 cpu = fit_cpu;
		for (guint n = 0; n < PLAN_OPT_FARGATE_SIZES && cpu <= 4 * fit_cpu; n++, cpu *= 2) {
			OptLaunch launch = {.launch_type = PLAN_LAUNCH_FARGATE,
					    .architecture = a == 0 ? PLAN_ARCH_X86_64
								   : PLAN_ARCH_ARM64};
			if (!plan_fargate_fit(cpu, need_memory, &launch.cpu_units,
					      &launch.memory_mib))
				break;
			g_array_append_val(out, launch);
		}
	}
}

static void
opt_ec2_launches(const PlanModel *model, const PlanPriceBook *book, const PlanService *service,
		 const OptServiceNeeds *needs, GArray *out)
{
	g_autoptr(GPtrArray) types = plan_price_book_instances(book);
	gint64 cpu = 0;
	gint64 memory = 0;
	PlanTaskShape shape;

	/* awsvpc tasks on EC2 get no public address: a service that needs one stays on Fargate */
	if (service->assign_public_ip)
		return;
	plan_service_task_size(service, &cpu, &memory);
	cpu = MAX(cpu, needs->need_cpu);
	memory = MAX(memory, needs->need_memory);
	shape = opt_ec2_shape(service, cpu, memory);
	for (guint i = 0; i < types->len; i++) {
		const PlanInstanceType *type = g_ptr_array_index(types, i);
		if (!type->hourly.present || type->baseline_pct_milli > 0)
			continue;
		for (guint trunk = 0; trunk < 2; trunk++) {
			OptLaunch launch = {.launch_type = PLAN_LAUNCH_EC2,
					    .cpu_units = cpu,
					    .memory_mib = memory,
					    .instance_type = type->name,
					    .trunking = trunk == 1};
			launch.architecture = g_strcmp0(type->architecture, "arm64") == 0
						  ? PLAN_ARCH_ARM64
						  : PLAN_ARCH_X86_64;
			if (trunk == 1 && (shape.network_mode != PLAN_NETWORK_AWSVPC ||
					   !plan_instance_trunking(type, TRUE)))
				continue;
			g_autoptr(PlanInstanceReserve) reserve = NULL;
			reserve = opt_cluster_reserve(model, service, type, launch.trunking);
			if (plan_packing_reserved(type, reserve, &shape, launch.trunking).tasks <= 0)
				continue;
			g_array_append_val(out, launch);
		}
	}
}

/* the target tracking values searched: 50, 60, 70, 80 % and the model's own (ALB requests
 * per target: the model's value × 0.5, 0.75, 1, 1.25) */
static GArray *
opt_targets(const PlanService *service)
{
	GArray *out = g_array_new(FALSE, FALSE, sizeof(double));
	const PlanTargetTracking *policy;
	static const double percents[] = {50, 60, 70, 80};
	static const double factors[] = {0.5, 0.75, 1, 1.25};
	gboolean own = FALSE;

	if (service->autoscaling.target_tracking->len == 0)
		return out;
	policy = g_ptr_array_index(service->autoscaling.target_tracking, 0);
	for (guint i = 0; i < 4; i++) {
		double value = policy->metric == PLAN_METRIC_ALB_REQUESTS
				   ? policy->target * factors[i]
				   : percents[i];
		own = own || value == policy->target;
		g_array_append_val(out, value);
	}
	if (!own)
		g_array_append_val(out, policy->target);
	return out;
}

/* (min, max) pairs: the model's, half the min, twice the max; duplicates dropped */
static GArray *
opt_bounds(const PlanService *service)
{
	GArray *out = g_array_new(FALSE, FALSE, sizeof(gint64) * 2);
	gint64 pairs[3][2];
	gint64 min = service->autoscaling.present ? service->autoscaling.min : service->desired_count;
	gint64 max = service->autoscaling.present ? service->autoscaling.max : service->desired_count;

	pairs[0][0] = min;
	pairs[0][1] = max;
	pairs[1][0] = MAX(1, min / 2);
	pairs[1][1] = service->autoscaling.present ? max : MAX(1, min / 2);
	pairs[2][0] = service->autoscaling.present ? min : 2 * min;
	pairs[2][1] = 2 * max;
	for (guint i = 0; i < 3; i++) {
		gboolean seen = FALSE;
		if (pairs[i][1] < pairs[i][0] || pairs[i][1] <= 0)
			continue;
		for (guint j = 0; j < out->len; j++) {
			const gint64 *pair = &g_array_index(out, gint64, 2 * j);
			seen = seen || (pair[0] == pairs[i][0] && pair[1] == pairs[i][1]);
		}
		if (!seen)
			g_array_append_vals(out, pairs[i], 1);
	}
	return out;
}

/* one service's axes */
typedef struct {
	guint service_index;
	GArray *launches;  /* OptLaunch */
	GPtrArray *buys;   /* GArray of OptPurchase, per launch */
	GArray *targets;   /* double */
	GArray *bounds;	   /* gint64 pairs */
	guint64 count;
} OptAxes;

static void
opt_axes_clear(OptAxes *axes)
{
	g_clear_pointer(&axes->launches, g_array_unref);
	g_clear_pointer(&axes->buys, g_ptr_array_unref);
	g_clear_pointer(&axes->targets, g_array_unref);
	g_clear_pointer(&axes->bounds, g_array_unref);
}

static void
opt_axes_init(OptAxes *axes, const PlanModel *model, const PlanPriceBook *book, guint s)
{
	const PlanService *service = g_ptr_array_index(model->services, s);
	OptServiceNeeds needs;
	guint64 per_launch = 0;

	opt_service_needs(model, service, &needs);
	axes->service_index = s;
	axes->launches = g_array_new(FALSE, TRUE, sizeof(OptLaunch));
	axes->buys = g_ptr_array_new_with_free_func((GDestroyNotify)g_array_unref);
	opt_fargate_launches(&needs, axes->launches);
	opt_ec2_launches(model, book, service, &needs, axes->launches);
	axes->targets = opt_targets(service);
	axes->bounds = opt_bounds(service);
	for (guint l = 0; l < axes->launches->len; l++) {
		GArray *buys = opt_purchases(book, &g_array_index(axes->launches, OptLaunch, l));
		per_launch += buys->len;
		g_ptr_array_add(axes->buys, buys);
	}
	axes->count = per_launch * MAX(axes->targets->len, 1) * axes->bounds->len;
}

static void
opt_axes_build(const OptAxes *axes, const PlanModel *model, const PlanOptOptions *options,
	       GArray *out)
{
	const PlanService *service = g_ptr_array_index(model->services, axes->service_index);
	guint n_targets = MAX(axes->targets->len, 1);

	for (guint l = 0; l < axes->launches->len; l++) {
		const OptLaunch *launch = &g_array_index(axes->launches, OptLaunch, l);
		GArray *buys = g_ptr_array_index(axes->buys, l);
		for (guint b = 0; b < buys->len; b++) {
			const OptPurchase *buy = &g_array_index(buys, OptPurchase, b);
			for (guint t = 0; t < n_targets; t++) {
				for (guint m = 0; m < axes->bounds->len; m++) {
					const gint64 *pair = &g_array_index(axes->bounds, gint64, 2 * m);
					PlanOptCandidate c = {0};
					OptRates rates;
					c.service_index = axes->service_index;
					c.launch_type = launch->launch_type;
					c.architecture = launch->architecture;
					c.cpu_units = launch->cpu_units;
					c.memory_mib = launch->memory_mib;
					c.instance_type = launch->instance_type;
					c.trunking = launch->trunking;
					c.spot_pct = buy->spot_pct;
					c.committed = buy->committed;
					c.commit = buy->commit;
					c.term = buy->term;
					c.upfront = buy->upfront;
					c.purchase = buy->committed ? plan_purchase_name(buy->commit,
											 buy->term,
											 buy->upfront)
								    : buy->spot_pct == 100 ? "spot"
											     : "on-demand";
					c.has_target = axes->targets->len > 0;
					c.target = c.has_target
						       ? g_array_index(axes->targets, double, t)
						       : 0;
					c.min = pair[0];
					c.max = pair[1];
					opt_rates(model, options->book, &c, &rates);
					c.lower_bound = opt_lower_bound(&c, &rates, options);
					g_array_append_val(out, c);
				}
			}
		}
	}
	(void)service;
}

static char *
opt_space_too_big(const PlanModel *model, const OptAxes *axes, guint n, guint64 total)
{
	GString *text = g_string_new(NULL);
	guint worst = 0;

	for (guint i = 1; i < n; i++)
		if (axes[i].count > axes[worst].count)
			worst = i;
	g_string_append_printf(text,
			       "the search space has %" G_GUINT64_FORMAT
			       " candidates, over the limit of %" G_GUINT64_FORMAT,
			       total, PLAN_OPT_MAX_CANDIDATES);
	if (n > 0) {
		const PlanService *service =
		    g_ptr_array_index(model->services, axes[worst].service_index);
		g_string_append_printf(text,
				       "; service '%s' alone has %" G_GUINT64_FORMAT
				       " (%u launch configurations)",
				       service->name, axes[worst].count, axes[worst].launches->len);
	}
	g_string_append(text, "; narrow it with --service NAME (one service at a time)");
	return g_string_free(text, FALSE);
}

PlanOptSpace *
plan_opt_space_new(const PlanModel *model, const PlanOptOptions *options, GError **error)
{
	g_autoptr(PlanOptSpace) space = g_new0(PlanOptSpace, 1);
	g_autofree OptAxes *axes = NULL;
	guint n_axes = 0;
	guint64 total = 0;
	gboolean overflow = FALSE;

	g_return_val_if_fail(model != NULL && model->linked, NULL);
	g_return_val_if_fail(options != NULL && options->book != NULL, NULL);
	g_return_val_if_fail(error == NULL || *error == NULL, NULL);

	axes = g_new0(OptAxes, MAX(model->services->len, 1));
	for (guint s = 0; s < model->services->len; s++) {
		const PlanService *service = g_ptr_array_index(model->services, s);
		if (options->service != NULL && g_strcmp0(service->name, options->service) != 0)
			continue;
		/* a daemon runs one task on every instance of its cluster: nothing to choose; its
		 * room on each instance is counted in its cluster's services' candidates */
		if (plan_service_is_daemon(service)) {
			if (options->service == NULL)
				continue;
			for (guint i = 0; i < n_axes; i++)
				opt_axes_clear(&axes[i]);
			g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
				    "service '%s' is a DAEMON service: it runs one task on every "
				    "instance of its cluster, so there is nothing to choose; optimize "
				    "the cluster's other services, which are sized around it",
				    service->name);
			return NULL;
		}
		opt_axes_init(&axes[n_axes], model, options->book, s);
		if (total > G_MAXUINT64 - axes[n_axes].count)
			overflow = TRUE;
		total += axes[n_axes].count;
		n_axes++;
	}
	if (overflow || total > PLAN_OPT_MAX_CANDIDATES) {
		g_autofree char *message = opt_space_too_big(model, axes, n_axes, total);
		for (guint i = 0; i < n_axes; i++)
			opt_axes_clear(&axes[i]);
		g_set_error_literal(error, PLAN_ERROR, PLAN_ERROR_USAGE, message);
		return NULL;
	}
	space->services = g_ptr_array_new_with_free_func(g_free);
	for (guint i = 0; i < n_axes; i++) {
		PlanOptServiceSpace *item;
		if (axes[i].count == 0) {
			opt_axes_clear(&axes[i]);
			continue;
		}
		item = g_new0(PlanOptServiceSpace, 1);
		item->service_index = axes[i].service_index;
		item->first = space->total;
		item->candidates =
		    g_array_sized_new(FALSE, TRUE, sizeof(PlanOptCandidate), (guint)axes[i].count);
		opt_axes_build(&axes[i], model, options, item->candidates);
		space->total += item->candidates->len;
		g_ptr_array_add(space->services, item);
		opt_axes_clear(&axes[i]);
	}
	if (space->total == 0) {
		if (options->service != NULL && n_axes == 0)
			g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
				    "no service '%s' in the model", options->service);
		else if (model->services->len == 0)
			g_set_error_literal(error, PLAN_ERROR, PLAN_ERROR_USAGE,
					    "the search space is empty: the model has no service");
		else
			g_set_error_literal(
			    error, PLAN_ERROR, PLAN_ERROR_USAGE,
			    "the search space is empty: no Fargate size holds the containers and "
			    "no priced EC2 instance type fits one task");
		return NULL;
	}
	return g_steal_pointer(&space);
}

void
plan_opt_space_free(PlanOptSpace *space)
{
	if (space == NULL)
		return;
	if (space->services != NULL) {
		for (guint i = 0; i < space->services->len; i++) {
			PlanOptServiceSpace *item = g_ptr_array_index(space->services, i);
			g_clear_pointer(&item->candidates, g_array_unref);
		}
		g_ptr_array_unref(space->services);
	}
	g_free(space);
}

const PlanOptCandidate *
plan_opt_space_get(const PlanOptSpace *space, guint64 index)
{
	g_return_val_if_fail(space != NULL, NULL);
	for (guint i = 0; i < space->services->len; i++) {
		const PlanOptServiceSpace *item = g_ptr_array_index(space->services, i);
		if (index >= item->first && index < item->first + item->candidates->len)
			return &g_array_index(item->candidates, PlanOptCandidate, index - item->first);
	}
	return NULL;
}

/* FNV-1a, 64 bits: stable across machines and builds */
static guint64
opt_fnv(guint64 hash, const void *data, gsize length)
{
	const guchar *bytes = data;
	for (gsize i = 0; i < length; i++) {
		hash ^= bytes[i];
		hash *= G_GUINT64_CONSTANT(1099511628211);
	}
	return hash;
}

static guint64
opt_fnv_text(guint64 hash, const char *text)
{
	/* the terminating NUL separates fields */
	return text != NULL ? opt_fnv(hash, text, strlen(text) + 1) : opt_fnv(hash, "", 1);
}

guint64
plan_opt_space_hash(const PlanModel *model, const PlanOptSpace *space)
{
	guint64 hash = G_GUINT64_CONSTANT(14695981039346656037);
	g_autofree char *text = NULL;

	g_return_val_if_fail(model != NULL && space != NULL, 0);
	text = plan_model_to_json(model, NULL);
	hash = opt_fnv_text(hash, text);
	for (guint i = 0; i < space->services->len; i++) {
		const PlanOptServiceSpace *item = g_ptr_array_index(space->services, i);
		for (guint j = 0; j < item->candidates->len; j++) {
			const PlanOptCandidate *c = &g_array_index(item->candidates, PlanOptCandidate, j);
			/* the fields as text: no padding bytes, no pointers */
			g_autofree char *line = g_strdup_printf(
			    "%u %d %d %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %s %d %u %s %.17g %d "
			    "%" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT,
			    c->service_index, (int)c->launch_type, (int)c->architecture, c->cpu_units,
			    c->memory_mib, c->instance_type != NULL ? c->instance_type : "-",
			    c->trunking, c->spot_pct, c->purchase, c->target, c->has_target, c->min,
			    c->max, c->lower_bound);
			hash = opt_fnv_text(hash, line);
		}
	}
	return hash;
}
