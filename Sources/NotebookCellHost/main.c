// The cell host: the process in which a kernel's cells run, one shared library per cell.
//
// The kernel engine (module NotebookKernel) starts this program with standard output and
// standard error carrying the cells' text and framed output records, and file descriptor 3 carrying status lines. It is written in C so that nothing but
// the cells' own code runs between `fork` calls: no Swift runtime threads, no Dispatch.
//
// Processes:
// - the worker runs cells, reading commands from the FIFO DIRECTORY/commands (the engine holds
//   it open, so commands wait there for whichever worker is current): `run ID LIBRARY SYMBOL`
//   loads the library (RTLD_GLOBAL, so later cells bind to its globals), calls the entry point, then forks a snapshot and reports
//   `done ID SNAPSHOT_PID`;
// - a snapshot is a frozen copy-on-write copy of the worker after a cell; it waits on its FIFO
//   (DIRECTORY/snapshot-ID). `resume` forks a new worker from it (the state after that cell),
//   waits for that worker and reports how it ended (`ended PID exit N` / `ended PID signal N`);
//   `exit` ends the snapshot;
// - the root is the snapshot `root`: the state before any cell (after the optional prelude
//   library named on the command line, which may re-execute the process once). It also
//   contains whatever the cells start (containment.h): SIGUSR1, or the end of the engine's
//   process, kills every process below it and in its control groups.
//
// Every forked child clears the thread ids the Swift runtime cached on the forking thread
// (threadidentity.h): with the parent's id, a lazy global's lock contended by a cell's threads
// would never be released.
//
// A worker that overflows its stack says so before it dies (`overflow ID`, see
// `watchForStackOverflow`), so the engine reports a stack overflow, not an invalid memory access.
//
// Usage: notebook-cell-host DIRECTORY [PRELUDE_LIBRARY PRELUDE_SYMBOL]; the cells run in
// $NOTEBOOK_CELL_WORKING_DIRECTORY when it is set.
#define _GNU_SOURCE
#include "containment.h"
#include "signalstack.h"
#include "threadidentity.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <ucontext.h>
#include <unistd.h>

enum { statusDescriptor = 3, lineCapacity = 8192 };

static const char *directory;
static char **hostArguments;

/// Writes one status line to descriptor 3 in a single write (atomic below PIPE_BUF).
static void report(const char *format, ...) {
    char line[lineCapacity];
    va_list arguments;
    va_start(arguments, format);
    int length = vsnprintf(line, sizeof line - 1, format, arguments);
    va_end(arguments);
    if (length < 0) return;
    if (length > (int)sizeof line - 2) length = (int)sizeof line - 2;
    for (int index = 0; index < length; index++) {
        if (line[index] == '\n') line[index] = ' ';
    }
    line[length++] = '\n';
    ssize_t written;
    do {
        written = write(statusDescriptor, line, (size_t)length);
    } while (written < 0 && errno == EINTR);
}

/// Reads one line from `descriptor` byte by byte (never reads past the newline, so the next
/// process reading the same pipe gets the next command). Returns 0 at end of input.
static int readLine(int descriptor, char *line, size_t capacity) {
    size_t count = 0;
    while (count + 1 < capacity) {
        char byte;
        ssize_t got = read(descriptor, &byte, 1);
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) {
            if (count == 0) return 0;
            break;
        }
        if (byte == '\n') break;
        line[count++] = byte;
    }
    line[count] = 0;
    return 1;
}

typedef int (*CellEntry)(int, char **);

/// The cell the worker runs now, with its status line ready: `overflow ID\n`.
static char overflowLine[300];
static size_t overflowLineLength;

enum {
    /// How far below the stack pointer a fault still counts as the stack's own growth: a call
    /// faults 8 bytes below it, a large frame is probed a page at a time (the same window as the
    /// batch runner's `Backtrace.stackGrowthWindow`).
    stackGrowthWindow = 64 << 10,
    /// How far above the stack pointer (a push that wrote the word being reported).
    stackRedZone = 256,
};

/// The stack the fault handler runs on in the worker's main thread (its own is full when it is
/// called): static, so a worker forked from a snapshot reuses it without allocating; the threads
/// a cell starts get theirs from signalstack.c.
static char alternateStack[alternateSignalStackSize];

