#include "diagram-layout-private.h"

#include <string.h>

/* geometry, in px: the region box, the legend and the findings list */
#define MARGIN 10	 /* around the region box */
#define REGION_HEADER 40 /* the region line above the first VPC */
#define VPC_GAP 30	 /* between stacked VPCs: room for the next internet gateway */
#define MARKER_H 14
#define MARKER_GAP 3
#define MIN_WIDTH 760 /* the legend and the findings list need room */
#define SWATCH_W 14
#define SWATCH_H 10
#define LEGEND_ROW 20
#define FINDING_LINE 15
#define FINDING_INDENT 40

#define ELLIPSIS "\u2026"

/* sizes and weights of the text styles; the writer uses the same table through the accessors */
static const struct {
	int size;
	gboolean bold;
} text_styles[REPORT_TEXT_COUNT] = {
    [REPORT_TEXT_HEADING] = {14, TRUE}, [REPORT_TEXT_LABEL] = {11, TRUE},
    [REPORT_TEXT_BODY] = {11, FALSE},	[REPORT_TEXT_SMALL] = {10, FALSE},
    [REPORT_TEXT_MUTED] = {10, TRUE},	[REPORT_TEXT_INVERSE] = {10, TRUE},
    [REPORT_TEXT_BADGE] = {10, TRUE},
};

static const char *const box_kind_names[REPORT_BOX_KIND_COUNT] = {
    [REPORT_BOX_REGION] = "region",   [REPORT_BOX_VPC] = "vpc",
    [REPORT_BOX_AZ] = "az",	      [REPORT_BOX_SUBNET] = "subnet",
    [REPORT_BOX_NAT] = "nat",	      [REPORT_BOX_IGW] = "igw",
    [REPORT_BOX_LB] = "lb",	      [REPORT_BOX_SERVICE] = "service",
    [REPORT_BOX_CLUSTER] = "cluster", [REPORT_BOX_FINDING] = "finding",
    [REPORT_BOX_LEGEND] = "legend",   [REPORT_BOX_FINDINGS] = "findings",
};

int
report_text_style_size(ReportTextStyle style)
{
	g_return_val_if_fail(style < REPORT_TEXT_COUNT, 10);
	return text_styles[style].size;
}

gboolean
report_text_style_bold(ReportTextStyle style)
{
	g_return_val_if_fail(style < REPORT_TEXT_COUNT, FALSE);
	return text_styles[style].bold;
}

const char *
report_box_kind_to_string(ReportBoxKind kind)
{
	g_return_val_if_fail(kind < REPORT_BOX_KIND_COUNT, "");
	return box_kind_names[kind];
}

/* ---- measuring text ---- */

/* advance widths of DejaVu Sans (Book and Bold) for ASCII 32..126, in thousandths of an em,
 * rounded up, read from the font's hmtx table. It is the widest of the fonts the SVG names
 * (Arial and Helvetica are narrower), so a label measured with it fits in any of them */
static const guint16 dejavu_book[95] = {
    318, 401, 460, 838, 637, 951, 780, 275, 391, 391, 500, 838, 318, 361,  318, 337, 637, 637, 637,
    637, 637, 637, 637, 637, 637, 637, 337, 337, 838, 838, 838, 531, 1000, 685, 687, 699, 771, 632,
    576, 775, 752, 295, 295, 656, 558, 863, 749, 788, 604, 788, 695, 635,  611, 732, 685, 989, 686,
    611, 686, 391, 337, 391, 838, 500, 500, 613, 635, 550, 635, 616, 353,  635, 634, 278, 278, 580,
    278, 975, 634, 612, 635, 635, 412, 521, 393, 634, 592, 818, 592, 592,  525, 637, 337, 637, 838,
};

