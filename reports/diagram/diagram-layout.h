/* ecsplan: the architecture diagram's layout. The model, its findings and the per-subnet address
 * use go in; a plain record of boxes with places, labels, texts and data attributes comes out.
 * Every decision about what is drawn where is made here, so the SVG writer (render-diagram.c)
 * only draws. docs/diagram.md describes the rules. */
#pragma once

#include <glib.h>

#include "compute.h"
#include "cost.h"
#include "network.h"

G_BEGIN_DECLS

/* one kind per drawn element: report_box_kind_to_string() is the SVG class */
typedef enum {
	REPORT_BOX_REGION,
	REPORT_BOX_VPC,
	REPORT_BOX_AZ,
	REPORT_BOX_SUBNET,
	REPORT_BOX_NAT,
	REPORT_BOX_IGW,
	REPORT_BOX_LB,
	REPORT_BOX_SERVICE,
	REPORT_BOX_CLUSTER,
	REPORT_BOX_INTERNET,  /* above the region: where traffic in comes from */
	REPORT_BOX_ENDPOINTS, /* a VPC's endpoints, a line each with the subnets that use them */
	REPORT_BOX_DATABASE,  /* an RDS instance or Aurora cluster over its subnet group's AZs */
	REPORT_BOX_HOST,      /* a standalone EC2 host, inside its subnet */
	REPORT_BOX_TASKS,     /* a service's chip in a further AZ column (its first is the service) */
	REPORT_BOX_FINDING,   /* a numbered marker on the element a finding concerns */
	REPORT_BOX_LEGEND,    /* colours and symbols, under the diagram */
	REPORT_BOX_FINDINGS,  /* the numbered list of findings, under the legend */
	REPORT_BOX_KIND_COUNT,
} ReportBoxKind;

/* what something is painted with: the layout chooses, the writer maps it to colours */
typedef enum {
	REPORT_PAINT_REGION,
	REPORT_PAINT_VPC,
	REPORT_PAINT_AZ,
	REPORT_PAINT_BAND_PUBLIC, /* the tier rows behind the AZ columns */
	REPORT_PAINT_BAND_PRIVATE,
	REPORT_PAINT_BAND_ISOLATED,
	REPORT_PAINT_SUBNET_PUBLIC,
	REPORT_PAINT_SUBNET_PRIVATE,
	REPORT_PAINT_SUBNET_ISOLATED,
	REPORT_PAINT_NAT,
	REPORT_PAINT_IGW,
	REPORT_PAINT_LB,
	REPORT_PAINT_LB_FOOT, /* marks the AZ columns a load balancer has a subnet in */
	REPORT_PAINT_SERVICE,
	REPORT_PAINT_CLUSTER,
	REPORT_PAINT_BAR_TRACK,
	REPORT_PAINT_USE_LOW,	  /* peak under 60% of usable */
	REPORT_PAINT_USE_MEDIUM,  /* 60% to under 80% */
	REPORT_PAINT_USE_HIGH,	  /* 80% or more, or exhausted */
	REPORT_PAINT_USE_UNKNOWN, /* no usable block ("auto", invalid) */
	REPORT_PAINT_ERROR,
	REPORT_PAINT_WARNING,
	REPORT_PAINT_NOTE,
	REPORT_PAINT_ROUTE,
	REPORT_PAINT_INTERNET,
	REPORT_PAINT_ENDPOINTS,
	REPORT_PAINT_PEERING,  /* a peering edge, and its legend sample */
	REPORT_PAINT_FLOW_OUT, /* the legend's sample of a NAT gateway's edge to the internet
				  gateway */
	REPORT_PAINT_FLOW_IN,  /* the legend's sample of a traffic-in edge: a line with an arrowhead
				*/
	REPORT_PAINT_PANEL,    /* legend and findings list */
	REPORT_PAINT_DATABASE,
	REPORT_PAINT_HOST,
	REPORT_PAINT_COUNT,
} ReportPaint;

typedef enum {
	REPORT_TEXT_HEADING, /* region and VPC names */
	REPORT_TEXT_LABEL,   /* element names */
	REPORT_TEXT_BODY,    /* CIDRs, findings */
	REPORT_TEXT_SMALL,   /* details, counts */
	REPORT_TEXT_MUTED,   /* tier names in the gutter */
	REPORT_TEXT_INVERSE, /* on a dark fill: marker numbers, the internet gateway */
	REPORT_TEXT_BADGE,   /* on a light fill: the numbers of warning markers */
	REPORT_TEXT_COUNT,
} ReportTextStyle;