/// Whether the fault `information` describes is the stack growing past its end: the kernel
/// raised it (si_code > 0; a sent signal carries no address) at an address just below the
/// interrupted thread's stack pointer, while a cell runs.
static int isStackGrowth(const siginfo_t *information, void *context) {
    uintptr_t stackPointer = 0;
#if defined(__x86_64__)
    stackPointer = (uintptr_t)((ucontext_t *)context)->uc_mcontext.gregs[REG_RSP];
#elif defined(__aarch64__)
    stackPointer = (uintptr_t)((ucontext_t *)context)->uc_mcontext.sp;
#endif
    if (information->si_code <= 0 || stackPointer == 0 || overflowLineLength == 0) return 0;
    uintptr_t fault = (uintptr_t)information->si_addr;
    return fault <= stackPointer ? stackPointer - fault <= stackGrowthWindow : fault - stackPointer < stackRedZone;
}

/// SIGSEGV or SIGBUS in any thread of the worker. When the fault is the stack growing past its
/// end (the address just below the stack pointer), reports `overflow ID` on the status
/// descriptor. Then raises the signal again: the handler was reset to the default
/// (SA_RESETHAND), so the worker ends by it, as it would have without this handler (also when
/// the signal was sent, not a fault). Async-signal-safe: one `write` of a prepared line.
static void faulted(int signal, siginfo_t *information, void *context) {
    if (isStackGrowth(information, context)) {
        int saved = errno;
        ssize_t written;
        do {
            written = write(statusDescriptor, overflowLine, overflowLineLength);
        } while (written < 0 && errno == EINTR);
        errno = saved;
    }
    raise(signal);
}

/// Installs `faulted` for SIGSEGV and SIGBUS on an alternate stack: this static one for the
/// worker's main thread; the threads a cell starts get theirs from signalstack.c.
static void watchForStackOverflow(void) {
    stack_t stack = {.ss_sp = alternateStack, .ss_size = sizeof alternateStack, .ss_flags = 0};
    if (sigaltstack(&stack, NULL) != 0) return;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = faulted;
    action.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_RESETHAND | SA_NODEFER;
    sigemptyset(&action.sa_mask);
    sigaction(SIGSEGV, &action, NULL);
    sigaction(SIGBUS, &action, NULL);
}

/// Makes `identifier` the cell whose stack overflow the fault handler reports.
static void setCurrentCell(const char *identifier) {
    overflowLineLength = 0;
    int length = snprintf(overflowLine, sizeof overflowLine, "overflow %s\n", identifier);
    if (length > 0 && length < (int)sizeof overflowLine) overflowLineLength = (size_t)length;
}

/// Loads `library` and calls `symbol`; returns 0 when the cell ran to its end.
static int runLibrary(const char *identifier, const char *library, const char *symbol) {
    void *handle = dlopen(library, RTLD_NOW | RTLD_GLOBAL);
    if (!handle) {
        report("failed %s cannot load %s: %s", identifier, library, dlerror());
        return -1;
    }
    CellEntry entry = (CellEntry)dlsym(handle, symbol);
    if (!entry) {
        report("failed %s no entry point %s in %s", identifier, symbol, library);
        return -1;
    }
    entry(1, hostArguments);
    fflush(stdout);
    fflush(stderr);
    return 0;
}

static void snapshotLoop(const char *identifier);

/// The root process: its descriptors 1, 2 and 3 are the host's streams, which no cell code
/// touches (it runs no cell).
static pid_t rootProcess;

/// What descriptor `descriptor` was when the worker started (device and inode).
static struct stat standardDescriptors[4];

/// Records what descriptors 0–3 are (the command FIFO, standard output, standard error, the
/// status pipe), for `restoreStandardDescriptors`.
static void recordStandardDescriptors(void) {
    for (int descriptor = 0; descriptor <= statusDescriptor; descriptor++) {
        if (fstat(descriptor, &standardDescriptors[descriptor]) != 0) standardDescriptors[descriptor].st_ino = 0;
    }
}

