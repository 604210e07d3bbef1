/* ecsplan: what the three files of the diagram layout share, and nothing else includes.
 * diagram-layout.c holds the record, text measuring, finding markers, the legend and the
 * findings list; diagram-grid.c the VPC › AZ column › tier row grid with its subnets, NAT
 * gateways, internet gateway and routes; diagram-spans.c what spans AZ columns: load
 * balancers, services and clusters. */
#pragma once

#include "diagram-layout.h"

G_BEGIN_DECLS

/* geometry shared by the three files, in px */
#define REPORT_DIAGRAM_PAD 12 /* inside the region and VPC boxes, and the panels */
#define REPORT_DIAGRAM_CELL_PAD                                                                    \
	8 /* between an AZ column's side and the boxes in it; routes run here */
#define REPORT_DIAGRAM_STACK_GAP                                                                   \
	6 /* between stacked subnets, and between lines of spanning boxes */

/* the layout under construction */
typedef struct {
	ReportDiagram *diagram;
	const PlanModel *model;
	const PlanValidation *validation;
	const PlanCompute *compute;
	GPtrArray *diagnostics; /* borrowed; never NULL */
	ReportDiagramOptions options;
	/* path of every drawn element ("" for the region) -> GArray of guint: the findings on it */
	GHashTable *findings_of;
	guint use_base; /* index in validation->subnets of the current VPC's first subnet */
} ReportLayout;

/* with a cost (ReportDiagramOptions.cost), the monthly cost of the element of @kind ("nat",
 * "lb", "service", "cluster") named @name in VPC @vpc: the sum of the line items whose resource
 * is "kind/name" or "kind/vpc/name", as a money cell ("36.50", "~10.95"); also sets the box's
 * data-cost (exact dollars). NULL without a cost or without lines.
 * Returns: (transfer full) (nullable) */
char *diagram_element_cost(const ReportLayout *layout, ReportDiagramBox *box, const char *kind,
				  const char *vpc, const char *name);
/* (@box may be NULL: the cell only) */
/* the same for the lines in AZ @az. Returns: (transfer full) (nullable) */
char *diagram_az_cost(ReportLayout *layout, ReportDiagramBox *box, const char *az);
/* adds "monthly cost @cell USD" to @box's tooltip; nothing for a NULL @cell */
void diagram_title_add_cost(ReportDiagramBox *box, const char *cell);
/* "@text · @cell/mo", or @text without a cost. Returns: (transfer full) */
char *diagram_with_cost(const char *text, const char *cell);

/* something drawn across AZ columns: a load balancer, a service or a cluster */
typedef struct {
	ReportBoxKind kind;
	guint index;   /* in vpc->load_balancers, model->services, ->clusters or ->databases */
	PlanTier tier; /* the row it is drawn with */
	guint first;   /* the columns spanned */
	guint last;
	GArray *subnets; /* gint: its distinct resolved subnets, in its own order */
	GArray *area;	 /* gint: the subnets whose AZs it spans: its own, or its cluster's */
	int h;
	int extra;  /* px: the lines of its wrapped name after the first */
	/* a service: the AZ columns it has a chip in (guint, ascending: those of its area) and the
	 * lines under its name in the first chip (NULL for the others kinds) */
	GArray *columns;
	GPtrArray *details;
	guint line; /* set when packed into lines */
} ReportSpan;

/* one VPC's AZ columns and where its elements went */
typedef struct {
	const PlanVpc *vpc;
	guint v;
	GPtrArray *azs;	       /* const char* (borrowed), sorted */
	GHashTable *column_of; /* az -> column + 1 */
	guint *subnet_column;  /* per subnet */
	GPtrArray *nats_in;    /* per subnet: GArray of guint, the NAT gateways in it */
	GPtrArray *hosts_in;   /* per subnet: GArray of guint, the standalone hosts in it */
	gint *subnet_box;      /* per subnet: its box */
	gint *nat_box;	       /* per NAT gateway: its box, or -1 */
	GArray *items;	       /* ReportSpan */
	int col_w;	       /* AZ column width */
	int box_w;	       /* subnet and per-column box width: col_w less the margins */
	int column_x[1];       /* n columns (allocated with the struct) */
} ReportGrid;

/* ---- diagram-box.c: boxes, texts, markers and the paths that name elements ---- */

ReportDiagram *diagram_new(void) G_GNUC_WARN_UNUSED_RESULT;
/* the width of the marker that shows finding number @number */
int diagram_marker_width(guint number);
ReportDiagramBox *diagram_box_at(const ReportLayout *layout, guint index);
/* a new box, appended to @parent's children (or to the roots when @parent is -1) */
guint diagram_box_new(ReportLayout *layout, ReportBoxKind kind, gint parent, int x, int y,
			     int w, int h, ReportPaint paint);
void diagram_text(ReportDiagramBox *box, int x, int y, ReportTextStyle style,
			 ReportAnchor anchor, const char *text);
/* a text shortened to @width px */
void diagram_text_fit(ReportDiagramBox *box, int x, int y, ReportTextStyle style,
			     ReportAnchor anchor, const char *text, int width);
/* the name line of a box: shortened to @width px, and kept as the box's label */
void diagram_label(ReportDiagramBox *box, int x, int y, ReportTextStyle style,
			  const char *name, int width);
void diagram_shape(ReportDiagramBox *box, int x, int y, int w, int h, ReportPaint paint);
/* @text in lines no wider than @width px: broken after a space or the punctuation names are made
 * of (- _ . / : ,), else between two characters; nothing is left out (a space at a break is).
 * Returns: (transfer full) (element-type utf8) at least one line */
