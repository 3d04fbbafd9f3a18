/* bitext tests — an LD_PRELOAD shim that makes the N-th write fail (tests/cli/faults.sh).
 *
 * FAULT_WRITE_AT=N: the N-th write(2) or writev(2) of the process to any file descriptor
 * but 2 (stderr, where the error message goes) fails with FAULT_ERRNO (default ENOSPC).
 * Every later write fails too, as on a full disk. FAULT_WRITE_AT unset: no fault.
 * At exit the number of writes seen is written to FAULT_COUNT_FILE when it is set,
 * so that a test can try every N from 1 to that number.
 *
 * FAULT_NO_TMPFILE set: open(2) with O_TMPFILE fails with EOPNOTSUPP, as on a file system
 * without unnamed files, so that the writers' fallback (a named temporary file) is tested.
 *
 * glibc's stdio calls its internal write, which no preload can wrap: so streams opened
 * for writing (fopen, fdopen) and stdout become fopencookie streams over the same
 * descriptor whose writes go through write() below; fileno() still gives the descriptor.
 */
/* Both open and open64 are wrapped: no redirection of one to the other here. */
#undef _FILE_OFFSET_BITS
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

#define MAX_STREAMS 64

static long n_writes;

static int
should_fail (int fd)
{
  if (fd == 2)
    return 0;
  n_writes++;
  const char *at = getenv ("FAULT_WRITE_AT");
  if (at == NULL || n_writes < atol (at))
    return 0;
  const char *e = getenv ("FAULT_ERRNO");
  errno = e != NULL ? atoi (e) : ENOSPC;
  return 1;
}

ssize_t
write (int fd, const void *buf, size_t count)
{
  static ssize_t (*real) (int, const void *, size_t);
  if (real == NULL)
    real = (ssize_t (*) (int, const void *, size_t)) dlsym (RTLD_NEXT, "write");
  if (should_fail (fd))
    return -1;
  return real (fd, buf, count);
}

ssize_t
writev (int fd, const struct iovec *iov, int n)
{
  static ssize_t (*real) (int, const struct iovec *, int);
  if (real == NULL)
    real = (ssize_t (*) (int, const struct iovec *, int)) dlsym (RTLD_NEXT, "writev");
  if (should_fail (fd))
    return -1;
  return real (fd, iov, n);
}

static int
open_via (const char *name, const char *path, int flags, va_list ap)
{
  int mode = (flags & O_CREAT) != 0 || (flags & O_TMPFILE) == O_TMPFILE ? va_arg (ap, int) : 0;
  if ((flags & O_TMPFILE) == O_TMPFILE && getenv ("FAULT_NO_TMPFILE") != NULL)
    {
      errno = EOPNOTSUPP;
      return -1;
    }
  int (*real) (const char *, int, ...) = (int (*) (const char *, int, ...)) dlsym (RTLD_NEXT, name);
  return real (path, flags, mode);
}

int
open (const char *path, int flags, ...)
{
  va_list ap;
  va_start (ap, flags);
  int fd = open_via ("open", path, flags, ap);
  va_end (ap);
  return fd;
}

/* The same function under the name a _FILE_OFFSET_BITS=64 build calls (libc has both). */
int open64 (const char *path, int flags, ...) __attribute__ ((alias ("open")));

__attribute__ ((destructor)) static void
report_count (void)
{
  const char *path = getenv ("FAULT_COUNT_FILE");
  if (path == NULL)
    return;
  static ssize_t (*real) (int, const void *, size_t);
  real = (ssize_t (*) (int, const void *, size_t)) dlsym (RTLD_NEXT, "write");
  int fd = open (path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0)
    return;
  char line[32];
  int len = snprintf (line, sizeof line, "%ld\n", n_writes);
  real (fd, line, (size_t) len);
  close (fd);
}

/* Streams made here and their descriptors, for fileno(). */
static struct
{
  FILE *stream;
  int fd;
} streams[MAX_STREAMS];

static ssize_t
cookie_write (void *cookie, const char *buf, size_t size)
{
  int fd = (int) (long) cookie;
  size_t done = 0;
  while (done < size)
    {
      ssize_t n = write (fd, buf + done, size - done);
      if (n < 0)
        return done > 0 ? (ssize_t) done : -1;
      done += (size_t) n;
    }
  return (ssize_t) done;
}

static int
cookie_close (void *cookie)
{
  int fd = (int) (long) cookie;
  for (int i = 0; i < MAX_STREAMS; i++)
    if (streams[i].stream != NULL && streams[i].fd == fd)
      streams[i].stream = NULL;
  return fd > 2 ? close (fd) : 0;
}

static FILE *
cookie_stream (int fd)
{
  cookie_io_functions_t io = { .write = cookie_write, .close = cookie_close };
  FILE *f = fopencookie ((void *) (long) fd, "w", io);
  for (int i = 0; f != NULL && i < MAX_STREAMS; i++)
    if (streams[i].stream == NULL)
      {
        streams[i].stream = f;
        streams[i].fd = fd;
        break;
      }
  return f;
}

FILE *
fdopen (int fd, const char *mode)
{
  static FILE *(*real) (int, const char *);
  if (real == NULL)
    real = (FILE * (*) (int, const char *)) dlsym (RTLD_NEXT, "fdopen");
  if (strchr (mode, 'w') != NULL || strchr (mode, 'a') != NULL)
    return cookie_stream (fd);
  return real (fd, mode);
}

FILE *
fopen (const char *path, const char *mode)
{
  static FILE *(*real) (const char *, const char *);
  if (real == NULL)
    real = (FILE * (*) (const char *, const char *)) dlsym (RTLD_NEXT, "fopen");
  if (strchr (mode, 'w') == NULL)
    return real (path, mode);
  int fd = open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  return fd < 0 ? NULL : cookie_stream (fd);
}

int
fileno (FILE *stream)
{
  static int (*real) (FILE *);
  if (real == NULL)
    real = (int (*) (FILE *)) dlsym (RTLD_NEXT, "fileno");
  for (int i = 0; i < MAX_STREAMS; i++)
    if (streams[i].stream == stream)
      return streams[i].fd;
  return real (stream);
}

__attribute__ ((constructor)) static void
wrap_stdout (void)
{
  FILE *f = cookie_stream (1);
  if (f != NULL)
    stdout = f;
}
