// Linux-only headers that Swift's Glibc module does not export (epoll, eventfd) for
// SchoolIDNet's reactor, and GNU extensions for SchoolIDBase's ChildProcess. No library
// to link: these are libc symbols.
#ifndef CSCHOOLID_LINUX_SHIM_H
#define CSCHOOLID_LINUX_SHIM_H

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <spawn.h>

// accept4 is declared by <sys/socket.h> only under _GNU_SOURCE, which the Glibc
// module is built without; this is its glibc prototype.
int accept4(int sockfd, struct sockaddr *addr, socklen_t *addrlen, int flags);

// Likewise pipe2 (glibc 2.9) and posix_spawn_file_actions_addchdir_np (glibc 2.29).
int pipe2(int pipefd[2], int flags);
int posix_spawn_file_actions_addchdir_np(posix_spawn_file_actions_t *actions, const char *path);

#endif
