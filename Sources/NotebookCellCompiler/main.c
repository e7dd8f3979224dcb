// The resident cell compiler: one long-lived process that compiles a kernel's cells one after
// the other, so that each cell does not pay for starting the compiler again.
//
// It loads the toolchain's in-process SourceKit (libsourcekitdInProc.so) and sends it one
// `source.request.compile` per cell: the same compiler as `swift-frontend`, called with the
// cell's driver arguments, but in a process whose dynamic linking, Swift runtime caches (the
// compiler's own protocol-conformance lookups) and LLVM set-up are already done. After each cell
// the compile session is closed (`source.request.compile.close`), so nothing of one cell's AST
// is reused for the next. The kernel engine (module NotebookKernel, `ResidentCompiler`) kills
// this process to stop a compile (an interrupt, a time limit) and starts a new one.
//
// Protocol, on standard input and standard output (a socket the engine holds):
// - on start it writes `ready\n` or `error: …\n`, then a NUL byte;
// - a request is the compiler's arguments, each ended by a NUL byte, then one more NUL byte;
// - the answer is `exit N\n` (0: compiled, 1: errors), then every diagnostic as the driver prints
//   them (`FILE:LINE:COLUMN: error: MESSAGE`, notes after their diagnostic), then a NUL byte.
// It ends at the end of its input.
//
// Usage: notebook-cell-compiler PATH_OF_libsourcekitdInProc.so
#include <dlfcn.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

// The part of SourceKit's C interface (sourcekitd.h) this program uses.
typedef void *Object;
typedef void *UID;
typedef void *Response;
typedef struct {
    uint64_t data[3];
} Variant;
enum { variantTypeArray = 2, appendToArray = -1 };

static struct {
    void (*initialize)(void);
    UID (*uid)(const char *);
    const char *(*uidString)(UID);
    Object (*dictionary)(const UID *, const Object *, size_t);
    void (*setUID)(Object, UID, UID);
    void (*setString)(Object, UID, const char *);
    void (*setValue)(Object, UID, Object);
    Object (*array)(const Object *, size_t);
    void (*appendString)(Object, size_t, const char *);
    void (*release)(Object);
    Response (*send)(Object);
    bool (*isError)(Response);
    const char *(*errorDescription)(Response);
    Variant (*value)(Response);
    void (*dispose)(Response);
    Variant (*lookup)(Variant, UID);
    const char *(*lookupString)(Variant, UID);
    int64_t (*lookupInteger)(Variant, UID);
    UID (*lookupUID)(Variant, UID);
    int (*type)(Variant);
    size_t (*count)(Variant);
    Variant (*element)(Variant, size_t);
} kit;

static FILE *answers;
static const char *sessionName = "notebook-cells";

/// Resolves `name` in the library or says which symbol is missing; false when it is missing.
static bool bind(void *library, void **slot, const char *name) {
    *slot = dlsym(library, name);
    if (*slot == NULL) fprintf(answers, "error: %s has no symbol %s\n", "libsourcekitdInProc.so", name);
    return *slot != NULL;
}

static bool load(const char *path) {
    void *library = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        fprintf(answers, "error: cannot load %s: %s\n", path, dlerror());
        return false;
    }
    bool ok = bind(library, (void **)&kit.initialize, "sourcekitd_initialize")
        && bind(library, (void **)&kit.uid, "sourcekitd_uid_get_from_cstr")
        && bind(library, (void **)&kit.uidString, "sourcekitd_uid_get_string_ptr")
        && bind(library, (void **)&kit.dictionary, "sourcekitd_request_dictionary_create")
        && bind(library, (void **)&kit.setUID, "sourcekitd_request_dictionary_set_uid")
        && bind(library, (void **)&kit.setString, "sourcekitd_request_dictionary_set_string")
        && bind(library, (void **)&kit.setValue, "sourcekitd_request_dictionary_set_value")
        && bind(library, (void **)&kit.array, "sourcekitd_request_array_create")
        && bind(library, (void **)&kit.appendString, "sourcekitd_request_array_set_string")
        && bind(library, (void **)&kit.release, "sourcekitd_request_release")
        && bind(library, (void **)&kit.send, "sourcekitd_send_request_sync")
        && bind(library, (void **)&kit.isError, "sourcekitd_response_is_error")
        && bind(library, (void **)&kit.errorDescription, "sourcekitd_response_error_get_description")
        && bind(library, (void **)&kit.value, "sourcekitd_response_get_value")
        && bind(library, (void **)&kit.dispose, "sourcekitd_response_dispose")
        && bind(library, (void **)&kit.lookup, "sourcekitd_variant_dictionary_get_value")
        && bind(library, (void **)&kit.lookupString, "sourcekitd_variant_dictionary_get_string")
        && bind(library, (void **)&kit.lookupInteger, "sourcekitd_variant_dictionary_get_int64")
        && bind(library, (void **)&kit.lookupUID, "sourcekitd_variant_dictionary_get_uid")
        && bind(library, (void **)&kit.type, "sourcekitd_variant_get_type")
        && bind(library, (void **)&kit.count, "sourcekitd_variant_array_get_count")
        && bind(library, (void **)&kit.element, "sourcekitd_variant_array_get_value");
    if (ok) kit.initialize();
    return ok;
}

