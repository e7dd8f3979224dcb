// Alternate signal stacks for every thread of the cell host, so that the fault handler
// (main.c's `faulted`) can run when a thread's own stack is full.
#ifndef NOTEBOOK_CELL_HOST_SIGNALSTACK_H
#define NOTEBOOK_CELL_HOST_SIGNALSTACK_H

/// Gives the calling thread an alternate signal stack (allocated; released when the thread
/// ends). Returns 0 on success, -1 when no memory or `sigaltstack` refused.
int useAlternateSignalStack(void);

#endif
