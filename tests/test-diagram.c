/* ecsplan diagram: layout invariants, escaping, determinism and where findings are marked */
#define _GNU_SOURCE /* memmem: the PDF is binary */
#include "diagram-layout-private.h" /* text measuring: a wrapped line fits its width */
#include "loader.h"
#include "network.h"
#include "pricebook.h"
#include "render-diagram.h"
#include "svg-embed.h"
#include "xml-compat.h"
#include "test-util.h"

#include <string.h>

#include <glib/gstdio.h>

#include <cairo.h>

#define HOSTILE "<script>alert(1)</script> & \"x\""

/* a model run through the engine the way `ecsplan diagram` runs it */
typedef struct {
	PlanModel *model;
	PlanResult *result;
	ReportDiagram *diagram;
} Drawn;

static void
drawn_free(Drawn *drawn)
{
	g_clear_pointer(&drawn->diagram, report_diagram_free);
	g_clear_pointer(&drawn->result, plan_result_free);
	g_clear_pointer(&drawn->model, plan_model_free);
	g_free(drawn);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC(Drawn, drawn_free)

static Drawn *
drawn_new(PlanModel *model)
{
	Drawn *drawn = g_new0(Drawn, 1);
	g_autoptr(GError) error = NULL;

	drawn->model = model;
	/* the diagram as `ecsplan diagram` draws it */
	drawn->result = plan_analyse(model, NULL, &error);
	g_assert_no_error(error);
	drawn->diagram = report_diagram_layout(model, drawn->result->diagnostics,
					       drawn->result->validation, drawn->result->compute);
	return drawn;
}

static Drawn *
drawn_from_text(const char *json)
{
	g_autoptr(GError) error = NULL;
	PlanModel *model = plan_model_load_data(json, strlen(json), "test.json", &error);
	g_assert_no_error(error);
	return drawn_new(model);
}

static Drawn *
drawn_from_file(const char *path)
{
	g_autoptr(GError) error = NULL;
	PlanModel *model = plan_model_load_file(path, &error);
	g_assert_no_error(error);
	return drawn_new(model);
}

static GString *
render(const Drawn *drawn)
{
	g_autoptr(GError) error = NULL;
	GString *svg = report_diagram(drawn->diagram, REPORT_FORMAT_SVG, &error);
	g_assert_no_error(error);
	g_assert_nonnull(svg);
	return svg;
}

static const ReportDiagramBox *
box_at(const ReportDiagram *diagram, gint index)
{
	return g_ptr_array_index(diagram->boxes, index);
}

/* ---- invariants ---- */

static gboolean
boxes_overlap(const ReportDiagramBox *a, const ReportDiagramBox *b)
{
	return a->x < b->x + b->w && b->x < a->x + a->w && a->y < b->y + b->h && b->y < a->y + a->h;
}

static gboolean
box_inside(const ReportDiagramBox *inner, const ReportDiagramBox *outer)
{
	return inner->x >= outer->x && inner->y >= outer->y &&
	       inner->x + inner->w <= outer->x + outer->w &&
	       inner->y + inner->h <= outer->y + outer->h;
}

static guint
model_subnets(const PlanModel *model)
{
	guint n = 0;
	for (guint v = 0; v < model->vpcs->len; v++)
		n += ((const PlanVpc *)g_ptr_array_index(model->vpcs, v))->subnets->len;
	return n;
}

/* what the issue asks of every layout: every subnet once, inside its AZ column, every AZ column
 * inside its VPC, every box inside its parent (the internet gateway sits on its VPC's edge),
 * everything inside the drawing, and no two boxes of one kind overlapping */
static void
check_invariants(const Drawn *drawn, const char *what)
{
	const ReportDiagram *diagram = drawn->diagram;
	g_autoptr(GHashTable) subnet_paths = g_hash_table_new(g_str_hash, g_str_equal);
	g_autoptr(GPtrArray) by_kind =
	    g_ptr_array_new_with_free_func((GDestroyNotify)g_ptr_array_unref);
	guint subnets = 0;

	for (guint k = 0; k < REPORT_BOX_KIND_COUNT; k++)
		g_ptr_array_add(by_kind, g_ptr_array_new());
	g_assert_cmpint(diagram->width, >, 0);
	g_assert_cmpint(diagram->height, >, 0);
	for (guint i = 0; i < diagram->boxes->len; i++) {
		const ReportDiagramBox *box = box_at(diagram, (gint)i);
		g_ptr_array_add(g_ptr_array_index(by_kind, box->kind), (gpointer)box);
		if (box->x < 0 || box->y < 0 || box->x + box->w > diagram->width ||
		    box->y + box->h > diagram->height || box->w <= 0 || box->h <= 0)
			g_error("%s: %s '%s' at %d,%d %dx%d lies outside the %dx%d drawing", what,
				report_box_kind_to_string(box->kind), box->name, box->x, box->y,
				box->w, box->h, diagram->width, diagram->height);
		if (box->parent >= 0 && box->kind != REPORT_BOX_IGW &&
		    !box_inside(box, box_at(diagram, box->parent)))
			g_error("%s: %s '%s' is not inside its %s", what,
				report_box_kind_to_string(box->kind), box->name,
				report_box_kind_to_string(box_at(diagram, box->parent)->kind));
		if (box->kind == REPORT_BOX_SUBNET) {
			const ReportDiagramBox *column = box_at(diagram, box->parent);
			const ReportDiagramBox *vpc = box_at(diagram, column->parent);
			subnets++;
			g_assert_cmpint(column->kind, ==, REPORT_BOX_AZ);
			g_assert_cmpstr(column->az, ==, box->az);
			g_assert_true(box_inside(box, column));
			g_assert_cmpint(vpc->kind, ==, REPORT_BOX_VPC);
			g_assert_true(box_inside(column, vpc));
			if (!g_hash_table_add(subnet_paths, box->path))
				g_error("%s: subnet %s drawn twice", what, box->path);
		}
	}
	g_assert_cmpuint(subnets, ==, model_subnets(drawn->model));
	for (guint k = 0; k < REPORT_BOX_KIND_COUNT; k++) {
		GPtrArray *list = g_ptr_array_index(by_kind, k);
		for (guint i = 0; i < list->len; i++) {
			for (guint j = i + 1; j < list->len; j++) {
				const ReportDiagramBox *a = g_ptr_array_index(list, i);
				const ReportDiagramBox *b = g_ptr_array_index(list, j);
				if (boxes_overlap(a, b))
					g_error("%s: %s boxes '%s' and '%s' overlap", what,
						report_box_kind_to_string(k), a->name, b->name);
			}
		}
	}
}

/* the boxes a route may touch: its two ends and, for a NAT route or a NAT gateway's edge out,
 * the NAT gateway's subnet (the edge out leaves through it) */
static gboolean
route_may_touch(const ReportDiagram *diagram, const ReportDiagramRoute *route,
		const ReportDiagramBox *box)
{
	const ReportDiagramBox *nat;

	if (g_strcmp0(box->path, route->from_path) == 0 || g_strcmp0(box->path, route->to_path) == 0)
		return TRUE;
	if (route->kind != REPORT_ROUTE_NAT && route->kind != REPORT_ROUTE_NAT_IGW)
		return FALSE;
	nat = report_diagram_find(diagram, REPORT_BOX_NAT,
				  route->kind == REPORT_ROUTE_NAT ? route->to_path : route->from_path);
	return nat != NULL && nat->parent >= 0 &&
	       g_ptr_array_index(diagram->boxes, nat->parent) == box;
}

/* the box a route of @kind ends on */
static ReportBoxKind
route_target_kind(ReportRouteKind kind)
{
	switch (kind) {
	case REPORT_ROUTE_INTERNET_IGW:
	case REPORT_ROUTE_NAT_IGW:
		return REPORT_BOX_IGW;
	case REPORT_ROUTE_IGW_LB:
		return REPORT_BOX_LB;
	case REPORT_ROUTE_LB_SERVICE:
		return REPORT_BOX_SERVICE;
	case REPORT_ROUTE_PEERING:
		return REPORT_BOX_VPC;
	case REPORT_ROUTE_NAT:
	default:
		return REPORT_BOX_NAT;
	}
}

/* a traffic edge ends on its target's border (where its arrowhead points), coming in square:
 * traffic in on the target's top edge, traffic out on the internet gateway's bottom edge */
static void
check_route_end(const ReportDiagram *diagram, const ReportDiagramRoute *route, const char *what)
{
	const ReportDiagramBox *to =
	    report_diagram_find(diagram, route_target_kind(route->kind), route->to_path);
	guint n = route->points->len;
	int x, y;

	if (to == NULL)
		g_error("%s: the %s edge ends on %s, which is not drawn", what,
			report_route_kind_to_string(route->kind), route->to_path);
	g_assert_cmpuint(n, >=, 4);
	x = g_array_index(route->points, int, n - 2);
	y = g_array_index(route->points, int, n - 1);
	if (route->kind == REPORT_ROUTE_PEERING) {
		/* a peering ends square on the lower VPC's right side, and starts on the upper's */
		const ReportDiagramBox *from =
		    report_diagram_find(diagram, REPORT_BOX_VPC, route->from_path);
		g_assert_nonnull(from);
		g_assert_cmpint(x, ==, to->x + to->w);
		g_assert_cmpint(y, >, to->y);
		g_assert_cmpint(y, <, to->y + to->h);
		g_assert_cmpint(g_array_index(route->points, int, 0), ==, from->x + from->w);
		g_assert_cmpint(from->y, <, to->y);
		g_assert_nonnull(route->label);
		return;
	}
	if (route->kind != REPORT_ROUTE_NAT &&
	    !(y == (route->kind == REPORT_ROUTE_NAT_IGW ? to->y + to->h : to->y) && x > to->x &&
	      x < to->x + to->w))
		g_error("%s: the %s edge to %s ends at %d,%d, not on its edge (%d,%d %dx%d)", what,
			report_route_kind_to_string(route->kind), route->to_path, x, y, to->x,
			to->y, to->w, to->h);
}

/* TRUE when the axis-parallel segment (x0, y0)-(x1, y1) runs through @box's inside; running
 * along its border or ending on it is not through */
static gboolean
segment_through(int x0, int y0, int x1, int y1, const ReportDiagramBox *box)
{
	int left = MIN(x0, x1), right = MAX(x0, x1), top = MIN(y0, y1), bottom = MAX(y0, y1);

	if (left == right) /* vertical */
		return box->x < left && left < box->x + box->w && top < box->y + box->h &&
		       bottom > box->y;
	return box->y < top && top < box->y + box->h && left < box->x + box->w &&
	       right > box->x;
}

/* no route (NAT routes and traffic edges alike) runs through a drawn element (subnet, NAT
 * gateway, load balancer, service, cluster, the internet) other than the ones it connects */
static void
check_routes_clear(const Drawn *drawn, const char *what)
{
	const ReportDiagram *diagram = drawn->diagram;

	for (guint r = 0; r < diagram->routes->len; r++) {
		const ReportDiagramRoute *route =
		    &g_array_index(diagram->routes, ReportDiagramRoute, r);
		check_route_end(diagram, route, what);
		for (guint p = 0; p + 3 < route->points->len; p += 2) {
			int x0 = g_array_index(route->points, int, p);
			int y0 = g_array_index(route->points, int, p + 1);
			int x1 = g_array_index(route->points, int, p + 2);
			int y1 = g_array_index(route->points, int, p + 3);
			g_assert_true(x0 == x1 || y0 == y1);
			for (guint b = 0; b < diagram->boxes->len; b++) {
				const ReportDiagramBox *box = g_ptr_array_index(diagram->boxes, b);
				if (box->kind != REPORT_BOX_SUBNET && box->kind != REPORT_BOX_NAT &&
				    box->kind != REPORT_BOX_LB && box->kind != REPORT_BOX_SERVICE &&
				    box->kind != REPORT_BOX_CLUSTER && box->kind != REPORT_BOX_INTERNET &&
				    box->kind != REPORT_BOX_IGW && box->kind != REPORT_BOX_ENDPOINTS &&
				    box->kind != REPORT_BOX_DATABASE && box->kind != REPORT_BOX_HOST &&
				    box->kind != REPORT_BOX_TASKS)
					continue;
				if (route_may_touch(diagram, route, box))
					continue;
				if (segment_through(x0, y0, x1, y1, box))
					g_error("%s: the route from %s to %s runs through %s %s "
						"(%d,%d)-(%d,%d)",
						what, route->from_path, route->to_path,
						report_box_kind_to_string(box->kind), box->path, x0,
						y0, x1, y1);
			}
		}
	}
}

static guint
count_routes(const ReportDiagram *diagram, ReportRouteKind kind)
{
	guint n = 0;
	for (guint i = 0; i < diagram->routes->len; i++)
		n += g_array_index(diagram->routes, ReportDiagramRoute, i).kind == kind ? 1 : 0;
	return n;
}

static void
test_diagram_examples(void)
{
	const char *dir = g_test_get_filename(G_TEST_DIST, "..", "models", "examples", NULL);
	g_autoptr(GError) error = NULL;
	g_autoptr(GDir) listing = g_dir_open(dir, 0, &error);
	g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
	const char *name;

	g_assert_no_error(error);
	while ((name = g_dir_read_name(listing)) != NULL) {
		if (g_str_has_suffix(name, ".json"))
			g_ptr_array_add(names, g_strdup(name));
	}
	g_assert_cmpuint(names->len, >=, 5);
	for (guint i = 0; i < names->len; i++) {
		g_autofree char *path = g_build_filename(dir, g_ptr_array_index(names, i), NULL);
		g_autoptr(Drawn) drawn = drawn_from_file(path);
		check_invariants(drawn, path);
		check_routes_clear(drawn, path);
	}
}

/* 6 AZs and 300 subnets in one VPC (/26s in a /16): per AZ a public subnet with a NAT gateway,
 * 25 private subnets routed to their AZ's NAT and 24 isolated ones; an ALB over the six public
 * subnets; 20 Fargate services over three private subnets each, some of them large enough to
 * fill their subnets; an EC2 cluster over six private subnets. A second, small VPC below it */
static char *
large_model(void)
{
	GString *json = g_string_new("{\"ecsplan\": 1, \"name\": \"large\", \"region\": "
				     "\"us-east-1\", \"vpcs\": [{\"name\": \"big\", \"cidr\": "
				     "\"10.0.0.0/16\", \"internet_gateway\": true, \"subnets\": [");
	const char *letters = "abcdef";

	for (guint s = 0; s < 300; s++) {
		guint az = s % 6;
		const char *tier = s < 6 ? "public" : s < 156 ? "private" : "isolated";
		g_string_append_printf(json,
				       "%s{\"name\": \"%s-%03u\", \"cidr\": \"10.0.%u.%u/26\", "
				       "\"az\": \"us-east-1%c\", \"tier\": \"%s\"",
				       s > 0 ? "," : "", tier, s, s / 4, (s % 4) * 64, letters[az],
				       tier);
		if (s >= 6 && s < 156)
			g_string_append_printf(json, ", \"nat_gateway\": \"nat-%c\"", letters[az]);
		g_string_append(json, "}");
	}
	g_string_append(json, "], \"nat_gateways\": [");
	for (guint a = 0; a < 6; a++)
		g_string_append_printf(json,
				       "%s{\"name\": \"nat-%c\", \"subnet\": \"public-%03u\"}",
				       a > 0 ? "," : "", letters[a], a);
	g_string_append(json, "], \"load_balancers\": [{\"name\": \"front\", \"type\": "
			      "\"application\", \"scheme\": \"internet-facing\", \"subnets\": [");
	for (guint a = 0; a < 6; a++)
		g_string_append_printf(json, "%s\"public-%03u\"", a > 0 ? "," : "", a);
	g_string_append(json,
			"]}]}, {\"name\": \"small\", \"cidr\": \"10.1.0.0/16\", \"subnets\": [");
	for (guint s = 0; s < 12; s++)
		g_string_append_printf(json,
				       "%s{\"name\": \"small-%02u\", \"cidr\": \"10.1.%u.0/24\", "
				       "\"az\": \"us-east-1%c\", \"tier\": \"isolated\"}",
				       s > 0 ? "," : "", s, s, letters[s % 3]);
	g_string_append(json, "]}], \"services\": [");
	for (guint i = 0; i < 20; i++) {
		guint first = 6 + i * 3;
		g_string_append_printf(
		    json,
		    "%s{\"name\": \"service-%02u\", \"vpc\": \"big\", \"launch_type\": "
		    "\"FARGATE\", "
		    "\"cpu\": 256, \"memory\": 512, \"desired_count\": %u, \"subnets\": "
		    "[\"private-%03u\", \"private-%03u\", \"private-%03u\"]}",
		    i > 0 ? "," : "", i, i % 5 == 0 ? 60u : 2u, first, first + 1, first + 2);
	}
	g_string_append(json,
			",{\"name\": \"on-ec2\", \"vpc\": \"big\", \"launch_type\": \"EC2\", "
			"\"cluster\": \"workers\", \"network_mode\": \"awsvpc\", \"cpu\": 512, "
			"\"memory\": 1024, \"desired_count\": 12, \"subnets\": [");
	for (guint a = 0; a < 6; a++)
		g_string_append_printf(json, "%s\"private-%03u\"", a > 0 ? "," : "", 100 + a);
	g_string_append(json,
			"]}], \"clusters\": [{\"name\": \"workers\", \"vpc\": \"big\", "
			"\"instance_type\": \"m5.large\", \"min\": 2, \"max\": 12, \"subnets\": [");
	for (guint a = 0; a < 6; a++)
		g_string_append_printf(json, "%s\"private-%03u\"", a > 0 ? "," : "", 100 + a);
	g_string_append(json, "]}]}");
	return g_string_free(json, FALSE);
}

/* the model at scale, tests/models/diagram-scale.json (the browser test draws it too):
 * 6 AZs, 3 VPCs peered in a chain, 40 services, 12 databases. Per VPC and AZ a public subnet
 * and two private ones; VPC "a" has a NAT gateway per AZ and every private subnet of it routes
 * to its AZ's; each VPC has an internet-facing ALB over its public subnets; the services
 * (long names) alternate between the VPCs, over two or six private subnets, the even ones
 * behind the ALB, the fifth ones on an EC2 cluster of their VPC; the databases are Aurora (3
 * instances over 3 AZs), Multi-AZ MySQL and single-AZ PostgreSQL; a bastion per VPC */
static void
test_diagram_scale(void)
{
	g_autofree char *path = g_test_build_filename(G_TEST_DIST, "models", "diagram-scale.json",
						      NULL);
	g_autoptr(Drawn) drawn = drawn_from_file(path);
	guint services = 0;
	guint vpcs = 0;
	guint azs = 0;
	guint databases = 0;
	guint hosts = 0;

	check_invariants(drawn, "scale");
	check_routes_clear(drawn, "scale");
	for (guint i = 0; i < drawn->diagram->boxes->len; i++) {
		const ReportDiagramBox *box = box_at(drawn->diagram, (gint)i);
		databases += box->kind == REPORT_BOX_DATABASE ? 1 : 0;
		hosts += box->kind == REPORT_BOX_HOST ? 1 : 0;
		services += box->kind == REPORT_BOX_SERVICE ? 1 : 0;
		vpcs += box->kind == REPORT_BOX_VPC ? 1 : 0;
		azs += box->kind == REPORT_BOX_AZ ? 1 : 0;
	}
	g_assert_cmpuint(services, ==, 40);
	/* a service's other chips wrap its name as its first does (the first's marker room in
	 * each), so their rows line up */
	for (guint i = 0; i < drawn->diagram->boxes->len; i++) {
		const ReportDiagramBox *box = box_at(drawn->diagram, (gint)i);
		const ReportDiagramBox *first;
		if (box->kind != REPORT_BOX_TASKS)
			continue;
		first = report_diagram_find(drawn->diagram, REPORT_BOX_SERVICE, box->path);
		g_assert_nonnull(first);
		g_assert_cmpstr(box->label, ==, first->label);
		g_assert_cmpint(box->y, ==, first->y);
		g_assert_cmpint(box->h, ==, first->h);
	}
	g_assert_cmpuint(databases, ==, 12);
	g_assert_cmpuint(hosts, ==, 3);
	g_assert_cmpuint(vpcs, ==, 3);
	g_assert_cmpuint(azs, ==, 3 * 6);
	/* 12 private subnets in VPC a, each routed to its AZ's NAT gateway */
	g_assert_cmpuint(count_routes(drawn->diagram, REPORT_ROUTE_NAT), ==, 12);
	/* traffic in: the internet to the 3 gateways, each to its VPC's internet-facing ALB, and
	 * the ALBs to the 20 even-numbered services behind them */
	g_assert_cmpuint(count_routes(drawn->diagram, REPORT_ROUTE_INTERNET_IGW), ==, 3);
	g_assert_cmpuint(count_routes(drawn->diagram, REPORT_ROUTE_IGW_LB), ==, 3);
	g_assert_cmpuint(count_routes(drawn->diagram, REPORT_ROUTE_LB_SERVICE), ==, 20);
	/* traffic out: VPC a's 6 NAT gateways to its internet gateway */
	g_assert_cmpuint(count_routes(drawn->diagram, REPORT_ROUTE_NAT_IGW), ==, 6);
	/* the peerings a-b and b-c, labelled */
	g_assert_cmpuint(count_routes(drawn->diagram, REPORT_ROUTE_PEERING), ==, 2);
	g_assert_cmpuint(drawn->diagram->routes->len, ==, 12 + 3 + 3 + 20 + 6 + 2);
}

static void
test_diagram_large(void)
{
	g_autofree char *json = large_model();
	g_autoptr(Drawn) drawn = drawn_from_text(json);
	g_autoptr(GString) svg = NULL;
	g_autoptr(xmlDoc) doc = NULL;
	const ReportDiagramBox *nat;
	const ReportDiagramBox *lb;
	guint azs = 0;
	guint routes_to_a = 0;

	check_invariants(drawn, "large");
	check_routes_clear(drawn, "large");
	for (guint i = 0; i < drawn->diagram->boxes->len; i++)
		azs += box_at(drawn->diagram, (gint)i)->kind == REPORT_BOX_AZ ? 1 : 0;
	g_assert_cmpuint(azs, ==, 6 + 3);
	/* the NAT gateway is inside its subnet, the ALB spans all six columns */
	nat = report_diagram_find(drawn->diagram, REPORT_BOX_NAT, "vpcs[0].nat_gateways[0]");
	g_assert_nonnull(nat);
	g_assert_cmpstr(box_at(drawn->diagram, nat->parent)->path, ==, "vpcs[0].subnets[0]");
	lb = report_diagram_find(drawn->diagram, REPORT_BOX_LB, "vpcs[0].load_balancers[0]");
	g_assert_nonnull(lb);
	g_assert_cmpstr(lb->az, ==,
			"us-east-1a us-east-1b us-east-1c us-east-1d us-east-1e us-east-1f");
	/* 150 private subnets, each with a route; 25 of them to nat-a */
	g_assert_cmpuint(count_routes(drawn->diagram, REPORT_ROUTE_NAT), ==, 150);
	for (guint i = 0; i < drawn->diagram->routes->len; i++) {
		const ReportDiagramRoute *route =
		    &g_array_index(drawn->diagram->routes, ReportDiagramRoute, i);
		routes_to_a += g_strcmp0(route->to_path, "vpcs[0].nat_gateways[0]") == 0 ? 1 : 0;
	}
	g_assert_cmpuint(routes_to_a, ==, 25);

	svg = render(drawn);
	doc = xmlReadMemory(svg->str, (int)svg->len, "large.svg", NULL, XML_PARSE_NONET);
	g_assert_nonnull(doc);
}

/* ---- the SVG itself ---- */

static gboolean
node_is(const xmlNode *node, const char *name)
{
	return node->type == XML_ELEMENT_NODE && strcmp((const char *)node->name, name) == 0;
}

static char *
node_attr(const xmlNode *node, const char *name)
{
	xmlChar *value = xmlGetProp(node, BAD_CAST name);
	char *copy = g_strdup((const char *)value);
	xmlFree(value);
	return copy;
}

static const xmlNode *
first_element(const xmlNode *node)
{
	for (const xmlNode *child = node->children; child != NULL; child = child->next) {
		if (child->type == XML_ELEMENT_NODE)
			return child;
	}
	return NULL;
}

/* every element in document order */
static void
collect_elements(xmlNode *node, GPtrArray *out)
{
	for (xmlNode *child = node; child != NULL; child = child->next) {
		if (child->type != XML_ELEMENT_NODE)
			continue;
		g_ptr_array_add(out, child);
		collect_elements(child->children, out);
	}
}

static xmlDoc *
parse(const GString *svg)
{
	xmlDoc *doc = xmlReadMemory(svg->str, (int)svg->len, "diagram.svg", NULL, XML_PARSE_NONET);
	g_assert_nonnull(doc);
	return doc;
}

static const char *const element_classes[] = {"vpc",	 "az",	   "subnet",  "nat",
					      "igw",	 "lb",	   "service", "cluster",
					      "finding", "region", "legend",  "findings", "internet", "endpoints",
					      "db",	 "host",   "tasks",    NULL};

/* the machine-checkable structure of docs/diagram.md: a viewBox and the fonts on the root;
 * each element group has a known class and its box as first child; nothing external */
static void
test_diagram_structure(void)
{
	g_autofree char *path = g_test_build_filename(G_TEST_DIST, "..", "models", "examples",
						      "seed002-chronous-payments-ec2.json", NULL);
	g_autoptr(Drawn) drawn = drawn_from_file(path);
	g_autoptr(GString) svg = render(drawn);
	g_autoptr(xmlDoc) doc = parse(svg);
	xmlNode *root = xmlDocGetRootElement(doc);
	g_autoptr(GPtrArray) elements = g_ptr_array_new();
	g_autofree char *view_box = node_attr(root, "viewBox");
	g_autofree char *fonts = node_attr(root, "font-family");
	g_autoptr(GHashTable) seen = g_hash_table_new(g_str_hash, g_str_equal);

	g_assert_true(node_is(root, "svg"));
	g_assert_cmpstr(view_box, !=, NULL);
	g_assert_true(g_str_has_prefix(view_box, "0 0 "));
	g_assert_cmpstr(fonts, ==, REPORT_DIAGRAM_FONTS);
	collect_elements(root, elements);
	for (guint i = 0; i < elements->len; i++) {
		const xmlNode *node = g_ptr_array_index(elements, i);
		g_autofree char *cls = node_attr(node, "class");
		g_assert_false(node_is(node, "script"));
		g_assert_false(node_is(node, "image"));
		g_assert_false(node_is(node, "foreignObject"));
		for (const xmlAttr *attr = node->properties; attr != NULL; attr = attr->next) {
			g_assert_cmpstr((const char *)attr->name, !=, "href");
			g_assert_false(g_str_has_prefix((const char *)attr->name, "on"));
		}
		if (node_is(node, "path") && g_strcmp0(cls, "icon") == 0) {
			/* a glyph sits in its element's group, after the box */
			g_autofree char *icon = node_attr(node, "data-icon");
			g_autofree char *owner = node_attr(node->parent, "class");
			g_autofree char *key = g_strdup_printf("%s:%s", owner, icon);
			g_hash_table_add(seen, (gpointer)g_intern_string(key));
		}
		if (!node_is(node, "g"))
			continue;
		g_assert_nonnull(cls);
		g_assert_true(g_strv_contains(element_classes, cls));
		g_assert_true(node_is(first_element(node), "rect"));
		g_hash_table_add(seen, (gpointer)g_intern_string(cls));
	}
	/* seed 002 has one of each (but endpoints: /reports/diagram/endpoints), and findings */
	for (guint i = 0; element_classes[i] != NULL; i++) {
		if (g_strcmp0(element_classes[i], "endpoints") == 0)
			continue;
		if (!g_hash_table_contains(seen, element_classes[i]))
			g_error("no <g class=\"%s\"> in seed 002's diagram", element_classes[i]);
	}
	/* each drawn kind has its glyph in its group; the legend shows those of what is drawn */
	{
		static const char *const glyphs[] = {
		    "internet:internet", "igw:igw",	      "nat:nat",	 "lb:clb",
		    "service:ec2-service", "cluster:cluster", "db:database",	 "host:host",
		    "legend:nat",	   "legend:igw",      "legend:internet", "legend:database",
		    "legend:host",	   "legend:cluster"};
		for (guint i = 0; i < G_N_ELEMENTS(glyphs); i++) {
			if (!g_hash_table_contains(seen, glyphs[i]))
				g_error("no glyph %s in seed 002's diagram", glyphs[i]);
		}
		g_assert_false(g_hash_table_contains(seen, "legend:endpoint"));
	}
	/* the only URL is the SVG namespace name, which is never fetched */
	g_assert_cmpuint(test_count_substring(svg->str, "://"), ==, 1);
	g_assert_nonnull(strstr(svg->str, "xmlns=\"http://www.w3.org/2000/svg\""));
}

/* the element group a finding marker of @code sits in */
static void
check_marker(xmlNode *root, const char *code, const char *cls, const char *name)
{
	g_autoptr(GPtrArray) elements = g_ptr_array_new();
	guint found = 0;

	collect_elements(root, elements);
	for (guint i = 0; i < elements->len; i++) {
		const xmlNode *node = g_ptr_array_index(elements, i);
		g_autofree char *node_cls = node_attr(node, "class");
		g_autofree char *node_code = node_attr(node, "data-code");
		g_autofree char *parent_cls = NULL;
		g_autofree char *parent_name = NULL;
		if (g_strcmp0(node_cls, "finding") != 0 || g_strcmp0(node_code, code) != 0)
			continue;
		parent_cls = node_attr(node->parent, "class");
		parent_name = node_attr(node->parent, "data-name");
		if (g_strcmp0(parent_name, name) != 0)
			continue;
		g_assert_cmpstr(parent_cls, ==, cls);
		found++;
	}
	if (found != 1)
		g_error("%u markers of %s on %s '%s', expected 1", found, code, cls, name);
}

static void
test_diagram_findings(void)
{
	g_autofree char *path = g_test_build_filename(G_TEST_DIST, "..", "models", "examples",
						      "seed002-chronous-payments-ec2.json", NULL);
	g_autoptr(Drawn) drawn = drawn_from_file(path);
	g_autoptr(GString) svg = render(drawn);
	g_autoptr(xmlDoc) doc = parse(svg);
	xmlNode *root = xmlDocGetRootElement(doc);

	/* services[0].deployment.minimum_healthy_percent belongs to the service (the seed's load
	 * balancer is a Classic one now, which lb-single-az leaves alone) */
	check_marker(root, "deployment-downtime", "service", "payments-api-service");
	/* vpcs[0].subnets[0] is public-a; vpcs[0].subnets[2].nat_gateway is private-b's field */
	check_marker(root, "tier-single-az", "subnet", "public-a");
	check_marker(root, "nat-cross-az", "subnet", "private-b");
	check_marker(root, "nat-cross-az", "subnet", "database-b");
	/* every finding has a numbered marker and a line in the list */
	for (guint i = 0; i < drawn->result->diagnostics->len; i++) {
		const PlanDiagnostic *diagnostic = g_ptr_array_index(drawn->result->diagnostics, i);
		gboolean marked = FALSE;
		for (guint b = 0; b < drawn->diagram->boxes->len && !marked; b++) {
			const ReportDiagramBox *box = box_at(drawn->diagram, (gint)b);
			marked = box->kind == REPORT_BOX_FINDING && box->finding == i &&
				 g_strcmp0(box->name, diagnostic->code) == 0;
		}
		g_assert_true(marked);
	}
}

static gboolean
marked_on_path(const Drawn *drawn, const char *code, const char *path)
{
	for (guint b = 0; b < drawn->diagram->boxes->len; b++) {
		const ReportDiagramBox *box = box_at(drawn->diagram, (gint)b);
		if (box->kind == REPORT_BOX_FINDING && g_strcmp0(box->name, code) == 0 &&
		    g_strcmp0(box_at(drawn->diagram, box->parent)->path, path) == 0)
			return TRUE;
	}
	return FALSE;
}

static gboolean
marked_on(const Drawn *drawn, const char *code, ReportBoxKind kind)
{
	for (guint b = 0; b < drawn->diagram->boxes->len; b++) {
		const ReportDiagramBox *box = box_at(drawn->diagram, (gint)b);
		if (box->kind == REPORT_BOX_FINDING && g_strcmp0(box->name, code) == 0 &&
		    box_at(drawn->diagram, box->parent)->kind == kind)
			return TRUE;
	}
	return FALSE;
}

/* a finding about no drawn element (a peering, the region) is marked on the region; a finding
 * under an element's path on that element, never on a sibling with a longer index */
static void
test_diagram_findings_fallback(void)
{
	const char *json =
	    "{\"ecsplan\": 1, \"region\": \"mars-north-1\", \"peerings\": [[\"v\", \"w\"]], "
	    "\"vpcs\": [{\"name\": \"v\", "
	    "\"cidr\": \"10.0.0.0/16\", \"subnets\": ["
	    "{\"name\": \"s0\", \"cidr\": \"10.0.0.0/24\", \"az\": \"a\", \"tier\": \"isolated\"},"
	    "{\"name\": \"s1\", \"cidr\": \"10.0.1.0/24\", \"az\": \"a\", \"tier\": \"isolated\"},"
	    "{\"name\": \"s2\", \"cidr\": \"10.0.2.0/24\", \"az\": \"a\", \"tier\": \"isolated\"},"
	    "{\"name\": \"s3\", \"cidr\": \"10.0.3.0/24\", \"az\": \"a\", \"tier\": \"isolated\"},"
	    "{\"name\": \"s4\", \"cidr\": \"10.0.4.0/24\", \"az\": \"a\", \"tier\": \"isolated\"},"
	    "{\"name\": \"s5\", \"cidr\": \"10.0.5.0/24\", \"az\": \"a\", \"tier\": \"isolated\"},"
	    "{\"name\": \"s6\", \"cidr\": \"10.0.6.0/24\", \"az\": \"a\", \"tier\": \"isolated\"},"
	    "{\"name\": \"s7\", \"cidr\": \"10.0.7.0/24\", \"az\": \"a\", \"tier\": \"isolated\"},"
	    "{\"name\": \"s8\", \"cidr\": \"10.0.8.0/24\", \"az\": \"a\", \"tier\": \"isolated\"},"
	    "{\"name\": \"s9\", \"cidr\": \"10.0.9.0/24\", \"az\": \"a\", \"tier\": \"isolated\"},"
	    "{\"name\": \"s10\", \"cidr\": \"10.0.0.0/25\", \"az\": \"a\", \"tier\": \"isolated\"}"
	    "]}]}";
	g_autoptr(Drawn) drawn = drawn_from_text(json);

	check_invariants(drawn, "fallback");
	for (guint b = 0; b < drawn->diagram->boxes->len; b++) {
		const ReportDiagramBox *box = box_at(drawn->diagram, (gint)b);
		const PlanDiagnostic *diagnostic;
		const ReportDiagramBox *on;
		if (box->kind != REPORT_BOX_FINDING)
			continue;
		diagnostic = g_ptr_array_index(drawn->result->diagnostics, box->finding);
		on = box_at(drawn->diagram, box->parent);
		if (on->kind == REPORT_BOX_REGION)
			continue;
		/* the element's path is a prefix of the finding's, ended at a '.' or '[' */
		g_assert_true(g_str_has_prefix(diagnostic->path, on->path));
		g_assert_true(strchr(".[", diagnostic->path[strlen(on->path)]) != NULL);
	}
	/* the unknown region ("region") and the dangling peering ("peerings[0][1]") are marked on
	 * the region box */
	g_assert_true(marked_on(drawn, "az-unknown", REPORT_BOX_REGION));
	g_assert_true(marked_on(drawn, "ref-unknown", REPORT_BOX_REGION));
	/* s10 (subnets[10]) overlaps s0: its finding is on s10, not on s1 (subnets[1]) */
	g_assert_true(marked_on(drawn, "subnet-overlap", REPORT_BOX_SUBNET));
	g_assert_false(marked_on_path(drawn, "subnet-overlap", "vpcs[0].subnets[1]"));
}

/* names that are markup stay text: the document parses, the name comes back as a text node and
 * as data-name, and no <script> element exists */
static void
test_diagram_escaping(void)
{
	const char *json =
	    "{\"ecsplan\": 1, \"name\": \"<script>alert(1)</script> & \\\"x\\\"\", \"region\": "
	    "\"us-east-1\", \"vpcs\": [{\"name\": \"<script>alert(1)</script> & \\\"x\\\"\", "
	    "\"cidr\": \"10.0.0.0/16\", \"internet_gateway\": true, \"subnets\": ["
	    "{\"name\": \"<script>alert(1)</script> & \\\"x\\\"\", \"cidr\": \"10.0.0.0/24\", "
	    "\"az\": \"us-east-1a\", \"tier\": \"public\"},"
	    "{\"name\": \"b\", \"cidr\": \"10.0.1.0/24\", \"az\": \"us-east-1b\", \"tier\": "
	    "\"private\", \"nat_gateway\": \"</g><script>x</script>\"}],"
	    "\"nat_gateways\": [{\"name\": \"</g><script>x</script>\", \"subnet\": "
	    "\"<script>alert(1)</script> & \\\"x\\\"\"}],"
	    "\"load_balancers\": [{\"name\": \"]]><script>\", \"type\": \"application\", "
	    "\"scheme\": \"internet-facing\", \"subnets\": [\"<script>alert(1)</script> & "
	    "\\\"x\\\"\"]}]}],"
	    "\"services\": [{\"name\": \"'&amp;\\u0001\", \"launch_type\": \"FARGATE\", "
	    "\"desired_count\": 1, \"cpu\": 256, \"memory\": 512, \"subnets\": [\"b\"]}]}";
	g_autoptr(Drawn) drawn = drawn_from_text(json);
	g_autoptr(GString) svg = render(drawn);
	g_autoptr(xmlDoc) doc = parse(svg);
	g_autoptr(GPtrArray) elements = g_ptr_array_new();
	gboolean text_found = FALSE;
	gboolean attr_found = FALSE;

	check_invariants(drawn, "hostile");
	g_assert_null(strstr(svg->str, "<script"));
	collect_elements(xmlDocGetRootElement(doc), elements);
	for (guint i = 0; i < elements->len; i++) {
		xmlNode *node = g_ptr_array_index(elements, i);
		g_autofree char *name = node_attr(node, "data-name");
		g_assert_false(node_is(node, "script"));
		if (g_strcmp0(name, HOSTILE) == 0)
			attr_found = TRUE;
		if (node_is(node, "text") || node_is(node, "title")) {
			xmlChar *content = xmlNodeGetContent(node);
			if (g_strcmp0((const char *)content, HOSTILE) == 0)
				text_found = TRUE;
			xmlFree(content);
		}
	}
	g_assert_true(attr_found);
	g_assert_true(text_found);
	/* the control character became U+FFFD: the document is still XML */
	g_assert_nonnull(strstr(svg->str, "'&amp;amp;\xef\xbf\xbd"));
}

/* the same model gives the same bytes, twice in one process and from a fresh load */
static void
test_diagram_deterministic(void)
{
	g_autofree char *json = large_model();
	g_autoptr(Drawn) first = drawn_from_text(json);
	g_autoptr(Drawn) second = drawn_from_text(json);
	g_autoptr(GString) a = render(first);
	g_autoptr(GString) b = render(first);
	g_autoptr(GString) c = render(second);

	g_assert_cmpuint(a->len, ==, b->len);
	g_assert_true(g_string_equal(a, b));
	g_assert_true(g_string_equal(a, c));
}

/* headroom colours: under 60% green, under 80% amber, 80% or more red, no block grey */
static void
test_diagram_headroom(void)
{
	/* /27: 27 usable. 16 tasks → 59% (low), 17 → 62% (medium), 22 → 81% (high), 30 → over */
	static const struct {
		gint64 tasks;
		const char *headroom;
	} cases[] = {{16, "low"}, {17, "medium"}, {21, "medium"}, {22, "high"}, {30, "high"}};

	for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_autofree char *json = g_strdup_printf(
		    "{\"ecsplan\": 1, \"region\": \"us-east-1\", \"vpcs\": [{\"name\": \"v\", "
		    "\"cidr\": \"10.0.0.0/16\", \"subnets\": [{\"name\": \"s\", \"cidr\": "
		    "\"10.0.0.0/27\", \"az\": \"us-east-1a\", \"tier\": \"isolated\"}]}], "
		    "\"services\": [{\"name\": \"svc\", \"launch_type\": \"FARGATE\", \"cpu\": "
		    "256, "
		    "\"memory\": 512, \"desired_count\": %" G_GINT64_FORMAT
		    ", \"deployment\": {\"maximum_percent\": 100, \"minimum_healthy_percent\": 0}, "
		    "\"subnets\": [\"s\"]}]}",
		    cases[i].tasks);
		g_autoptr(Drawn) drawn = drawn_from_text(json);
		const ReportDiagramBox *subnet =
		    report_diagram_find(drawn->diagram, REPORT_BOX_SUBNET, "vpcs[0].subnets[0]");
		const char *headroom = NULL;
		g_assert_nonnull(subnet);
		for (guint k = 0; k < subnet->attrs->len; k++) {
			const ReportDiagramAttr *attr =
			    &g_array_index(subnet->attrs, ReportDiagramAttr, k);
			if (g_strcmp0(attr->key, "headroom") == 0)
				headroom = attr->value;
		}
		g_assert_cmpstr(headroom, ==, cases[i].headroom);
	}
}