/* font size in px and weight of a style; the layout measures text with the same figures */
int report_text_style_size(ReportTextStyle style);
gboolean report_text_style_bold(ReportTextStyle style);

typedef enum {
	REPORT_ANCHOR_START,
	REPORT_ANCHOR_MIDDLE,
	REPORT_ANCHOR_END,
} ReportAnchor;

/* one line of text; (x, y) is the baseline point given by @anchor */
typedef struct {
	int x;
	int y;
	ReportTextStyle style;
	ReportAnchor anchor;
	char *text;
} ReportDiagramText;


/* a glyph drawn by ecsplan before an element's name: 12 × 12 px of strokes in the element's
 * outline colour, no fill but the box's, so it prints in black and white;
 * report_icon_to_string() is its data-icon */
typedef enum {
	REPORT_ICON_NONE,
	REPORT_ICON_INTERNET, /* a globe */
	REPORT_ICON_IGW,      /* an arch: the way in */
	REPORT_ICON_NAT,      /* two arrows, out and back: address translation */
	REPORT_ICON_ALB,      /* one line fanning out to three: requests routed */
	REPORT_ICON_NLB,      /* one line forking in two: connections passed on */
	REPORT_ICON_CLB,      /* the fan of three in a frame */
	REPORT_ICON_FARGATE,  /* a cube: tasks on capacity AWS runs */
	REPORT_ICON_EC2_SERVICE, /* containers side by side on a base: tasks on instances */
	REPORT_ICON_CLUSTER,  /* a rack of two servers */
	REPORT_ICON_DATABASE, /* a cylinder */
	REPORT_ICON_HOST,     /* a chip with pins: one instance */
	REPORT_ICON_ENDPOINT, /* a plug */
	REPORT_ICON_COUNT,
} ReportIcon;

#define REPORT_ICON_SIZE 12

/* "internet", "igw", ...; "" for none */
const char *report_icon_to_string(ReportIcon icon);
/* the glyph's strokes as SVG path data in a 12 × 12 box with its origin at the top left */
const char *report_icon_path(ReportIcon icon);

/* a filled rectangle inside a box (a use bar, a tier row, a legend swatch); or, when @icon is
 * not REPORT_ICON_NONE, that glyph with its top left at (x, y), REPORT_ICON_SIZE square, in the
 * outline colour of @paint */
typedef struct {
	int x;
	int y;
	int w;
	int h;
	ReportPaint paint;
	ReportIcon icon;
} ReportDiagramShape;

/* a data- attribute beyond the common ones: @key without the "data-" prefix */
typedef struct {
	char *key;
	char *value;
} ReportDiagramAttr;

/* one drawn element (a plain record owned by its ReportDiagram). Coordinates are whole px in
 * the diagram's space (origin top left); a box lies inside its parent, except the internet
 * gateway, which sits on its VPC's top edge */
typedef struct {
	ReportBoxKind kind;
	gint parent;	  /* index into ReportDiagram.boxes; -1 for the top level */
	GArray *children; /* guint: indices of the boxes drawn inside this one, in order */
	int x;
	int y;
	int w;
	int h;
	ReportPaint paint;
	char *name;  /* data-name and the full name: never shortened */
	char *label; /* the name as drawn: shortened with an ellipsis to fit; NULL when not drawn */
	char *path;  /* the element's model path ("vpcs[0].subnets[3]"), or NULL */
	char *cidr;  /* data-cidr, or NULL */
	char *az;    /* data-az: the AZ, or the AZs spanned, separated by spaces; or NULL */
	char *title; /* the tooltip: full name and details */
	GArray *attrs;	/* ReportDiagramAttr, written after the common attributes, in order */
	GArray *shapes; /* ReportDiagramShape, drawn after the box, before the texts */
	GArray *texts;	/* ReportDiagramText */
	/* REPORT_BOX_FINDING: the finding's place in the list (0-based) */
	guint finding;
} ReportDiagramBox;

