// Fixture for the include_direction test: line 3 includes a higher layer.
#include "core/good.h"
#include "report/table.h"