/* ---- PNG and PDF: the SVG drawn by librsvg ---- */

typedef struct {
	const guint8 *data;
	gsize length;
	gsize offset;
} PngReader;

static cairo_status_t
png_read(void *closure, unsigned char *data, unsigned int length)
{
	PngReader *reader = closure;

	if (reader->length - reader->offset < length)
		return CAIRO_STATUS_READ_ERROR;
	memcpy(data, reader->data + reader->offset, length);
	reader->offset += length;
	return CAIRO_STATUS_SUCCESS;
}

/* the pixel at (@x, @y) as 0xRRGGBB (the PNG is opaque: drawn over white) */
static guint32
png_pixel(cairo_surface_t *png, int x, int y)
{
	const guint8 *row = cairo_image_surface_get_data(png) +
			    (gsize)y * (gsize)cairo_image_surface_get_stride(png);
	guint32 argb;

	memcpy(&argb, row + (gsize)x * 4, 4);
	g_assert_cmphex(argb >> 24, ==, 0xff);
	return argb & 0xffffff;
}

/* a point inside @box's fill, left of its text (which starts 6 px in) and clear of its
 * 1.5 px stroke */
static guint32
png_box_fill(cairo_surface_t *png, const ReportDiagram *diagram, ReportBoxKind kind,
	     const char *path)
{
	const ReportDiagramBox *box = report_diagram_find(diagram, kind, path);

	g_assert_nonnull(box);
	/* 1 px in from the left side: past its outline, left of the edges that run up a subnet's
	 * inner padding (3 px in) */
	return png_pixel(png, box->x + 1, box->y + box->h / 2);
}

