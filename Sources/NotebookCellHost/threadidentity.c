// Thread ids cached in thread-local storage, made true again after `fork`.
//
// The Swift runtime's lock for lazy globals (`swift_once`: a priority-inheritance futex,
// `ulock_t`) and the Synchronization module's `Mutex` (inlined into each module that uses it:
// Foundation, a cell's own module) take a lock by writing the owner's thread id into it, and
// each caches that id in a thread-local variable the first time (`ulock_get_tid()::tid`,
// `_swift_stdlib_gettid.tid`). `fork` copies the forking thread's variables, so in the child they
// hold the parent's id. Uncontended, nothing notices. When another thread waits for a lock the
// main thread took, the kernel finds the lock owned by a thread of another process, and the
// unlock, from a thread whose real id differs, fails with EPERM: `swift_once` retries it forever
// (the cell hangs; a parallel product whose parts first read a lazy global on two threads did),
// `Mutex` stops the program. CellForkedThreadIdentityTests shows both.
//
// The cell host forks after every cell, so it registers handlers: before a fork (on the forking
// thread) they find the addresses of that thread's copies in every loaded module, from the
// symbol table of each module's file (read once per module; modules without thread-local
// storage are skipped); in the child they write 0 there, which makes each read the id again.
#define _GNU_SOURCE
#include "threadidentity.h"

#include <elf.h>
#include <fcntl.h>
#include <link.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/// The names of the thread-local variables that cache a thread's id.
static const char *const cachedIdentityNames[] = {
    "_ZZN5swift14threading_impl5linux13ulock_get_tidEvE3tid",  // Swift runtime: swift_once's lock
    "_swift_stdlib_gettid.tid",                               // Synchronization.Mutex, inlined
};

enum { offsetsPerModule = 64 };

/// A loaded module with thread-local storage, and where its cached ids are in that storage.
struct Module {
    uintptr_t base;
    char *path;
    int count;
    size_t offsets[offsetsPerModule];
};

static struct Module *modules;
static size_t moduleCount, moduleCapacity;

/// The forking thread's cached ids, found before the fork.
static int **slots;
static size_t slotCount, slotCapacity;

static int isCachedIdentity(const char *name) {
    for (size_t i = 0; i < sizeof cachedIdentityNames / sizeof *cachedIdentityNames; i++) {
        if (strcmp(name, cachedIdentityNames[i]) == 0) return 1;
    }
    return 0;
}

/// Fills `module->offsets` with the offsets, in the module's thread-local block of
/// `blockSize` bytes, of the 4-byte thread-local symbols named in `cachedIdentityNames`, read
/// from the symbol tables (static and dynamic) of the ELF file at `path`.
static void findCachedIdentities(struct Module *module, const char *path, size_t blockSize) {
    int descriptor = open(path, O_RDONLY | O_CLOEXEC);
    if (descriptor < 0) return;
    struct stat status;
    if (fstat(descriptor, &status) != 0 || status.st_size < (off_t)sizeof(Elf64_Ehdr)) {
        close(descriptor);
        return;
    }
    size_t size = (size_t)status.st_size;
    const unsigned char *file = mmap(NULL, size, PROT_READ, MAP_PRIVATE, descriptor, 0);
    close(descriptor);
    if (file == MAP_FAILED) return;
    const Elf64_Ehdr *header = (const Elf64_Ehdr *)file;
    int valid = memcmp(header->e_ident, ELFMAG, SELFMAG) == 0 && header->e_ident[EI_CLASS] == ELFCLASS64
                && header->e_shentsize == sizeof(Elf64_Shdr) && header->e_shoff <= size
                && header->e_shnum <= (size - header->e_shoff) / sizeof(Elf64_Shdr);
    const Elf64_Shdr *sections = valid ? (const Elf64_Shdr *)(file + header->e_shoff) : NULL;
    for (size_t s = 0; valid && s < header->e_shnum; s++) {
        const Elf64_Shdr *table = &sections[s];
        if (table->sh_type != SHT_SYMTAB && table->sh_type != SHT_DYNSYM) continue;
        if (table->sh_link >= header->e_shnum || table->sh_entsize != sizeof(Elf64_Sym)) continue;
        const Elf64_Shdr *names = &sections[table->sh_link];
        if (table->sh_offset > size || table->sh_size > size - table->sh_offset || names->sh_offset > size
            || names->sh_size > size - names->sh_offset || names->sh_size == 0)
            continue;
        const Elf64_Sym *symbols = (const Elf64_Sym *)(file + table->sh_offset);
        const char *text = (const char *)(file + names->sh_offset);
        if (text[names->sh_size - 1] != 0) continue;
        for (size_t i = 0; i < table->sh_size / sizeof(Elf64_Sym); i++) {
            const Elf64_Sym *symbol = &symbols[i];
            if (ELF64_ST_TYPE(symbol->st_info) != STT_TLS || symbol->st_size != sizeof(int)) continue;
            if (symbol->st_name >= names->sh_size || !isCachedIdentity(text + symbol->st_name)) continue;
            if (blockSize < sizeof(int) || symbol->st_value > blockSize - sizeof(int)) continue;
            int known = 0;
            for (int k = 0; k < module->count; k++) known |= module->offsets[k] == symbol->st_value;
            if (!known && module->count < offsetsPerModule) module->offsets[module->count++] = symbol->st_value;
        }
    }
    munmap((void *)file, size);
}

