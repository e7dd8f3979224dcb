// Containment of the cell host: every process a cell starts stays findable, and goes when the
// host goes, however it left (a new session with `setsid`, a double fork, a cleared environment).
//
// Two mechanisms, the first that the machine offers:
// - control groups: the engine creates them and names them in $NOTEBOOK_CELL_HOST_CGROUPS (one
//   folder per line); the host joins them before anything else runs, so every process it or a
//   cell starts is inside, and `cgroup.kill` (Linux 5.14+) ends them all at once;
// - a subreaper: the host's root process adopts every orphan of the processes below it
//   (PR_SET_CHILD_SUBREAPER), so the processes a cell started are always its descendants, and a
//   walk of /proc from the root finds them all, even after their parents died.
#ifndef NOTEBOOK_CELL_HOST_CONTAINMENT_H
#define NOTEBOOK_CELL_HOST_CONTAINMENT_H

#include <sys/types.h>

/// Joins the control groups named in $NOTEBOOK_CELL_HOST_CGROUPS, makes this process the
/// subreaper of its descendants, and reaps the orphans it adopts as they end (a SIGCHLD
/// handler). Returns 0, or -1 when a named group could not be joined (the engine checks the
/// membership itself).
int containmentStart(void);

/// The child of this process whose end the caller waits for itself (the worker a snapshot
/// resumed); the SIGCHLD handler leaves it alone. 0: none.
void containmentSetAwaitedChild(pid_t child);

/// Reaps every ended child except the awaited one (call after waiting for it).
void containmentReapAdopted(void);

/// Restores the signal dispositions a forked worker must not inherit (the cells' code sees the
/// defaults).
void containmentResetInChild(void);

/// Kills every process below this one and every other member of its control groups, then this
/// process itself. Async-signal-safe: no allocation, only system calls on fixed buffers.
void containmentKillEverything(void) __attribute__((noreturn));

#endif