static const guint16 dejavu_bold[95] = {
    349,  457, 521, 838, 696, 1002, 873, 307,  458, 458, 523, 838, 380, 416,  380, 366,
    696,  696, 696, 696, 696, 696,  696, 696,  696, 696, 400, 400, 838, 838,  838, 581,
    1000, 774, 763, 734, 831, 684,  684, 821,  837, 373, 373, 775, 638, 996,  837, 851,
    733,  851, 771, 721, 683, 813,  774, 1104, 771, 725, 726, 458, 366, 458,  838, 500,
    500,  675, 716, 593, 716, 679,  436, 716,  712, 343, 343, 666, 343, 1042, 712, 688,
    716,  716, 494, 596, 479, 712,  652, 924,  646, 652, 583, 712, 366, 712,  838,
};

/* one character's width in thousandths of an em; outside ASCII, the font's widest glyph
 * (a name in another script is shortened early rather than spilling) */
static int
char_milli(gunichar c, gboolean bold)
{
	if (c >= 32 && c < 127)
		return bold ? dejavu_bold[c - 32] : dejavu_book[c - 32];
	if (c == 0x00B7) /* the middle dot the labels use as a separator */
		return bold ? 380 : 318;
	return bold ? 1104 : 1000;
}

/* the width of @text in px, rounded up */
int
report_diagram_text_width(ReportTextStyle style, const char *text)
{
	gint64 milli = 0;
	for (const char *p = text; *p != '\0'; p = g_utf8_next_char(p))
		milli += char_milli(g_utf8_get_char(p), text_styles[style].bold);
	return (int)((milli * text_styles[style].size + 999) / 1000);
}

/* @text as drawn in @width px: whole, or cut on a character boundary and ended with an
 * ellipsis */
char *
report_diagram_fit_text(ReportTextStyle style, const char *text, int width)
{
	gboolean bold = text_styles[style].bold;
	gint64 room;
	gint64 used = 0;
	const char *end;
	g_autofree char *head = NULL;

	if (text == NULL)
		text = "";
	if (report_diagram_text_width(style, text) <= width)
		return g_strdup(text);
	/* in thousandths of an em × size: what is left once the ellipsis is drawn */
	room = (gint64)width * 1000 - (gint64)char_milli(0x2026, bold) * text_styles[style].size;
	for (end = text; *end != '\0'; end = g_utf8_next_char(end)) {
		gint64 next =
		    (gint64)char_milli(g_utf8_get_char(end), bold) * text_styles[style].size;
		if (used + next > room)
			break;
		used += next;
	}
	head = g_strndup(text, (gsize)(end - text));
	g_strchomp(head);
	return g_strconcat(head, ELLIPSIS, NULL);
}

/* ---- the record ---- */

static void
attr_clear(gpointer data)
{
	ReportDiagramAttr *attr = data;
	g_free(attr->key);
	g_free(attr->value);
}

static void
text_clear(gpointer data)
{
	ReportDiagramText *text = data;
	g_free(text->text);
}

static void
route_clear(gpointer data)
{
	ReportDiagramRoute *route = data;
	g_clear_pointer(&route->points, g_array_unref);
	g_free(route->from_path);
	g_free(route->to_path);
}

static void
box_free(ReportDiagramBox *box)
{
	g_array_unref(box->children);
	g_free(box->name);
	g_free(box->label);
	g_free(box->path);
	g_free(box->cidr);
	g_free(box->az);
	g_free(box->title);
	g_array_unref(box->attrs);
	g_array_unref(box->shapes);
	g_array_unref(box->texts);
	g_free(box);
}

void
report_diagram_free(ReportDiagram *diagram)
{
	if (diagram == NULL)
		return;
	g_free(diagram->title);
	g_free(diagram->summary);
	g_ptr_array_unref(diagram->boxes);
	g_array_unref(diagram->roots);
	g_array_unref(diagram->routes);
	g_free(diagram);
}

const ReportDiagramBox *
report_diagram_find(const ReportDiagram *diagram, ReportBoxKind kind, const char *path)
{
	g_return_val_if_fail(diagram != NULL, NULL);
	for (guint i = 0; i < diagram->boxes->len; i++) {
		const ReportDiagramBox *box = g_ptr_array_index(diagram->boxes, i);
		if (box->kind == kind && g_strcmp0(box->path, path) == 0)
			return box;
	}
	return NULL;
}