/// Writes one diagnostic line (`FILE:LINE:COLUMN: SEVERITY: MESSAGE`), then its notes.
static void writeDiagnostic(Variant diagnostic) {
    const char *file = kit.lookupString(diagnostic, kit.uid("key.filepath"));
    int64_t line = kit.lookupInteger(diagnostic, kit.uid("key.line"));
    int64_t column = kit.lookupInteger(diagnostic, kit.uid("key.column"));
    UID severityUID = kit.lookupUID(diagnostic, kit.uid("key.severity"));
    const char *severity = severityUID ? kit.uidString(severityUID) : "error";
    const char *lastDot = strrchr(severity, '.');
    const char *message = kit.lookupString(diagnostic, kit.uid("key.description"));
    if (file != NULL && line > 0) {
        fprintf(answers, "%s:%lld:%lld: ", file, (long long)line, (long long)column);
    } else {
        fputs("<unknown>:0: ", answers);
    }
    fprintf(answers, "%s: ", lastDot ? lastDot + 1 : severity);
    for (const char *c = message ? message : ""; *c; c++) fputc(*c == '\n' ? ' ' : *c, answers);
    fputc('\n', answers);
    Variant notes = kit.lookup(diagnostic, kit.uid("key.diagnostics"));
    if (kit.type(notes) != variantTypeArray) return;
    for (size_t index = 0; index < kit.count(notes); index++) writeDiagnostic(kit.element(notes, index));
}

/// Sends a request naming the session, with `arguments` (NULL: a close request), and answers it.
static void compile(char **arguments, size_t count) {
    Object request = kit.dictionary(NULL, NULL, 0);
    kit.setUID(request, kit.uid("key.request"), kit.uid("source.request.compile"));
    kit.setString(request, kit.uid("key.name"), sessionName);
    Object list = kit.array(NULL, 0);
    for (size_t index = 0; index < count; index++) kit.appendString(list, (size_t)appendToArray, arguments[index]);
    kit.setValue(request, kit.uid("key.compilerargs"), list);
    Response response = kit.send(request);
    kit.release(request);
    if (kit.isError(response)) {
        const char *description = kit.errorDescription(response);
        fprintf(answers, "exit 1\n<unknown>:0: error: the resident compiler failed: %s\n",
                description ? description : "no description");
    } else {
        Variant result = kit.value(response);
        fprintf(answers, "exit %d\n", kit.lookupInteger(result, kit.uid("key.value")) == 0 ? 0 : 1);
        Variant diagnostics = kit.lookup(result, kit.uid("key.diagnostics"));
        if (kit.type(diagnostics) == variantTypeArray) {
            for (size_t index = 0; index < kit.count(diagnostics); index++)
                writeDiagnostic(kit.element(diagnostics, index));
        }
    }
    kit.dispose(response);
    fputc('\0', answers);
    fflush(answers);
    // Drop the session's compiler instance now (the engine links and runs the cell meanwhile):
    // the next cell starts from a new one.
    Object close = kit.dictionary(NULL, NULL, 0);
    kit.setUID(close, kit.uid("key.request"), kit.uid("source.request.compile.close"));
    kit.setString(close, kit.uid("key.name"), sessionName);
    kit.dispose(kit.send(close));
    kit.release(close);
}

int main(int argc, char **argv) {
    // Close what the engine's process had open without close-on-exec (another thread's file
    // being written, say a script about to run: "Text file busy"): this process lives long.
    for (int descriptor = 3; descriptor < 1024; descriptor++) close(descriptor);
    // Answers go to a private copy of standard output; anything the compiler prints goes to
    // standard error instead, so it cannot break the protocol.
    int answerDescriptor = dup(1);
    dup2(2, 1);
    answers = answerDescriptor >= 0 ? fdopen(answerDescriptor, "w") : NULL;
    if (answers == NULL) return 2;
    if (argc != 2) {
        fputs("error: usage: notebook-cell-compiler PATH_OF_libsourcekitdInProc.so\n", answers);
        fputc('\0', answers);
        return 2;
    }
    bool loaded = load(argv[1]);
    if (loaded) fputs("ready\n", answers);
    fputc('\0', answers);
    fflush(answers);
    if (!loaded) return 1;

    char *buffer = NULL;
    size_t used = 0, capacity = 0;
    while (true) {
        // Read until the request's closing NUL (an empty argument).
        size_t start = 0;
        bool complete = false;
        while (!complete) {
            for (size_t index = start; index < used; index++) {
                bool endsArgument = buffer[index] == '\0';
                bool empty = endsArgument && (index == 0 || buffer[index - 1] == '\0');
                if (empty) {
                    complete = true;
                    start = index + 1;
                    break;
                }
            }
            if (complete) break;
            start = used;
            if (used == capacity) {
                capacity = capacity ? capacity * 2 : 1 << 16;
                buffer = realloc(buffer, capacity);
                if (buffer == NULL) return 2;
            }
            ssize_t count = read(0, buffer + used, capacity - used);
            if (count <= 0) return 0;
            used += (size_t)count;
        }
        size_t length = start;
        char *arguments[1024];
        size_t count = 0;
        for (size_t index = 0; index + 1 < length && count < 1024; index += strlen(buffer + index) + 1)
            arguments[count++] = buffer + index;
        compile(arguments, count);
        memmove(buffer, buffer + length, used - length);
        used -= length;
    }
}