/* what a route carries; report_route_kind_to_string() is its data-kind */
typedef enum {
	REPORT_ROUTE_NAT,	   /* a subnet to its NAT gateway (dashed) */
	REPORT_ROUTE_INTERNET_IGW, /* traffic in: the internet to a VPC's internet gateway */
	REPORT_ROUTE_IGW_LB,	   /* the internet gateway to an internet-facing load balancer */
	REPORT_ROUTE_LB_SERVICE,   /* that load balancer to a service in its target groups */
	REPORT_ROUTE_NAT_IGW,	   /* traffic out: a public NAT gateway to its internet gateway */
	REPORT_ROUTE_PEERING,	   /* a peering between two VPCs, labelled "peering" */
	REPORT_ROUTE_KIND_COUNT,
} ReportRouteKind;

/* "nat", "internet-igw", "igw-lb", "lb-service", "nat-igw", "peering" */
const char *report_route_kind_to_string(ReportRouteKind kind);

/* an edge between two drawn elements: an orthogonal polyline of (x, y) pairs, every segment
 * horizontal or vertical, running in the gaps between boxes. A NAT route starts on its subnet's
 * side; a traffic edge ends on its target's border, where the writer draws an arrowhead */
typedef struct {
	guint vpc_box;	 /* the box it is drawn in: its VPC, or the region for internet edges */
	GArray *points;	 /* int, x0 y0 x1 y1 ... */
	char *from_path; /* the subnet; the internet ("internet"), gateway or load balancer */
	char *to_path;	 /* the NAT gateway; the gateway, load balancer or service */
	ReportRouteKind kind;
	char *label; /* drawn beside the edge, start-anchored at (label_x, label_y), or NULL */
	/* load balancer → service: the ports the service's containers listen on, as the model gives
	 * them ("80", "2000 3000"; data-port), or NULL. The model has no listener, so this is the
	 * target side of the load balancer's listener */
	char *port;
	int label_x;
	int label_y;
} ReportDiagramRoute;

/* the whole layout (a plain record) */
typedef struct {
	int width;
	int height;
	char *title;	  /* the document's title */
	char *summary;	  /* the document's description: counts of elements and findings */
	GPtrArray *boxes; /* ReportDiagramBox; parents come before their children */
	GArray *roots;	  /* guint: the top-level boxes in drawing order */
	GArray *routes;	  /* ReportDiagramRoute */
} ReportDiagram;

/* lays out @model (linked, as plan_validate leaves it). @diagnostics: the findings to mark,
 * sorted, as `validate` shows them (nullable: none); the marker of finding i reads i + 1.
 * @validation: the per-subnet address use. @compute (nullable): per-AZ instance counts of the
 * EC2 clusters; without it a cluster shows its min and max.
 * Everything is borrowed and copied: the layout holds no pointer into its arguments.
 * Returns: (transfer full) the layout */
ReportDiagram *report_diagram_layout(const PlanModel *model, GPtrArray *diagnostics,
				     const PlanValidation *validation,
				     const PlanCompute *compute) G_GNUC_WARN_UNUSED_RESULT;

/* what the caller changes about a diagram (a plain record; zero is `ecsplan diagram`'s) */
typedef struct {
	/* no findings list under the legend: the report lists the findings in a section of its
	 * own, numbered as the markers, so they are not said twice */
	gboolean no_findings_list;
	/* nullable: the monthly cost (plan_analyse with PLAN_ANALYSE_COST) to print on the
	 * elements that have line items (NAT gateways, load balancers, services, clusters) and
	 * on each AZ column (the lines with that AZ); borrowed for the call only */
	const PlanCost *cost;
} ReportDiagramOptions;

/* report_diagram_layout() with @options (nullable: the defaults) */
ReportDiagram *
report_diagram_layout_with(const PlanModel *model, GPtrArray *diagnostics,
			   const PlanValidation *validation, const PlanCompute *compute,
			   const ReportDiagramOptions *options) G_GNUC_WARN_UNUSED_RESULT;
void report_diagram_free(ReportDiagram *diagram);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(ReportDiagram, report_diagram_free)

/* "vpc", "subnet", ...: the class of the element's <g> */
const char *report_box_kind_to_string(ReportBoxKind kind);

/* the first box whose path is @path, or NULL (tests and reports look elements up by path) */
const ReportDiagramBox *report_diagram_find(const ReportDiagram *diagram, ReportBoxKind kind,
					    const char *path);

G_END_DECLS
