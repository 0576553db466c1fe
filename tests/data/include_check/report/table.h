// Fixture: report may include core.
#include "core/good.h"
