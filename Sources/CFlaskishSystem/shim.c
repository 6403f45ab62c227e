// The wrappers that need GNU extensions. `_GNU_SOURCE` is set for this file only, never in the
// public header (see CFlaskishSystem.h for why).
#define _GNU_SOURCE 1
#include <malloc.h>
#include <sched.h>
#include <sys/socket.h>
#include <unistd.h>
#include "CFlaskishSystem.h"

#ifdef __linux__
int cflaskish_available_cpus(void) {
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof(set), &set) != 0) {
        long n = sysconf(_SC_NPROCESSORS_ONLN);
        return n > 0 ? (int)n : 1;
    }
    int count = CPU_COUNT(&set);
    return count > 0 ? count : 1;
}

int cflaskish_accept(int fd, struct sockaddr *addr, socklen_t *len) {
    return accept4(fd, addr, len, SOCK_NONBLOCK | SOCK_CLOEXEC);
}

// Threads are tasks on Linux: pid 0 names the calling thread, not the whole process.
int cflaskish_prefer_batch_scheduling(void) {
    struct sched_param param = { .sched_priority = 0 };
    return sched_setscheduler(0, SCHED_BATCH, &param);
}

// glibc keeps freed heap pages mapped until asked; after a burst this gives them back.
int cflaskish_release_free_memory(void) {
    return malloc_trim(0);
}

int cflaskish_thread_id(void) {
    return (int)gettid();
}
#endif