static void
test_diagram_png(void)
{
	g_autofree char *path = g_test_build_filename(G_TEST_DIST, "..", "models", "examples",
						      "seed002-chronous-payments-ec2.json", NULL);
	g_autoptr(Drawn) drawn = drawn_from_file(path);
	g_autoptr(GError) error = NULL;
	g_autoptr(GString) png = report_diagram(drawn->diagram, REPORT_FORMAT_PNG, &error);
	PngReader reader = {0};
	cairo_surface_t *image;

	g_assert_no_error(error);
	g_assert_nonnull(png);
	g_assert_cmpmem(png->str, 8, "\x89PNG\r\n\x1a\n", 8);
	reader = (PngReader){(const guint8 *)png->str, png->len, 0};
	image = cairo_image_surface_create_from_png_stream(png_read, &reader);
	g_assert_cmpint(cairo_surface_status(image), ==, CAIRO_STATUS_SUCCESS);
	/* the SVG's size, 1 px to 1 pixel: seed 002 is 760 x 1121: 976, 66 more for the findings
	 * panel's six findings (issue 11's price-missing and issue 13's deployment-downtime among
	 * them), 44 for the internet box above the region (its 22 px, 14 px under it, 8 px more
	 * region header) and a 20 px legend row for the new edges: 1106; then 97 for issue 13's
	 * elements: 22 for the bastion's row in public-a, 49 + 6 for the database's line, 20 for
	 * their legend row: 1203; 22 more since NAT gateways take a row each (nat-1, nat-2 and the
	 * bastion: 3 rows in public-a, where nat-1 and nat-2 shared one): 1225; 28 more for the
	 * service's chip, 19 + 6 for its name and 13 for each of its 4 detail lines and its row
	 * (90 px; its wide box was 62): 1253; 15 px (one text line) more since price-missing
	 * names the commands that supply the figure: 1268; 51 more for a seventh finding in the
	 * panel (issue 12: the us-east-2 book has no Classic Load Balancer hour, a price-missing
	 * whose text wraps to more lines than the others): 1319; 15 px (one text line) more since
	 * that CLB finding names 'prices update' / 'prices import' too (issue 12: the importer
	 * reads the AWSELB Classic Load Balancer rows), a longer text: 1334 */
	g_assert_cmpint(cairo_image_surface_get_width(image), ==, drawn->diagram->width);
	g_assert_cmpint(cairo_image_surface_get_height(image), ==, drawn->diagram->height);
	g_assert_cmpint(drawn->diagram->width, ==, 760);
	g_assert_cmpint(drawn->diagram->height, ==, 1334);
	/* the background, and the fills of docs/diagram.md's colour table where the layout put the
	 * boxes */
	g_assert_cmphex(png_pixel(image, 2, 2), ==, 0xffffff);
	g_assert_cmphex(png_box_fill(image, drawn->diagram, REPORT_BOX_SUBNET, "vpcs[0].subnets[0]"),
			==, 0xd3f9d8); /* public-a */
	g_assert_cmphex(png_box_fill(image, drawn->diagram, REPORT_BOX_SUBNET, "vpcs[0].subnets[1]"),
			==, 0xd0ebff); /* private-a */
	g_assert_cmphex(png_box_fill(image, drawn->diagram, REPORT_BOX_SERVICE, "services[0]"), ==,
			0xfff0f6);
	g_assert_cmphex(png_box_fill(image, drawn->diagram, REPORT_BOX_CLUSTER, "clusters[0]"), ==,
			0xf8f0e5);
	g_assert_cmphex(png_box_fill(image, drawn->diagram, REPORT_BOX_IGW,
				     "vpcs[0].internet_gateway"),
			==, 0x5f3dc4);
	g_assert_cmphex(png_box_fill(image, drawn->diagram, REPORT_BOX_DATABASE, "databases[0]"),
			==, 0xe6fcf5);
	g_assert_cmphex(png_box_fill(image, drawn->diagram, REPORT_BOX_HOST, "instances[0]"), ==,
			0xf4fce3);
	cairo_surface_destroy(image);
}