ReportDiagramBox *
report_diagram_box_at(const ReportLayout *layout, guint index)
{
	return g_ptr_array_index(layout->diagram->boxes, index);
}

/* a new box, appended to @parent's children (or to the roots when @parent is -1) */
guint
report_diagram_box_new(ReportLayout *layout, ReportBoxKind kind, gint parent, int x, int y, int w,
		       int h, ReportPaint paint)
{
	ReportDiagramBox *box = g_new0(ReportDiagramBox, 1);
	guint index = layout->diagram->boxes->len;

	box->kind = kind;
	box->parent = parent;
	box->children = g_array_new(FALSE, FALSE, sizeof(guint));
	box->x = x;
	box->y = y;
	box->w = w;
	box->h = h;
	box->paint = paint;
	box->attrs = g_array_new(FALSE, FALSE, sizeof(ReportDiagramAttr));
	g_array_set_clear_func(box->attrs, attr_clear);
	box->shapes = g_array_new(FALSE, FALSE, sizeof(ReportDiagramShape));
	box->texts = g_array_new(FALSE, FALSE, sizeof(ReportDiagramText));
	g_array_set_clear_func(box->texts, text_clear);
	g_ptr_array_add(layout->diagram->boxes, box);
	if (parent >= 0)
		g_array_append_val(report_diagram_box_at(layout, (guint)parent)->children, index);
	else
		g_array_append_val(layout->diagram->roots, index);
	return index;
}

void
report_diagram_text(ReportDiagramBox *box, int x, int y, ReportTextStyle style, ReportAnchor anchor,
		    const char *text)
{
	ReportDiagramText item = {x, y, style, anchor, g_strdup(text)};
	g_array_append_val(box->texts, item);
}

/* a text shortened to @width */
void
report_diagram_text_fit(ReportDiagramBox *box, int x, int y, ReportTextStyle style,
			ReportAnchor anchor, const char *text, int width)
{
	ReportDiagramText item = {x, y, style, anchor, report_diagram_fit_text(style, text, width)};
	g_array_append_val(box->texts, item);
}

/* the name line of a box: shortened to @width, and kept as the box's label */
void
report_diagram_label(ReportDiagramBox *box, int x, int y, ReportTextStyle style, const char *name,
		     int width)
{
	g_free(box->label);
	box->label = report_diagram_fit_text(style, name, width);
	report_diagram_text(box, x, y, style, REPORT_ANCHOR_START, box->label);
}

void
report_diagram_shape(ReportDiagramBox *box, int x, int y, int w, int h, ReportPaint paint)
{
	ReportDiagramShape shape = {x, y, w, h, paint};
	g_array_append_val(box->shapes, shape);
}

void
report_diagram_attr(ReportDiagramBox *box, const char *key, const char *value)
{
	ReportDiagramAttr attr;

	if (value == NULL)
		return;
	attr.key = g_strdup(key);
	attr.value = g_strdup(value);
	g_array_append_val(box->attrs, attr);
}

void
report_diagram_attr_int(ReportDiagramBox *box, const char *key, gint64 value)
{
	g_autofree char *text = g_strdup_printf("%" G_GINT64_FORMAT, value);
	report_diagram_attr(box, key, text);
}

/* the length of @path's parent: up to its last '.' or '[' ("a[0].b" → "a[0]" → "a"), 0 at
 * the top */
static gsize
path_parent_length(const char *path)
{
	gsize cut = 0;
	for (gsize i = 0; path[i] != '\0'; i++) {
		if (path[i] == '.' || path[i] == '[')
			cut = i;
	}
	return cut;
}

/* each finding goes to the drawn element whose path is the longest prefix of the finding's
 * path, cut at a '.' or '[' ("vpcs[0].subnets[3].cidr" → "vpcs[0].subnets[3]"); a finding
 * about nothing drawn (the region, a peering, an endpoint's own field) goes to the region */
