/* helpers shared by the simulator tests */
#pragma once

#include <glib.h>

#include "model.h"
#include "simulate.h"

G_BEGIN_DECLS

/* one VPC in us-east-1 with three /24 subnets (1a, 1b, 1c) and a /28 ("tiny", 1a, 11 usable),
 * all isolated so no NAT gateway is involved; @services is the "services" array's content,
 * @extra (nullable) more members of the model. Returns: (transfer full) */
PlanModel *sim_model(const char *services, const char *extra);
/* @model simulated for @duration_s at every step, the AZ @fail_az (nullable) failing at
 * @fail_at_s. Returns: (transfer full) */
PlanSimResult *simulate(PlanModel *model, gint64 duration_s, const char *fail_az,
			gint64 fail_at_s);
/* `simulate --format json` of @model over two days. Returns: (transfer full) */
GString *render_json(PlanModel *model, guint64 seed, guint runs, guint threads);

G_END_DECLS