/* a DAEMON service has no desired count: its chip and title say it runs one task per instance
 * (tests/models/daemons.json: the agent beside the replica service api, desired 8) */
static void
test_diagram_daemon(void)
{
	g_autofree char *path = g_test_build_filename(G_TEST_DIST, "models", "daemons.json", NULL);
	g_autoptr(Drawn) drawn = drawn_from_file(path);
	g_autoptr(GString) svg = render(drawn);

	g_assert_nonnull(strstr(svg->str, "service agent, EC2, DAEMON: one task on every instance "
					  "of its cluster"));
	g_assert_nonnull(strstr(svg->str, "EC2 · daemon: one task per instance"));
	g_assert_nonnull(strstr(svg->str, "service api, EC2, desired 8 tasks"));
	g_assert_null(strstr(svg->str, "service agent, EC2, desired"));
}

static void
test_diagram_pdf(void)
{
	g_autofree char *path = g_test_build_filename(G_TEST_DIST, "..", "models", "examples",
						      "seed002-chronous-payments-ec2.json", NULL);
	g_autoptr(Drawn) drawn = drawn_from_file(path);
	g_autoptr(GError) error = NULL;
	g_autoptr(GString) pdf = report_diagram(drawn->diagram, REPORT_FORMAT_PDF, &error);
	g_autoptr(GString) again = report_diagram(drawn->diagram, REPORT_FORMAT_PDF, &error);

	g_assert_no_error(error);
	g_assert_true(g_str_has_prefix(pdf->str, "%PDF-1."));
	/* one page of the SVG's size in points, and no clock in the file: the same bytes twice */
	g_assert_nonnull(memmem(pdf->str, pdf->len, "/MediaBox [ 0 0 760 1334 ]", 26));
	g_assert_nonnull(memmem(pdf->str, pdf->len, "/CreationDate (20000101000000Z)", 31));
	g_assert_cmpuint(pdf->len, ==, again->len);
	g_assert_cmpmem(pdf->str, pdf->len, again->str, again->len);
}