static void
attach_findings(ReportLayout *layout)
{
	for (guint i = 0; i < layout->diagnostics->len; i++) {
		const PlanDiagnostic *diagnostic = g_ptr_array_index(layout->diagnostics, i);
		g_autofree char *probe = g_strdup(diagnostic->path != NULL ? diagnostic->path : "");
		GArray *list = NULL;

		/* "" (the region) is always registered, so this ends */
		while ((list = g_hash_table_lookup(layout->findings_of, probe)) == NULL)
			probe[path_parent_length(probe)] = '\0';
		g_array_append_val(list, i);
	}
}

static const GArray *
findings_on(const ReportLayout *layout, const char *path)
{
	return g_hash_table_lookup(layout->findings_of, path != NULL ? path : "");
}

/* ---- finding markers ---- */

static int
marker_width(guint number)
{
	g_autofree char *text = g_strdup_printf("%u", number);
	return 8 + report_diagram_text_width(REPORT_TEXT_INVERSE, text);
}

/* how many of @list's markers fit in @max_width (the rest become a "+n"), and their width */
static int
markers_measure(const GArray *list, int max_width, guint *n_shown)
{
	int total = 0;
	guint shown = 0;

	for (guint k = 0; list != NULL && k < list->len; k++) {
		guint number = g_array_index(list, guint, k) + 1;
		g_autofree char *rest = g_strdup_printf("+%u", list->len - k - 1);
		int reserve = k + 1 < list->len
				  ? report_diagram_text_width(REPORT_TEXT_SMALL, rest) + MARKER_GAP
				  : 0;
		int width = marker_width(number) + (shown > 0 ? MARKER_GAP : 0);
		if (total + width + reserve > max_width)
			break;
		total += width;
		shown++;
	}
	if (list != NULL && shown < list->len) {
		g_autofree char *rest = g_strdup_printf("+%u", list->len - shown);
		total += report_diagram_text_width(REPORT_TEXT_SMALL, rest) +
			 (shown > 0 ? MARKER_GAP : 0);
	}
	if (n_shown != NULL)
		*n_shown = shown;
	return total;
}

static ReportPaint
severity_paint(PlanSeverity severity)
{
	switch (severity) {
	case PLAN_SEVERITY_ERROR:
		return REPORT_PAINT_ERROR;
	case PLAN_SEVERITY_WARNING:
		return REPORT_PAINT_WARNING;
	case PLAN_SEVERITY_NOTE:
	default:
		return REPORT_PAINT_NOTE;
	}
}

/* marker numbers: white on red and blue, dark on amber */
static ReportTextStyle
severity_text(PlanSeverity severity)
{
	return severity == PLAN_SEVERITY_WARNING ? REPORT_TEXT_BADGE : REPORT_TEXT_INVERSE;
}

/* the numbered markers of the findings on @element, ending at @right, top at @y, in at most
 * @max_width; returns the width used */
int
report_diagram_place_markers(ReportLayout *layout, guint element, int right, int y, int max_width)
{
	ReportDiagramBox *box = report_diagram_box_at(layout, element);
	const GArray *list = findings_on(layout, box->path);
	guint shown = 0;
	int total = markers_measure(list, max_width, &shown);
	int x = right - total;

	for (guint k = 0; k < shown; k++) {
		guint index = g_array_index(list, guint, k);
		const PlanDiagnostic *diagnostic = g_ptr_array_index(layout->diagnostics, index);
		g_autofree char *number = g_strdup_printf("%u", index + 1);
		int width = marker_width(index + 1);
		guint marker =
		    report_diagram_box_new(layout, REPORT_BOX_FINDING, (gint)element, x, y, width,
					   MARKER_H, severity_paint(diagnostic->severity));
		ReportDiagramBox *mark = report_diagram_box_at(layout, marker);

		mark->finding = index;
		mark->name = g_strdup(diagnostic->code);
		mark->label = g_strdup(number);
		mark->path = g_strdup(diagnostic->path != NULL ? diagnostic->path : "");
		mark->title = g_strdup_printf("%u. %s[%s]: %s", index + 1,
					      plan_severity_to_string(diagnostic->severity),
					      diagnostic->code, diagnostic->message);
		report_diagram_attr(mark, "index", number);
		report_diagram_attr(mark, "severity",
				    plan_severity_to_string(diagnostic->severity));
		report_diagram_attr(mark, "code", diagnostic->code);
		report_diagram_text(mark, x + width / 2, y + 11,
				    severity_text(diagnostic->severity), REPORT_ANCHOR_MIDDLE,
				    number);
		x += width + MARKER_GAP;
	}
	if (list != NULL && shown < list->len) {
		g_autofree char *rest = g_strdup_printf("+%u", list->len - shown);
		report_diagram_text(box, right, y + 11, REPORT_TEXT_SMALL, REPORT_ANCHOR_END, rest);
	}
	return total;
}

