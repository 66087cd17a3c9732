// Shims for SQLite macros and variadic functions, which Swift cannot call.
#ifndef CSCHOOLID_SQLITE_SHIM_H
#define CSCHOOLID_SQLITE_SHIM_H

#include <sqlite3.h>

/// SQLITE_TRANSIENT is a cast macro: SQLite copies the bound buffer before returning.
static inline sqlite3_destructor_type csid_sqlite_transient(void) { return SQLITE_TRANSIENT; }

#endif
