/*
 * uuid.h: UUIDs in their 16-byte and text forms.
 */

#ifndef LIBVIR_UUID_H
#define LIBVIR_UUID_H

#define VIR_UUID_BUFLEN 16
#define VIR_UUID_STRING_BUFLEN 37

/* Parses "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" (each hyphen optional,
 * none elsewhere, either case) into 16 bytes.  Returns -1 without
 * reporting: the caller knows whether a bad UUID is an XML or an
 * argument error. */
int virUUIDParse(const char *str, unsigned char *uuid);

/* Writes 16 bytes into @str (VIR_UUID_STRING_BUFLEN bytes), in lower
 * case with hyphens. */
void virUUIDFormat(const unsigned char *uuid, char *str);

/* Fills @uuid with a random version-4 UUID from /dev/urandom.  -1 with
 * VIR_ERR_SYSTEM_ERROR when it cannot be read. */
int virUUIDGenerate(unsigned char *uuid);

#endif /* LIBVIR_UUID_H */