/* the room a box's name line leaves for its markers */
int
report_diagram_markers_room(const ReportLayout *layout, const char *path, int max_width)
{
	int width = markers_measure(findings_on(layout, path), max_width, NULL);
	return width > 0 ? width + 6 : 0;
}

/* ---- legend and findings list ---- */

typedef struct {
	ReportPaint paint;
	const char *text;
} LegendItem;

static int
legend_row(ReportDiagramBox *box, int y, const char *title, const LegendItem *items, guint n)
{
	int x = box->x + REPORT_DIAGRAM_PAD;
	int right = box->x + box->w - REPORT_DIAGRAM_PAD;

	report_diagram_text(box, x, y + 9, REPORT_TEXT_LABEL, REPORT_ANCHOR_START, title);
	x += report_diagram_text_width(REPORT_TEXT_LABEL, title) + 10;
	for (guint i = 0; i < n; i++) {
		int width =
		    SWATCH_W + 5 + report_diagram_text_width(REPORT_TEXT_SMALL, items[i].text);
		if (x + width > right) {
			y += LEGEND_ROW;
			x = box->x + REPORT_DIAGRAM_PAD + 20;
		}
		report_diagram_shape(box, x, y, SWATCH_W, SWATCH_H, items[i].paint);
		report_diagram_text(box, x + SWATCH_W + 5, y + 9, REPORT_TEXT_SMALL,
				    REPORT_ANCHOR_START, items[i].text);
		x += width + 14;
	}
	return y + LEGEND_ROW;
}

static guint
layout_legend(ReportLayout *layout, int x, int y, int w)
{
	static const LegendItem use[] = {
	    {REPORT_PAINT_USE_LOW, "under 60%"},
	    {REPORT_PAINT_USE_MEDIUM, "60% to 80%"},
	    {REPORT_PAINT_USE_HIGH, "80% or more, or exhausted"},
	    {REPORT_PAINT_USE_UNKNOWN, "no usable block"},
	};
	static const LegendItem findings[] = {
	    {REPORT_PAINT_ERROR, "error"},
	    {REPORT_PAINT_WARNING, "warning"},
	    {REPORT_PAINT_NOTE, "note"},
	};
	static const LegendItem elements[] = {
	    {REPORT_PAINT_SUBNET_PUBLIC, "public subnet"},
	    {REPORT_PAINT_SUBNET_PRIVATE, "private subnet"},
	    {REPORT_PAINT_SUBNET_ISOLATED, "isolated subnet"},
	    {REPORT_PAINT_NAT, "NAT gateway"},
	    {REPORT_PAINT_ROUTE, "route to its NAT gateway"},
	    {REPORT_PAINT_IGW, "internet gateway"},
	    {REPORT_PAINT_LB, "load balancer (feet: its AZs)"},
	    {REPORT_PAINT_SERVICE, "service: tasks desired / peak per subnet"},
	    {REPORT_PAINT_CLUSTER, "EC2 cluster: instances desired / peak per AZ"},
	};
	guint index =
	    report_diagram_box_new(layout, REPORT_BOX_LEGEND, -1, x, y, w, 0, REPORT_PAINT_PANEL);
	ReportDiagramBox *box = report_diagram_box_at(layout, index);
	int row = y + REPORT_DIAGRAM_PAD;

	box->name = g_strdup("legend");
	box->title = g_strdup("legend");
	row = legend_row(box, row, "Address use, peak / usable:", use, G_N_ELEMENTS(use));
	row =
	    legend_row(box, row, "Findings, numbered on their element and listed below:", findings,
		       G_N_ELEMENTS(findings));
	row = legend_row(box, row, "Elements:", elements, G_N_ELEMENTS(elements));
	box->h = row - y + REPORT_DIAGRAM_PAD - 6;
	return index;
}

