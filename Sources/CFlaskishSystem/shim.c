// The wrappers that need GNU extensions. `_GNU_SOURCE` is set for this file only, never in the
// public header (see CFlaskishSystem.h for why).
#define _GNU_SOURCE 1
#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <string.h>
#include <sys/wait.h>
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

// The state letter follows the command name in parentheses, which may itself hold spaces and
// parentheses: it is the first field after the last ')'.
int cflaskish_thread_is_runnable(int tid) {
    char path[64];
    snprintf(path, sizeof path, "/proc/self/task/%d/stat", tid);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    char buffer[512];
    ssize_t n = read(fd, buffer, sizeof buffer - 1);
    close(fd);
    if (n <= 0) return -1;
    buffer[n] = 0;
    char *end = strrchr(buffer, ')');
    if (end == NULL || end[1] != ' ' || end[2] == 0) return -1;
    return end[2] == 'R' ? 1 : 0;
}
#endif

#ifdef __linux__
// Between fork and exec the child of a multi-threaded parent may only make async-signal-safe
// calls, which is why this lives in C and not in Swift (posix_spawn has no hook for prctl).
pid_t cflaskish_spawn_tied_to_parent(const char *path, char *const argv[], char *const envp[],
                                     int death_signal, pid_t expected_parent) {
    int report[2];
    if (pipe2(report, O_CLOEXEC) != 0) return -errno;
    // All signals blocked across fork: no handler of the parent may run in the child.
    sigset_t all, previous;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &previous);
    pid_t pid = fork();
    if (pid == 0) {
        close(report[0]);
        // An ignored SIGINT/SIGTERM would survive exec (a caught one does not), and the death
        // signal would then be lost: whatever the parent does with them, the child starts at
        // the default action.
        struct sigaction fallback;
        fallback.sa_handler = SIG_DFL;
        fallback.sa_flags = 0;
        sigemptyset(&fallback.sa_mask);
        sigaction(SIGINT, &fallback, NULL);
        sigaction(SIGTERM, &fallback, NULL);
        sigaction(death_signal, &fallback, NULL);
        prctl(PR_SET_PDEATHSIG, death_signal);
        sigset_t none;
        sigemptyset(&none);
        // The parent may have died before prctl armed the signal: the kernel then sent none
        // and the child was already handed to another parent.
        if (getppid() != expected_parent) {
            sigprocmask(SIG_SETMASK, &none, NULL);
            raise(death_signal);
            _exit(128 + death_signal);
        }
        sigprocmask(SIG_SETMASK, &none, NULL);
        execve(path, argv, envp);
        int error = errno;
        ssize_t written = write(report[1], &error, sizeof error);
        (void)written;
        _exit(127);
    }
    int fork_error = errno;
    pthread_sigmask(SIG_SETMASK, &previous, NULL);
    close(report[1]);
    if (pid < 0) {
        close(report[0]);
        return -fork_error;
    }
    int exec_error = 0;
    ssize_t got;
    do {
        got = read(report[0], &exec_error, sizeof exec_error);
    } while (got < 0 && errno == EINTR);
    close(report[0]);
    if (got == (ssize_t)sizeof exec_error) {
        int status;
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
        return -exec_error;
    }
    return pid;
}
#endif

#ifdef __linux__
static sem_t termination_semaphore;
static volatile sig_atomic_t termination_signal_number;
static pthread_once_t termination_once = PTHREAD_ONCE_INIT;

// Only async-signal-safe work: sem_post is, and errno is kept for the interrupted code.
static void termination_handler(int signo) {
    int saved = errno;
    termination_signal_number = signo;
    sem_post(&termination_semaphore);
    errno = saved;
}

static void termination_setup(void) {
    sem_init(&termination_semaphore, 0, 0);
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = termination_handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGINT, &action, NULL);
    sigaction(SIGTERM, &action, NULL);
}

void cflaskish_catch_termination_signals(void) {
    pthread_once(&termination_once, termination_setup);
    // A program started from a thread that blocks them (Dispatch's workers block nearly every
    // signal, and posix_spawn passes the mask on) would never see them: unblocked here, the
    // calling thread takes them whenever every other thread still blocks them.
    sigset_t termination;
    sigemptyset(&termination);
    sigaddset(&termination, SIGINT);
    sigaddset(&termination, SIGTERM);
    pthread_sigmask(SIG_UNBLOCK, &termination, NULL);
}

int cflaskish_wait_for_termination_signal(void) {
    cflaskish_catch_termination_signals();
    while (sem_wait(&termination_semaphore) != 0 && errno == EINTR) {}
    return termination_signal_number;
}
#endif