/* `ecsplan diagram -o FILE.png` picks the format from the name; a chart file likewise */
static void
test_diagram_cli_png(void)
{
	g_autofree char *dir = NULL;
	g_autofree char *png = NULL;
	g_autofree char *chart = NULL;
	g_autofree char *out = NULL;
	g_autofree char *err = NULL;
	g_autofree char *data = NULL;
	g_autofree char *gnuplot = g_find_program_in_path("gnuplot");
	gsize length = 0;

	if (!test_have_ecsplan())
		return;
	dir = g_dir_make_tmp("ecsplan-png-XXXXXX", NULL);
	png = g_build_filename(dir, "arch.PNG", NULL);
	chart = g_build_filename(dir, "cost.pdf", NULL);
	{
		/* seed 002 has an error: the picture is written, the exit status says so */
		const char *const args[] = {"diagram", "--fail-on", "none", "-o", png, "--example",
					    "seed002-chronous-payments-ec2", NULL};
		g_assert_cmpint(test_run_ecsplan(args, NULL, &out, &err), ==, 0);
	}
	g_assert_true(g_file_get_contents(png, &data, &length, NULL));
	g_assert_cmpuint(length, >, 8);
	g_assert_cmpmem(data, 8, "\x89PNG\r\n\x1a\n", 8);
	g_clear_pointer(&out, g_free);
	g_clear_pointer(&err, g_free);
	g_clear_pointer(&data, g_free);
	if (gnuplot != NULL) {
		/* seed 002's t2.nano has no us-east-2 price (price-missing): the chart is drawn and
		 * the exit status says the comparison is incomplete */
		const char *const args[] = {"compare", "--chart", chart, "--example",
					    "seed002-chronous-payments-ec2", NULL};
		g_assert_cmpint(test_run_ecsplan(args, NULL, &out, &err), ==, 1);
		g_assert_true(g_file_get_contents(chart, &data, &length, NULL));
		g_assert_true(g_str_has_prefix(data, "%PDF-1."));
	}
	g_remove(png);
	g_remove(chart);
	g_rmdir(dir);
}

/* TRUE when @box draws a line of text equal to @text */
static gboolean
box_says(const ReportDiagramBox *box, const char *text)
{
	for (guint i = 0; i < box->texts->len; i++) {
		if (g_strcmp0(g_array_index(box->texts, ReportDiagramText, i).text, text) == 0)
			return TRUE;
	}
	return FALSE;
}

static const ReportDiagramBox *
legend_of(const ReportDiagram *diagram)
{
	for (guint i = 0; i < diagram->boxes->len; i++) {
		const ReportDiagramBox *box = g_ptr_array_index(diagram->boxes, i);
		if (box->kind == REPORT_BOX_LEGEND)
			return box;
	}
	g_assert_not_reached();
	return NULL;
}

/* what a pasted or printed diagram must say without a tooltip: the load balancer and cluster
 * of a service, its peak as a deployment figure; and a legend of only what is drawn */
static void
test_diagram_plain_labels(void)
{
	g_autofree char *path4 = g_test_build_filename(G_TEST_DIST, "..", "models", "examples",
						       "seed004-cruddur-bootcamp.json", NULL);
	g_autofree char *path2 = g_test_build_filename(G_TEST_DIST, "..", "models", "examples",
						       "seed002-chronous-payments-ec2.json", NULL);
	g_autoptr(Drawn) seed4 = drawn_from_file(path4);
	g_autoptr(Drawn) seed2 = drawn_from_file(path2);
	const ReportDiagramBox *frontend =
	    report_diagram_find(seed4->diagram, REPORT_BOX_SERVICE, "services[1]");
	const ReportDiagramBox *payments =
	    report_diagram_find(seed2->diagram, REPORT_BOX_SERVICE, "services[0]");
	const ReportDiagramBox *legend4 = legend_of(seed4->diagram);
	const ReportDiagramBox *legend2 = legend_of(seed2->diagram);

	/* seed 004's frontend: desired 1, maximum_percent 200: 2 tasks while a deployment runs */
	g_assert_nonnull(frontend);
	g_assert_cmpstr(frontend->name, ==, "frontend-react-js");
	g_assert_true(box_says(frontend, "FARGATE · desired 1"));
	g_assert_true(box_says(frontend, "peak 2 during deployments"));
	g_assert_true(box_says(frontend, "behind cruddur-alb on ports 2000, 3000"));
	g_assert_true(box_says(payments, "behind payments-elb on port 80"));
	g_assert_true(box_says(payments, "cluster cak-cluster"));
	/* seed 004 has no NAT gateway, route, cluster or error (its findings are the five
	 * deployment-downtime warnings); seed 002 has a NAT gateway, routes, a cluster,
	 * warnings and one error (price-missing: no us-east-2 price for its t2.nano; its load
	 * balancer is the Classic one it really is, so no lb-single-az) */
	g_assert_true(box_says(legend4, "public subnet"));
	g_assert_false(box_says(legend4, "NAT gateway"));
	g_assert_false(box_says(legend4, "route to its NAT gateway"));
	g_assert_false(box_says(legend4, "EC2 cluster: instances desired / peak per AZ"));
	g_assert_true(box_says(legend4, "warning"));
	g_assert_false(box_says(legend4, "error"));
	g_assert_false(box_says(legend4, "private subnet"));
	g_assert_true(box_says(legend2, "NAT gateway"));
	g_assert_true(box_says(legend2, "route to its NAT gateway"));
	g_assert_true(box_says(legend2, "EC2 cluster: instances desired / peak per AZ"));
	g_assert_true(box_says(legend2, "warning"));
	g_assert_true(box_says(legend2, "error"));
	g_assert_false(box_says(legend2, "note"));
	g_assert_false(box_says(legend2, "isolated subnet"));
}

static const char *
box_attr(const ReportDiagramBox *box, const char *key)
{
	for (guint i = 0; i < box->attrs->len; i++) {
		const ReportDiagramAttr *attr = &g_array_index(box->attrs, ReportDiagramAttr, i);
		if (strcmp(attr->key, key) == 0)
			return attr->value;
	}
	return NULL;
}

/* `ecsplan diagram --cost`: the cost engine's line items summed per element and per AZ */
static void
test_diagram_cost(void)
{
	g_autofree char *path = g_test_build_filename(G_TEST_DIST, "..", "models", "examples",
						      "seed002-chronous-payments-ec2.json", NULL);
	g_autoptr(GError) error = NULL;
	g_autoptr(PlanModel) model = plan_model_load_file(path, &error);
	g_autoptr(PlanResult) result = NULL;
	g_autoptr(ReportDiagram) diagram = NULL;
	const ReportDiagramBox *nat;
	const ReportDiagramBox *lb;
	const ReportDiagramBox *db;
	const ReportDiagramBox *host;
	const ReportDiagramBox *column = NULL;

	g_assert_no_error(error);
	result = plan_analyse(model,
			      &(PlanAnalyseOptions){.parts = PLAN_ANALYSE_VALIDATE | PLAN_ANALYSE_COST},
			      &error);
	g_assert_no_error(error);
	diagram = report_diagram_layout_with(model, result->diagnostics, result->validation,
					     result->compute,
					     &(ReportDiagramOptions){.cost = result->cost});
	/* nat-1: 730 h x 0.045 = 32.85, its Elastic IP 730 h x 0.005 = 3.65 (an estimate), 0 GB
	 * of data: 36.50 */
	nat = report_diagram_find(diagram, REPORT_BOX_NAT, "vpcs[0].nat_gateways[0]");
	g_assert_nonnull(nat);
	g_assert_cmpstr(box_attr(nat, "cost"), ==, "36.50");
	g_assert_cmpstr(nat->label, ==, "NAT nat-1 · ~36.50/mo");
	g_assert_nonnull(strstr(nat->title, "\nmonthly cost ~36.50 USD"));
	/* the Classic LB: one node address 730 h x 0.005 = 3.65, 0 GB; its hour has no price in
	 * the us-east-2 book (issue 12: never us-east-1's 0.025), so "at least" 3.65 */
	lb = report_diagram_find(diagram, REPORT_BOX_LB, "vpcs[0].load_balancers[0]");
	g_assert_cmpstr(box_attr(lb, "cost"), ==, "3.65");
	g_assert_true(box_says(lb, "classic · internet-facing · 1 AZ · at least ~3.65/mo"));
	/* us-east-2a holds both NAT gateways (2 x 36.50), the t2.nano the book cannot price
	 * (unpriced) and that instance's 30 GB gp3 root volume (30 x 0.08 = 2.40): at least
	 * 75.40; us-east-2b has no line item and says nothing. the total adds the RDS instance
	 * (27.12), the bastion (11.88) and the CLB (3.65), which have no single AZ: 75.40 + 3.65 +
	 * 27.12 + 11.88 = 118.05, a lower bound */
	for (guint i = 0; i < diagram->boxes->len; i++) {
		const ReportDiagramBox *box = g_ptr_array_index(diagram->boxes, i);
		if (box->kind == REPORT_BOX_AZ && strcmp(box->name, "us-east-2a") == 0)
			column = box;
		if (box->kind == REPORT_BOX_AZ && strcmp(box->name, "us-east-2b") == 0)
			g_assert_null(box_attr(box, "cost"));
	}
	g_assert_nonnull(column);
	g_assert_cmpstr(box_attr(column, "cost"), ==, "75.40");
	g_assert_cmpstr(column->label, ==, "us-east-2a · at least ~75.40/mo");
	g_assert_true(box_says(legend_of(diagram),
			       "Cost: USD a month (/mo) for 730 hours, prices of 2026-11-22 "
			       "(built-in); ~ an estimate; total at least ~118.05"));
	/* the RDS instance cak: 730 h x 0.034 (db.t2.small) = 24.82 and 20 GB gp2 x 0.115 =
	 * 2.30: 27.12, both estimates */
	db = report_diagram_find(diagram, REPORT_BOX_DATABASE, "databases[0]");
	g_assert_nonnull(db);
	g_assert_cmpstr(box_attr(db, "cost"), ==, "27.12");
	g_assert_true(box_says(db, "mysql · db.t2.small · single-AZ · 20 GB gp2 · ~27.12/mo"));
	/* the bastion: 730 h x 0.0104 (t3.micro) = 7.592, its public address 730 h x 0.005 =
	 * 3.65, 8 GB gp3 x 0.08 = 0.64: 11.882 */
	host = report_diagram_find(diagram, REPORT_BOX_HOST, "instances[0]");
	g_assert_nonnull(host);
	g_assert_cmpstr(box_attr(host, "cost"), ==, "11.882");
	g_assert_cmpstr(host->label, ==, "host bastion · ~11.88/mo");
}