/* @text in lines no wider than @width px, broken at spaces; a longer word is cut */
static GPtrArray *
wrap_text(ReportTextStyle style, const char *text, int width)
{
	GPtrArray *lines = g_ptr_array_new_with_free_func(g_free);
	g_auto(GStrv) words = g_strsplit_set(text, " \n\t", -1);
	g_autoptr(GString) line = g_string_new(NULL);
	int space = report_diagram_text_width(style, " ");

	for (guint i = 0; words[i] != NULL; i++) {
		const char *word = words[i];
		if (word[0] == '\0')
			continue;
		if (line->len > 0 && report_diagram_text_width(style, line->str) + space +
					     report_diagram_text_width(style, word) >
					 width) {
			g_ptr_array_add(lines, g_strdup(line->str));
			g_string_truncate(line, 0);
		}
		/* a word wider than a line: cut it where it stops fitting */
		while (line->len == 0 && report_diagram_text_width(style, word) > width) {
			const char *cut = g_utf8_next_char(word);
			while (*cut != '\0') {
				const char *next = g_utf8_next_char(cut);
				g_autofree char *piece = g_strndup(word, (gsize)(next - word));
				if (report_diagram_text_width(style, piece) > width)
					break;
				cut = next;
			}
			g_ptr_array_add(lines, g_strndup(word, (gsize)(cut - word)));
			word = cut;
		}
		if (line->len > 0)
			g_string_append_c(line, ' ');
		g_string_append(line, word);
	}
	if (line->len > 0 || lines->len == 0)
		g_ptr_array_add(lines, g_strdup(line->str));
	return lines;
}