/// Puts back any of descriptors 0–3 that a cell closed or replaced (`close(3)`, `dup2(1, 3)`,
/// `freopen` of standard output): the next cell starts with the kernel's streams, the worker
/// can still report `done` (without it the engine would wait for the line forever) and read
/// its next command. Standard output, standard error and the status pipe are reopened from the
/// root's (/proc/ROOT/fd/N), the commands from their FIFO.
static void restoreStandardDescriptors(void) {
    for (int descriptor = 0; descriptor <= statusDescriptor; descriptor++) {
        const struct stat *recorded = &standardDescriptors[descriptor];
        struct stat now;
        if (recorded->st_ino == 0) continue;
        if (fstat(descriptor, &now) == 0 && now.st_dev == recorded->st_dev && now.st_ino == recorded->st_ino) continue;
        char path[4096];
        if (descriptor == 0) {
            snprintf(path, sizeof path, "%s/commands", directory);
        } else {
            snprintf(path, sizeof path, "/proc/%d/fd/%d", (int)rootProcess, descriptor);
        }
        int reopened = open(path, descriptor == 0 ? O_RDONLY : O_WRONLY);
        if (reopened < 0) continue;
        if (reopened != descriptor) {
            dup2(reopened, descriptor);
            close(reopened);
        }
    }
}

/// The worker: runs cells until its input ends or it is told to quit.
///
/// It leads a session of its own, which the processes its cells start share (a process group
/// of their own, as Foundation's Process makes, stays in it; `setsid` leaves it): stopping the
/// worker (an interrupt, a time limit, a crash) ends its session, so a cell's background
/// processes go with it. Its snapshots leave it (a session each) and stay.
static void workerLoop(void) {
    char line[lineCapacity];
    setsid();
    watchForStackOverflow();
    recordStandardDescriptors();
    report("worker %d", (int)getpid());
    while (readLine(0, line, sizeof line)) {
        char identifier[256], library[4096], symbol[256];
        if (strcmp(line, "quit") == 0) _exit(0);
        if (sscanf(line, "run %255s %4095s %255s", identifier, library, symbol) != 3) {
            report("failed ? unknown command");
            continue;
        }
        setCurrentCell(identifier);
        int ran = runLibrary(identifier, library, symbol);
        restoreStandardDescriptors();
        if (ran != 0) continue;
        char fifo[4096];
        snprintf(fifo, sizeof fifo, "%s/snapshot-%s", directory, identifier);
        unlink(fifo);
        if (mkfifo(fifo, 0600) != 0) {
            report("done %s 0 cannot create %s: %s", identifier, fifo, strerror(errno));
            continue;
        }
        pid_t snapshot = fork();
        if (snapshot < 0) {
            report("done %s 0 fork failed: %s", identifier, strerror(errno));
            continue;
        }
        if (snapshot == 0) {
            // Out of the worker's session, which goes when the worker is stopped.
            setsid();
            snapshotLoop(identifier);
        }
        report("done %s %d", identifier, (int)snapshot);
    }
    _exit(0);
}

/// A snapshot: frozen until its FIFO says `resume` (fork a worker from here) or `exit`.
static void snapshotLoop(const char *identifier) {
    char fifo[4096];
    snprintf(fifo, sizeof fifo, "%s/snapshot-%s", directory, identifier);
    // Snapshots never read commands meant for the worker.
    int null = open("/dev/null", O_RDONLY);
    if (null >= 0) {
        dup2(null, 0);
        close(null);
    }
    for (;;) {
        int descriptor = open(fifo, O_RDONLY);
        if (descriptor < 0) {
            if (errno == EINTR) continue;
            _exit(0);
        }
        char line[256];
        int got = readLine(descriptor, line, sizeof line);
        close(descriptor);
        if (!got) continue;
        if (strcmp(line, "exit") == 0) {
            unlink(fifo);
            _exit(0);
        }
        if (strcmp(line, "resume") == 0) {
            fflush(stdout);
            fflush(stderr);
            // The root reaps the orphans it adopts, but not this worker: block that reaping
            // until it knows the worker's id.
            sigset_t childSignal, previous;
            sigemptyset(&childSignal);
            sigaddset(&childSignal, SIGCHLD);
            sigprocmask(SIG_BLOCK, &childSignal, &previous);
            pid_t worker = fork();
            if (worker == 0) {
                containmentResetInChild();
            } else {
                containmentSetAwaitedChild(worker > 0 ? worker : 0);
                sigprocmask(SIG_SETMASK, &previous, NULL);
            }
            if (worker < 0) {
                report("failed resume fork: %s", strerror(errno));
                continue;
            }
            if (worker == 0) {
                char commands[4096];
                snprintf(commands, sizeof commands, "%s/commands", directory);
                int input = open(commands, O_RDONLY);
                if (input < 0) {
                    report("failed cannot open %s: %s", commands, strerror(errno));
                    _exit(1);
                }
                dup2(input, 0);
                close(input);
                workerLoop();
            }
            int status = 0;
            while (waitpid(worker, &status, 0) < 0 && errno == EINTR) {}
            containmentSetAwaitedChild(0);
            containmentReapAdopted();
            if (WIFSIGNALED(status)) {
                report("ended %d signal %d", (int)worker, WTERMSIG(status));
            } else {
                report("ended %d exit %d", (int)worker, WEXITSTATUS(status));
            }
        }
    }
}