static const ReportDiagramRoute *
route_of(const ReportDiagram *diagram, ReportRouteKind kind, const char *to_path)
{
	for (guint i = 0; i < diagram->routes->len; i++) {
		const ReportDiagramRoute *route = &g_array_index(diagram->routes, ReportDiagramRoute, i);
		if (route->kind == kind && g_strcmp0(route->to_path, to_path) == 0)
			return route;
	}
	return NULL;
}

static void
assert_points(const ReportDiagramRoute *route, const int *points, guint n)
{
	g_assert_nonnull(route);
	g_assert_cmpmem(route->points->data, route->points->len * sizeof(int), points,
			n * sizeof(int));
}

/* traffic in and out on seed 002, worked by hand from the geometry (docs/diagram.md): the
 * internet box at (34, 10), 22 high; the region at y 46, its header 40 + 8, so the VPC at y 94
 * and its gateway at x 10 + 12 + 12 + 90 (the gutter) = 124, y 84, 114 wide; the AZ header at
 * 94 + 52 = 146 and the ALB's line under it at 146 + 26 = 172, at x 124 + 8 = 132 */
static void
test_diagram_flow(void)
{
	g_autofree char *path2 = g_test_build_filename(G_TEST_DIST, "..", "models", "examples",
						       "seed002-chronous-payments-ec2.json", NULL);
	g_autoptr(Drawn) seed2 = drawn_from_file(path2);
	/* left out of the internet (34, 21) to the trunk at 10 + 6, down to 5 above the gateway,
	 * across to its middle and into its top. The gateway is 6 + 16 (its glyph) + 98 (the
	 * text) + 8 = 128 wide: its middle is 124 + 64 = 188 */
	static const int internet[] = {34, 21, 16, 21, 16, 79, 188, 79, 188, 84};
	/* out of the gateway's bottom 14 in (138, 104) straight down into the CLB's top (172): it
	 * is on the first line under the AZ header and spans x 132 to 132 + 280 */
	static const int igw_lb[] = {138, 104, 138, 172};
	const ReportDiagramBox *nat1;
	const ReportDiagramRoute *lb_service;
	const ReportDiagramBox *lb = report_diagram_find(seed2->diagram, REPORT_BOX_LB,
							 "vpcs[0].load_balancers[0]");
	const ReportDiagramBox *service =
	    report_diagram_find(seed2->diagram, REPORT_BOX_SERVICE, "services[0]");
	const ReportDiagramBox *internet_box =
	    report_diagram_find(seed2->diagram, REPORT_BOX_INTERNET, "internet");
	g_autoptr(Drawn) closed = drawn_from_text(
	    "{\"ecsplan\": 1, \"region\": \"us-east-1\", \"vpcs\": [{\"name\": \"v\", "
	    "\"cidr\": \"10.0.0.0/16\", \"subnets\": [{\"name\": \"s\", \"cidr\": "
	    "\"10.0.0.0/24\", \"az\": \"us-east-1a\", \"tier\": \"isolated\"}]}]}");

	g_assert_nonnull(internet_box);
	g_assert_cmpint(internet_box->x, ==, 34);
	g_assert_cmpint(internet_box->y, ==, 10);
	assert_points(route_of(seed2->diagram, REPORT_ROUTE_INTERNET_IGW,
			       "vpcs[0].internet_gateway"),
		      internet, G_N_ELEMENTS(internet));
	assert_points(route_of(seed2->diagram, REPORT_ROUTE_IGW_LB, "vpcs[0].load_balancers[0]"),
		      igw_lb, G_N_ELEMENTS(igw_lb));
	/* out of the ALB's bottom 28 in, into the gap under its line (3 down), left to the lane 19
	 * left of the first column, down to the gap above the service and into its top */
	lb_service = route_of(seed2->diagram, REPORT_ROUTE_LB_SERVICE, "services[0]");
	g_assert_nonnull(lb_service);
	/* a load balancer that does not reach under the gateway (its subnets only in the second AZ)
	 * still goes round by the lane: 6 points */
	{
		g_autoptr(Drawn) off = drawn_from_text(
		    "{\"ecsplan\": 1, \"region\": \"us-east-1\", \"vpcs\": [{\"name\": \"v\", "
		    "\"cidr\": \"10.0.0.0/16\", \"internet_gateway\": true, \"subnets\": "
		    "[{\"name\": \"a\", \"cidr\": \"10.0.0.0/24\", \"az\": \"us-east-1a\", "
		    "\"tier\": \"public\"}, {\"name\": \"b\", \"cidr\": \"10.0.1.0/24\", \"az\": "
		    "\"us-east-1b\", \"tier\": \"public\"}], \"load_balancers\": [{\"name\": "
		    "\"lb\", \"type\": \"network\", \"scheme\": \"internet-facing\", "
		    "\"subnets\": [\"b\"]}]}]}");
		const ReportDiagramRoute *round =
		    route_of(off->diagram, REPORT_ROUTE_IGW_LB, "vpcs[0].load_balancers[0]");
		g_assert_nonnull(round);
		g_assert_cmpuint(round->points->len, ==, 12);
		check_routes_clear(off, "igw-lb round");
	}
	/* seed 004's frontend has two containers, on 2000 (its Envoy) and 3000 */
	{
		g_autofree char *path4 = g_test_build_filename(
		    G_TEST_DIST, "..", "models", "examples", "seed004-cruddur-bootcamp.json", NULL);
		g_autoptr(Drawn) seed4 = drawn_from_file(path4);
		const ReportDiagramRoute *front =
		    route_of(seed4->diagram, REPORT_ROUTE_LB_SERVICE, "services[1]");
		g_assert_nonnull(front);
		g_assert_cmpstr(front->port, ==, "2000 3000");
	}
	/* the target side of the listener: the service's one container listens on 80 */
	g_assert_cmpstr(lb_service->port, ==, "80");
	g_assert_true(box_says(service, "behind payments-elb on port 80"));
	g_assert_cmpstr(lb_service->from_path, ==, "vpcs[0].load_balancers[0]");
	{
		const int points[] = {lb->x + 28,	lb->y + lb->h,	  lb->x + 28,
				      lb->y + lb->h + 3, 124 - 19,	  lb->y + lb->h + 3,
				      124 - 19,		 service->y - 3, service->x + 14,
				      service->y - 3,	 service->x + 14, service->y};
		assert_points(lb_service, points, G_N_ELEMENTS(points));
	}
	/* traffic out: nat-1, in public-a (first in its column, so the gap above the row is the gap
	 * above its subnet): out of its left side into public-a's inner padding, up to 3 above
	 * public-a, left to the lane 26 left
	 * of the first column (98), up into the AZ header (146 + 10), right to 28 into the gateway
	 * (152) and into its bottom (104) */
	nat1 = report_diagram_find(seed2->diagram, REPORT_BOX_NAT, "vpcs[0].nat_gateways[0]");
	g_assert_nonnull(nat1);
	{
		const ReportDiagramBox *home = g_ptr_array_index(seed2->diagram->boxes, nat1->parent);
		/* out of its left side to public-a's inner padding (3 px in), up it to 3 above
		 * public-a */
		const int mid = nat1->y + nat1->h / 2;
		const int points[] = {nat1->x,	   mid, home->x + 3, mid, home->x + 3, home->y - 3,
				      98, home->y - 3, 98,  156,	 152,	      156, 152, 104};
		g_assert_cmpstr(home->path, ==, "vpcs[0].subnets[0]");
		assert_points(route_of(seed2->diagram, REPORT_ROUTE_NAT_IGW,
				       "vpcs[0].internet_gateway"),
			      points, G_N_ELEMENTS(points));
	}
	g_assert_cmpuint(count_routes(seed2->diagram, REPORT_ROUTE_NAT_IGW), ==, 2);
	/* the four private subnets' NAT routes, three edges in and two out */
	g_assert_cmpuint(count_routes(seed2->diagram, REPORT_ROUTE_NAT), ==, 4);
	g_assert_cmpuint(seed2->diagram->routes->len, ==, 4 + 3 + 2);
	g_assert_true(box_says(legend_of(seed2->diagram), "NAT gateway out to the internet gateway"));
	g_assert_false(box_says(legend_of(seed2->diagram), "VPC peering"));
	g_assert_true(box_says(legend_of(seed2->diagram), "the internet"));
	g_assert_true(
	    box_says(legend_of(seed2->diagram), "traffic in: internet, gateway, load balancer, service"));

	/* no internet gateway: no internet, no edge, nothing in the legend */
	check_invariants(closed, "closed");
	g_assert_null(report_diagram_find(closed->diagram, REPORT_BOX_INTERNET, "internet"));
	g_assert_cmpuint(closed->diagram->routes->len, ==, 0);
	g_assert_false(box_says(legend_of(closed->diagram), "the internet"));
	g_assert_false(box_says(legend_of(closed->diagram), "traffic in"));
	g_assert_false(box_says(legend_of(closed->diagram), "NAT gateway out to the internet gateway"));
}

/* two VPCs peered, worked by hand: the region is 760 - 20 = 740 wide at x 10; with a peering the
 * VPCs leave 64 px on their right, so each is 740 - 24 - 64 = 652 wide at x 22, right side 674;
 * the edge leaves the first VPC 16 px under its top, runs in the lane 8 px right of it (682)
 * down to 16 px under the second VPC's top, and "peering" sits 4 px right of the lane */
static void
test_diagram_peering(void)
{
	g_autoptr(Drawn) drawn = drawn_from_text(
	    "{\"ecsplan\": 1, \"region\": \"us-east-1\", \"vpcs\": [{\"name\": \"a\", \"cidr\": "
	    "\"10.0.0.0/16\"}, {\"name\": \"b\", \"cidr\": \"10.1.0.0/16\"}], \"peerings\": "
	    "[[\"b\", \"a\"]]}");
	const ReportDiagramBox *a = report_diagram_find(drawn->diagram, REPORT_BOX_VPC, "vpcs[0]");
	const ReportDiagramBox *b = report_diagram_find(drawn->diagram, REPORT_BOX_VPC, "vpcs[1]");
	const ReportDiagramRoute *peering =
	    route_of(drawn->diagram, REPORT_ROUTE_PEERING, "vpcs[1]");

	check_invariants(drawn, "peering");
	check_routes_clear(drawn, "peering");
	g_assert_nonnull(a);
	g_assert_nonnull(b);
	g_assert_cmpint(a->x, ==, 22);
	g_assert_cmpint(a->w, ==, 652);
	g_assert_nonnull(peering);
	g_assert_cmpstr(peering->from_path, ==, "vpcs[0]");
	{
		const int points[] = {674, a->y + 16, 682, a->y + 16, 682, b->y + 16, 674, b->y + 16};
		assert_points(peering, points, G_N_ELEMENTS(points));
	}
	g_assert_cmpstr(peering->label, ==, "peering");
	g_assert_cmpint(peering->label_x, ==, 686);
	g_assert_cmpuint(drawn->diagram->routes->len, ==, 1);
	g_assert_true(box_says(legend_of(drawn->diagram), "VPC peering"));
	/* seed 002 has no peering: no room, no legend entry (see /reports/diagram/flow/in) */
}

/* a VPC's endpoints: one box under its AZ columns, as wide as they are, a line per endpoint
 * with the subnets that use it; the height is 20 + 15 per endpoint + 4 */