GPtrArray *diagram_wrap(ReportTextStyle style, const char *text,
			int width) G_GNUC_WARN_UNUSED_RESULT;
/* the baseline step between the lines of a wrapped name: the font size + 3 px */
int diagram_name_step(ReportTextStyle style);
/* how many lines diagram_name() draws @name in */
guint diagram_name_lines(ReportTextStyle style, const char *name, int width);
/* the name of a box, whole, wrapped to @width px from the baseline @y down; kept as the box's
 * label (its lines joined by newlines). Returns the number of lines */
guint diagram_name(ReportDiagramBox *box, int x, int y, ReportTextStyle style, const char *name,
		   int width);
/* the glyph before a box's name, its top left at (@x, @y), in the box's outline colour */
void diagram_icon(ReportDiagramBox *box, ReportIcon icon, int x, int y);
/* what a name moves right by when a glyph stands before it */
#define REPORT_DIAGRAM_ICON_ROOM (REPORT_ICON_SIZE + 4)
/* a data- attribute; nothing when @value is NULL */
void diagram_attr(ReportDiagramBox *box, const char *key, const char *value);
void diagram_attr_int(ReportDiagramBox *box, const char *key, gint64 value);
/* the width of @text in px, measured with DejaVu Sans */
int diagram_text_width(ReportTextStyle style, const char *text);
/* @text as drawn in @width px: whole, or shortened with an ellipsis */
char *diagram_fit_text(ReportTextStyle style, const char *text,
			      int width) G_GNUC_WARN_UNUSED_RESULT;
/* the numbered markers of the findings on box @element, ending at @right, top at @y, in at most
 * @max_width px; returns the width used */
int diagram_place_markers(ReportLayout *layout, guint element, int right, int y,
				 int max_width);
/* the room a name line leaves for the markers of the element at @path */
int diagram_markers_room(const ReportLayout *layout, const char *path, int max_width);
#define REPORT_DIAGRAM_MARKER_H 14
/* the colours of a finding's marker and its number */
ReportPaint diagram_severity_paint(PlanSeverity severity);
ReportTextStyle diagram_severity_text(PlanSeverity severity);
/* hangs each finding on the element its path names, or the nearest drawn parent */
void diagram_attach_findings(ReportLayout *layout);
guint diagram_grid_columns(const ReportGrid *grid);
/* the model path of each element (the element's origin, or its index path when it has none);
 * Returns: (transfer full) */
char *diagram_vpc_path(const PlanVpc *vpc, guint v) G_GNUC_WARN_UNUSED_RESULT;
char *diagram_subnet_path(const PlanSubnet *subnet, guint v,
				 guint s) G_GNUC_WARN_UNUSED_RESULT;
char *diagram_nat_path(const PlanNatGateway *nat, guint v,
			      guint n) G_GNUC_WARN_UNUSED_RESULT;
char *diagram_igw_path(const PlanVpc *vpc, guint v) G_GNUC_WARN_UNUSED_RESULT;
char *diagram_database_path(const PlanDatabase *database,
			    guint i) G_GNUC_WARN_UNUSED_RESULT;
char *diagram_host_path(const PlanInstance *host, guint i) G_GNUC_WARN_UNUSED_RESULT;
/* the ports @service's containers listen on, in container order, joined by @separator; NULL when
 * none has a port. Returns: (transfer full) (nullable) */
char *diagram_service_ports(const PlanService *service,
			    const char *separator) G_GNUC_WARN_UNUSED_RESULT;
char *diagram_lb_path(const PlanLoadBalancer *lb, guint v,
			     guint l) G_GNUC_WARN_UNUSED_RESULT;
char *diagram_service_path(const PlanService *service,
				  guint i) G_GNUC_WARN_UNUSED_RESULT;
char *diagram_cluster_path(const PlanCluster *cluster,
				  guint i) G_GNUC_WARN_UNUSED_RESULT;
/* VPC @v of @model, or NULL when out of range; subnet @s of @vpc, or NULL (unresolved) */
const PlanVpc *diagram_model_vpc(const PlanModel *model, gint v);
const PlanSubnet *diagram_vpc_subnet(const PlanVpc *vpc, gint s);

/* ---- diagram-grid.c: VPCs ---- */

/* the paths of everything that will be drawn ("" for the region), each with an empty list */
void diagram_register_elements(ReportLayout *layout);
/* appends a route of @n / 2 points (@points copied) drawn in box @in_box */
void diagram_add_route(ReportLayout *layout, guint in_box, ReportRouteKind kind,
			      const char *from_path, const char *to_path, const int *points,
			      guint n);
/* lays out VPC @v at (@x, @y) with width @w; returns its height */
int diagram_vpc(ReportLayout *layout, guint region_box, guint v, int x, int y, int w);
/* the width VPC @vpc needs: its AZ columns side by side */
int diagram_vpc_width(const PlanVpc *vpc);

/* ---- diagram-spans.c: what spans AZ columns ---- */

/* the VPC's load balancers, services, clusters and databases, each with its columns, row and
 * height (its name wrapped to its width: the columns must be placed) */
void diagram_collect_spans(const ReportLayout *layout, ReportGrid *grid);
/* the spans of @kind in @tier, packed into lines from *@y down; *@y moves past them */
void diagram_spans(ReportLayout *layout, ReportGrid *grid, guint vpc_box, ReportBoxKind kind,
			  PlanTier tier, int *y);
void diagram_span_clear(gpointer data);

G_END_DECLS
