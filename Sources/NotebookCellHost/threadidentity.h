// The thread ids the Swift runtime and Foundation cache per thread, made true again in a
// forked child (see threadidentity.c).
#ifndef NOTEBOOK_CELL_HOST_THREADIDENTITY_H
#define NOTEBOOK_CELL_HOST_THREADIDENTITY_H

/// Registers fork handlers (once per process; call before the first fork): before a fork, the
/// forking thread's cached thread ids are found in every loaded module; in the child they are
/// cleared, so each is read again from the kernel on its next use. Returns 0, or -1 when the
/// handlers cannot be registered.
int clearCachedThreadIdsInForkedChildren(void);

#endif
