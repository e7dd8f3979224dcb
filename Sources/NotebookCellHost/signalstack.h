// Alternate signal stacks for every thread of the cell host, so that the fault handler
// (main.c's `faulted`) can run when a thread's own stack is full.
#ifndef NOTEBOOK_CELL_HOST_SIGNALSTACK_H
#define NOTEBOOK_CELL_HOST_SIGNALSTACK_H

enum {
    /// The size of each alternate signal stack: enough for the fault handler (a `write` and a
    /// `raise`) and the kernel's signal frame, also with AVX-512 state.
    alternateSignalStackSize = 64 << 10,
};

/// Gives the calling thread an alternate signal stack (allocated; released when the thread
/// ends). Returns 0 on success, -1 when no memory or `sigaltstack` refused.
int useAlternateSignalStack(void);

#endif