static void
test_diagram_endpoints(void)
{
	g_autoptr(Drawn) drawn = drawn_from_text(
	    "{\"ecsplan\": 1, \"region\": \"us-east-1\", \"vpcs\": [{\"name\": \"v\", \"cidr\": "
	    "\"10.0.0.0/16\", \"subnets\": [{\"name\": \"p-a\", \"cidr\": \"10.0.1.0/24\", "
	    "\"az\": \"us-east-1a\", \"tier\": \"private\"}, {\"name\": \"p-b\", \"cidr\": "
	    "\"10.0.2.0/24\", \"az\": \"us-east-1b\", \"tier\": \"private\"}], \"endpoints\": "
	    "[{\"name\": \"ecr\", \"service\": \"ecr.dkr\", \"type\": \"interface\", "
	    "\"subnets\": [\"p-a\", \"p-b\"]}, {\"service\": \"s3\", \"type\": "
	    "\"gateway\"}]}]}");
	const ReportDiagramBox *box =
	    report_diagram_find(drawn->diagram, REPORT_BOX_ENDPOINTS, "vpcs[0].endpoints");
	const ReportDiagramBox *az = NULL;
	const ReportDiagramBox *last = NULL;

	check_invariants(drawn, "endpoints");
	check_routes_clear(drawn, "endpoints");
	g_assert_nonnull(box);
	for (guint i = 0; i < drawn->diagram->boxes->len; i++) {
		const ReportDiagramBox *b = box_at(drawn->diagram, (gint)i);
		if (b->kind == REPORT_BOX_AZ) {
			az = az == NULL ? b : az;
			last = b;
		}
	}
	g_assert_nonnull(az);
	g_assert_cmpint(box->x, ==, az->x);
	g_assert_cmpint(box->x + box->w, ==, last->x + last->w);
	g_assert_cmpint(box->y, ==, az->y + az->h + 4);
	g_assert_cmpint(box->h, ==, 20 + 2 * 15 + 4);
	g_assert_cmpint(box_at(drawn->diagram, box->parent)->kind, ==, REPORT_BOX_VPC);
	g_assert_true(box_says(box, "VPC endpoints (2)"));
	g_assert_true(box_says(box, "interface ecr.dkr (ecr): subnets p-a, p-b"));
	g_assert_true(box_says(box, "gateway s3: through route tables"));
	g_assert_true(box_says(legend_of(drawn->diagram), "VPC endpoints and the subnets that use them"));
	/* seed 002 has none */
	{
		g_autofree char *path2 = g_test_build_filename(
		    G_TEST_DIST, "..", "models", "examples", "seed002-chronous-payments-ec2.json", NULL);
		g_autoptr(Drawn) seed2 = drawn_from_file(path2);
		g_assert_false(box_says(legend_of(seed2->diagram), "VPC endpoints"));
	}
}

/* TRUE when @box draws @text starting at x @x */
static gboolean
box_says_at(const ReportDiagramBox *box, const char *text, int x)
{
	for (guint i = 0; i < box->texts->len; i++) {
		const ReportDiagramText *line = &g_array_index(box->texts, ReportDiagramText, i);
		if (g_strcmp0(line->text, text) == 0 && line->x == x)
			return TRUE;
	}
	return FALSE;
}

/* databases over their subnet group's AZ columns, with their instances per AZ; a standalone
 * host inside its subnet; both in the legend only when drawn */
static void
test_diagram_databases(void)
{
	g_autoptr(Drawn) drawn = drawn_from_text(
	    "{\"ecsplan\": 1, \"region\": \"us-east-1\", \"vpcs\": [{\"name\": \"v\", \"cidr\": "
	    "\"10.0.0.0/16\", \"subnets\": [{\"name\": \"pub-a\", \"cidr\": \"10.0.0.0/24\", "
	    "\"az\": \"us-east-1a\", \"tier\": \"public\"}, {\"name\": \"db-a\", \"cidr\": "
	    "\"10.0.1.0/24\", \"az\": \"us-east-1a\", \"tier\": \"isolated\"}, {\"name\": "
	    "\"db-b\", \"cidr\": \"10.0.2.0/24\", \"az\": \"us-east-1b\", \"tier\": "
	    "\"isolated\"}]}], \"databases\": [{\"name\": \"orders\", \"engine\": \"mysql\", "
	    "\"instance_class\": \"db.t3.micro\", \"multi_az\": true, \"subnets\": [\"db-a\", "
	    "\"db-b\"]}, {\"name\": \"ledger\", \"engine\": \"aurora-postgresql\", "
	    "\"instance_class\": \"db.t3.medium\", \"instances\": 3, \"storage_type\": "
	    "\"aurora\", \"subnets\": [\"db-a\", \"db-b\"]}, {\"name\": \"cache\", "
	    "\"engine\": \"postgres\", \"instance_class\": \"db.t3.micro\", \"subnets\": "
	    "[\"db-a\", \"db-b\"]}], \"instances\": [{\"name\": \"jump\", \"instance_type\": "
	    "\"t3.micro\", \"subnet\": \"pub-a\", \"public_ip\": true}]}");
	const ReportDiagramBox *orders =
	    report_diagram_find(drawn->diagram, REPORT_BOX_DATABASE, "databases[0]");
	const ReportDiagramBox *ledger =
	    report_diagram_find(drawn->diagram, REPORT_BOX_DATABASE, "databases[1]");
	const ReportDiagramBox *cache =
	    report_diagram_find(drawn->diagram, REPORT_BOX_DATABASE, "databases[2]");
	const ReportDiagramBox *host =
	    report_diagram_find(drawn->diagram, REPORT_BOX_HOST, "instances[0]");
	const ReportDiagramBox *db_a =
	    report_diagram_find(drawn->diagram, REPORT_BOX_SUBNET, "vpcs[0].subnets[1]");
	const ReportDiagramBox *db_b =
	    report_diagram_find(drawn->diagram, REPORT_BOX_SUBNET, "vpcs[0].subnets[2]");
	const ReportDiagramBox *pub =
	    report_diagram_find(drawn->diagram, REPORT_BOX_SUBNET, "vpcs[0].subnets[0]");
	/* a column's line starts 6 px into the box, the box 8 px into the column: the subnet's x
	 * + 6 */
	int in_a;
	int in_b;

	check_invariants(drawn, "databases");
	check_routes_clear(drawn, "databases");
	g_assert_nonnull(orders);
	g_assert_nonnull(ledger);
	g_assert_nonnull(cache);
	g_assert_nonnull(host);
	in_a = db_a->x + 6;
	in_b = db_b->x + 6;
	/* each spans its subnet group's two columns, under the isolated subnet row, one line
	 * apart (the three share both columns) */
	g_assert_cmpint(orders->x, ==, db_a->x);
	g_assert_cmpint(orders->x + orders->w, ==, db_b->x + db_b->w);
	g_assert_cmpint(orders->y, >, db_a->y + db_a->h);
	g_assert_cmpint(ledger->y, ==, orders->y + orders->h + 6);
	g_assert_cmpstr(orders->az, ==, "us-east-1a us-east-1b");
	/* Multi-AZ: the primary in the first AZ, the standby in the second */
	g_assert_true(box_says(orders, "mysql · db.t3.micro · Multi-AZ · 20 GB gp2"));
	g_assert_true(box_says_at(orders, "primary", in_a));
	g_assert_true(box_says_at(orders, "standby", in_b));
	g_assert_cmpstr(box_attr(orders, "multi-az"), ==, "true");
	/* Aurora, 3 instances over 2 AZs: the writer in the first, readers round-robin from the
	 * second: reader 1 in b, reader 2 in a */
	g_assert_true(box_says(ledger, "aurora-postgresql · db.t3.medium · 3 instances"));
	g_assert_true(box_says_at(ledger, "writer + 1 reader", in_a));
	g_assert_true(box_says_at(ledger, "1 reader", in_b));
	g_assert_cmpstr(box_attr(ledger, "instances"), ==, "3");
	/* single-AZ: one instance; the other AZ is only in the subnet group */
	g_assert_true(box_says_at(cache, "instance", in_a));
	g_assert_true(box_says_at(cache, "subnet group only", in_b));
	/* the host is a chip inside its subnet, in the first slot (no NAT gateway there) */
	g_assert_cmpint(host->parent, >=, 0);
	g_assert_true(box_at(drawn->diagram, host->parent) == pub);
	g_assert_cmpint(host->x, ==, pub->x + 6);
	g_assert_cmpint(host->y, ==, pub->y + 46);
	g_assert_cmpint(pub->h, ==, 46 + 22 + 2);
	g_assert_cmpstr(host->label, ==, "host jump");
	g_assert_cmpstr(box_attr(host, "instance-type"), ==, "t3.micro");
	g_assert_true(box_says(legend_of(drawn->diagram),
			       "database: its instances per AZ of its subnet group"));
	g_assert_true(box_says(legend_of(drawn->diagram), "standalone EC2 host"));
	/* seed 004 has neither: the legend does not name them */
	{
		g_autofree char *path4 = g_test_build_filename(
		    G_TEST_DIST, "..", "models", "examples", "seed004-cruddur-bootcamp.json", NULL);
		g_autoptr(Drawn) seed4 = drawn_from_file(path4);
		g_assert_false(box_says(legend_of(seed4->diagram),
					"database: its instances per AZ of its subnet group"));
		g_assert_false(box_says(legend_of(seed4->diagram), "standalone EC2 host"));
	}
}

/* @box's label with its line breaks taken out */
static char *
unwrapped(const ReportDiagramBox *box)
{
	g_auto(GStrv) lines = g_strsplit(box->label, "\n", -1);
	return g_strjoinv("", lines);
}

/* every line of @box's wrapped label is drawn, and no line is wider than @width */
static guint
check_wrapped(const ReportDiagramBox *box, ReportTextStyle style, int width)
{
	g_auto(GStrv) lines = g_strsplit(box->label, "\n", -1);
	guint n = g_strv_length(lines);
	for (guint i = 0; i < n; i++) {
		g_assert_true(box_says(box, lines[i]));
		g_assert_cmpint(diagram_text_width(style, lines[i]), <=, width);
	}
	return n;
}

/* long names are wrapped onto lines, never cut: every character of the name is drawn, the box
 * grows by a line step (14 px for names, 13 for chips) per line after the first, and the full
 * name stays in data-name and the title */