/// The engine ended (its parent-death signal) or asks the host to end: every host process, and
/// every process a cell started, goes (see containment.h).
static void engineGone(int signal) {
    (void)signal;
    containmentKillEverything();
}

/// Sets `resource`'s soft and hard limit to the byte count in the environment variable `name`
/// (if set; then removes it, so cells do not inherit it).
static void limit(int resource, const char *name) {
    const char *text = getenv(name);
    if (text && *text) {
        char *end;
        unsigned long long bytes = strtoull(text, &end, 10);
        if (*end == 0 && bytes > 0) {
            struct rlimit value = {(rlim_t)bytes, (rlim_t)bytes};
            if (setrlimit(resource, &value) != 0) {
                fprintf(stderr, "notebook-cell-host: cannot set the limit %s=%s: %s\n", name, text, strerror(errno));
            }
        }
    }
    unsetenv(name);
}

int main(int argc, char **argv) {
    if (argc != 2 && argc != 4) {
        fprintf(stderr, "usage: notebook-cell-host DIRECTORY [PRELUDE_LIBRARY PRELUDE_SYMBOL]\n");
        return 64;
    }
    directory = argv[1];
    hostArguments = argv;
    pid_t engine = getppid();
    if (clearCachedThreadIdsInForkedChildren() != 0) {
        fprintf(stderr, "notebook-cell-host: cannot register the fork handlers; threads in cells may hang\n");
    }
    containmentStart();
    struct sigaction ending;
    memset(&ending, 0, sizeof ending);
    ending.sa_handler = engineGone;
    sigfillset(&ending.sa_mask);
    sigaction(SIGUSR1, &ending, NULL);
    prctl(PR_SET_PDEATHSIG, SIGUSR1);
    if (getppid() != engine) engineGone(0);
    signal(SIGPIPE, SIG_IGN);
    // The cells' working directory (`serve` gives the notebook's folder, as `render` does).
    const char *workingDirectory = getenv("NOTEBOOK_CELL_WORKING_DIRECTORY");
    if (workingDirectory && *workingDirectory && chdir(workingDirectory) != 0) {
        fprintf(stderr, "notebook-cell-host: cannot change to %s: %s\n", workingDirectory, strerror(errno));
        return 1;
    }
    if (argc == 4 && runLibrary("prelude", argv[2], argv[3]) != 0) return 1;
    // Kept through the prelude (which may re-execute the host, joining again); not for cells.
    unsetenv("NOTEBOOK_CELL_HOST_CGROUPS");
    // The limits of each cell process, from here on (the prelude and the runtime are loaded).
    limit(RLIMIT_AS, "NOTEBOOK_CELL_HOST_MEMORY_LIMIT");
    limit(RLIMIT_FSIZE, "NOTEBOOK_CELL_HOST_FILE_SIZE_LIMIT");
    char fifo[4096];
    snprintf(fifo, sizeof fifo, "%s/snapshot-root", directory);
    unlink(fifo);
    if (mkfifo(fifo, 0600) != 0) {
        fprintf(stderr, "notebook-cell-host: cannot create %s: %s\n", fifo, strerror(errno));
        return 1;
    }
    rootProcess = getpid();
    report("ready %d", (int)getpid());
    snapshotLoop("root");
    return 0;
}
