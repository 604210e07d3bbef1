#include "plan-error.h"

G_DEFINE_QUARK(ecsplan-error-quark, plan_error)