static guint
layout_findings(ReportLayout *layout, int x, int y, int w)
{
	GPtrArray *diagnostics = layout->diagnostics;
	guint index =
	    report_diagram_box_new(layout, REPORT_BOX_FINDINGS, -1, x, y, w, 0, REPORT_PAINT_PANEL);
	ReportDiagramBox *box = report_diagram_box_at(layout, index);
	guint errors = plan_diagnostics_count(diagnostics, PLAN_SEVERITY_ERROR);
	guint warnings = plan_diagnostics_count(diagnostics, PLAN_SEVERITY_WARNING);
	guint notes = plan_diagnostics_count(diagnostics, PLAN_SEVERITY_NOTE);
	g_autofree char *heading = NULL;
	g_autoptr(GHashTable) marked = g_hash_table_new(g_direct_hash, g_direct_equal);
	int row = y + REPORT_DIAGRAM_PAD;

	box->name = g_strdup("findings");
	report_diagram_attr_int(box, "errors", errors);
	report_diagram_attr_int(box, "warnings", warnings);
	report_diagram_attr_int(box, "notes", notes);
	if (diagnostics->len == 0)
		heading = g_strdup("Findings: none");
	else
		heading = g_strdup_printf("Findings: %u error%s, %u warning%s, %u note%s", errors,
					  errors == 1 ? "" : "s", warnings,
					  warnings == 1 ? "" : "s", notes, notes == 1 ? "" : "s");
	box->title = g_strdup(heading);
	report_diagram_text(box, x + REPORT_DIAGRAM_PAD, row + 11, REPORT_TEXT_LABEL,
			    REPORT_ANCHOR_START, heading);
	row += 22;

	/* which element each finding is marked on: one pass over the markers */
	for (guint i = 0; i < layout->diagram->boxes->len; i++) {
		const ReportDiagramBox *mark = report_diagram_box_at(layout, i);
		if (mark->kind == REPORT_BOX_FINDING && mark->parent >= 0)
			g_hash_table_insert(
			    marked, GUINT_TO_POINTER(mark->finding + 1),
			    report_diagram_box_at(layout, (guint)mark->parent)->name);
	}
	for (guint i = 0; i < diagnostics->len; i++) {
		const PlanDiagnostic *diagnostic = g_ptr_array_index(diagnostics, i);
		const char *on = g_hash_table_lookup(marked, GUINT_TO_POINTER(i + 1));
		g_autofree char *number = g_strdup_printf("%u", i + 1);
		g_autofree char *head = NULL;
		g_autoptr(GPtrArray) lines = wrap_text(REPORT_TEXT_BODY, diagnostic->message,
						       w - 2 * REPORT_DIAGRAM_PAD - FINDING_INDENT);
		int marker = marker_width(i + 1);

		head = g_strdup_printf(
		    "%s[%s]%s%s%s%s%s", plan_severity_to_string(diagnostic->severity),
		    diagnostic->code, on != NULL ? " on " : "", on != NULL ? on : "",
		    diagnostic->path != NULL && diagnostic->path[0] != '\0' ? " · " : "",
		    diagnostic->path != NULL ? diagnostic->path : "",
		    on == NULL ? " (not marked: too many on its element)" : "");
		report_diagram_shape(box, x + REPORT_DIAGRAM_PAD, row, marker, MARKER_H,
				     severity_paint(diagnostic->severity));
		report_diagram_text(box, x + REPORT_DIAGRAM_PAD + marker / 2, row + 11,
				    severity_text(diagnostic->severity), REPORT_ANCHOR_MIDDLE,
				    number);
		report_diagram_text_fit(box, x + REPORT_DIAGRAM_PAD + FINDING_INDENT, row + 11,
					REPORT_TEXT_LABEL, REPORT_ANCHOR_START, head,
					w - 2 * REPORT_DIAGRAM_PAD - FINDING_INDENT);
		row += FINDING_LINE;
		for (guint k = 0; k < lines->len; k++) {
			report_diagram_text(box, x + REPORT_DIAGRAM_PAD + FINDING_INDENT, row + 11,
					    REPORT_TEXT_BODY, REPORT_ANCHOR_START,
					    g_ptr_array_index(lines, k));
			row += FINDING_LINE;
		}
		row += 6;
	}
	box->h = row - y + REPORT_DIAGRAM_PAD - 6;
	return index;
}

/* ---- the whole diagram ---- */

static char *
diagram_summary(const PlanModel *model, GPtrArray *diagnostics)
{
	guint subnets = 0;
	for (guint v = 0; v < model->vpcs->len; v++)
		subnets += ((const PlanVpc *)g_ptr_array_index(model->vpcs, v))->subnets->len;
	return g_strdup_printf(
	    "%u VPC%s, %u subnet%s, %u service%s, %u cluster%s; %u error%s, "
	    "%u warning%s, %u note%s",
	    model->vpcs->len, model->vpcs->len == 1 ? "" : "s", subnets, subnets == 1 ? "" : "s",
	    model->services->len, model->services->len == 1 ? "" : "s", model->clusters->len,
	    model->clusters->len == 1 ? "" : "s",
	    plan_diagnostics_count(diagnostics, PLAN_SEVERITY_ERROR),
	    plan_diagnostics_count(diagnostics, PLAN_SEVERITY_ERROR) == 1 ? "" : "s",
	    plan_diagnostics_count(diagnostics, PLAN_SEVERITY_WARNING),
	    plan_diagnostics_count(diagnostics, PLAN_SEVERITY_WARNING) == 1 ? "" : "s",
	    plan_diagnostics_count(diagnostics, PLAN_SEVERITY_NOTE),
	    plan_diagnostics_count(diagnostics, PLAN_SEVERITY_NOTE) == 1 ? "" : "s");
}