/// The module loaded at `base` from `path` (read on first sight), or NULL when out of memory.
static struct Module *moduleAt(uintptr_t base, const char *path, size_t blockSize) {
    for (size_t i = 0; i < moduleCount; i++) {
        if (modules[i].base == base && strcmp(modules[i].path, path) == 0) return &modules[i];
    }
    if (moduleCount == moduleCapacity) {
        size_t capacity = moduleCapacity ? moduleCapacity * 2 : 32;
        struct Module *grown = realloc(modules, capacity * sizeof *grown);
        if (grown == NULL) return NULL;
        modules = grown;
        moduleCapacity = capacity;
    }
    struct Module *module = &modules[moduleCount];
    memset(module, 0, sizeof *module);
    module->base = base;
    module->path = strdup(path);
    if (module->path == NULL) return NULL;
    moduleCount++;
    findCachedIdentities(module, path, blockSize);
    return module;
}

static void addSlot(int *slot) {
    if (slotCount == slotCapacity) {
        size_t capacity = slotCapacity ? slotCapacity * 2 : 32;
        int **grown = realloc(slots, capacity * sizeof *grown);
        if (grown == NULL) return;
        slots = grown;
        slotCapacity = capacity;
    }
    slots[slotCount++] = slot;
}

static int visitModule(struct dl_phdr_info *info, size_t size, void *context) {
    (void)size;
    (void)context;
    // No thread-local storage, or none allocated for this thread yet (so nothing cached in it).
    if (info->dlpi_tls_modid == 0 || info->dlpi_tls_data == NULL) return 0;
    size_t blockSize = 0;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        if (info->dlpi_phdr[i].p_type == PT_TLS) blockSize = info->dlpi_phdr[i].p_memsz;
    }
    const char *path = info->dlpi_name && *info->dlpi_name ? info->dlpi_name : "/proc/self/exe";
    struct Module *module = moduleAt(info->dlpi_addr, path, blockSize);
    if (module == NULL) return 0;
    for (int k = 0; k < module->count; k++) addSlot((int *)((char *)info->dlpi_tls_data + module->offsets[k]));
    return 0;
}

/// Held from before a fork to after it (in parent and child), so that threads of a cell that
/// fork at the same time take turns with `modules` and `slots`.
static pthread_mutex_t forking = PTHREAD_MUTEX_INITIALIZER;

/// Before a fork, on the forking thread: where its cached ids are.
static void beforeFork(void) {
    pthread_mutex_lock(&forking);
    slotCount = 0;
    dl_iterate_phdr(visitModule, NULL);
}

static void inParent(void) { pthread_mutex_unlock(&forking); }

/// In the child: the copies of the parent's ids are cleared.
static void inChild(void) {
    for (size_t i = 0; i < slotCount; i++) *slots[i] = 0;
    pthread_mutex_init(&forking, NULL);
}

static pthread_once_t registerOnce = PTHREAD_ONCE_INIT;
static int registered = -1;

static void registerHandlers(void) {
    registered = pthread_atfork(beforeFork, inParent, inChild) == 0 ? 0 : -1;
}

int clearCachedThreadIdsInForkedChildren(void) {
    pthread_once(&registerOnce, registerHandlers);
    return registered;
}
