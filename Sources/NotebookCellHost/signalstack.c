// Alternate signal stacks for the threads cells start.
//
// A stack overflow is reported by a SIGSEGV handler, which can only run on a stack other than
// the full one. The worker's main thread gets one when it starts; every other thread gets its
// own because the host defines `pthread_create`: the executable exports it (Package.swift links
// it with `--export-dynamic-symbol=pthread_create`), so the dynamic linker binds every
// library's call (Foundation's Thread, Dispatch, OpenBLAS, a cell's own) to this definition,
// which starts the thread through `startWithAlternateStack` with the C library's function.
#define _GNU_SOURCE
#include "signalstack.h"

#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>

typedef int (*ThreadCreate)(pthread_t *, const pthread_attr_t *, void *(*)(void *), void *);

/// The C library's `pthread_create`, found once.
static ThreadCreate libraryThreadCreate;
/// Holds each thread's alternate stack, freed by `releaseAlternateStack` when the thread ends.
static pthread_key_t alternateStackKey;
static int alternateStackKeyMade;
static pthread_once_t setUpOnce = PTHREAD_ONCE_INIT;

/// Runs in the ending thread: stops using its alternate stack, then frees it.
static void releaseAlternateStack(void *memory) {
    stack_t disabled = {.ss_sp = NULL, .ss_size = 0, .ss_flags = SS_DISABLE};
    sigaltstack(&disabled, NULL);
    free(memory);
}

static void setUp(void) {
    libraryThreadCreate = (ThreadCreate)dlsym(RTLD_NEXT, "pthread_create");
    alternateStackKeyMade = pthread_key_create(&alternateStackKey, releaseAlternateStack) == 0;
}

int useAlternateSignalStack(void) {
    pthread_once(&setUpOnce, setUp);
    void *memory = malloc(alternateSignalStackSize);
    if (memory == NULL) return -1;
    stack_t stack = {.ss_sp = memory, .ss_size = alternateSignalStackSize, .ss_flags = 0};
    if (sigaltstack(&stack, NULL) != 0 || !alternateStackKeyMade
        || pthread_setspecific(alternateStackKey, memory) != 0) {
        stack_t disabled = {.ss_sp = NULL, .ss_size = 0, .ss_flags = SS_DISABLE};
        sigaltstack(&disabled, NULL);
        free(memory);
        return -1;
    }
    return 0;
}

/// What a new thread runs: the caller's routine and argument.
struct ThreadStart {
    void *(*routine)(void *);
    void *argument;
};

static void *startWithAlternateStack(void *memory) {
    struct ThreadStart start = *(struct ThreadStart *)memory;
    free(memory);
    useAlternateSignalStack();
    return start.routine(start.argument);
}

int pthread_create(
    pthread_t *thread, const pthread_attr_t *attributes, void *(*routine)(void *), void *argument) {
    pthread_once(&setUpOnce, setUp);
    if (libraryThreadCreate == NULL) return EAGAIN;
    struct ThreadStart *start = malloc(sizeof *start);
    if (start == NULL) return libraryThreadCreate(thread, attributes, routine, argument);
    start->routine = routine;
    start->argument = argument;
    int result = libraryThreadCreate(thread, attributes, startWithAlternateStack, start);
    if (result != 0) free(start);
    return result;
}