ReportDiagram *
report_diagram_layout(const PlanModel *model, GPtrArray *diagnostics,
		      const PlanValidation *validation, const PlanCompute *compute)
{
	g_autoptr(GPtrArray) none = g_ptr_array_new();
	g_autoptr(GHashTable) findings_of =
	    g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_array_unref);
	ReportDiagram *diagram;
	ReportLayout layout = {0};
	const char *region = model->region != NULL ? model->region : "no region";
	const char *name = model->name != NULL ? model->name : model->file;
	int width = MIN_WIDTH - 2 * MARGIN;
	int y;
	guint region_box;
	ReportDiagramBox *box;
	int room;
	g_autofree char *heading = NULL;

	g_return_val_if_fail(model != NULL, NULL);
	g_return_val_if_fail(validation != NULL, NULL);

	diagram = g_new0(ReportDiagram, 1);
	diagram->boxes = g_ptr_array_new_with_free_func((GDestroyNotify)box_free);
	diagram->roots = g_array_new(FALSE, FALSE, sizeof(guint));
	diagram->routes = g_array_new(FALSE, FALSE, sizeof(ReportDiagramRoute));
	g_array_set_clear_func(diagram->routes, route_clear);
	layout.diagram = diagram;
	layout.model = model;
	layout.validation = validation;
	layout.compute = compute;
	layout.diagnostics = diagnostics != NULL ? diagnostics : none;
	layout.findings_of = findings_of;
	report_diagram_register_elements(&layout);
	attach_findings(&layout);

	diagram->title =
	    g_strdup_printf("%s (%s): ecsplan diagram", name != NULL ? name : "model", region);
	diagram->summary = diagram_summary(model, layout.diagnostics);

	for (guint v = 0; v < model->vpcs->len; v++)
		width = MAX(width, report_diagram_vpc_width(g_ptr_array_index(model->vpcs, v)) +
				       2 * REPORT_DIAGRAM_PAD);

	region_box = report_diagram_box_new(&layout, REPORT_BOX_REGION, -1, MARGIN, MARGIN, width,
					    0, REPORT_PAINT_REGION);
	box = report_diagram_box_at(&layout, region_box);
	box->name = g_strdup(region);
	box->path = g_strdup("");
	box->title = g_strdup_printf("region %s, model %s", region, name != NULL ? name : "");
	report_diagram_attr(box, "model", name);
	heading = g_strdup_printf("%s · %s", region, name != NULL ? name : "");
	room = report_diagram_markers_room(&layout, "", width / 2);
	report_diagram_label(box, MARGIN + REPORT_DIAGRAM_PAD, MARGIN + 25, REPORT_TEXT_HEADING,
			     heading, width - 2 * REPORT_DIAGRAM_PAD - room);
	report_diagram_place_markers(&layout, region_box, MARGIN + width - REPORT_DIAGRAM_PAD,
				     MARGIN + 12, width / 2);

	y = MARGIN + REGION_HEADER;
	if (model->vpcs->len == 0) {
		report_diagram_text(box, MARGIN + REPORT_DIAGRAM_PAD, y + 12, REPORT_TEXT_SMALL,
				    REPORT_ANCHOR_START, "no VPCs");
		y += 24;
	}
	for (guint v = 0; v < model->vpcs->len; v++) {
		const PlanVpc *vpc = g_ptr_array_index(model->vpcs, v);
		if (v > 0)
			y += VPC_GAP;
		/* the internet gateway straddles the top edge: leave it room under the previous VPC
		 */
		y += report_diagram_vpc(&layout, region_box, v, MARGIN + REPORT_DIAGRAM_PAD, y,
					width - 2 * REPORT_DIAGRAM_PAD);
		layout.use_base += vpc->subnets->len;
	}
	box = report_diagram_box_at(&layout, region_box);
	box->h = y + REPORT_DIAGRAM_PAD - MARGIN;
	y = MARGIN + box->h + 12;
	y += report_diagram_box_at(&layout, layout_legend(&layout, MARGIN, y, width))->h + 12;
	y += report_diagram_box_at(&layout, layout_findings(&layout, MARGIN, y, width))->h;
	diagram->width = width + 2 * MARGIN;
	diagram->height = y + MARGIN;
	return diagram;
}