static void
test_diagram_wrap(void)
{
	const char *long_subnet =
	    "a-very-long-subnet-name-that-cannot-possibly-fit-in-one-box-of-the-grid";
	g_autofree char *solid = g_strnfill(120, 'x'); /* no place to break: between characters */
	g_autofree char *json = g_strdup_printf(
	    "{\"ecsplan\": 1, \"region\": \"us-east-1\", \"vpcs\": [{\"name\": \"v\", "
	    "\"cidr\": \"10.0.0.0/16\", \"internet_gateway\": true, \"subnets\": [{\"name\": "
	    "\"%s\", \"cidr\": \"10.0.0.0/24\", \"az\": \"us-east-1a\", \"tier\": \"public\"}, "
	    "{\"name\": \"p\", \"cidr\": \"10.0.1.0/24\", \"az\": \"us-east-1a\", \"tier\": "
	    "\"private\", \"nat_gateway\": \"nat-gateway-with-a-name-far-too-long-for-its-chip-x\"}], "
	    "\"nat_gateways\": [{\"name\": \"nat-gateway-with-a-name-far-too-long-for-its-chip-x\", "
	    "\"subnet\": \"%s\"}]}], \"services\": [{\"name\": \"%s\", \"launch_type\": "
	    "\"FARGATE\", \"cpu\": 256, \"memory\": 512, \"desired_count\": 1, \"subnets\": "
	    "[\"p\"]}, {\"name\": \"<script>alert(1)</script> & \\\"x\\\" a name with spaces "
	    "that goes on and on\", \"launch_type\": \"FARGATE\", \"cpu\": 256, \"memory\": "
	    "512, \"desired_count\": 1, \"subnets\": [\"p\"]}]}",
	    long_subnet, long_subnet, solid);
	g_autoptr(Drawn) drawn = drawn_from_text(json);
	const ReportDiagramBox *subnet =
	    report_diagram_find(drawn->diagram, REPORT_BOX_SUBNET, "vpcs[0].subnets[0]");
	const ReportDiagramBox *nat =
	    report_diagram_find(drawn->diagram, REPORT_BOX_NAT, "vpcs[0].nat_gateways[0]");
	const ReportDiagramBox *service =
	    report_diagram_find(drawn->diagram, REPORT_BOX_SERVICE, "services[0]");
	const ReportDiagramBox *hostile =
	    report_diagram_find(drawn->diagram, REPORT_BOX_SERVICE, "services[1]");
	g_autofree char *subnet_text = NULL;
	g_autofree char *nat_text = NULL;
	g_autofree char *service_text = NULL;
	guint lines;

	check_invariants(drawn, "wrap");
	check_routes_clear(drawn, "wrap");
	g_assert_nonnull(subnet);
	/* the subnet: broken after hyphens, so its lines put together are the name; the box is 236
	 * - 16 = 220 wide and its name has 220 - 12 px */
	subnet_text = unwrapped(subnet);
	g_assert_cmpstr(subnet_text, ==, long_subnet);
	g_assert_false(g_str_has_suffix(subnet->label, "\u2026"));
	lines = check_wrapped(subnet, REPORT_TEXT_LABEL, subnet->w - 12);
	g_assert_cmpuint(lines, >=, 2);
	/* 46 high, 14 more per line after the first, then the NAT gateway's row (its own height +
	 * 4) and 2 */
	g_assert_cmpint(subnet->h, ==, 46 + ((int)lines - 1) * 14 + nat->h + 4 + 2);
	g_assert_cmpint(nat->y, ==, subnet->y + 46 + ((int)lines - 1) * 14);
	g_assert_cmpstr(subnet->name, ==, long_subnet);
	g_assert_nonnull(strstr(subnet->title, subnet->name));
	/* the NAT chip: "NAT " and its name, wrapped in a chip that grows 13 px a line */
	nat_text = unwrapped(nat);
	g_assert_cmpstr(nat_text, ==, "NAT nat-gateway-with-a-name-far-too-long-for-its-chip-x");
	lines = check_wrapped(nat, REPORT_TEXT_SMALL, nat->w - 9 - 16);
	g_assert_cmpuint(lines, >=, 2);
	g_assert_cmpint(nat->h, ==, 18 + ((int)lines - 1) * 13);
	/* 120 x's: no break opportunity, so between characters; nothing is lost */
	service_text = unwrapped(service);
	g_assert_cmpstr(service_text, ==, solid);
	lines = check_wrapped(service, REPORT_TEXT_LABEL, service->w - 12 - 16);
	g_assert_cmpuint(lines, >=, 3);
	/* a hostile name with spaces: broken at spaces (dropped at the break), every word drawn */
	check_wrapped(hostile, REPORT_TEXT_LABEL, hostile->w - 12 - 16);
	{
		g_auto(GStrv) words = g_strsplit(hostile->name, " ", -1);
		for (guint i = 0; words[i] != NULL; i++)
			g_assert_nonnull(strstr(hostile->label, words[i]));
	}
}

/* services are chips, one per AZ column they have subnets in, on one line: the first is the
 * service (g.service), the others "tasks" chips; a service in AZs a and c leaves column b free
 * for another service on the same line (a box spanning a to c would not) */
static void
test_diagram_chips(void)
{
	g_autoptr(Drawn) drawn = drawn_from_text(
	    "{\"ecsplan\": 1, \"region\": \"us-east-1\", \"vpcs\": [{\"name\": \"v\", \"cidr\": "
	    "\"10.0.0.0/16\", \"subnets\": [{\"name\": \"p-a\", \"cidr\": \"10.0.1.0/24\", "
	    "\"az\": \"us-east-1a\", \"tier\": \"private\"}, {\"name\": \"p-b\", \"cidr\": "
	    "\"10.0.2.0/24\", \"az\": \"us-east-1b\", \"tier\": \"private\"}, {\"name\": \"p-c\", "
	    "\"cidr\": \"10.0.3.0/24\", \"az\": \"us-east-1c\", \"tier\": \"private\"}]}], "
	    "\"services\": [{\"name\": \"ac\", \"launch_type\": \"FARGATE\", \"cpu\": 256, "
	    "\"memory\": 512, \"desired_count\": 3, \"subnets\": [\"p-a\", \"p-c\"]}, {\"name\": "
	    "\"b\", \"launch_type\": \"FARGATE\", \"cpu\": 256, \"memory\": 512, "
	    "\"desired_count\": 1, \"subnets\": [\"p-b\"]}]}");
	const ReportDiagramBox *ac = report_diagram_find(drawn->diagram, REPORT_BOX_SERVICE,
							 "services[0]");
	const ReportDiagramBox *b = report_diagram_find(drawn->diagram, REPORT_BOX_SERVICE,
							"services[1]");
	const ReportDiagramBox *tasks = report_diagram_find(drawn->diagram, REPORT_BOX_TASKS,
							    "services[0]");
	const ReportDiagramBox *p_a =
	    report_diagram_find(drawn->diagram, REPORT_BOX_SUBNET, "vpcs[0].subnets[0]");
	const ReportDiagramBox *p_b =
	    report_diagram_find(drawn->diagram, REPORT_BOX_SUBNET, "vpcs[0].subnets[1]");
	const ReportDiagramBox *p_c =
	    report_diagram_find(drawn->diagram, REPORT_BOX_SUBNET, "vpcs[0].subnets[2]");
	guint chips = 0;

	check_invariants(drawn, "chips");
	check_routes_clear(drawn, "chips");
	g_assert_nonnull(ac);
	g_assert_nonnull(b);
	g_assert_nonnull(tasks);
	/* each chip is its column's width less the margins, under its subnet */
	g_assert_cmpint(ac->x, ==, p_a->x);
	g_assert_cmpint(ac->w, ==, p_a->w);
	g_assert_cmpint(tasks->x, ==, p_c->x);
	g_assert_cmpint(b->x, ==, p_b->x);
	/* one line for both services */
	g_assert_cmpint(b->y, ==, ac->y);
	g_assert_cmpint(tasks->y, ==, ac->y);
	g_assert_cmpstr(box_attr(tasks, "service"), ==, "ac");
	g_assert_cmpstr(tasks->az, ==, "us-east-1c");
	for (guint i = 0; i < drawn->diagram->boxes->len; i++)
		chips += box_at(drawn->diagram, (gint)i)->kind == REPORT_BOX_TASKS ? 1 : 0;
	g_assert_cmpuint(chips, ==, 1);
	/* desired 3 over 2 subnets: 2 in p-a, 1 in p-c; peak 3 x 200% = 6: 3 each */
	g_assert_true(box_says(ac, "FARGATE · desired 3"));
	g_assert_true(box_says(ac, "peak 6 during deployments"));
	g_assert_true(box_says(ac, "2 / 3"));
	g_assert_true(box_says(tasks, "1 / 3"));
	g_assert_true(box_says(tasks, "p-c"));
}

static void
test_diagram_format(void)
{
	g_autoptr(Drawn) drawn =
	    drawn_from_text("{\"ecsplan\": 1, \"region\": \"us-east-1\", \"vpcs\": []}");
	g_autoptr(GError) error = NULL;
	g_autoptr(GString) out = report_diagram(drawn->diagram, REPORT_FORMAT_TEXT, &error);

	g_assert_null(out);
	g_assert_nonnull(error);
	check_invariants(drawn, "empty");
}

/* report.html writes the diagram straight from its layout (report_diagram_write_svg) where it
 * used to parse diagram.svg back and copy it (report_svg_embed): the page's bytes must not
 * change, ids and url(#id) prefixed the same way */
static GString *
page_with(const Drawn *drawn, gboolean parse_back)
{
	g_autoptr(ReportXml) xml = report_xml_new_html();
	g_autoptr(GError) error = NULL;
	GString *page;

	report_xml_start(xml, "figure");
	if (parse_back) {
		g_autoptr(GString) svg = render(drawn);
		g_assert_true(
		    report_svg_embed(xml, svg->str, svg->len, "f1-", "picture", &error));
		g_assert_no_error(error);
	} else {
		report_diagram_write_svg(xml, drawn->diagram, "f1-", "picture");
	}
	report_xml_end(xml);
	page = report_xml_finish(xml, &error);
	g_assert_no_error(error);
	return page;
}

static void
test_diagram_write_direct(void)
{
	static const char *const seeds[] = {"seed000-off-to-the-cloud", "seed001-vault-fargate",
					    "seed002-chronous-payments-ec2",
					    "seed003-fargate-https-alb", "seed004-cruddur-bootcamp"};
	g_autofree char *large = large_model();

	for (guint i = 0; i <= G_N_ELEMENTS(seeds); i++) {
		g_autofree char *file =
		    i < G_N_ELEMENTS(seeds) ? g_strconcat(seeds[i], ".json", NULL) : NULL;
		g_autoptr(Drawn) drawn =
		    file != NULL ? drawn_from_file(g_test_get_filename(G_TEST_DIST, "..", "models",
									"examples", file, NULL))
				 : drawn_from_text(large);
		g_autoptr(GString) parsed = page_with(drawn, TRUE);
		g_autoptr(GString) direct = page_with(drawn, FALSE);
		const char *style = strstr(direct->str, "    <style>\n.p-region { fill: #ffffff;");
		const char *style_end = style != NULL ? strstr(style, "</style>\n") : NULL;
		/* the diagram's <style> (its paints and text styles as CSS classes), which
		 * report_svg_embed leaves out of any SVG it copies, then the same bytes */
		g_assert_nonnull(style_end);
		g_assert_null(strstr(parsed->str, "<style>"));
		/* an HTML parser does not unescape <style>: nothing in it to escape */
		for (const char *c = style + strlen("    <style>"); c < style_end; c++)
			g_assert_null(strchr("<>&\"", *c));
		/* no element repeats what a class says (issue 18): only the background and the
		 * arrowheads are filled by attribute, and no text carries a font */
		g_assert_null(strstr(direct->str, "font-size="));
		g_assert_null(strstr(direct->str, "font-weight="));
		g_assert_null(strstr(direct->str, "stroke-linecap="));
		g_assert_null(strstr(direct->str, "<text x=\"22\" y=\"477\" fill="));
		g_string_erase(direct, style - direct->str,
			       style_end + strlen("</style>\n") - style);
		g_assert_cmpstr(direct->str, ==, parsed->str);
		/* the markers and the lines that end with them carry the prefix */
		if (strstr(direct->str, "marker-end") != NULL) {
			g_assert_nonnull(strstr(direct->str, "url(#f1-arrow"));
			g_assert_nonnull(strstr(direct->str, "id=\"f1-arrow"));
		}
	}
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/reports/diagram/invariants/examples", test_diagram_examples);
	g_test_add_func("/reports/diagram/invariants/large", test_diagram_large);
	g_test_add_func("/reports/diagram/invariants/scale", test_diagram_scale);
	g_test_add_func("/reports/diagram/structure", test_diagram_structure);
	g_test_add_func("/reports/diagram/flow/in", test_diagram_flow);
	g_test_add_func("/reports/diagram/flow/peering", test_diagram_peering);
	g_test_add_func("/reports/diagram/endpoints", test_diagram_endpoints);
	g_test_add_func("/reports/diagram/databases", test_diagram_databases);
	g_test_add_func("/reports/diagram/chips", test_diagram_chips);
	g_test_add_func("/reports/diagram/findings/seed002", test_diagram_findings);
	g_test_add_func("/reports/diagram/findings/fallback", test_diagram_findings_fallback);
	g_test_add_func("/reports/diagram/escaping", test_diagram_escaping);
	g_test_add_func("/reports/diagram/deterministic", test_diagram_deterministic);
	g_test_add_func("/reports/diagram/wrap", test_diagram_wrap);
	g_test_add_func("/reports/diagram/headroom", test_diagram_headroom);
	g_test_add_func("/reports/diagram/format", test_diagram_format);
	g_test_add_func("/reports/diagram/png", test_diagram_png);
	g_test_add_func("/reports/diagram/plain-labels", test_diagram_plain_labels);
	g_test_add_func("/reports/diagram/cost", test_diagram_cost);
	g_test_add_func("/reports/diagram/pdf", test_diagram_pdf);
	g_test_add_func("/reports/diagram/daemon", test_diagram_daemon);
	g_test_add_func("/reports/diagram/write-direct", test_diagram_write_direct);
	g_test_add_func("/reports/diagram/cli-png", test_diagram_cli_png);
	return g_test_run();
}
