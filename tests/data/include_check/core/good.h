// Fixture: core may include core.
#pragma once
