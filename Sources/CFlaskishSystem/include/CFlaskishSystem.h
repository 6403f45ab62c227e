// The few Linux interfaces that `import Glibc` leaves out: epoll, eventfd, accept4, the
// CPU-affinity macros and prctl's parent-death signal. Mostly static inline wrappers; the two that need `_GNU_SOURCE` are in shim.c.
#ifndef CFLASKISH_SYSTEM_H
#define CFLASKISH_SYSTEM_H

#ifdef __linux__
// No `_GNU_SOURCE` here: Swift imports this header next to its own Glibc module, and a
// different feature-macro set makes clang see two definitions of `fd_set` and friends.
// What needs GNU extensions (`sched_getaffinity`, `accept4`, `SCHED_BATCH`) lives in shim.c.
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/resource.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <unistd.h>

/// The number of CPUs this process may run on (so `taskset -c 0` means one event loop).
int cflaskish_available_cpus(void);

static inline int cflaskish_epoll_create(void) { return epoll_create1(EPOLL_CLOEXEC); }

/// `epoll_ctl` with the 64-bit user datum, so Swift never touches the packed `epoll_event`.
static inline int cflaskish_epoll_ctl(int epfd, int op, int fd, uint32_t events, uint64_t data) {
    struct epoll_event event;
    event.events = events;
    event.data.u64 = data;
    return epoll_ctl(epfd, op, fd, &event);
}

/// Waits and copies the ready events into two plain arrays (datum, flags): x86_64 packs
/// `struct epoll_event` to 12 bytes and aarch64 does not, so Swift reads neither layout.
static inline int cflaskish_epoll_wait(int epfd, uint64_t *data, uint32_t *flags, int max, int timeout_ms) {
    struct epoll_event events[256];
    if (max > 256) max = 256;
    int n = epoll_wait(epfd, events, max, timeout_ms);
    for (int i = 0; i < n; i++) {
        data[i] = events[i].data.u64;
        flags[i] = events[i].events;
    }
    return n;
}

static inline int cflaskish_eventfd(void) { return eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC); }

/// `accept4` with non-blocking and close-on-exec set atomically.
int cflaskish_accept(int fd, struct sockaddr *addr, socklen_t *len);

/// Marks the calling thread SCHED_BATCH: its wake-ups do not preempt the running thread.
int cflaskish_prefer_batch_scheduling(void);

/// `malloc_trim(0)`: returns free heap memory to the kernel (1 when some was released).
int cflaskish_release_free_memory(void);

/// The calling thread's kernel id (its `/proc/self/task/<tid>` entry).
int cflaskish_thread_id(void);

/// Whether thread `tid` of this process is runnable (state `R` in `/proc/self/task/<tid>/stat`:
/// on a CPU or waiting for one) rather than sleeping or blocked: 1, 0, or -1 when unreadable.
int cflaskish_thread_is_runnable(int tid);

/// Catches SIGINT and SIGTERM from the moment it returns (later calls do nothing): a handler
/// that only records the signal and posts a semaphore. A Dispatch signal source is not enough
/// on Linux: `resume()` returns before Dispatch's manager thread installs its handler, and a
/// signal in between meets the SIG_IGN the caller had to set, and is lost. Also unblocks
/// both in the calling thread, which should live as long as the process (the main thread).
void cflaskish_catch_termination_signals(void);

/// Blocks until a SIGINT or SIGTERM caught since `cflaskish_catch_termination_signals` (each
/// call takes one; one that came before the call counts); returns its number.
int cflaskish_wait_for_termination_signal(void);

/// Starts `path` (argv, envp as for `execve`) as a child that gets `death_signal` when the
/// calling *thread* ends (`prctl(PR_SET_PDEATHSIG)`, set between fork and exec; so call it
/// from a thread that lives as long as the process). A child whose parent is already gone
/// when the signal is armed (`getppid()` is no longer `expected_parent`) raises the signal
/// itself. SIGINT, SIGTERM and `death_signal` start at their default actions and the signal
/// mask empty, whatever the caller ignores or blocks. Returns the child's pid, or -errno
/// when fork or exec failed (exec's error comes back through a close-on-exec pipe).
pid_t cflaskish_spawn_tied_to_parent(const char *path, char *const argv[], char *const envp[],
                                     int death_signal, pid_t expected_parent);

static inline int cflaskish_socket(int domain) {
    return socket(domain, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
}

static const uint32_t CFLASKISH_EPOLLIN = EPOLLIN;
static const uint32_t CFLASKISH_EPOLLOUT = EPOLLOUT;
static const uint32_t CFLASKISH_EPOLLERR = EPOLLERR;
static const uint32_t CFLASKISH_EPOLLHUP = EPOLLHUP;
static const uint32_t CFLASKISH_EPOLLRDHUP = EPOLLRDHUP;
static const uint32_t CFLASKISH_EPOLLET = EPOLLET;
static const uint32_t CFLASKISH_EPOLLEXCLUSIVE = EPOLLEXCLUSIVE;
#endif

#endif
