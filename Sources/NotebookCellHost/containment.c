// Containment of the cell host (see containment.h).
#define _GNU_SOURCE
#include "containment.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum {
    groupCapacity = 4,
    pathCapacity = 4096,
    // Processes one walk of /proc can hold; more than a machine runs (pid_max is 32768 here, and
    // the cgroup's pids.max bounds the host's own).
    processCapacity = 65536,
};

/// `cgroup.kill` of each group joined that has one.
static char killFiles[groupCapacity][pathCapacity];
static int killFileCount;
/// Whether this process is the host's root (the subreaper); its forked children are not.
static volatile sig_atomic_t isRoot;
static volatile pid_t awaitedChild;

/// Writes `text` to the file at `path`; whether all of it was accepted. Async-signal-safe.
static int writeFile(const char *path, const char *text) {
    int descriptor = open(path, O_WRONLY | O_CLOEXEC);
    if (descriptor < 0) return 0;
    size_t length = strlen(text);
    ssize_t written = write(descriptor, text, length);
    close(descriptor);
    return written == (ssize_t)length;
}

/// `value` in decimal into `text` (capacity ≥ 24). Async-signal-safe.
static void formatDecimal(long value, char *text) {
    char digits[24];
    int count = 0;
    int negative = value < 0;
    unsigned long magnitude = negative ? (unsigned long)(-value) : (unsigned long)value;
    do {
        digits[count++] = (char)('0' + magnitude % 10);
        magnitude /= 10;
    } while (magnitude > 0 && count < 22);
    int index = 0;
    if (negative) text[index++] = '-';
    while (count > 0) text[index++] = digits[--count];
    text[index] = 0;
}

static void reapOnSignal(int signal) {
    (void)signal;
    int saved = errno;
    containmentReapAdopted();
    errno = saved;
}

int containmentStart(void) {
    int result = 0;
    const char *list = getenv("NOTEBOOK_CELL_HOST_CGROUPS");
    if (list && *list) {
        char self[24];
        formatDecimal(getpid(), self);
        const char *start = list;
        while (*start && killFileCount < groupCapacity) {
            const char *end = strchr(start, '\n');
            size_t length = end ? (size_t)(end - start) : strlen(start);
            if (length > 0 && length < pathCapacity - 32) {
                char path[pathCapacity];
                memcpy(path, start, length);
                strcpy(path + length, "/cgroup.procs");
                if (!writeFile(path, self)) result = -1;
                strcpy(path + length, "/cgroup.kill");
                if (access(path, W_OK) == 0) strcpy(killFiles[killFileCount++], path);
            }
            if (!end) break;
            start = end + 1;
        }
    }
    prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
    isRoot = 1;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = reapOnSignal;
    action.sa_flags = SA_RESTART | SA_NOCLDSTOP;
    sigemptyset(&action.sa_mask);
    sigaction(SIGCHLD, &action, NULL);
    return result;
}

void containmentSetAwaitedChild(pid_t child) { awaitedChild = child; }

void containmentReapAdopted(void) {
    if (!isRoot) return;
    for (;;) {
        siginfo_t info;
        memset(&info, 0, sizeof info);
        if (waitid(P_ALL, 0, &info, WEXITED | WNOHANG | WNOWAIT) != 0 || info.si_pid == 0) return;
        // The awaited child is reaped by whoever waits for it, which then calls this again.
        if (info.si_pid == awaitedChild) return;
        if (waitpid(info.si_pid, NULL, WNOHANG) <= 0) return;
    }
}

void containmentResetInChild(void) {
    isRoot = 0;
    awaitedChild = 0;
    signal(SIGCHLD, SIG_DFL);
    signal(SIGUSR1, SIG_DFL);
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGCHLD);
    sigprocmask(SIG_UNBLOCK, &signals, NULL);
}

static pid_t processes[processCapacity];
static pid_t parents[processCapacity];
static char isBelow[processCapacity];

/// The parent in /proc/PID/stat's fourth field (after the command name in parentheses, which
/// may itself hold parentheses), or -1 for a zombie or a process that is gone.
static pid_t parentOf(const char *pidText) {
    char path[64] = "/proc/";
    strcat(path, pidText);
    strcat(path, "/stat");
    int descriptor = open(path, O_RDONLY | O_CLOEXEC);
    if (descriptor < 0) return -1;
    char stat[512];
    ssize_t count = read(descriptor, stat, sizeof stat - 1);
    close(descriptor);
    if (count <= 0) return -1;
    stat[count] = 0;
    char *close = strrchr(stat, ')');
    if (!close || close[1] != ' ' || close[2] == 0 || close[2] == 'Z' || close[3] != ' ') return -1;
    pid_t parent = 0;
    for (const char *digit = close + 4; *digit >= '0' && *digit <= '9'; digit++) parent = parent * 10 + (*digit - '0');
    return parent;
}

/// Fills `processes` and `parents` from /proc; the number of entries.
static int listProcesses(void) {
    int directory = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (directory < 0) return 0;
    int count = 0;
    char buffer[16384];
    for (;;) {
        long got = syscall(SYS_getdents64, directory, buffer, sizeof buffer);
        if (got <= 0) break;
        for (long offset = 0; offset < got;) {
            // struct linux_dirent64: inode (8), offset (8), record length (2), type (1), name.
            unsigned short recordLength;
            memcpy(&recordLength, buffer + offset + 16, sizeof recordLength);
            const char *name = buffer + offset + 19;
            offset += recordLength;
            if (*name < '1' || *name > '9' || count >= processCapacity) continue;
            pid_t pid = 0;
            const char *digit = name;
            while (*digit >= '0' && *digit <= '9') pid = pid * 10 + (*digit++ - '0');
            if (*digit != 0) continue;
            pid_t parent = parentOf(name);
            if (parent < 0) continue;
            processes[count] = pid;
            parents[count] = parent;
            count++;
        }
    }
    close(directory);
    return count;
}

/// Kills every live process below `root` now; how many there were.
static int killDescendants(pid_t root) {
    int count = listProcesses();
    memset(isBelow, 0, (size_t)count);
    int found = 0;
    for (int changed = 1; changed;) {
        changed = 0;
        for (int index = 0; index < count; index++) {
            if (isBelow[index] || processes[index] == root) continue;
            int parentBelow = parents[index] == root;
            for (int other = 0; other < count && !parentBelow; other++) {
                parentBelow = isBelow[other] && processes[other] == parents[index];
            }
            if (parentBelow) {
                isBelow[index] = 1;
                changed = 1;
                found++;
            }
        }
    }
    for (int index = 0; index < count; index++) {
        if (isBelow[index]) kill(processes[index], SIGKILL);
    }
    return found;
}

void containmentKillEverything(void) {
    // A control group with cgroup.kill takes every member at once, this process included.
    for (int index = 0; index < killFileCount; index++) writeFile(killFiles[index], "1");
    // Otherwise (or while that signal is on its way): the root adopted every orphan, so walking
    // down from it finds them all; a process forked during one walk is found by the next.
    pid_t self = getpid();
    for (int round = 0; round < 100; round++) {
        int found = killDescendants(self);
        while (waitpid(-1, NULL, WNOHANG) > 0) {}
        if (found == 0) break;
        struct timespec pause = {0, 1000000};
        nanosleep(&pause, NULL);
    }
    kill(0, SIGKILL);
    _exit(137);
}
