/*
 * mac.h: MAC addresses in their 6-byte and text forms.
 */

#ifndef LIBVIR_MAC_H
#define LIBVIR_MAC_H

#define VIR_MAC_BUFLEN 6
#define VIR_MAC_STRING_BUFLEN 18

/* Parses exactly "xx:xx:xx:xx:xx:xx", hex digits in either case.  -1
 * without reporting (the caller knows where the address was). */
int virMacParse(const char *str, unsigned char *mac);

/* Writes "xx:xx:xx:xx:xx:xx" in lower case into @str
 * (VIR_MAC_STRING_BUFLEN bytes). */
void virMacFormat(const unsigned char *mac, char *str);

/* A random address in Xen's OUI 00:16:3e, with the high bit of the
 * fourth byte clear as Xen's own tools do.  -1 with VIR_ERR_SYSTEM_ERROR
 * when no random bytes can be read. */
int virMacGenerateXen(unsigned char *mac);

#endif /* LIBVIR_MAC_H */
