/*
 * devindex.c: device names -> row indexes (see devindex.h).
 */

#include <config.h>

#include <string.h>

#include "devindex.h"

/* The decimal number at *@p, without sign or leading zero (as Xen writes
 * them), advancing *@p past it; false when there is none or it exceeds
 * @max. */
static bool
xsDevDecimal(const char **p, unsigned long max, unsigned long *value)
{
    const char *s = *p;
    unsigned long v = 0;

    if (*s < '0' || *s > '9' || (s[0] == '0' && s[1] >= '0' && s[1] <= '9'))
        return false;
    for (; *s >= '0' && *s <= '9'; s++) {
        unsigned long d = (unsigned long)(*s - '0');

        if (v > (max - d) / 10)
            return false;
        v = v * 10 + d;
    }
    *p = s;
    *value = v;
    return true;
}

/* The disk number the letters at *@p spell ("a" is 0, "z" 25, "aa" 26:
 * bijective base 26), advancing *@p past them; false when there are none
 * or the number reaches 2^20. */
static bool
xsDevLetters(const char **p, unsigned long *disk)
{
    const char *s = *p;
    unsigned long v = 0;

    if (*s < 'a' || *s > 'z')
        return false;
    for (; *s >= 'a' && *s <= 'z'; s++) {
        v = v * 26 + (unsigned long)(*s - 'a') + 1;
        if (v > 1UL << 20)
            return false;
    }
    *p = s;
    *disk = v - 1;
    return true;
}

/* The number of xvd disk @disk, partition @part (also the dDpP form). */
static bool
xsDevXvd(unsigned long disk, unsigned long part, unsigned int *number)
{
    if (disk <= 15 && part <= 15)
        *number = (unsigned int)(202UL << 8 | disk << 4 | part);
    else if (disk < 1UL << 20 && part <= 255)
        *number = (unsigned int)(1UL << 28 | disk << 8 | part);
    else
        return false;
    return true;
}

bool
xsVbdNumber(const char *name, unsigned int *number)
{
    const char *p = name;
    unsigned long disk = 0;
    unsigned long part = 0;

    if (name == NULL)
        return false;
    if (*p >= '0' && *p <= '9') {
        if (!xsDevDecimal(&p, XS_DEV_INDEX_MAX, &disk) || *p != '\0')
            return false;
        *number = (unsigned int)disk;
        return true;
    }
    if (*p == 'd') {
        p++;
        if (!xsDevDecimal(&p, ~0UL, &disk))
            return false;
        if (*p == 'p' && (p++, !xsDevDecimal(&p, ~0UL, &part)))
            return false;
        return *p == '\0' && xsDevXvd(disk, part, number);
    }

    if (strncmp(p, "xvd", 3) == 0 || strncmp(p, "hd", 2) == 0 ||
        strncmp(p, "sd", 2) == 0) {
        const char *kind = p;

        p += kind[0] == 'x' ? 3 : 2;
        if (!xsDevLetters(&p, &disk))
            return false;
        if (*p != '\0' && !xsDevDecimal(&p, ~0UL, &part))
            return false;
        if (*p != '\0')
            return false;
        if (kind[0] == 'x')
            return xsDevXvd(disk, part, number);
        if (kind[0] == 's' && disk <= 15 && part <= 15) {
            *number = (unsigned int)(8UL << 8 | disk << 4 | part);
            return true;
        }
        if (kind[0] == 'h' && disk <= 3 && part <= 63) {
            *number = (unsigned int)((disk < 2 ? 3UL : 22UL) << 8 |
                                     (disk % 2) << 6 | part);
            return true;
        }
    }
    return false;
}

bool
xsVifNumber(const char *name, unsigned int *number)
{
    const char *p = name;
    unsigned long id;
    unsigned long devid;

    if (name == NULL || strncmp(p, "vif", 3) != 0)
        return false;
    p += 3;
    if (!xsDevDecimal(&p, ~0UL, &id) || *p++ != '.' ||
        !xsDevDecimal(&p, XS_DEV_INDEX_MAX, &devid) || *p != '\0')
        return false;
    *number = (unsigned int)devid;
    return true;
}
