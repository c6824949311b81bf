/*
 * file.h: the one whole-file reader of the library.
 */

#ifndef LIBVIR_FILE_H
#define LIBVIR_FILE_H

#include <stddef.h>

/* Reads the regular file @path, to its end, into a new NUL-terminated
 * buffer (*@buf, caller frees; *@len bytes before the NUL).  Refuses at
 * once, without waiting for a writer, anything that is not a regular file
 * ("PATH: a FIFO, not a regular file"; a directory, a device, a socket
 * likewise), and a file longer than @maxlen bytes ("PATH: file is larger
 * than N bytes"), both with error code @code.  Failures to open, stat or
 * read are VIR_ERR_SYSTEM_ERROR ("cannot open 'PATH': No such file or
 * directory").  Errors are reported from @from, the caller's
 * VIR_FROM_THIS.  Returns 0, or -1 with the error reported and *@buf
 * untouched. */
int virFileReadAllFull(int from, const char *path, size_t maxlen, int code,
                       char **buf, size_t *len)
    __attribute__((warn_unused_result));

#define virFileReadAll(path, maxlen, code, buf, len) \
    virFileReadAllFull(VIR_FROM_THIS, path, maxlen, code, buf, len)

#endif /* LIBVIR_FILE_H */
